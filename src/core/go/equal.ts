/**
 * Go's `==` on keys, and the words a hasher reads from a key, on the model's value form
 * (`value.ts`). Both map models (`classic/hmap.ts`, `swiss/`) compare and hash keys through here,
 * so they agree with each other and with the runtime:
 *
 * - floats compare as IEEE numbers: NaN != NaN wherever it sits (a plain key, a struct field, an
 *   array element, a complex part, inside an interface), so a key holding a NaN is never found
 *   again and each insert adds an entry; +0 == -0, and both hash alike (`f64hash`);
 * - structs compare field by field, arrays element by element (`memequal` or the compiler's
 *   generated `eq` function);
 * - interfaces compare by dynamic type first, then by value (`efaceeq`/`ifaceeq`); two interfaces
 *   holding the same uncomparable type panic with `comparing uncomparable type []int`, and hashing
 *   one panics with `hash of unhashable type []int` (`interhash`/`nilinterhash`). These panics are
 *   `GoPanic` errors.
 *
 * Nothing here goes through `JSON.stringify`, which writes NaN as null and -0 as 0 (making
 * `[NaN]` equal to `[null]` and to itself).
 */
import { GoPanic, ModelValue, dynamicTypeComparable, isIface, unhashable, uncomparable } from './value';

/** Go's `a == b` for two keys of one map (same static type). Throws `GoPanic` where Go panics. */
export function goEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    if (typeof a === 'bigint' || typeof b === 'bigint') return bigEqual(a, b);
    return a === b; // NaN !== NaN, +0 === -0, as Go's float ==
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!goEqual(a[i], b[i])) return false;
    return true;
  }
  if (isIface(a) || isIface(b)) {
    if (!isIface(a) || !isIface(b) || a.$type !== b.$type) return false;
    if (!dynamicTypeComparable(a.$type)) throw uncomparable(a.$type);
    return goEqual(a.value, b.value);
  }
  if (Array.isArray(b)) return false;
  const fa = Object.keys(a);
  const rb = b as Record<string, unknown>;
  if (fa.length !== Object.keys(rb).length) return false;
  for (const f of fa) if (!(f in rb) || !goEqual((a as Record<string, unknown>)[f], rb[f])) return false;
  return true;
}

/** An integer beyond ±2^53 may be a bigint on one side and a decimal string or number on the other. */
function bigEqual(a: unknown, b: unknown): boolean {
  const big = (x: unknown): bigint | undefined => {
    if (typeof x === 'bigint') return x;
    if (typeof x === 'number' && Number.isInteger(x)) return BigInt(x);
    if (typeof x === 'string' && /^-?\d+$/.test(x)) return BigInt(x);
    return undefined;
  };
  const x = big(a);
  return x !== undefined && x === big(b);
}

/** Where a hasher takes a key's 32-bit words. */
export interface WordSink {
  word(w: number): void;
}

/** Word tags, so that values of different shapes inside one interface key hash apart. */
const tagNil = 0;
const tagBool = 1;
const tagInt = 2;
const tagFloat = 3;
const tagString = 4;
const tagArray = 5;
const tagStruct = 6;
const tagIface = 7;

const f64 = new Float64Array(1);
const f64words = new Uint32Array(f64.buffer);
const two32 = 4294967296;

/**
 * Feeds the words that identify key `v` to `sink`, and answers how many bytes they stand for.
 * Equal keys (by `goEqual`) give equal words: -0 is written as +0, an integer as its 64-bit two's
 * complement whether it is a number, a bigint or a decimal string. A NaN anywhere is written as two
 * words of `randomWord()`, as the runtime's `f64hash` mixes `fastrand()` into a NaN's hash, so a
 * NaN key lands anywhere and is never found. An interface's dynamic type is part of its words; an
 * unhashable dynamic type throws the runtime's `GoPanic` (`hash of unhashable type []int`).
 */
export function writeKeyWords(v: unknown, sink: WordSink, randomWord: () => number): number {
  switch (typeof v) {
    case 'boolean':
      sink.word(tagBool);
      sink.word(v ? 1 : 0);
      return 8;
    case 'number':
      return writeNumber(v, sink, randomWord);
    case 'bigint':
      return writeInt64(v, sink);
    case 'string':
      if (/^-?\d+$/.test(v) && v.length > 15) return writeInt64(BigInt(v), sink);
      return writeString(v, sink);
    case 'object':
      break;
    default:
      sink.word(tagNil);
      return 4;
  }
  if (v === null) {
    sink.word(tagNil);
    return 4;
  }
  if (Array.isArray(v)) {
    sink.word(tagArray);
    sink.word(v.length);
    let n = 8;
    for (const e of v) n += writeKeyWords(e, sink, randomWord);
    return n;
  }
  if (isIface(v)) {
    if (!dynamicTypeComparable(v.$type)) throw unhashable(v.$type);
    sink.word(tagIface);
    return 4 + writeString(v.$type, sink) + writeKeyWords(v.value, sink, randomWord);
  }
  const fields = Object.values(v as Record<string, unknown>);
  sink.word(tagStruct);
  sink.word(fields.length);
  let n = 8;
  for (const f of fields) n += writeKeyWords(f, sink, randomWord);
  return n;
}

function writeNumber(x: number, sink: WordSink, randomWord: () => number): number {
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) {
    sink.word(tagInt);
    sink.word(x >>> 0);
    sink.word(Math.floor(x / two32) >>> 0);
  } else if (Number.isNaN(x)) {
    sink.word(tagFloat);
    sink.word(randomWord() >>> 0);
    sink.word(randomWord() >>> 0);
  } else {
    f64[0] = x === 0 ? 0 : x;
    sink.word(tagFloat);
    sink.word(f64words[0]);
    sink.word(f64words[1]);
  }
  return 12;
}

function writeInt64(x: bigint, sink: WordSink): number {
  const u = BigInt.asUintN(64, x);
  sink.word(tagInt);
  sink.word(Number(u & 0xffffffffn));
  sink.word(Number(u >> 32n));
  return 12;
}

function writeString(s: string, sink: WordSink): number {
  sink.word(tagString);
  sink.word(s.length);
  let i = 0;
  for (; i + 1 < s.length; i += 2) sink.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < s.length) sink.word(s.charCodeAt(i));
  return 8 + 2 * s.length;
}

/** Whether a key holds a NaN anywhere (so it is unequal to itself: `isReflexive` is false for its type). */
export function holdsNaN(v: unknown): boolean {
  if (typeof v === 'number') return Number.isNaN(v);
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some(holdsNaN);
  if (isIface(v)) return holdsNaN(v.value);
  return Object.values(v).some(holdsNaN);
}

export { GoPanic };
export type { ModelValue };
