/**
 * The memory of a bucket array, flat: what `makeBucketArray` allocates and what `newobject` adds.
 *
 * The runtime's bucket array is one block of `1<<B` bmaps followed by the preallocated overflow
 * bmaps; each bmap is `tophash[8]`, `keys[8]`, `elems[8]` and an `overflow` pointer. The simulator
 * numbers the bmaps of an array: 0 .. base-1 are the buckets addressed by hash, base .. length-1
 * the preallocated overflow bmaps, and length, length+1, ... the overflow bmaps allocated one by
 * one (`newobject` in `newoverflow`, "separate"); an overflow pointer is such an index (`nilBmap`
 * for nil). There are no per-bmap objects: a bmap is 3 words of a page's `head` (`Int32Array`,
 * read as bytes through `bytes` for the tophash): tophash[8] then the overflow link (the index + 1,
 * so that zeroed memory is nil, as in the runtime); and 8 slots of `slotWords` words in its
 * `body`: the slot's key and elem in word lanes (1 or 2 words each, `LaneWidth` in `lanes.ts`:
 * the array's layout changes once, in `widen`, when a lane needs its high words), then, when the map
 * keeps hashes (`keepHashes`, see `evacuate.ts`), the low 32 bits of the key's hash. The runtime puts keys[8] before elems[8]; a slot's words side by side are what an
 * insert writes and an evacuation copies, one cache line rather than three. Keys and elems of a
 * value lane live in plain arrays, slot i of page bmap o at `o*8 + i`. Heads apart from bodies keep the
 * tophash bytes that every access scans dense (12 bytes a bmap), so they stay in cache where the
 * runtime's 144-byte bmaps would not; an insert then touches one body, as the runtime touches one
 * bmap.
 *
 * Memory comes in pages of `1 << pageShift` consecutive bmaps, allocated on first write, so that
 * `make(map[k]v, 1<<33)` (B = 30) costs a page table and the pages actually written, not 2^30
 * bmaps (several pages of a small array may share one buffer, see `chunkWords`). A page never written reads as the runtime's zeroed memory: every tophash `emptyRest`, no
 * overflow, zero keys and elems.
 */
import { KeyValue } from './hash';
import { IntCodec, LaneKind, LaneWidth, codecFor } from './lanes';
import { bucketCnt } from './makemap';
import { emptyOne, emptyRest, holdsEntry, minTopHash } from './tophash';
import { Bmap, BmapView } from './bmapview';

/** An overflow pointer that is nil. */
export const nilBmap = -1;

/** Pages hold at most 2^10 bmaps, unless the page table would exceed 2^16 entries. */
const maxPageShift = 10;
const maxPageTableBits = 16;
/** Pages hold at least 8 bmaps (tiny arrays still chain separate overflow bmaps after them). */
const minPageShift = 3;

/**
 * Pages of an array of at most 2^26 bmaps whose keys and elems are all words are allocated up to
 * 2^21 words (8 MiB) at a time, as views of one buffer: a presized 10^6-entry map is then 5 buffers,
 * not 272 (fewer allocations, fewer external-memory GCs, fewer mappings to fault pages into).
 */
const chunkWords = 1 << 21;
/** Words of a bmap's head: tophash[8] (2 words), then the overflow link. */
const headWords = bucketCnt / 4 + 1;
const overflowWord = bucketCnt / 4;
/** Words of a kept hash. */
const hashWords = 1;

/** The memory of `1 << pageShift` consecutive bmaps (see the header for the layout). */
export class BmapPage {
  /** The heads as bytes: tophash slot i of page bmap o at `12*o + i`. */
  readonly bytes: Uint8Array;

  constructor(
    /** Heads: 3 words a bmap (tophash[8], overflow link). */
    readonly head: Int32Array,
    /** Bodies: `bodyStride` words a bmap (keys and elems of word lanes, hashes). */
    readonly body: Int32Array,
    /** Value lanes: slot i of page bmap o at `o*8 + i`; empty for a word lane. */
    public keyValues: KeyValue[],
    public elemValues: unknown[],
  ) {
    this.bytes = new Uint8Array(head.buffer, head.byteOffset, head.byteLength);
  }

  /** A copy (for `HMap.saveState`). */
  copy(): BmapPage {
    const values = (v: unknown[]) => (v.length ? v.slice() : noValues);
    return new BmapPage(this.head.slice(), this.body.slice(), values(this.keyValues), values(this.elemValues));
  }
}

const noValues: unknown[] = Object.freeze([]) as unknown as unknown[];

/** The value form of the word-lane value at `w` of `body`, `width` words wide. */
function decodeAt(body: Int32Array, w: number, codec: IntCodec, width: LaneWidth): number | string {
  const lo = body[w];
  return codec.decode(lo, width === 2 ? body[w + 1] : codec.narrowHi(lo));
}

/** Copies one lane value from `src` of `from` (`fw` words) to `dst` of `to` (`tw` >= fw words). */
function copyLane(from: Int32Array, src: number, fw: LaneWidth, to: Int32Array, dst: number, tw: LaneWidth, codec: IntCodec | null): void {
  if (codec === null) return;
  const lo = from[src];
  to[dst] = lo;
  if (tw === 2) to[dst + 1] = fw === 2 ? from[src + 1] : codec.narrowHi(lo);
}

function ceilLog2(n: number): number {
  return n <= 1 ? 0 : 32 - Math.clz32(n - 1);
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
  /** Words of a slot and of a bmap's body, and where a slot's key, elem (word lanes) and hash are. */
  slotWords = 0;
  bodyStride = 0;
  readonly keyOff = 0;
  elemOff = 0;
  /** -1 when the array keeps no hashes. */
  hashOff = -1;

  constructor(
    /** 1<<B: the buckets addressed by hash. */
    readonly base: number,
    /** All buckets, including preallocated overflow buckets from index `base` on. */
    readonly length: number,
    keyLane: LaneKind,
    elemLane: LaneKind,
    /** Keep each slot's hash (only for key types whose hash is a function of the key). */
    private readonly keepHashes: boolean,
    /** Words a key and an elem take in a word lane (see `LaneWidth`). */
    public keyWidth: LaneWidth,
    public elemWidth: LaneWidth,
  ) {
    const bits = ceilLog2(length);
    this.pageShift = Math.max(minPageShift, Math.min(maxPageShift, bits), bits - maxPageTableBits);
    this.pageMask = (1 << this.pageShift) - 1;
    this.pages = new Array((length + this.pageMask) >>> this.pageShift);
    this.keyCodec = codecFor(keyLane);
    this.elemCodec = codecFor(elemLane);
    this.layOut();
  }

  /** Where a slot's words are, for the lanes and widths the array has now. */
  private layOut(): void {
    this.elemOff = this.keyCodec ? this.keyWidth : 0;
    const hashOff = this.elemOff + (this.elemCodec ? this.elemWidth : 0);
    this.hashOff = this.keepHashes ? hashOff : -1;
    this.slotWords = hashOff + (this.keepHashes ? hashWords : 0);
    this.bodyStride = bucketCnt * this.slotWords;
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
      this.allocChunk(p);
      pg = this.pages[p]!;
    }
    return pg;
  }

  /** Allocates page p, with the unallocated pages of its chunk (see `chunkWords`). */
  private allocChunk(p: number): void {
    const bmaps = 1 << this.pageShift;
    const hw = bmaps * headWords;
    const bw = bmaps * this.bodyStride;
    const ownPages = (this.length + this.pageMask) >>> this.pageShift;
    // Pages of a huge array, pages of separate overflow bmaps and pages with value lanes: one at a time.
    const chunked = this.pageShift <= maxPageShift && p < ownPages && this.keyCodec !== null && this.elemCodec !== null;
    const per = chunked ? Math.max(1, Math.floor(chunkWords / (hw + bw))) : 1;
    const start = p - (p % per);
    const end = Math.min(start + per, chunked ? ownPages : p + 1);
    let n = 0;
    for (let q = start; q < end; q++) if (this.pages[q] === undefined) n++;
    const heads = new Int32Array(n * hw);
    const bodies = new Int32Array(n * bw);
    const values = () => new Array<unknown>(bmaps * bucketCnt).fill(undefined);
    let j = 0;
    for (let q = start; q < end; q++) {
      if (this.pages[q] !== undefined) continue;
      this.pages[q] = new BmapPage(heads.subarray(j * hw, (j + 1) * hw), bodies.subarray(j * bw, (j + 1) * bw), this.keyCodec ? noValues : values(), this.elemCodec ? noValues : values());
      j++;
    }
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

  // --- one slot at a time (views, iteration, invariants); the map's hot paths use pages directly ---

  /** Index of bmap b's head in its page's `head` (its tophash bytes start at 4 times that). */
  headBase(b: number): number {
    return (b & this.pageMask) * headWords;
  }

  /** Index of slot i of bmap b in its page's `body`. */
  slotBase(b: number, i: number): number {
    return (b & this.pageMask) * this.bodyStride + i * this.slotWords;
  }

  /** The overflow link of the bmap whose head is at `hb` of page pg (an index, or nilBmap). */
  static overflowIn(pg: BmapPage, hb: number): number {
    return pg.head[hb + overflowWord] - 1;
  }

  /** Index of slot i of bmap b in its page's value lanes. */
  valueIndex(b: number, i: number): number {
    return ((b & this.pageMask) << 3) + i;
  }

  tophashAt(b: number, i: number): number {
    const pg = this.page(b);
    return pg === undefined ? emptyRest : pg.bytes[(this.headBase(b) << 2) + i];
  }

  setTophash(b: number, i: number, top: number): void {
    this.pageW(b).bytes[(this.headBase(b) << 2) + i] = top;
  }

  overflowOf(b: number): number {
    const pg = this.page(b);
    return pg === undefined ? nilBmap : BucketArray.overflowIn(pg, this.headBase(b));
  }

  setOverflow(b: number, ovf: number): void {
    this.pageW(b).head[this.headBase(b) + overflowWord] = ovf + 1;
  }

  keyAt(b: number, i: number): KeyValue {
    return this.laneAt(b, i, this.keyCodec, this.keyOff, this.keyWidth, 'keyValues');
  }

  elemAt(b: number, i: number): unknown {
    return this.laneAt(b, i, this.elemCodec, this.elemOff, this.elemWidth, 'elemValues');
  }

  private laneAt(b: number, i: number, codec: IntCodec | null, off: number, width: LaneWidth, values: 'keyValues' | 'elemValues'): unknown {
    const pg = this.page(b);
    if (codec === null) return pg?.[values][this.valueIndex(b, i)];
    return pg === undefined ? 0 : decodeAt(pg.body, this.slotBase(b, i) + off, codec, width);
  }

  /** Zeroes the key and elem of slot i of bmap b (undefined in a value lane). */
  clearSlot(b: number, i: number): void {
    const pg = this.pageW(b);
    const w = this.slotBase(b, i);
    const v = this.valueIndex(b, i);
    if (this.keyCodec) pg.body.fill(0, w + this.keyOff, w + this.keyOff + this.keyWidth);
    else pg.keyValues[v] = undefined;
    if (this.elemCodec) pg.body.fill(0, w + this.elemOff, w + this.elemOff + this.elemWidth);
    else pg.elemValues[v] = undefined;
  }

  /** The low 32 bits of the hash kept for slot i of bmap b (the array must keep hashes). */
  hashAt(b: number, i: number): number {
    const pg = this.page(b);
    return pg === undefined ? 0 : pg.body[this.slotBase(b, i) + this.hashOff] >>> 0;
  }

  /** Whether bucket i has been evacuated (by its first slot). */
  evacuated(i: number): boolean {
    const h = this.tophashAt(i, 0);
    return h > emptyOne && h < minTopHash;
  }

  /** Bucket i (or any bmap) as a live view. */
  get(i: number): Bmap {
    return new BmapView(this, i);
  }

  /** Whether bucket i holds anything but zeroed memory (views skip untouched memory). */
  touched(i: number): boolean {
    return this.tophashAt(i, 0) !== emptyRest || this.overflowOf(i) !== nilBmap;
  }

  /**
   * Turns the key (or elem) lane into a value lane, decoding every slot that holds an entry. The
   * words stay where they are, unused: the layout of a body never changes.
   */
  toValueLane(which: 'key' | 'elem'): void {
    const codec = which === 'key' ? this.keyCodec : this.elemCodec;
    if (codec === null) return;
    const off = which === 'key' ? this.keyOff : this.elemOff;
    for (const pg of this.pages) {
      if (pg === undefined) continue;
      const width = which === 'key' ? this.keyWidth : this.elemWidth;
      const values = new Array<unknown>((pg.head.length / headWords) * bucketCnt);
      for (let s = 0; s < values.length; s++) {
        const w = (s >>> 3) * this.bodyStride + (s & 7) * this.slotWords + off;
        values[s] = holdsEntry(pg.bytes[(s >>> 3) * 4 * headWords + (s & 7)]) ? decodeAt(pg.body, w, codec, width) : undefined;
      }
      if (which === 'key') pg.keyValues = values;
      else pg.elemValues = values;
    }
    if (which === 'key') this.keyCodec = null;
    else this.elemCodec = null;
  }

  /**
   * Gives the key (or elem) word lane its high words (`LaneWidth` 2): every page is laid out again,
   * each slot's words copied with the high word its low word implies. Heads do not move.
   */
  widen(which: 'key' | 'elem'): void {
    const codec = which === 'key' ? this.keyCodec : this.elemCodec;
    if (codec === null || (which === 'key' ? this.keyWidth : this.elemWidth) === 2) return;
    const old = { pages: this.pages, slotWords: this.slotWords, elemOff: this.elemOff, hashOff: this.hashOff, keyWidth: this.keyWidth, elemWidth: this.elemWidth };
    if (which === 'key') this.keyWidth = 2;
    else this.elemWidth = 2;
    this.layOut();
    this.pages = new Array(old.pages.length);
    const bmaps = 1 << this.pageShift;
    old.pages.forEach((from, p) => {
      if (from === undefined) return;
      const to = this.pageW(p << this.pageShift);
      to.head.set(from.head);
      to.keyValues = from.keyValues;
      to.elemValues = from.elemValues;
      for (let s = 0; s < bmaps * bucketCnt; s++) {
        const src = s * old.slotWords;
        const dst = s * this.slotWords;
        copyLane(from.body, src, old.keyWidth, to.body, dst, this.keyWidth, this.keyCodec);
        copyLane(from.body, src + old.elemOff, old.elemWidth, to.body, dst + this.elemOff, this.elemWidth, this.elemCodec);
        if (this.hashOff >= 0) to.body[dst + this.hashOff] = from.body[src + old.hashOff];
      }
    });
  }

  /** A copy of the array's memory (for `HMap.saveState`). */
  copy(): BucketArray {
    const a = Object.create(BucketArray.prototype) as BucketArray;
    Object.assign(a, this);
    a.pages = this.pages.map((p) => p?.copy());
    return a;
  }
}
