/**
 * The flat storage of the classic model (`src/core/classic/buckets.ts`, `lanes.ts`, `bulk.ts`):
 * integers as exact 64-bit words, a lane that turns into values when a value does not fit, pages
 * written only where a huge map is used, hashes kept for evacuation, and bulk inserts that can be
 * cancelled with the map left as it was. The algorithm itself is tested in `classic.test.ts` and
 * against the real runtime in `test/oracle`; `checkInvariants()` runs after the operations here.
 */
import * as assert from 'assert';
import { DefaultHasher, Hasher, KeyValue } from '../../src/core/classic/hash';
import { HMap, seededRandomness } from '../../src/core/classic/hmap';
import { IntCodec, laneKindOf } from '../../src/core/classic/lanes';
import { SeededFastRand } from '../../src/core/classic/rand';
import { runInSlices } from '../../src/core/classic/bulk';
import { snapshotOf } from '../../src/core/classic/trace';
import { MapTypeInfo } from '../../src/core/maptype';

// map[int64]int64 on amd64: 8 + 8*8 + 8*8 + 8 = 144-byte buckets, no pointers.
const int64map: MapTypeInfo = {
  key: 'int64', elem: 'int64', goarch: 'amd64', ptrSize: 8, keysize: 8, elemsize: 8, bucketsize: 144,
  indirectkey: false, indirectelem: false, bucketPtrdata: 0, reflexivekey: true, needkeyupdate: false,
};
const uint64map: MapTypeInfo = { ...int64map, key: 'uint64', elem: 'uint64' };
// map[float64]int64: same layout, but NaN != NaN and +0/-0 make it non-reflexive and needkeyupdate.
const float64map: MapTypeInfo = { ...int64map, key: 'float64', reflexivekey: false, needkeyupdate: true };

/** A default hasher that counts its calls. */
class CountingHasher implements Hasher {
  readonly description = 'counting';
  calls = 0;
  private readonly inner: DefaultHasher;
  constructor(rand: SeededFastRand) {
    this.inner = new DefaultHasher(rand);
  }
  hash(key: KeyValue, seed: number): number {
    this.calls++;
    return this.inner.hash(key, seed);
  }
}

function newMap(t: MapTypeInfo, hint = 0, seed = 7): HMap {
  const rand = new SeededFastRand(seed);
  return new HMap(t, hint, { hasher: new DefaultHasher(rand), random: seededRandomness(rand) });
}

function allKeys(h: HMap): KeyValue[] {
  const out: KeyValue[] = [];
  const it = h.iterate();
  for (let kv = it.next(); kv; kv = it.next()) out.push(kv.key);
  return out;
}

describe('classic storage: integer words (lanes.ts)', () => {
  it('encodes two\'s complement words and decodes the value form exactly, numbers up to 2^53 and decimals beyond', () => {
    const s = new IntCodec(true);
    const u = new IntCodec(false);
    const words = (c: IntCodec, v: unknown) => (c.encode(v) ? [c.lo, c.hi] : undefined);
    // -1 is all ones; 2^32 is (0, 1); -2^53 is high word -2^21.
    assert.deepStrictEqual(words(s, -1), [-1, -1]);
    assert.deepStrictEqual(words(s, 2 ** 32), [0, 1]);
    assert.deepStrictEqual(words(s, -(2 ** 53)), [0, -(2 ** 21)]);
    // int64 min is high word 0x80000000; uint64 max is all ones.
    assert.deepStrictEqual(words(s, '-9223372036854775808'), [0, -(2 ** 31)]);
    assert.deepStrictEqual(words(u, '18446744073709551615'), [-1, -1]);
    // 2^53 is a number in value form, 2^53 + 1 a decimal string.
    assert.strictEqual(s.decode(0, 2 ** 21), 2 ** 53);
    assert.strictEqual(s.decode(1, 2 ** 21), '9007199254740993');
    assert.strictEqual(s.decode(0, -(2 ** 31)), '-9223372036854775808');
    assert.strictEqual(s.decode(-1, -1), -1);
    assert.strictEqual(u.decode(-1, -1), '18446744073709551615');
    for (const v of [0, 1, -1, 2 ** 53, -(2 ** 53), 4294967295, '9007199254740993', '-9223372036854775808', '9223372036854775807']) {
      assert.ok(s.encode(v), `encode ${v}`);
      assert.strictEqual(s.decode(s.lo, s.hi), v);
    }
  });

  it('refuses what it could not give back as it came: floats, -0, non-canonical decimals, out of range, negatives for unsigned', () => {
    const s = new IntCodec(true);
    const u = new IntCodec(false);
    for (const v of [1.5, -0, NaN, 2 ** 53 + 2, '5', '007', '+9007199254740993', '9223372036854775808', 5n, null, 'x']) {
      assert.strictEqual(s.encode(v), false, `signed ${String(v)}`);
    }
    assert.strictEqual(u.encode(-1), false);
    assert.strictEqual(u.encode('18446744073709551616'), false);
  });

  it('stores integer types in word lanes and everything else as values', () => {
    assert.deepStrictEqual(['int8', 'int64', 'int', 'uint', 'uintptr', 'uint64', 'string', 'float64', '[2]int64', 'main.ID'].map((t) => laneKindOf(t, false)),
      ['signed', 'signed', 'signed', 'unsigned', 'unsigned', 'unsigned', 'value', 'value', 'value', 'value']);
    assert.strictEqual(laneKindOf('int64', true), 'value');
  });
});

describe('classic storage: a map in word lanes', () => {
  it('keeps int64 and uint64 keys beyond 2^53 exactly, as their decimal strings', () => {
    const h = newMap(int64map);
    const keys = ['9007199254740993', '-9223372036854775808', '9223372036854775807', 2 ** 53, -5];
    keys.forEach((k, i) => h.assign(k, i));
    h.checkInvariants();
    assert.notStrictEqual(h.buckets!.keyCodec, null, 'the keys stay in a word lane');
    keys.forEach((k, i) => assert.deepStrictEqual(h.lookup(k).elem, i));
    assert.deepStrictEqual(allKeys(h).sort(), [...keys].sort());
    const u = newMap(uint64map);
    u.assign('18446744073709551615', '18446744073709551614');
    assert.deepStrictEqual(u.lookup('18446744073709551615').elem, '18446744073709551614');
  });

  it('turns a lane into values when a value does not fit, and every entry stays where it was', () => {
    const h = newMap(int64map, 100);
    for (let k = 0; k < 110; k++) h.assign(k, k * 2); // B = 4 holds 104: the 105th key grows it to B = 5, 16 old buckets to move two at a time
    assert.strictEqual(h.growing(), true);
    h.assign(1, 'two'); // an elem that is not an int64: the elem lane becomes values
    h.assign(0.5, 1); // a key that is not an int64: the key lane too
    assert.strictEqual(h.buckets!.keyCodec, null);
    assert.strictEqual(h.oldbuckets?.elemCodec ?? null, null);
    h.checkInvariants();
    assert.deepStrictEqual([h.lookup(1).elem, h.lookup(0.5).elem, h.lookup(109).elem, h.count], ['two', 1, 218, 111]);
    assert.strictEqual(new Set(allKeys(h)).size, 111);
  });

  it('makes a B = 30 map (hint 2^32) and writes one page for one key', () => {
    const base = process.memoryUsage().arrayBuffers;
    const h = newMap(int64map, 2 ** 32);
    assert.strictEqual(h.B, 30);
    h.assign(42, 1);
    h.checkInvariants();
    assert.strictEqual(h.buckets!.pages.filter((p) => p !== undefined).length, 1);
    // The one page: 2^15 bmaps of 12 + 8*20 bytes, about 5.6 MB; 2^30 bmaps would be 185 GB.
    assert.ok(process.memoryUsage().arrayBuffers - base < 16 * 2 ** 20);
    assert.deepStrictEqual([h.lookup(42).elem, h.lookup(43).found, h.delete(42), h.count], [1, false, true, 0]);
  });

  it('ranges over a huge map by skipping pages never written, in the runtime\'s order', () => {
    const h = newMap(int64map, 2 ** 20); // B = 18: 13 * 2^17 >= 2^20 > 13 * 2^16
    const keys = Array.from({ length: 20 }, (_, i) => i * 7919);
    for (const k of keys) h.assign(k, k);
    const it = h.iterate();
    const got: KeyValue[] = [];
    for (let kv = it.next(); kv; kv = it.next()) got.push(kv.key);
    // mapiternext visits buckets from startBucket upwards, wrapping at 2^B; with one key per bucket
    // the keys come in that order of their buckets.
    const n = 2 ** h.B;
    const bucketOf = (k: number) => (h.hashOf(k) >>> 0) % n;
    assert.strictEqual(new Set(keys.map(bucketOf)).size, keys.length, 'one key per bucket');
    const expected = [...keys].sort((a, b) => ((bucketOf(a) - it.startBucket + n) % n) - ((bucketOf(b) - it.startBucket + n) % n));
    assert.deepStrictEqual(got, expected);
    const huge = newMap(int64map, 2 ** 32); // B = 30: 2^30 buckets, 2 pages written
    huge.assign(1, 1);
    huge.assign(2 ** 40, 2);
    const t0 = Date.now();
    const hugeKeys = allKeys(huge);
    assert.deepStrictEqual([...hugeKeys].sort(), [1, 2 ** 40]);
    assert.ok(Date.now() - t0 < 2000, 'a range over 2^30 mostly unwritten buckets takes pages, not buckets');
  });

  it('evacuates int64 keys without hashing them again, and float64 keys by hashing them again as the runtime does', () => {
    const rand = new SeededFastRand(3);
    const hs = new CountingHasher(rand);
    const ints = new HMap(int64map, 0, { hasher: hs, random: seededRandomness(rand) });
    for (let k = 0; k < 1000; k++) ints.assign(k, k);
    ints.finishGrowth();
    ints.checkInvariants();
    // 1000 keys: B = 8 (6.5 * 2^7 = 832 < 1000 <= 6.5 * 2^8), after 8 doublings that moved entries.
    assert.strictEqual(ints.B, 8);
    assert.strictEqual(hs.calls - ints.count, 1000, 'one hash per insert and one per key checked, none when entries move');
    const rand2 = new SeededFastRand(3);
    const hf = new CountingHasher(rand2);
    const floats = new HMap(float64map, 0, { hasher: hf, random: seededRandomness(rand2) });
    for (let k = 0; k < 1000; k++) floats.assign(k + 0.25, k);
    floats.finishGrowth();
    // Each doubling moves every entry there was: 9 + 14 + 27 + ... + 833 > 1000 more calls.
    assert.ok(hf.calls > 2000, `float64 keys are hashed again when moved (${hf.calls} calls)`);
  });
});

describe('classic storage: bulk inserts in slices (bulk.ts)', () => {
  const fill = (h: HMap, from: number) => (i: number) => (h.assign(from + i, i), true);

  it('runs every operation, reporting progress after each slice', async () => {
    const h = newMap(int64map);
    const progress: number[] = [];
    const r = await runInSlices(h, 2500, fill(h, 0), { sliceSize: 1000, progress: (d) => progress.push(d) });
    assert.deepStrictEqual([r, progress, h.count], [{ done: 2500, cancelled: false }, [1000, 2000, 2500], 2500]);
    h.checkInvariants();
  });

  it('stops when cancelled and leaves the map exactly as it was, growth and hash seed included', async () => {
    const h = newMap(int64map);
    for (let k = 0; k < 700; k++) h.assign(k, k);
    for (let k = 0; k < 100; k++) h.delete(k * 3);
    const before = JSON.stringify(snapshotOf(h, 'x'));
    let slices = 0;
    const r = await runInSlices(h, 50_000, fill(h, 1000), { sliceSize: 2000, cancelled: () => slices++ === 3 });
    assert.deepStrictEqual(r, { done: 0, cancelled: true });
    assert.strictEqual(JSON.stringify(snapshotOf(h, 'x')), before);
    h.checkInvariants();
    // The restored map works on: the same inserts again give the same map as without the detour.
    const twin = newMap(int64map);
    for (let k = 0; k < 700; k++) twin.assign(k, k);
    for (let k = 0; k < 100; k++) twin.delete(k * 3);
    h.assign(5000, 1);
    twin.assign(5000, 1);
    assert.strictEqual(JSON.stringify(snapshotOf(h, 'x')), JSON.stringify(snapshotOf(twin, 'x')));
  });

  it('restores the map when an operation throws, and rethrows', async () => {
    const h = newMap(int64map);
    h.assign(1, 1);
    const before = JSON.stringify(snapshotOf(h, 'x'));
    await assert.rejects(runInSlices(h, 100, (i) => {
      if (i === 50) throw new Error('boom');
      h.assign(i + 10, i);
      return true;
    }), /boom/);
    assert.strictEqual(JSON.stringify(snapshotOf(h, 'x')), before);
  });
});
