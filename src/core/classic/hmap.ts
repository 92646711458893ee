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
 * every later insert or delete (`growWork`/`evacuate`). An old bucket's entries go to bucket X
 * (same index) or Y (index + old size) by the next bit of the hash; its tophash slots become
 * evacuatedX, evacuatedY or evacuatedEmpty so that iterators and lookups know where to look.
 * Keys never move inside a bucket except by evacuation: a delete only marks the slot emptyOne, or
 * emptyRest when nothing follows it, so memory stays until the map is rebuilt.
 *
 * This file keeps the runtime's names (hmap, bmap, B, hash0, noverflow, nevacuate, evacuate,
 * growWork, ...) so it can be read beside map.go. What the runtime draws from `fastrand` (hash0,
 * iteration start, overflow counting above B = 15) comes from a seeded generator (`rand.ts`), and
 * hashes from a pluggable `Hasher` (`hash.ts`), so a session can be replayed exactly.
 */
import { MapTypeInfo } from '../maptype';
import { FastRand } from './rand';
import { Hasher, KeyValue, two32 } from './hash';
import {
  bucketArrayLength,
  bucketCnt,
  bucketShift,
  bucketsLog2ForHint,
  overLoadFactor,
  tooManyOverflowBuckets,
} from './makemap';

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

// flags
/** There may be an iterator using buckets. */
export const iteratorFlag = 1;
/** There may be an iterator using oldbuckets. */
export const oldIteratorFlag = 2;
/** A goroutine is writing to the map (never set between operations of the model). */
export const hashWritingFlag = 4;
/** The current map growth is to a new map of the same size. */
export const sameSizeGrowFlag = 8;

/** The largest B the model supports: bucket indexes and the X/Y bit must fit in 32 bits. */
export const maxB = 30;

/** `isEmpty` reports whether the given tophash array entry represents an empty bucket entry. */
export function isEmpty(x: number): boolean {
  return x <= emptyOne;
}

/** One bucket: tophash[8], keys[8], elems[8] and the overflow pointer. */
export class Bmap {
  readonly tophash: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  readonly keys: KeyValue[] = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  readonly elems: unknown[] = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  overflow: Bmap | null = null;
  /** Allocated on its own by `newobject` (an overflow bucket not taken from the array). */
  constructor(readonly separate: boolean) {}
}

/** An empty bucket that was never written: what an untouched, zeroed bucket of the array reads as. */
const zeroBmap: Bmap = (() => {
  const b = new Bmap(false);
  Object.freeze(b.tophash);
  Object.freeze(b.keys);
  Object.freeze(b.elems);
  return Object.freeze(b);
})();

/** `evacuated` reports whether bucket b has been evacuated (by its first slot). */
export function evacuated(b: Bmap): boolean {
  const h = b.tophash[0];
  return h > emptyOne && h < minTopHash;
}

/**
 * A bucket array as `makeBucketArray` allocates it: 1<<B buckets, then the preallocated overflow
 * buckets. Buckets are materialized on first write, so a map made with a large hint costs memory
 * in the simulator only where it is used; an untouched bucket reads as zeroed memory.
 */
export class BucketArray {
  private readonly slots: (Bmap | undefined)[];

  constructor(
    /** 1<<B: the buckets addressed by hash. */
    readonly base: number,
    /** All buckets, including preallocated overflow buckets from index `base` on. */
    readonly length: number,
  ) {
    this.slots = new Array(length);
  }

  /** The bucket at i for reading. */
  get(i: number): Bmap {
    return this.slots[i] ?? zeroBmap;
  }

  /** The bucket at i for writing. */
  getW(i: number): Bmap {
    let b = this.slots[i];
    if (b === undefined) {
      b = new Bmap(false);
      this.slots[i] = b;
    }
    return b;
  }

  /** Whether bucket i was ever written (for views that skip untouched memory). */
  touched(i: number): boolean {
    return this.slots[i] !== undefined;
  }
}

export type KeyEqual = (a: KeyValue, b: KeyValue) => boolean;

/** Go's `==` on the JSON value form of keys: NaN != NaN, +0 == -0, aggregates by value. */
export const defaultKeyEqual: KeyEqual = (a, b) =>
  a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));

/** Where the runtime's random numbers come from. */
export interface MapRandomness {
  /** `fastrand()` for hash seeds. */
  hash0(): number;
  /** `mapiterinit`'s random start: the start bucket (< 1<<B) and the offset inside buckets (< 8). */
  iterStart(B: number): { startBucket: number; offset: number };
  /** `fastrand()` for `incrnoverflow` when B > 15. */
  fastrand(): number;
}

/** All random choices from one seeded generator, in the order the runtime would draw them. */
export function seededRandomness(rand: FastRand): MapRandomness {
  return {
    hash0: () => rand.next(),
    fastrand: () => rand.next(),
    iterStart(B) {
      // mapiterinit: r := fastrand() (fastrand64() when B > 31-bucketCntBits);
      // startBucket = r & bucketMask(B); offset = uint8(r >> B & (bucketCnt - 1)).
      const lo = rand.next();
      const hi = B > 31 - 3 ? rand.next() : 0;
      const startBucket = B === 0 ? 0 : lo & (bucketShift(B) - 1);
      const shifted = B + 3 <= 32 ? lo >>> B : (lo >>> B) | (hi << (32 - B));
      return { startBucket, offset: shifted & (bucketCnt - 1) };
    },
  };
}

export interface HMapOptions {
  hasher: Hasher;
  random: MapRandomness;
  equal?: KeyEqual;
}

/** What a lookup did, step by step, for views that explain it. */
export type LookupStep =
  | { kind: 'hash'; hash: number; bucket: number; tophash: number }
  | { kind: 'oldbucket'; oldbucket: number; evacuated: boolean }
  | { kind: 'bucket'; array: 'buckets' | 'oldbuckets'; bucket: number; chainIndex: number }
  | { kind: 'slot'; slot: number; tophash: number; match: 'tophash-differs' | 'key-differs' | 'found' | 'emptyRest-stop' };

export interface LookupResult {
  found: boolean;
  elem: unknown;
  /** Where the key was found: the array, the bucket index, the position in its chain, the slot. */
  where?: { array: 'buckets' | 'oldbuckets'; bucket: number; chainIndex: number; slot: number };
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

interface EvacDst {
  /** Bucket index in the new array, for lazy materialization. */
  index: number;
  b: Bmap | null;
  i: number;
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
  /** `extra.nextOverflow`: the array and index of the next free preallocated overflow bucket. */
  private nextOverflowArr: BucketArray | null = null;
  private nextOverflowIdx = 0;
  /** Overflow buckets from `newobject` reachable from `buckets` / `oldbuckets`. */
  private separateOverflow = 0;
  private oldSeparateOverflow = 0;

  readonly t: MapTypeInfo;
  private readonly hasher: Hasher;
  private readonly random: MapRandomness;
  private readonly equal: KeyEqual;
  private readonly mask32: boolean;

  /** `makemap(t, hint)`: picks B for the hint; allocates the bucket array now only when B > 0. */
  constructor(t: MapTypeInfo, hint: number, opts: HMapOptions) {
    this.t = t;
    this.hasher = opts.hasher;
    this.random = opts.random;
    this.equal = opts.equal ?? defaultKeyEqual;
    this.mask32 = t.ptrSize === 4;
    this.hash0 = this.random.hash0() >>> 0;
    const B = bucketsLog2ForHint(t, hint);
    if (B > maxB) throw new Error(`bad map state: B = ${B} is beyond what the simulator supports (${maxB})`);
    this.B = B;
    if (B !== 0) {
      this.buckets = this.makeBucketArray(B);
    }
  }

  // --- small helpers named as in map.go ---

  /** `tophash` calculates the tophash value for hash. */
  tophash(hash: number): number {
    const top = this.mask32 ? (hash >>> 24) & 0xff : Math.floor(hash / two32);
    return top < minTopHash ? top + minTopHash : top;
  }

  private bucketMask(B: number): number {
    return bucketShift(B) - 1;
  }

  private hashOf(key: KeyValue): number {
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
   * `makeBucketArray`: 1<<b buckets plus preallocated overflow buckets; the last preallocated one
   * carries the sentinel (modelled by its index), and `extra.nextOverflow` points to the first.
   */
  private makeBucketArray(b: number): BucketArray {
    const arr = new BucketArray(bucketShift(b), bucketArrayLength(this.t.bucketsize, b));
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

  /** `newoverflow`: the next preallocated overflow bucket if any, else a new one; links it after b. */
  private newoverflow(b: Bmap): Bmap {
    let ovf: Bmap;
    const arr = this.nextOverflowArr;
    if (arr !== null) {
      ovf = arr.getW(this.nextOverflowIdx);
      if (this.nextOverflowIdx !== arr.length - 1) {
        // Not at the end of the preallocated overflow buckets: bump the pointer.
        this.nextOverflowIdx++;
      } else {
        // The last preallocated overflow bucket: its sentinel is reset, nextOverflow becomes nil.
        this.nextOverflowArr = null;
      }
    } else {
      ovf = new Bmap(true);
      this.separateOverflow++;
    }
    this.incrnoverflow();
    if (this.t.bucketPtrdata === 0) this.hasExtra = true; // createOverflow
    b.overflow = ovf;
    return ovf;
  }

  // --- mapaccess ---

  /** `mapaccess2` (and `mapaccessK`): finds key without changing the map. */
  lookup(key: KeyValue, steps?: LookupStep[]): LookupResult {
    if (this.count === 0 || this.buckets === null) return { found: false, elem: undefined };
    const hash = this.hashOf(key);
    let m = this.bucketMask(this.B);
    const bucket = (hash >>> 0) & m;
    const top = this.tophash(hash);
    steps?.push({ kind: 'hash', hash, bucket, tophash: top });
    let b = this.buckets.get(bucket);
    let array: 'buckets' | 'oldbuckets' = 'buckets';
    let index = bucket;
    const c = this.oldbuckets;
    if (c !== null) {
      if (!this.sameSizeGrow()) m = m >>> 1;
      const oldbucket = (hash >>> 0) & m;
      const oldb = c.get(oldbucket);
      const ev = evacuated(oldb);
      steps?.push({ kind: 'oldbucket', oldbucket, evacuated: ev });
      if (!ev) {
        b = oldb;
        array = 'oldbuckets';
        index = oldbucket;
      }
    }
    for (let chainIndex = 0, cur: Bmap | null = b; cur !== null; cur = cur.overflow, chainIndex++) {
      steps?.push({ kind: 'bucket', array, bucket: index, chainIndex });
      for (let i = 0; i < bucketCnt; i++) {
        const th = cur.tophash[i];
        if (th !== top) {
          if (th === emptyRest) {
            steps?.push({ kind: 'slot', slot: i, tophash: th, match: 'emptyRest-stop' });
            return { found: false, elem: undefined };
          }
          steps?.push({ kind: 'slot', slot: i, tophash: th, match: 'tophash-differs' });
          continue;
        }
        if (this.equal(key, cur.keys[i])) {
          steps?.push({ kind: 'slot', slot: i, tophash: th, match: 'found' });
          return { found: true, elem: cur.elems[i], where: { array, bucket: index, chainIndex, slot: i } };
        }
        steps?.push({ kind: 'slot', slot: i, tophash: th, match: 'key-differs' });
      }
    }
    return { found: false, elem: undefined };
  }

  /** `mapaccessK`: the stored key and elem for key, or undefined when absent. */
  private mapaccessK(key: KeyValue): { key: KeyValue; elem: unknown } | undefined {
    const r = this.lookup(key);
    if (!r.found || r.where === undefined) return undefined;
    const arr = r.where.array === 'buckets' ? this.buckets! : this.oldbuckets!;
    let b = arr.get(r.where.bucket);
    for (let j = 0; j < r.where.chainIndex; j++) b = b.overflow!;
    return { key: b.keys[r.where.slot], elem: b.elems[r.where.slot] };
  }

  // --- mapassign ---

  /** `mapassign` then the store of the elem: `m[key] = elem`. Returns whether a new key was added. */
  assign(key: KeyValue, elem: unknown): boolean {
    const hash = this.hashOf(key);
    if (this.buckets === null) {
      this.buckets = new BucketArray(1, 1); // newobject(t.bucket)
    }
    for (;;) {
      const bucket = (hash >>> 0) & this.bucketMask(this.B);
      if (this.growing()) this.growWork(bucket);
      let b = this.buckets.getW(bucket);
      const top = this.tophash(hash);

      let insertb: Bmap | null = null;
      let inserti = 0;
      bucketloop: for (;;) {
        for (let i = 0; i < bucketCnt; i++) {
          const th = b.tophash[i];
          if (th !== top) {
            if (isEmpty(th) && insertb === null) {
              insertb = b;
              inserti = i;
            }
            if (th === emptyRest) break bucketloop;
            continue;
          }
          if (!this.equal(key, b.keys[i])) continue;
          // already have a mapping for key. Update it.
          if (this.t.needkeyupdate) b.keys[i] = key;
          b.elems[i] = elem;
          return false;
        }
        const ovf = b.overflow;
        if (ovf === null) break;
        b = ovf;
      }

      // Did not find mapping for key. Allocate new cell & add entry.

      // If we hit the max load factor or we have too many overflow buckets,
      // and we're not already in the middle of growing, start growing.
      if (!this.growing() && (overLoadFactor(this.count + 1, this.B) || tooManyOverflowBuckets(this.noverflow, this.B))) {
        this.hashGrow();
        continue; // Growing the table invalidates everything, so try again
      }

      if (insertb === null) {
        // The current bucket and all the overflow buckets connected to it are full, allocate a new one.
        insertb = this.newoverflow(b);
        inserti = 0;
      }
      insertb.tophash[inserti] = top;
      insertb.keys[inserti] = key;
      insertb.elems[inserti] = elem;
      this.count++;
      return true;
    }
  }

  // --- mapdelete ---

  /** `mapdelete`: `delete(m, key)`. Returns whether the key was present. */
  delete(key: KeyValue): boolean {
    if (this.count === 0 || this.buckets === null) return false;
    const hash = this.hashOf(key);
    const bucket = (hash >>> 0) & this.bucketMask(this.B);
    if (this.growing()) this.growWork(bucket);
    const bOrig = this.buckets.get(bucket);
    const top = this.tophash(hash);
    for (let b: Bmap | null = bOrig; b !== null; b = b.overflow) {
      for (let i = 0; i < bucketCnt; i++) {
        if (b.tophash[i] !== top) {
          if (b.tophash[i] === emptyRest) return false;
          continue;
        }
        if (!this.equal(key, b.keys[i])) continue;
        // Clear key and elem (the runtime zeroes them or nils the indirect pointers).
        b.keys[i] = undefined;
        b.elems[i] = undefined;
        b.tophash[i] = emptyOne;
        // If the bucket now ends in a bunch of emptyOne states, change those to emptyRest states.
        if (this.endsChainAfter(b, i)) this.propagateEmptyRest(bOrig, b, i);
        this.count--;
        // Reset the hash seed to make it more difficult for attackers to
        // repeatedly trigger hash collisions. See issue 25237.
        if (this.count === 0) this.hash0 = this.random.hash0() >>> 0;
        return true;
      }
    }
    return false;
  }

  /** Whether slot i of b is followed by nothing but emptyRest (the `notLast` test of mapdelete). */
  private endsChainAfter(b: Bmap, i: number): boolean {
    if (i === bucketCnt - 1) return !(b.overflow !== null && b.overflow.tophash[0] !== emptyRest);
    return b.tophash[i + 1] === emptyRest;
  }

  /** Turns slot i of b, and the emptyOne slots before it across the chain, into emptyRest. */
  private propagateEmptyRest(bOrig: Bmap, b: Bmap, i: number): void {
    for (;;) {
      b.tophash[i] = emptyRest;
      if (i === 0) {
        if (b === bOrig) break; // beginning of initial bucket, we're done.
        // Find previous bucket, continue at its last entry.
        const c = b;
        for (b = bOrig; b.overflow !== c; b = b.overflow!) { /* walk */ }
        i = bucketCnt - 1;
      } else {
        i--;
      }
      if (b.tophash[i] !== emptyOne) break;
    }
  }

  // --- growth ---

  /** `hashGrow`: a bigger array (or the same size if not over the load factor) and start evacuating. */
  private hashGrow(): void {
    let bigger = 1;
    if (!overLoadFactor(this.count + 1, this.B)) {
      bigger = 0;
      this.flags |= sameSizeGrowFlag;
    }
    if (this.B + bigger > maxB) throw new Error(`bad map state: B would exceed ${maxB}`);
    const oldbuckets = this.buckets;
    const hadNextOverflow = this.nextOverflowArr;
    const hadNextIdx = this.nextOverflowIdx;
    const newbuckets = this.makeBucketArray(this.B + bigger);
    if (newbuckets.base === newbuckets.length) {
      // No preallocated overflow buckets: extra.nextOverflow is left as it was.
      this.nextOverflowArr = hadNextOverflow;
      this.nextOverflowIdx = hadNextIdx;
    }

    let flags = this.flags & ~(iteratorFlag | oldIteratorFlag);
    if ((this.flags & iteratorFlag) !== 0) flags |= oldIteratorFlag;
    // commit the grow (atomic wrt gc)
    this.B += bigger;
    this.flags = flags;
    this.oldbuckets = oldbuckets;
    this.buckets = newbuckets;
    this.nevacuate = 0;
    this.noverflow = 0;
    this.oldSeparateOverflow = this.separateOverflow;
    this.separateOverflow = 0;
    // the actual copying of the hash table data is done incrementally by growWork() and evacuate().
  }

  /** `growWork`: evacuate the old bucket for `bucket`, then one more to make progress. */
  private growWork(bucket: number): void {
    // make sure we evacuate the oldbucket corresponding to the bucket we're about to use
    this.evacuate(bucket & this.oldbucketmask());
    // evacuate one more oldbucket to make progress on growing
    if (this.growing()) this.evacuate(this.nevacuate);
  }

  /** `evacuate`: moves the chain of old bucket `oldbucket` to X (and Y) of the new array. */
  private evacuate(oldbucket: number): void {
    const old = this.oldbuckets!;
    const newbit = this.noldbuckets();
    if (!evacuated(old.get(oldbucket))) {
      const head = old.getW(oldbucket);
      const xy: [EvacDst, EvacDst | null] = [
        { index: oldbucket, b: null, i: 0 },
        this.sameSizeGrow() ? null : { index: oldbucket + newbit, b: null, i: 0 },
      ];
      const iterating = (this.flags & iteratorFlag) !== 0;
      for (let b: Bmap | null = head; b !== null; b = b.overflow) {
        for (let i = 0; i < bucketCnt; i++) {
          let top = b.tophash[i];
          if (isEmpty(top)) {
            b.tophash[i] = evacuatedEmpty;
            continue;
          }
          if (top < minTopHash) throw new Error('bad map state');
          const k2 = b.keys[i];
          let useY = 0;
          if (!this.sameSizeGrow()) {
            // Compute hash to make our evacuation decision (whether we need
            // to send this key/elem to bucket x or bucket y).
            const hash = this.hashOf(k2);
            if (iterating && !this.t.reflexivekey && !this.equal(k2, k2)) {
              // NaN keys: the low bit of the old tophash decides, and a new tophash is chosen.
              useY = top & 1;
              top = this.tophash(hash);
            } else if (((hash >>> 0) & newbit) !== 0) {
              useY = 1;
            }
          }
          b.tophash[i] = evacuatedX + useY;
          const dst = xy[useY]!;
          if (dst.b === null) dst.b = this.buckets!.getW(dst.index);
          if (dst.i === bucketCnt) {
            dst.b = this.newoverflow(dst.b);
            dst.i = 0;
          }
          dst.b.tophash[dst.i] = top;
          dst.b.keys[dst.i] = k2;
          dst.b.elems[dst.i] = b.elems[i];
          dst.i++;
        }
      }
      // Unlink the overflow buckets & clear key/elem to help GC.
      if ((this.flags & oldIteratorFlag) === 0 && this.t.bucketPtrdata !== 0) {
        for (let o = head.overflow; o !== null; o = o.overflow) if (o.separate) this.oldSeparateOverflow--;
        head.keys.fill(undefined);
        head.elems.fill(undefined);
        head.overflow = null;
      }
    }
    if (oldbucket === this.nevacuate) this.advanceEvacuationMark(newbit);
  }

  /** `advanceEvacuationMark`: moves nevacuate past evacuated buckets (looking up to 1024 ahead). */
  private advanceEvacuationMark(newbit: number): void {
    this.nevacuate++;
    const stop = Math.min(this.nevacuate + 1024, newbit);
    while (this.nevacuate !== stop && evacuated(this.oldbuckets!.get(this.nevacuate))) this.nevacuate++;
    if (this.nevacuate === newbit) {
      // Growing is all done. Free old main bucket array.
      this.oldbuckets = null;
      this.oldSeparateOverflow = 0;
      this.flags &= ~sameSizeGrowFlag;
    }
  }

  /** One step of growth, as a write would do it: `growWork` for the bucket at `nevacuate`. */
  stepGrowth(): boolean {
    if (!this.growing()) return false;
    this.growWork(this.nevacuate);
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

  // --- iteration ---

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

  /** @internal for HIter. */
  keyEqual(a: KeyValue, b: KeyValue): boolean {
    return this.equal(a, b);
  }

  /** @internal for HIter. */
  accessK(key: KeyValue): { key: KeyValue; elem: unknown } | undefined {
    return this.mapaccessK(key);
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

  // --- invariants ---

  /**
   * Checks every invariant the runtime relies on and throws `bad map state: ...` on the first one
   * broken. O(size of the map): tests call it after every operation.
   */
  checkInvariants(): void {
    const fail = (msg: string): never => {
      throw new Error(`bad map state: ${msg}`);
    };
    if (this.flags & hashWritingFlag) fail('hashWriting set between operations');
    if (this.B < 0 || this.B > maxB) fail(`B = ${this.B}`);
    if (this.noverflow < 0 || this.noverflow > 0xffff) fail(`noverflow = ${this.noverflow}`);
    if (this.buckets === null) {
      if (this.count !== 0 || this.B !== 0) fail('no buckets but count or B set');
      return;
    }
    if (this.buckets.base !== bucketShift(this.B)) fail(`bucket array has ${this.buckets.base} buckets for B = ${this.B}`);
    if (this.nextOverflowArr !== null) {
      if (this.nextOverflowArr !== this.buckets) fail('nextOverflow points outside the current array');
      if (this.nextOverflowIdx < this.buckets.base || this.nextOverflowIdx >= this.buckets.length) fail('nextOverflow out of range');
    }
    if (this.sameSizeGrow() && !this.growing()) fail('sameSizeGrow set while not growing');
    const seen: KeyValue[] = [];
    let live = 0;
    const checkChain = (arr: BucketArray, i: number, mask: number, where: string, allowEvacuated: boolean): void => {
      let restSeen = false;
      let chainLen = 0;
      const head = arr.get(i);
      const ev = evacuated(head);
      for (let b: Bmap | null = head; b !== null; b = b.overflow) {
        if (++chainLen > 1 << 20) fail(`${where}: overflow chain loops`);
        for (let s = 0; s < bucketCnt; s++) {
          const th = b.tophash[s];
          if (ev) {
            if (th !== evacuatedX && th !== evacuatedY && th !== evacuatedEmpty) fail(`${where}: evacuated bucket has tophash ${th}`);
            continue;
          }
          if (th >= evacuatedX && th <= evacuatedEmpty) fail(`${where}: tophash ${th} in a bucket that is not evacuated`);
          if (restSeen && th !== emptyRest) fail(`${where}: slot ${s} is ${th} after an emptyRest`);
          if (th === emptyRest) restSeen = true;
          if (th < minTopHash) continue;
          const k = b.keys[s];
          const hash = this.hashOf(k);
          if (this.t.reflexivekey || this.equal(k, k)) {
            if (((hash >>> 0) & mask) !== i) fail(`${where}: key ${JSON.stringify(k)} is in bucket ${i}, its hash says ${(hash >>> 0) & mask}`);
            if (this.tophash(hash) !== th) fail(`${where}: key ${JSON.stringify(k)} has tophash ${th}, its hash says ${this.tophash(hash)}`);
          }
          live++;
          seen.push(k);
        }
      }
      if (ev && !allowEvacuated) fail(`${where}: evacuated marks in the current array`);
    };
    for (let i = 0; i < this.buckets.base; i++) checkChain(this.buckets, i, this.bucketMask(this.B), `buckets[${i}]`, false);
    if (this.oldbuckets !== null) {
      const nold = this.noldbuckets();
      if (this.oldbuckets.base !== nold) fail(`old array has ${this.oldbuckets.base} buckets, expected ${nold}`);
      if (this.nevacuate >= nold) fail(`nevacuate ${this.nevacuate} >= ${nold} while growing`);
      for (let i = 0; i < nold; i++) {
        const ev = evacuated(this.oldbuckets.get(i));
        if (i < this.nevacuate && !ev) fail(`oldbuckets[${i}] below nevacuate is not evacuated`);
        checkChain(this.oldbuckets, i, nold - 1, `oldbuckets[${i}]`, true);
      }
    } else if (this.nevacuate !== 0 && this.nevacuate !== bucketShift(this.B - 1) && this.nevacuate !== bucketShift(this.B)) {
      fail(`nevacuate ${this.nevacuate} after growth with B = ${this.B}`);
    }
    if (live !== this.count) fail(`count is ${this.count} but ${live} cells are live`);
    const ids = new Set<unknown>();
    for (const k of seen) {
      if (!this.equal(k, k)) continue; // NaN keys are all distinct
      const id = typeof k === 'object' && k !== null ? JSON.stringify(k) : k;
      if (ids.has(id)) fail(`key ${JSON.stringify(k)} is stored twice`);
      ids.add(id);
    }
  }
}

/** `hiter`: the state of one `range` loop; the map may change between calls of `next()`. */
export class HIter {
  private readonly h: HMap;
  readonly B: number;
  private readonly buckets: BucketArray | null;
  readonly startBucket: number;
  readonly offset: number;
  private wrapped = false;
  private bucket: number;
  private bptr: Bmap | null = null;
  private i = 0;
  private checkBucket = -1;
  private done = false;

  constructor(h: HMap) {
    this.h = h;
    this.B = h.B;
    this.buckets = h.buckets;
    if (h.count === 0 || h.buckets === null) {
      this.done = true;
      this.startBucket = 0;
      this.offset = 0;
      this.bucket = 0;
      return;
    }
    const start = h.beginIteration();
    this.startBucket = start.startBucket;
    this.offset = start.offset;
    this.bucket = this.startBucket;
  }

  /** `mapiternext`: the next key and elem, or undefined at the end. */
  next(): { key: KeyValue; elem: unknown } | undefined {
    if (this.done) return undefined;
    const h = this.h;
    const noCheck = -1;
    let bucket = this.bucket;
    let b = this.bptr;
    let i = this.i;
    let checkBucket = this.checkBucket;
    for (;;) {
      if (b === null) {
        if (bucket === this.startBucket && this.wrapped) {
          this.done = true;
          return undefined;
        }
        if (h.growing() && this.B === h.B) {
          // Iterator was started in the middle of a grow, and the grow isn't done yet.
          // If the bucket we're looking at hasn't been filled in yet (i.e. the old
          // bucket hasn't been evacuated) then we need to iterate through the old
          // bucket and only return the ones that will be migrated to this bucket.
          const oldbucket = bucket & h.oldbucketmask();
          b = h.oldbuckets!.get(oldbucket);
          if (!evacuated(b)) {
            checkBucket = bucket;
          } else {
            b = this.buckets!.get(bucket);
            checkBucket = noCheck;
          }
        } else {
          b = this.buckets!.get(bucket);
          checkBucket = noCheck;
        }
        bucket++;
        if (bucket === bucketShift(this.B)) {
          bucket = 0;
          this.wrapped = true;
        }
        i = 0;
      }
      for (; i < bucketCnt; i++) {
        const offi = (i + this.offset) & (bucketCnt - 1);
        const th = b.tophash[offi];
        if (isEmpty(th) || th === evacuatedEmpty) continue;
        const k = b.keys[offi];
        const reflexive = h.t.reflexivekey || h.keyEqual(k, k);
        if (checkBucket !== noCheck && !h.sameSizeGrow()) {
          // Special case: iterator was started during a grow to a larger size
          // and the grow is not done yet. We're working on a bucket whose
          // oldbucket has not been evacuated yet. Or at least, it wasn't
          // evacuated when we started the bucket. So we're iterating
          // through the oldbucket, skipping any keys that will go
          // to the other new bucket (each oldbucket expands to two
          // buckets during a grow).
          if (reflexive) {
            const hash = h.hashForIter(k);
            if (((hash >>> 0) & (bucketShift(this.B) - 1)) !== checkBucket) continue;
          } else if (checkBucket >>> (this.B - 1) !== (th & 1)) {
            continue;
          }
        }
        let result: { key: KeyValue; elem: unknown };
        if ((th !== evacuatedX && th !== evacuatedY) || !reflexive) {
          // This is the golden data, we can return it.
          result = { key: k, elem: b.elems[offi] };
        } else {
          // The hash table has grown since the iterator was started.
          // The golden data for this key is now somewhere else.
          const r = h.accessK(k);
          if (r === undefined) continue; // key has been deleted
          result = r;
        }
        this.bucket = bucket;
        this.bptr = b;
        this.i = i + 1;
        this.checkBucket = checkBucket;
        return result;
      }
      b = b.overflow;
      i = 0;
    }
  }
}
