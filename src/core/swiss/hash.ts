/**
 * Hashes and seeds of the Swiss-table model, pluggable as in `classic/hash.ts`.
 *
 * The runtime hashes a key with `typ.Hasher(key, m.seed)` into a `uintptr`: 64 bits on amd64 and
 * arm64, 32 bits on 386 and arm (`Use64BitHash`). A Swiss map reads two ends of it:
 * - the low bits: `h2 = hash & 0x7f` (the control byte of a full slot) and `h1 = hash >> 7`,
 *   whose low bits pick the home group (a table has at most 1024/8 = 128 groups, so bits 7..13);
 * - the top bits: `hash >> globalShift` picks the directory entry, and bit `width - localDepth`
 *   sends a key left or right when its table splits.
 * So the model carries a hash as one JS number, `top32 * 2^21 + (hash & (2^21 - 1))` (53 bits,
 * exact in a double), where `top32` is the high word of a 64-bit hash, or the whole hash on a
 * 32-bit platform. Directory depths above 32 (more than 4 billion tables) are out of reach.
 *
 * Seeds (`Map.seed`, a `uintptr` from the runtime's `rand()`) are `SwissSeed`s: the exact value
 * and its hex text as the oracle writes it (`0x` and 16 hex digits, 8 on 32-bit targets).
 */
import { KeyValue, fmix32, hashHalves, hashWords64Halves, keyText, two32 } from '../classic/hash';
import { FastRand } from '../classic/rand';
import { WordSink, writeKeyWords } from '../go/equal';

/** 2^21: the low bits of a hash the packed form keeps. */
export const lowBits = 2097152;

/** A hash in the packed form: `top32 * lowBits + low21`. */
export type PackedHash = number;

export function packSwissHash(top32: number, lo32: number): PackedHash {
  return (top32 >>> 0) * lowBits + ((lo32 >>> 0) & (lowBits - 1));
}

// A packed hash is a non-negative integer below 2^53: its low 32 bits, where h1 and h2 come from,
// are what JS's bitwise operators read of it (ToInt32 is exact modulo 2^32), with no float `%`.

/** The low 21 bits (h2 and the home group). */
export function hashLow(h: PackedHash): number {
  return h & (lowBits - 1);
}

/** The top word: the high 32 bits of a 64-bit hash, the whole hash on a 32-bit platform. */
export function hashTop(h: PackedHash): number {
  return Math.floor(h / lowBits);
}

/** `h2`: the 7 bits stored in the control byte of a full slot. */
export function h2(h: PackedHash): number {
  return h & 0x7f;
}

/** The low bits of `h1 = hash >> 7`, enough to pick a group in any table. */
export function h1(h: PackedHash): number {
  return (h & (lowBits - 1)) >>> 7;
}

export interface SwissSeed {
  readonly value: bigint;
  /** `0x%016x` (`0x%08x` when the platform's hash is 32 bits). */
  readonly hex: string;
  /** The low and high words, for hashers that want numbers. */
  readonly lo: number;
  readonly hi: number;
}

export function makeSeed(value: bigint, bits: 32 | 64): SwissSeed {
  const v = BigInt.asUintN(bits, value);
  return {
    value: v,
    hex: '0x' + v.toString(16).padStart(bits / 4, '0'),
    lo: Number(v & 0xffffffffn),
    hi: Number(v >> 32n),
  };
}

export function parseSeed(hex: string, bits: 32 | 64): SwissSeed {
  if (!/^0x[0-9a-fA-F]{1,16}$/.test(hex)) throw new Error(`bad seed "${hex}"`);
  return makeSeed(BigInt(hex), bits);
}

export interface SwissHasher {
  /** Shown in the UI and the CLI, so users know which hash they are looking at. */
  readonly description: string;
  /** The hash of `key` under `seed`, packed (see the header). */
  hash(key: KeyValue, seed: SwissSeed): PackedHash;
}

const c1 = 0xcc9e2d51;
const c2 = 0x1b873593;
const f64 = new Float64Array(1);
const f64words = new Uint32Array(f64.buffer);


/**
 * Our own seeded hash when the runtime's is not given: MurmurHash3 x86_32's block mixing run over
 * the key's 32-bit words in two lanes at once, one seeded with the seed's low word (the hash's low
 * word) and one with its high word (the hash's high word). A key's words: an integer's 64-bit
 * two's complement (low word first); another number's float64 bits (-0 as +0; NaN hashes at random,
 * as the runtime does, so every NaN is a new key); a string's UTF-16 code units, two per word;
 * anything else (structs, arrays, interfaces), the words of the shared `go/equal.ts` `writeKeyWords`,
 * which agree with Go's `==` (NaN anywhere, -0, dynamic types). Placement differs from a real process (whose AES key is random per
 * process); every rule applied to the hash is the runtime's.
 */
export class DefaultSwissHasher implements SwissHasher, WordSink {
  readonly description = 'simulated hash (MurmurHash3 mixing, seeded by Map.seed): not the runtime\'s AES hash';
  private lo = 0;
  private hi = 0;

  constructor(private readonly rand: FastRand, private readonly bits: 32 | 64) {}

  private begin(seed: SwissSeed): void {
    this.lo = seed.lo | 0;
    this.hi = (seed.hi ^ 0x9e3779b9) | 0;
  }

  /** Mixes one 32-bit word of the key into both lanes (`WordSink`). */
  word(w: number): void {
    let k = Math.imul(w, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    let a = this.lo ^ k;
    a = (a << 13) | (a >>> 19);
    this.lo = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let b = this.hi ^ k;
    b = (b << 13) | (b >>> 19);
    this.hi = (Math.imul(b, 5) + 0xe6546b64) | 0;
  }

  private end(byteLen: number): PackedHash {
    const lo = fmix32(this.lo ^ byteLen);
    if (this.bits === 32) return packSwissHash(lo, lo);
    return packSwissHash(fmix32(this.hi ^ byteLen), lo);
  }

  /**
   * Small enough for the JIT to inline into `SwissMap.assign`, so that an integer key's hash (a
   * double above 2^31) is not returned as a fresh heap number; other keys go through `hashWords`.
   */
  hash(key: KeyValue, seed: SwissSeed): PackedHash {
    if (typeof key === 'number' && Number.isInteger(key) && Math.abs(key) <= Number.MAX_SAFE_INTEGER) {
      // word(lo), word(hi), end(8), in classic's flat function: the same steps in both lanes.
      hashWords64Halves(key >>> 0, Math.floor(key / two32) >>> 0, seed.lo, seed.hi);
      const lo = hashHalves[0];
      return packSwissHash(this.bits === 32 ? lo : hashHalves[1], lo);
    }
    return this.hashWords(key, seed);
  }

  private hashWords(key: KeyValue, seed: SwissSeed): PackedHash {
    this.begin(seed);
    if (typeof key === 'number') {
      if (Number.isNaN(key)) {
        this.word(this.rand.next());
        this.word(this.rand.next());
      } else {
        f64[0] = key === 0 ? 0 : key;
        this.word(f64words[0]);
        this.word(f64words[1]);
      }
      return this.end(8);
    }
    if (typeof key === 'boolean') {
      this.word(key ? 1 : 0);
      return this.end(1);
    }
    if (typeof key !== 'string') return this.end(writeKeyWords(key, this, () => this.rand.next()));
    const s = key;
    const n = s.length;
    let i = 0;
    for (; i + 1 < n; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < n) this.word(s.charCodeAt(i));
    return this.end(n * 2);
  }
}

/**
 * The runtime's own hashes, from an oracle dump: `hashes[seedHex][keyText] = "0x<hex>"`. Asking
 * for a key or seed the table lacks is an error naming both, never a made-up hash.
 */
export class TableSwissHasher implements SwissHasher {
  readonly description = 'the runtime\'s own hashes, from an oracle dump';
  private readonly bySeed = new Map<bigint, Map<string, PackedHash>>();

  constructor(hashes: Record<string, Record<string, string>>, bits: 32 | 64) {
    for (const [seedHex, table] of Object.entries(hashes)) {
      const m = new Map<string, PackedHash>();
      for (const [k, h] of Object.entries(table)) m.set(keyText(JSON.parse(k)), parseHash(h, bits));
      this.bySeed.set(parseSeed(seedHex, 64).value, m);
    }
  }

  hash(key: KeyValue, seed: SwissSeed): PackedHash {
    const table = this.bySeed.get(seed.value);
    if (!table) throw new Error(`no hashes for seed ${seed.hex} in the table`);
    const text = keyText(key);
    const h = table.get(text);
    if (h === undefined) throw new Error(`no hash for key ${text} under seed ${seed.hex}`);
    return h;
  }
}

/** Parses a hash written as hex (`0x%016x`, or `0x%08x` on 32-bit targets) into the packed form. */
export function parseHash(hex: string, bits: 32 | 64): PackedHash {
  const v = parseSeed(hex, bits);
  if (bits === 32) return packSwissHash(v.lo, v.lo);
  return packSwissHash(v.hi, v.lo);
}
