/**
 * The memory of a bucket array, flat: what `makeBucketArray` allocates and what `newobject` adds.
 *
 * The runtime's bucket array is one block of `1<<B` bmaps followed by the preallocated overflow
 * bmaps; each bmap is `tophash[8]`, `keys[8]`, `elems[8]` and an `overflow` pointer. The simulator
 * numbers the bmaps of an array: 0 .. base-1 are the buckets addressed by hash, base .. length-1
 * the preallocated overflow bmaps, and length, length+1, ... the overflow bmaps allocated one by
 * one (`newobject` in `newoverflow`, "separate"); an overflow pointer is such an index (`nilBmap`
 * for nil). There are no per-bmap objects: all tophash bytes of the array sit in `Uint8Array`s, the
 * overflow links in `Int32Array`s, keys and elems in lanes (`lanes.ts`).
 *
 * Storage comes in pages of `1 << pageShift` consecutive bmaps, allocated on first write, so that
 * `make(map[k]v, 1<<33)` (B = 30) costs a page table and the pages actually written, not 2^30
 * bmaps. A page never written reads as the runtime's zeroed memory: every tophash `emptyRest`, no
 * overflow, zero keys and elems.
 */
import { KeyValue } from './hash';
import { IntCodec, LaneKind, codecFor } from './lanes';
import { bucketCnt } from './makemap';

// Possible tophash values. We reserve a few possibilities for special marks.
/** This cell is empty, and there are no more non-empty cells at higher indexes or overflows. */
export const emptyRest = 0;
/** This cell is empty. */
export const emptyOne = 1;
/** Key/elem is valid. Entry has been evacuated to first half of larger table. */
export const evacuatedX = 2;
/** Same as above, but evacuated to second half of larger table. */
export const evacuatedY = 3;
/** Cell is empty, bucket is evacuated. */
export const evacuatedEmpty = 4;
/** Minimum tophash for a normal filled cell. */
export const minTopHash = 5;

/** `isEmpty` reports whether the given tophash array entry represents an empty bucket entry. */
export function isEmpty(x: number): boolean {
  return x <= emptyOne;
}

/** An overflow pointer that is nil. */
export const nilBmap = -1;

/** Pages hold at most 2^10 bmaps, unless the page table would exceed 2^16 entries. */
const maxPageShift = 10;
const maxPageTableBits = 16;
/** Pages hold at least 8 bmaps (tiny arrays still chain separate overflow bmaps after them). */
const minPageShift = 3;

/** The storage of `1 << pageShift` consecutive bmaps. Slot i of the page's bmap o is at `o*8 + i`. */
export class BmapPage {
  constructor(
    readonly tophash: Uint8Array,
    /** Each bmap's overflow bmap (an index in the array) or `nilBmap`. */
    readonly overflow: Int32Array,
    /** Word lanes: slot s's words at 2s (low) and 2s+1 (high); empty in a value lane. */
    public keyWords: Int32Array,
    public elemWords: Int32Array,
    /** Value lanes: slot s's value at s; empty in a word lane. */
    public keyValues: KeyValue[],
    public elemValues: unknown[],
  ) {}

  /** Zeroed memory for `bmaps` bmaps. */
  static zeroed(bmaps: number, keyWords: boolean, elemWords: boolean): BmapPage {
    const slots = bmaps * bucketCnt;
    return new BmapPage(
      new Uint8Array(slots),
      new Int32Array(bmaps).fill(nilBmap),
      keyWords ? new Int32Array(2 * slots) : noWords,
      elemWords ? new Int32Array(2 * slots) : noWords,
      keyWords ? noValues : new Array<KeyValue>(slots).fill(undefined),
      elemWords ? noValues : new Array<unknown>(slots).fill(undefined),
    );
  }

  /** A copy (for `HMap.saveState`). */
  copy(): BmapPage {
    const words = (w: Int32Array) => (w.length ? w.slice() : noWords);
    const values = (v: unknown[]) => (v.length ? v.slice() : noValues);
    return new BmapPage(this.tophash.slice(), this.overflow.slice(), words(this.keyWords), words(this.elemWords), values(this.keyValues), values(this.elemValues));
  }
}

/** Zeroes the key and elem of slot s (undefined in a value lane). */
export function clearSlot(pg: BmapPage, s: number): void {
  if (pg.keyWords.length) pg.keyWords[2 * s] = pg.keyWords[2 * s + 1] = 0;
  else pg.keyValues[s] = undefined;
  if (pg.elemWords.length) pg.elemWords[2 * s] = pg.elemWords[2 * s + 1] = 0;
  else pg.elemValues[s] = undefined;
}

const noWords = new Int32Array(0);
const noValues: unknown[] = Object.freeze([]) as unknown as unknown[];

function ceilLog2(n: number): number {
  return n <= 1 ? 0 : 32 - Math.clz32(n - 1);
}

/** One bmap as views read it: copies of its tophash, keys and elems, and a link to the next. */
export interface Bmap {
  readonly tophash: number[];
  readonly keys: KeyValue[];
  readonly elems: unknown[];
  /** The next bmap of the chain, or null. */
  readonly overflow: Bmap | null;
  /** Allocated on its own by `newobject` (an overflow bucket not taken from the array). */
  readonly separate: boolean;
  /** The bmap's index in its array (see the header). */
  readonly index: number;
}

/** `evacuated` reports whether bucket b has been evacuated (by its first slot). */
export function evacuated(b: Pick<Bmap, 'tophash'>): boolean {
  const h = b.tophash[0];
  return h > emptyOne && h < minTopHash;
}

/** A bucket array as `makeBucketArray` allocates it, plus the overflow bmaps allocated one by one. */
export class BucketArray {
  /** Bmaps allocated by `newobject`: indexes length .. length + separateCount - 1. */
  separateCount = 0;
  readonly pageShift: number;
  readonly pageMask: number;
  pages: (BmapPage | undefined)[];
  /** Decoders of the word lanes, null for a value lane. */
  keyCodec: IntCodec | null;
  elemCodec: IntCodec | null;

  constructor(
    /** 1<<B: the buckets addressed by hash. */
    readonly base: number,
    /** All buckets, including preallocated overflow buckets from index `base` on. */
    readonly length: number,
    keyLane: LaneKind,
    elemLane: LaneKind,
  ) {
    const bits = ceilLog2(length);
    this.pageShift = Math.max(minPageShift, Math.min(maxPageShift, bits), bits - maxPageTableBits);
    this.pageMask = (1 << this.pageShift) - 1;
    this.pages = new Array((length + this.pageMask) >>> this.pageShift);
    this.keyCodec = codecFor(keyLane);
    this.elemCodec = codecFor(elemLane);
  }

  /** The page of bmap b, or undefined when nothing in it was ever written. */
  page(b: number): BmapPage | undefined {
    return this.pages[b >>> this.pageShift];
  }

  /** The page of bmap b for writing. */
  pageW(b: number): BmapPage {
    const p = b >>> this.pageShift;
    let pg = this.pages[p];
    if (pg === undefined) {
      pg = BmapPage.zeroed(1 << this.pageShift, this.keyCodec !== null, this.elemCodec !== null);
      this.pages[p] = pg;
    }
    return pg;
  }

  /** `newobject(t.bucket)`: a new zeroed bmap after all others. */
  newSeparate(): number {
    const b = this.length + this.separateCount++;
    this.pageW(b);
    return b;
  }

  isSeparate(b: number): boolean {
    return b >= this.length;
  }

  // --- reading one slot (views, iteration, invariants); the map's hot paths use pages directly ---

  tophashAt(b: number, i: number): number {
    const pg = this.page(b);
    return pg === undefined ? emptyRest : pg.tophash[((b & this.pageMask) << 3) + i];
  }

  overflowOf(b: number): number {
    const pg = this.page(b);
    return pg === undefined ? nilBmap : pg.overflow[b & this.pageMask];
  }

  keyAt(b: number, i: number): KeyValue {
    const pg = this.page(b);
    const s = ((b & this.pageMask) << 3) + i;
    if (this.keyCodec === null) return pg?.keyValues[s];
    return pg === undefined ? 0 : this.keyCodec.decode(pg.keyWords[2 * s], pg.keyWords[2 * s + 1]);
  }

  elemAt(b: number, i: number): unknown {
    const pg = this.page(b);
    const s = ((b & this.pageMask) << 3) + i;
    if (this.elemCodec === null) return pg?.elemValues[s];
    return pg === undefined ? 0 : this.elemCodec.decode(pg.elemWords[2 * s], pg.elemWords[2 * s + 1]);
  }

  /** Bucket i (or any bmap) as a view. Slots that are empty read as undefined keys and elems. */
  get(i: number): Bmap {
    return new BmapView(this, i);
  }

  /** Whether bucket i has been evacuated (by its first slot). */
  evacuated(i: number): boolean {
    const h = this.tophashAt(i, 0);
    return h > emptyOne && h < minTopHash;
  }

  /** Whether bucket i holds anything but zeroed memory (views skip untouched memory). */
  touched(i: number): boolean {
    return this.tophashAt(i, 0) !== emptyRest || this.overflowOf(i) !== nilBmap;
  }

  /** Turns the key (or elem) lane into a value lane, decoding every slot. */
  toValueLane(which: 'key' | 'elem'): void {
    const codec = which === 'key' ? this.keyCodec : this.elemCodec;
    if (codec === null) return;
    for (const pg of this.pages) {
      if (pg === undefined) continue;
      const words = which === 'key' ? pg.keyWords : pg.elemWords;
      const values = new Array<unknown>(pg.tophash.length);
      for (let s = 0; s < values.length; s++) {
        const th = pg.tophash[s];
        values[s] = isEmpty(th) || th === evacuatedEmpty ? undefined : codec.decode(words[2 * s], words[2 * s + 1]);
      }
      if (which === 'key') {
        pg.keyValues = values;
        pg.keyWords = noWords;
      } else {
        pg.elemValues = values;
        pg.elemWords = noWords;
      }
    }
    if (which === 'key') this.keyCodec = null;
    else this.elemCodec = null;
  }

  /** A copy of the array's memory (for `HMap.saveState`). */
  copy(): BucketArray {
    const a = Object.create(BucketArray.prototype) as BucketArray;
    Object.assign(a, this);
    a.pages = this.pages.map((p) => p?.copy());
    return a;
  }
}

/**
 * A bmap read through its array, live as a pointer to the runtime's bmap would be: its tophash,
 * keys and elems are arrays of 8 whose elements read the array's memory when read. Slots that
 * are empty (or whose entry moved away without one) read as undefined keys and elems.
 */
class BmapView implements Bmap {
  private th?: number[];
  private k?: KeyValue[];
  private e?: unknown[];

  constructor(private readonly arr: BucketArray, readonly index: number) {}

  private holds(i: number): boolean {
    const th = this.arr.tophashAt(this.index, i);
    return !isEmpty(th) && th !== evacuatedEmpty;
  }

  get tophash(): number[] {
    return (this.th ??= liveSlots((i) => this.arr.tophashAt(this.index, i)));
  }

  get keys(): KeyValue[] {
    return (this.k ??= liveSlots((i) => (this.holds(i) ? this.arr.keyAt(this.index, i) : undefined)));
  }

  get elems(): unknown[] {
    return (this.e ??= liveSlots((i) => (this.holds(i) ? this.arr.elemAt(this.index, i) : undefined)));
  }

  get overflow(): Bmap | null {
    const o = this.arr.overflowOf(this.index);
    return o === nilBmap ? null : new BmapView(this.arr, o);
  }

  get separate(): boolean {
    return this.arr.isSeparate(this.index);
  }
}

/** An array of `bucketCnt` elements whose element i is `read(i)` at the time it is read. */
function liveSlots<T>(read: (i: number) => T): T[] {
  return new Proxy(new Array<T>(bucketCnt).fill(undefined as T), {
    get(target, p, receiver) {
      if (typeof p === 'string' && p.length === 1) {
        const i = p.charCodeAt(0) - 48;
        if (i >= 0 && i < bucketCnt) return read(i);
      }
      return Reflect.get(target, p, receiver);
    },
    set() {
      return false; // a view does not write memory
    },
  });
}
