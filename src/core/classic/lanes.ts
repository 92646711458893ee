/**
 * How the simulated bucket arrays hold keys and elems (`buckets.ts`).
 *
 * In the runtime a bmap's `keys[8]` and `elems[8]` are raw memory of the key and elem types. The
 * model keeps values in their JSON value form (`values.ts`: integers as numbers up to 2^53 and as
 * decimal strings beyond) and stores each in one of two lanes:
 * - a **word lane** for the integer types of up to 64 bits (int8..int64, uint8..uint64, int, uint,
 *   uintptr): the value's 64-bit two's complement as two 32-bit words (low, high) in an
 *   `Int32Array`, exact for every value; Go's `==` on integers is then a comparison of words. While
 *   every value the map has held fits in its low word (an int32 for a signed type, a uint32 for an
 *   unsigned one: the high word is the low word's sign, or 0), the lane keeps the low word only
 *   (`LaneWidth` 1): half the memory, half the cache lines and page faults. The first value that
 *   needs its high word widens that lane of the map to two words for good (`BucketArray.widen`),
 *   as V8 moves an array from small integers to doubles;
 * - a **value lane** for every other type: the values themselves, in one plain array.
 * A value a word lane cannot give back exactly as it came (not an integer, -0, a non-canonical or
 * out-of-range decimal, a bigint) turns that lane of the map into a value lane: the model accepts
 * what it always accepted, only slower.
 */
import { canonicalInt } from './values';

/** How a key or elem type is stored: as words (signed or unsigned integers) or as values. */
export type LaneKind = 'signed' | 'unsigned' | 'value';

/** Words a value takes in a word lane: its low word only, or both. */
export type LaneWidth = 1 | 2;

const signedInts = new Set(['int8', 'int16', 'int32', 'int64']);
const unsignedInts = new Set(['uint8', 'uint16', 'uint32', 'uint64', 'byte']);

/** The lane for a key or elem type written as `typeName` (`int64`, `uint`, `string`, ...). */
export function laneKindOf(typeName: string, indirect: boolean): LaneKind {
  if (indirect) return 'value';
  if (signedInts.has(typeName) || typeName === 'int' || typeName === 'rune') return 'signed';
  if (unsignedInts.has(typeName) || typeName === 'uint' || typeName === 'uintptr') return 'unsigned';
  return 'value';
}

const two32 = 4294967296;
/** 2^53 / 2^32: the high word at which a 64-bit integer stops being exact as a JS number. */
const exactHigh = 2097152;
const int64Min = -(1n << 63n);
const int64Max = (1n << 63n) - 1n;
const uint64Max = (1n << 64n) - 1n;

/**
 * Encodes integers of one signedness into two words and back. `encode` leaves the words in
 * `lo`/`hi` (no allocation on the hot path); `decode` is pure.
 */
export class IntCodec {
  lo = 0;
  hi = 0;

  constructor(readonly signed: boolean) {}

  /**
   * Puts `v`'s words in `lo`/`hi`; false when `v` is not an integer in canonical form. Only an int32
   * is handled here: a body this small is what V8 inlines into `mapassign` twice (key and elem)
   * and still has budget left for the hash; every other value goes through `encodeOther`.
   */
  encode(v: unknown): boolean {
    // An int32 other than -0 (1/v is -Infinity only for -0), the common case, in two steps.
    if (typeof v === 'number' && (v | 0) === v && (v > 0 || (v < 0 ? this.signed : 1 / v > 0))) {
      this.lo = v;
      this.hi = v >> 31;
      return true;
    }
    return this.encodeOther(v);
  }

  /** `encode` for what is not an int32: larger numbers up to ±2^53, then decimal strings. */
  private encodeOther(v: unknown): boolean {
    if (typeof v === 'number') {
      if (!Number.isInteger(v) || v > 9007199254740992 || v < (this.signed ? -9007199254740992 : 0) || Object.is(v, -0)) return false;
      this.lo = v | 0;
      this.hi = Math.floor(v / two32) | 0;
      return true;
    }
    if (typeof v !== 'string' || !/^-?[1-9][0-9]*$/.test(v)) return false;
    const x = BigInt(v);
    if (canonicalInt(x) !== v) return false; // exact integers up to 2^53 are numbers
    if (this.signed ? x < int64Min || x > int64Max : x < 0n || x > uint64Max) return false;
    const u = BigInt.asUintN(64, x);
    this.lo = Number(u & 0xffffffffn) | 0;
    this.hi = Number(u >> 32n) | 0;
    return true;
  }

  /** The high word of a value whose low word is `lo` and which fits in it (a one-word lane). */
  narrowHi(lo: number): number {
    return this.signed ? lo >> 31 : 0;
  }

  /** Whether the value `encode` just took fits in its low word (see `LaneWidth`). */
  fitsOneWord(): boolean {
    return this.hi === (this.signed ? this.lo >> 31 : 0);
  }

  /** The value form of the integer with words `lo`, `hi`. */
  decode(lo: number, hi: number): number | string {
    const high = this.signed ? hi : hi >>> 0;
    if ((high < exactHigh && high >= -exactHigh) || (high === exactHigh && lo === 0)) return high * two32 + (lo >>> 0);
    const x = (BigInt(high) << 32n) | BigInt(lo >>> 0);
    return x.toString();
  }
}

/** A codec for the lane kind, or null for a value lane. */
export function codecFor(kind: LaneKind): IntCodec | null {
  return kind === 'value' ? null : new IntCodec(kind === 'signed');
}
