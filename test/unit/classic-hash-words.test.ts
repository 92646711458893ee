import * as assert from 'assert';
import { DefaultHasher, hashWords64, packHash } from '../../src/core/classic/hash';
import { HMap, seededRandomness } from '../../src/core/classic/hmap';
import { SeededFastRand } from '../../src/core/classic/rand';
import { mapTypeOf } from '../../src/core/types';

/** MurmurHash3 x86_32 over little-endian bytes, as its reference C code reads them (4-byte blocks, no tail here). */
function murmur3Bytes(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= bytes.length;
  // fmix32: xor-shift by 16, multiply, by 13, multiply, by 16.
  for (const [shift, mul] of [[16, 0x85ebca6b], [13, 0xc2b2ae35], [16, 1]]) h = Math.imul(h ^ (h >>> shift), mul);
  return h >>> 0;
}

/** The default hash of an integer key, from its 64-bit two's complement bytes (the header of classic/hash.ts). */
function reference(x: bigint, seed: number): number {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt.asUintN(64, x), true);
  return packHash(murmur3Bytes(bytes, seed ^ 0x9e3779b9), murmur3Bytes(bytes, seed));
}

const ints = [0, 1, -1, 7, 255, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 32 - 1, 2 ** 32, -(2 ** 32) - 5, 123456789012345, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];

describe('classic hash: integer keys by their words', () => {
  it('hashWords64 and DefaultHasher give MurmurHash3 of the 8 little-endian bytes, both halves', () => {
    const hasher = new DefaultHasher(new SeededFastRand(1));
    for (const seed of [0, 1, 0xdeadbeef, 0x9e3779b9]) {
      for (const x of ints) {
        const want = reference(BigInt(x), seed);
        assert.strictEqual(hasher.hash(x, seed), want, `DefaultHasher ${x} seed ${seed}`);
        const lo = Number(BigInt.asUintN(32, BigInt(x)));
        const hi = Number(BigInt.asUintN(32, BigInt(x) >> 32n));
        assert.strictEqual(hashWords64(lo, hi, seed), want, `hashWords64 ${x} seed ${seed}`);
      }
    }
  });

  it('mapassign hashes ±2^53 as the hasher does (floats), so lookups find them', () => {
    const rand = new SeededFastRand(3);
    const int64 = { kind: 'basic', name: 'int64' } as const;
    // 2^16 buckets: a key hashed two ways would almost surely look in the wrong bucket.
    const h = new HMap(mapTypeOf(int64, int64, 'amd64'), 13 * 2 ** 15, { hasher: new DefaultHasher(rand), random: seededRandomness(rand) });
    const keys = [2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, 5];
    keys.forEach((k, i) => h.assign(k, i));
    keys.forEach((k, i) => assert.deepStrictEqual([h.lookup(k).found, h.lookup(k).elem], [true, i], `key ${k}`));
    h.checkInvariants();
  });
});
