/**
 * Key hashing, pluggable.
 *
 * The runtime hashes a key with `t.hasher(key, h.hash0)` (AES-based on amd64 with a per-process
 * random key schedule, so it cannot be recomputed outside the process). The model asks a `Hasher`:
 * - `DefaultHasher`: our own seeded 64-bit hash (documented below), used when no table is given;
 * - `TableHasher`: the runtime's real hashes, taken from an oracle dump (`seeds` and `hashes`).
 *
 * A hash is a 64-bit value. The model needs only its low 32 bits (bucket index and the X/Y bit,
 * B <= 30) and its top byte (`tophash`), so hashes are passed around as one JS number
 * `top8 * 2^32 + lo32` (40 bits, exact in a double). On 32-bit platforms the runtime's hash is a
 * 32-bit `uintptr` and `tophash` takes bits 24..31 of `lo32`.
 */
import { FastRand } from './rand';
import { writeKeyWords } from '../go/equal';

/** A key as the model stores it: the model's value form of the Go value (`../go/value.ts`). */
export type KeyValue = unknown;

export const two32 = 4294967296;

export interface Hasher {
  /** Shown in the UI and the CLI, so users know which hash they are looking at. */
  readonly description: string;
  /** The 64-bit hash of `key` under `seed`, as `top8 * 2^32 + lo32`. */
  hash(key: KeyValue, seed: number): number;
}

/** Joins the top byte of the high word and the low word into the model's hash number. */
export function packHash(hi32: number, lo32: number): number {
  return (hi32 >>> 24) * two32 + (lo32 >>> 0);
}

/** Parses a 64-bit hash written as hex (`0x8f1c...`) into the model's hash number. */
export function packHexHash(hex: string): number {
  const digits = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  const padded = digits.padStart(16, '0');
  if (!/^[0-9a-fA-F]{16}$/.test(padded)) throw new Error(`bad hash "${hex}"`);
  return packHash(parseInt(padded.slice(0, 8), 16), parseInt(padded.slice(8), 16));
}

const c1 = 0xcc9e2d51;
const c2 = 0x1b873593;

/** MurmurHash3's block step: mixes word w into h. */
function mixWord(h: number, w: number): number {
  let k = Math.imul(w | 0, c1);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, c2);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finalization: the length, then `fmix32`. */
function finish(h: number, byteLen: number): number {
  return fmix32(h ^ byteLen);
}

/** MurmurHash3 x86_32 over 32-bit words. */
function murmur3Words(words: ArrayLike<number>, n: number, byteLen: number, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < n; i++) h = mixWord(h, words[i]);
  return finish(h, byteLen);
}

/** MurmurHash3's `fmix32` finalizer (the Swiss model's hash uses it too). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Where `hashWords64Halves` leaves its result: the hash's low 32 bits at 0, its high 32 bits at 1.
 * A typed array rather than a returned number: a hash of more than 31 bits returned by a call the
 * JIT does not inline is a fresh heap number (16 bytes of garbage an insert), and the call is too
 * big to inline into `mapassign`.
 */
export const hashHalves = new Int32Array(2);

/**
 * The model's hash of an 8-byte key with words lo, hi (low word first): `murmur3Words` over the two
 * words seeded with `seed` (the low half) and with `seedHi ^ 0x9e3779b9` (the high half; `seedHi`
 * is `seed` for the classic map, the seed's high word for the Swiss map), left in `hashHalves`.
 * Written out in one function, both lanes sharing each word's mixing, for `mapassign`'s and
 * `evacuate`'s integer keys (and the Swiss `DefaultSwissHasher`'s): a chain of small calls costs
 * a fresh process more than the arithmetic (the JIT has to warm each one up).
 */
export function hashWords64Halves(lo: number, hi: number, seed: number, seedHi: number = seed): void {
  let k1 = Math.imul(lo | 0, c1);
  k1 = Math.imul((k1 << 15) | (k1 >>> 17), c2);
  let k2 = Math.imul(hi | 0, c1);
  k2 = Math.imul((k2 << 15) | (k2 >>> 17), c2);
  let a = (seed | 0) ^ k1;
  let b = (seedHi ^ 0x9e3779b9) ^ k1;
  a = (Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64) ^ k2;
  b = (Math.imul((b << 13) | (b >>> 19), 5) + 0xe6546b64) ^ k2;
  a = (Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64) ^ 8;
  b = (Math.imul((b << 13) | (b >>> 19), 5) + 0xe6546b64) ^ 8;
  hashHalves[0] = fmix32(a);
  hashHalves[1] = fmix32(b);
}

/** `hashWords64Halves` packed into the model's hash number. */
export function hashWords64(lo: number, hi: number, seed: number): number {
  hashWords64Halves(lo, hi, seed);
  return packHash(hashHalves[1], hashHalves[0]);
}

const f64 = new Float64Array(1);
const f64words = new Uint32Array(f64.buffer);

/**
 * Our default hash: MurmurHash3 x86_32 run twice over the key's words, with seeds `hash0` and
 * `hash0 ^ 0x9e3779b9`, giving the low and the high 32 bits. A key's words are: for integers, the
 * two's-complement 64-bit value (little-endian halves); for other numbers, the float64 bits (with
 * -0 hashed as +0, and NaN hashed at random as the runtime does, so each NaN is a new key); for
 * strings, their UTF-16 code units two per word; for arrays, structs and interfaces, the words
 * `go/equal.ts` `writeKeyWords` gives (shape tags, an interface's dynamic type, -0 as +0, and a
 * NaN anywhere inside as random words, so such a key is a new key every time, as in Go).
 * It is well distributed and fast, but it is not the runtime's hash: bucket placement differs from
 * a real process, while every rule applied to the hashes is the runtime's.
 */
export class DefaultHasher implements Hasher {
  readonly description = 'simulated hash (MurmurHash3 x86_32 ×2, seeded by hash0): not the runtime\'s AES hash';

  constructor(private readonly rand: FastRand) {}

  hash(key: KeyValue, seed: number): number {
    if (typeof key === 'number') return this.hashNumber(key, seed);
    if (typeof key === 'string') return this.hashString(key, seed);
    if (typeof key === 'boolean') return this.hashNumber(key ? 1 : 0, seed);
    if (typeof key === 'bigint') return this.hashBig(key, seed);
    return this.hashWords(key, seed);
  }

  /** An aggregate or interface key: its words from `writeKeyWords` (NaN anywhere draws random words). */
  private hashWords(key: KeyValue, seed: number): number {
    const words: number[] = [];
    const byteLen = writeKeyWords(key, { word: (w) => words.push(w >>> 0) }, () => this.rand.next());
    return packHash(murmur3Words(words, words.length, byteLen, seed ^ 0x9e3779b9), murmur3Words(words, words.length, byteLen, seed));
  }

  private hashNumber(x: number, seed: number): number {
    if ((x | 0) === x) return hashWords64(x, x >> 31, seed); // an int32 (+0 and -0 alike: 0)
    if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return hashWords64(x >>> 0, Math.floor(x / two32) >>> 0, seed);
    if (Number.isNaN(x)) {
      const lo = this.rand.next();
      return hashWords64(lo, this.rand.next(), seed);
    }
    f64[0] = x === 0 ? 0 : x;
    return hashWords64(f64words[0], f64words[1], seed);
  }

  private hashBig(x: bigint, seed: number): number {
    const u = BigInt.asUintN(64, x);
    return hashWords64(Number(u & 0xffffffffn), Number(u >> 32n), seed);
  }

  private hashString(s: string, seed: number): number {
    const n = (s.length + 1) >> 1;
    const words = new Uint32Array(n);
    for (let i = 0; i < s.length; i += 2) {
      words[i >> 1] = s.charCodeAt(i) | ((i + 1 < s.length ? s.charCodeAt(i + 1) : 0) << 16);
    }
    return packHash(murmur3Words(words, n, s.length * 2, seed ^ 0x9e3779b9), murmur3Words(words, n, s.length * 2, seed));
  }
}

/** The JSON text that names a key in an oracle dump's `hashes` table (`7`, `"abc"`); NaN and ±Inf as "NaN", "+Inf", "-Inf". */
export function keyText(key: KeyValue): string {
  return JSON.stringify(key, nonFiniteAsText) ?? 'null';
}

/**
 * A `JSON.stringify` replacer that writes what JSON has no number for as the model's JSON value
 * form does (`literal/value.ts` `floatJson`): NaN as "NaN", ±Inf as "+Inf"/"-Inf", not null; and
 * bigints as decimal strings.
 */
export function nonFiniteAsText(_key: string, x: unknown): unknown {
  if (typeof x === 'number' && !Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  if (typeof x === 'bigint') return x.toString();
  return x;
}

/**
 * The runtime's own hashes, from an oracle dump: `hashes[seedHex][keyText] = "0x<16 hex>"`.
 * Asking for a key or seed the table lacks is an error that names both, never a made-up hash.
 */
export class TableHasher implements Hasher {
  readonly description = 'the runtime\'s own hashes, from an oracle dump';
  private readonly bySeed = new Map<number, Map<string, number>>();

  constructor(hashes: Record<string, Record<string, string>>) {
    for (const [seedHex, table] of Object.entries(hashes)) {
      const m = new Map<string, number>();
      // Key texts are compared as JSON.stringify writes them (the oracle's Go encoder writes
      // `<` as `\u003c`, for one).
      for (const [k, h] of Object.entries(table)) m.set(keyText(JSON.parse(k)), packHexHash(h));
      this.bySeed.set(parseInt(seedHex, 16) >>> 0, m);
    }
  }

  hash(key: KeyValue, seed: number): number {
    const table = this.bySeed.get(seed >>> 0);
    if (!table) throw new Error(`no hashes for seed 0x${(seed >>> 0).toString(16)} in the table`);
    const text = keyText(key);
    const h = table.get(text);
    if (h === undefined) throw new Error(`no hash for key ${text} under seed 0x${(seed >>> 0).toString(16)}`);
    return h;
  }
}
