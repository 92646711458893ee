/**
 * The classic Go map (Go 1.19 to 1.23 `runtime/map.go`), simulated operation for operation.
 *
 * A map is a hash table. The data is arranged into an array of buckets. Each bucket (a `bmap`)
 * holds up to 8 key/elem pairs. The low-order B bits of the hash select a bucket. Each bucket keeps
 * a few high-order bits of each hash (`tophash`) to tell the entries of the bucket apart quickly.
 * When more than 8 keys hash to a bucket, the runtime chains on overflow buckets; some of those
 * are preallocated at the end of the bucket array (`makeBucketArray`) and handed out by bumping
 * `extra.nextOverflow`, the rest are allocated one by one.
 *
 * When the map holds more than 6.5 entries per bucket on average (or has about as many overflow
 * buckets as buckets, after deletes), it grows: a new array twice as big (or, for the latter, the
 * same size) is allocated and the old buckets are copied over incrementally, two at a time, by
 * every later insert or delete (`growWork`/`evacuate`, in `evacuate.ts`). An old bucket's entries
 * go to bucket X (same index) or Y (index + old size) by the next bit of the hash; its tophash
 * slots become evacuatedX, evacuatedY or evacuatedEmpty so that iterators and lookups know where
 * to look. Keys never move inside a bucket except by evacuation: a delete only marks the slot
 * emptyOne, or emptyRest when nothing follows it, so memory stays until the map is rebuilt.
 *
 * The memory of a bucket array is flat, as in the runtime (`buckets.ts`): bmaps are numbered, an
 * overflow pointer is an index, tophash bytes and integer keys and elems sit in typed arrays
 * (`lanes.ts`), so a lookup touches a few bytes of a few arrays, not objects.
 *
 * This file holds the hmap and its small helpers; the operations live beside it, as map.go's
 * functions: `assign.ts` (mapassign), `access.ts` (mapaccess, mapdelete), `evacuate.ts` (hashGrow,
 * growWork, evacuate), `iter.ts` (mapiterinit, mapiternext), `invariants.ts`; `bulk.ts` runs many
 * operations in cancellable slices. The runtime's names (hmap, bmap, B, hash0, noverflow,
 * nevacuate, evacuate, growWork, ...) are kept so the code can be read beside map.go. What the runtime draws from `fastrand` (hash0,
 * iteration start, overflow counting above B = 15) comes from a seeded generator (`rand.ts`), and
 * hashes from a pluggable `Hasher` (`hash.ts`), so a session can be replayed exactly.
 */
import { MapTypeInfo } from '../maptype';
import { DefaultHasher, Hasher, KeyValue, two32 } from './hash';
import { goEqual } from '../go/equal';
import { bucketArrayLength, bucketShift, bucketsLog2ForHint } from './makemap';
import { BmapPage, BucketArray } from './buckets';
import { Bmap } from './bmapview';
import { minTopHash } from './tophash';
import { IntCodec, LaneKind, LaneWidth, codecFor, laneKindOf } from './lanes';
import { growWork } from './evacuate';
import { LookupResult, LookupStep, mapaccess, mapaccessK, mapdelete } from './access';
import { mapassign } from './assign';
import { MapRandomness } from './randomness';
import { HIter } from './iter';
import { checkInvariants } from './invariants';
import { warmUpAssign } from './warmup';
import { iteratorFlag, maxB, oldIteratorFlag, sameSizeGrowFlag } from './flags';

export { BucketArray, nilBmap } from './buckets';
export { emptyRest, emptyOne, evacuatedX, evacuatedY, evacuatedEmpty, minTopHash, isEmpty } from './tophash';
export { evacuated } from './bmapview';
export type { Bmap } from './bmapview';
export { HIter } from './iter';
export type { LookupStep, LookupResult } from './access';
export { seededRandomness } from './randomness';
export type { MapRandomness } from './randomness';
export { iteratorFlag, oldIteratorFlag, hashWritingFlag, sameSizeGrowFlag, maxB } from './flags';

export type KeyEqual = (a: KeyValue, b: KeyValue) => boolean;

/** Go's `==` on the model's value form of keys (`../go/equal.ts`): NaN != NaN anywhere inside, +0 == -0,
 * interfaces by dynamic type then value; `GoPanic` for an uncomparable dynamic type. */
export const defaultKeyEqual: KeyEqual = goEqual;

export interface HMapOptions {
  hasher: Hasher;
  random: MapRandomness;
  equal?: KeyEqual;
}

/** The allocations the map holds, for memory accounting (`src/core/types` turns them into bytes). */
export interface HeldObjects {
  /** Length of the current bucket array (incl. preallocated overflow buckets); 0 if not allocated. */
  bucketArrayLength: number;
  /** Length of the old bucket array while growing, else 0. */
  oldBucketArrayLength: number;
  /** Overflow buckets allocated one by one and still reachable from the current / old array. */
  separateOverflow: number;
  oldSeparateOverflow: number;
  /** Whether `hmap.extra` was allocated. */
  extra: boolean;
}

/** A simulated `hmap`. */
export class HMap {
  /** # live cells == size of map. */
  count = 0;
  flags = 0;
  /** log_2 of # of buckets (can hold up to loadFactor * 2^B items). */
  B = 0;
  /** Approximate number of overflow buckets; see incrnoverflow. A uint16. */
  noverflow = 0;
  /** Hash seed. */
  hash0: number;
  /** Array of 2^B buckets (plus preallocated overflow buckets). May be null if count == 0. */
  buckets: BucketArray | null = null;
  /** Previous bucket array of half the size (or the same size), non-null only when growing. */
  oldbuckets: BucketArray | null = null;
  /** Progress counter for evacuation: buckets less than this have been evacuated. */
  nevacuate = 0;
  /** Whether `extra` (mapextra) exists. */
  hasExtra = false;
  /** @internal `extra.nextOverflow`: the array and index of the next free preallocated overflow bucket. */
  nextOverflowArr: BucketArray | null = null;
  /** @internal */
  nextOverflowIdx = 0;
  /** @internal Overflow buckets from `newobject` reachable from `buckets` / `oldbuckets`. */
  separateOverflow = 0;
  /** @internal */
  oldSeparateOverflow = 0;

  readonly t: MapTypeInfo;
  private readonly hasher: Hasher;
  private readonly random: MapRandomness;
  private readonly equal: KeyEqual;
  private readonly mask32: boolean;
  /** How new bucket arrays store keys and elems; a word lane turns into a value lane for good. */
  private keyLane: LaneKind;
  private elemLane: LaneKind;
  /** @internal Words a key and an elem take in the word lanes of the map's arrays: 1 until a value needs 2. */
  keyWidth: LaneWidth = 1;
  /** @internal */
  elemWidth: LaneWidth = 1;
  /** Encoders of the word lanes (null for a value lane): `encode` leaves the words in lo/hi. */
  /** @internal */
  keyEnc: IntCodec | null;
  /** @internal */
  elemEnc: IntCodec | null;
  /** Keys are Go strings: for a string key, Go's == is JS ===. */
  private readonly stringKeys: boolean;
  /** @internal The hasher is our `DefaultHasher`: an integer key's hash is `hashWords64` of its words. */
  readonly wordHash: boolean;

  /** `makemap(t, hint)`: picks B for the hint; allocates the bucket array now only when B > 0. */
  constructor(t: MapTypeInfo, hint: number, opts: HMapOptions) {
    this.t = t;
    this.hasher = opts.hasher;
    this.random = opts.random;
    this.equal = opts.equal ?? defaultKeyEqual;
    this.mask32 = t.ptrSize === 4;
    this.keyLane = laneKindOf(t.key, t.indirectkey);
    this.elemLane = laneKindOf(t.elem, t.indirectelem);
    this.keyEnc = codecFor(this.keyLane);
    this.elemEnc = codecFor(this.elemLane);
    this.stringKeys = t.key === 'string' && this.equal === defaultKeyEqual;
    this.wordHash = this.hasher instanceof DefaultHasher;
    this.hash0 = this.random.hash0() >>> 0;
    const B = bucketsLog2ForHint(t, hint);
    if (B > maxB) throw new Error(`bad map state: B = ${B} is beyond what the simulator supports (${maxB})`);
    this.B = B;
    if (B !== 0) {
      this.buckets = this.makeBucketArray(B);
    }
    warmUpAssign(t, (t2, hint2, opts2) => new HMap(t2, hint2, opts2));
  }

  // --- small helpers named as in map.go ---

  /** `tophash` calculates the tophash value for hash. */
  tophash(hash: number): number {
    const top = this.mask32 ? (hash >>> 24) & 0xff : Math.floor(hash / two32);
    return top < minTopHash ? top + minTopHash : top;
  }

  /** `tophash` of a hash given as its low and high 32 bits (`hashHalves`). */
  tophashOfHalves(lo32: number, hi32: number): number {
    const top = (this.mask32 ? lo32 : hi32) >>> 24;
    return top < minTopHash ? top + minTopHash : top;
  }

  /** @internal */
  bucketMask(B: number): number {
    return bucketShift(B) - 1;
  }

  /** @internal */
  hashOf(key: KeyValue): number {
    return this.hasher.hash(key, this.hash0);
  }

  /** growing reports whether h is growing. The growth may be to the same size or bigger. */
  growing(): boolean {
    return this.oldbuckets !== null;
  }

  /** sameSizeGrow reports whether the current growth is to a map of the same size. */
  sameSizeGrow(): boolean {
    return (this.flags & sameSizeGrowFlag) !== 0;
  }

  /** noldbuckets calculates the number of buckets prior to the current map growth. */
  noldbuckets(): number {
    let oldB = this.B;
    if (!this.sameSizeGrow()) oldB--;
    return bucketShift(oldB);
  }

  /** oldbucketmask provides a mask that can be applied to calculate n % noldbuckets(). */
  oldbucketmask(): number {
    return this.noldbuckets() - 1;
  }

  /** `extra.nextOverflow` onwards: preallocated overflow buckets not yet handed out. */
  nextOverflowFree(): number {
    return this.nextOverflowArr === null ? 0 : this.nextOverflowArr.length - this.nextOverflowIdx;
  }

  /**
   * @internal A bucket array with this map's lanes; `newobject(t.bucket)` is `newBucketArray(1, 1)`.
   * It keeps each slot's hash for `evacuate` when k == k always holds, unless the keys are integers
   * in words under the default hasher (rehashing them from their words is cheaper than the memory).
   */
  newBucketArray(base: number, length: number): BucketArray {
    const keepHashes = this.t.reflexivekey && !(this.wordHash && this.keyLane !== 'value');
    return new BucketArray(base, length, this.keyLane, this.elemLane, keepHashes, this.keyWidth, this.elemWidth);
  }

  /**
   * @internal `makeBucketArray`: 1<<b buckets plus preallocated overflow buckets; the last
   * preallocated one carries the sentinel (modelled by its index), and `extra.nextOverflow` points
   * to the first.
   */
  makeBucketArray(b: number): BucketArray {
    const arr = this.newBucketArray(bucketShift(b), bucketArrayLength(this.t.bucketsize, b));
    if (arr.base !== arr.length) {
      this.hasExtra = true;
      this.nextOverflowArr = arr;
      this.nextOverflowIdx = arr.base;
    }
    return arr;
  }

  /** `incrnoverflow`: counts exactly below B = 16, then with probability 1/(1<<(B-15)). */
  private incrnoverflow(): void {
    if (this.B < 16) {
      this.noverflow = (this.noverflow + 1) & 0xffff;
      return;
    }
    const mask = bucketShift(this.B - 15) - 1;
    if ((this.random.fastrand() & mask) === 0) this.noverflow = (this.noverflow + 1) & 0xffff;
  }

  /**
   * @internal `newoverflow`: the next preallocated overflow bucket if any, else a new one; links
   * it after bmap b of the current array and returns it.
   */
  newoverflow(b: number): number {
    const arr = this.buckets!;
    let ovf: number;
    if (this.nextOverflowArr !== null) {
      ovf = this.nextOverflowIdx;
      if (ovf !== arr.length - 1) {
        // Not at the end of the preallocated overflow buckets: bump the pointer.
        this.nextOverflowIdx++;
      } else {
        // The last preallocated overflow bucket: its sentinel is reset, nextOverflow becomes nil.
        this.nextOverflowArr = null;
      }
    } else {
      ovf = arr.newSeparate();
      this.separateOverflow++;
    }
    this.incrnoverflow();
    if (this.t.bucketPtrdata === 0) this.hasExtra = true; // createOverflow
    arr.setOverflow(b, ovf);
    return ovf;
  }

  // --- lanes ---

  /** @internal Whether `key` goes into word lanes (its words then in `keyEnc`); if it cannot, the lanes turn to values. */
  keyInWords(key: KeyValue): boolean {
    if (this.keyEnc === null) return false;
    if (this.keyEnc.encode(key)) return true;
    this.toValueLane('key');
    return false;
  }

  /** @internal */
  elemInWords(elem: unknown): boolean {
    if (this.elemEnc === null) return false;
    if (this.elemEnc.encode(elem)) return true;
    this.toValueLane('elem');
    return false;
  }

  /** @internal Gives the key (or elem) lanes of the map's arrays their high words (`LaneWidth`). */
  widenLane(which: 'key' | 'elem'): void {
    this.buckets?.widen(which);
    this.oldbuckets?.widen(which);
    if (which === 'key') this.keyWidth = 2;
    else this.elemWidth = 2;
  }

  private toValueLane(which: 'key' | 'elem'): void {
    this.buckets?.toValueLane(which);
    this.oldbuckets?.toValueLane(which);
    if (which === 'key') {
      this.keyLane = 'value';
      this.keyEnc = null;
    } else {
      this.elemLane = 'value';
      this.elemEnc = null;
    }
  }

  /**
   * @internal For a search of `key` in arr: false when arr's key lane is words and cannot hold it,
   * or holds one word a key and it needs two (then no slot holds it); else true, with its words in
   * `keyEnc` for a word lane.
   */
  keyFits(arr: BucketArray, key: KeyValue): boolean {
    return arr.keyCodec === null || (this.keyEnc!.encode(key) && (arr.keyWidth === 2 || this.keyEnc!.fitsOneWord()));
  }

  /**
   * @internal Whether the key in slot i of bmap b (in page pg) is `key` (whose words, in a word
   * lane, are lo/hi; in a one-word lane the key must fit one word, `keyFits`).
   */
  keyMatches(arr: BucketArray, pg: BmapPage, b: number, i: number, key: KeyValue, words: boolean, lo: number, hi: number): boolean {
    if (words) {
      const w = arr.slotBase(b, i) + arr.keyOff;
      return pg.body[w] === lo && (arr.keyWidth === 1 || pg.body[w + 1] === hi);
    }
    const k = pg.keyValues[arr.valueIndex(b, i)];
    return this.stringKeys && typeof key === 'string' ? k === key : this.equal(key, k);
  }

  // --- mapaccess, mapdelete (access.ts) ---

  /** `mapaccess2` (and `mapaccessK`): finds key without changing the map. */
  lookup(key: KeyValue, steps?: LookupStep[]): LookupResult {
    return mapaccess(this, key, steps);
  }

  /** `mapdelete`: `delete(m, key)`. Returns whether the key was present. */
  delete(key: KeyValue): boolean {
    return mapdelete(this, key);
  }

  /** @internal Reset the hash seed (when the map becomes empty). */
  reseed(): void {
    this.hash0 = this.random.hash0() >>> 0;
  }

  // --- mapassign (assign.ts) ---

  /** `mapassign` then the store of the elem: `m[key] = elem`. Returns whether a new key was added. */
  assign(key: KeyValue, elem: unknown): boolean {
    return mapassign(this, key, elem);
  }


  // --- growth (evacuate.ts) ---

  /** One step of growth, as a write would do it: `growWork` for the bucket at `nevacuate`. */
  stepGrowth(): boolean {
    if (!this.growing()) return false;
    growWork(this, this.nevacuate);
    return true;
  }

  /** Evacuates everything that is left. */
  finishGrowth(): number {
    let steps = 0;
    while (this.stepGrowth()) steps++;
    return steps;
  }

  // --- mapclear ---

  /** `mapclear`: `clear(m)`, or `for k := range m { delete(m, k) }` in non-generic code. */
  clear(): void {
    if (this.count === 0 || this.buckets === null) return;
    this.flags &= ~sameSizeGrowFlag;
    this.oldbuckets = null;
    this.nevacuate = 0;
    this.noverflow = 0;
    this.count = 0;
    // Reset the hash seed to make it more difficult for attackers to
    // repeatedly trigger hash collisions. See issue 25237.
    this.hash0 = this.random.hash0() >>> 0;
    if (this.hasExtra) this.nextOverflowArr = null; // *h.extra = mapextra{}
    this.separateOverflow = 0;
    this.oldSeparateOverflow = 0;
    // makeBucketArray clears the memory pointed to by h.buckets and recovers any overflow buckets
    // by generating them as if h.buckets was newly alloced.
    this.buckets = this.makeBucketArray(this.B);
  }

  // --- iteration (iter.ts) ---

  /** `mapiterinit`: a new `range` over the map; call `next()` on it for each key. */
  iterate(): HIter {
    return new HIter(this);
  }

  /** @internal for HIter: mapiterinit's side effects on the map. */
  beginIteration(): { startBucket: number; offset: number } {
    if (this.t.bucketPtrdata === 0) this.hasExtra = true; // createOverflow
    const start = this.random.iterStart(this.B);
    this.flags |= iteratorFlag | oldIteratorFlag;
    return start;
  }

  /** @internal for HIter. */
  hashForIter(key: KeyValue): number {
    return this.hashOf(key);
  }

  /** @internal for HIter and evacuate. */
  keyEqual(a: KeyValue, b: KeyValue): boolean {
    return this.equal(a, b);
  }

  /** @internal for HIter. */
  accessK(key: KeyValue): { key: KeyValue; elem: unknown } | undefined {
    return mapaccessK(this, key);
  }

  // --- views ---

  /** The chain of bucket i (the bucket then its overflow buckets) of the current or old array. */
  chain(which: 'buckets' | 'oldbuckets', i: number): Bmap[] {
    const arr = which === 'buckets' ? this.buckets : this.oldbuckets;
    if (arr === null) return [];
    const out: Bmap[] = [];
    for (let b: Bmap | null = arr.get(i); b !== null; b = b.overflow) out.push(b);
    return out;
  }

  /** Number of buckets of the old array addressed by hash (0 when not growing). */
  oldBucketCount(): number {
    return this.oldbuckets === null ? 0 : this.noldbuckets();
  }

  heldObjects(): HeldObjects {
    return {
      bucketArrayLength: this.buckets?.length ?? 0,
      oldBucketArrayLength: this.oldbuckets?.length ?? 0,
      separateOverflow: this.separateOverflow,
      oldSeparateOverflow: this.oldSeparateOverflow,
      extra: this.hasExtra,
    };
  }

  /**
   * Checks every invariant the runtime relies on and throws `bad map state: ...` on the first one
   * broken (`invariants.ts`). O(size of the map): tests call it after every operation.
   */
  checkInvariants(): void {
    checkInvariants(this);
  }


}
