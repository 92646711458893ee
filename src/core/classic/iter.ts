/**
 * `range` over a classic map (Go 1.19 `runtime/map.go`: hiter, mapiterinit, mapiternext).
 *
 * An iterator remembers the bucket array it started on (`it.buckets`) and B at that time. It walks
 * the buckets from a random `startBucket`, visiting the slots of each bmap from a random `offset`,
 * and wraps around. The map may change between two `next()` calls: while a growth that began after
 * the iterator started is in progress, it reads the old bucket that feeds the bucket it is on and
 * keeps only the keys that will move to that bucket; an entry already evacuated is looked up again
 * (`mapaccessK`), so a key deleted since is skipped and an updated elem is seen.
 */
import { KeyValue } from './hash';
import { bucketCnt, bucketShift } from './makemap';
import { BucketArray, nilBmap } from './buckets';
import { evacuatedEmpty, evacuatedX, evacuatedY, isEmpty } from './tophash';
import type { HMap } from './hmap';

const noCheck = -1;

/** `hiter`: the state of one `range` loop; the map may change between calls of `next()`. */
export class HIter {
  private readonly h: HMap;
  readonly B: number;
  private readonly buckets: BucketArray | null;
  readonly startBucket: number;
  readonly offset: number;
  private wrapped = false;
  private bucket: number;
  /** The bmap being walked (nilBmap between buckets) and the array it is in. */
  private bptr = nilBmap;
  private barr: BucketArray | null = null;
  private i = 0;
  private checkBucket = noCheck;
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
    let bucket = this.bucket;
    let b = this.bptr;
    let arr = this.barr;
    let i = this.i;
    let checkBucket = this.checkBucket;
    for (;;) {
      if (b === nilBmap) {
        if (bucket === this.startBucket && this.wrapped) {
          this.done = true;
          return undefined;
        }
        arr = this.buckets!;
        b = bucket;
        checkBucket = noCheck;
        if (!h.growing() && arr.page(bucket) === undefined) {
          // A page never written holds only empty buckets (`buckets.ts`): skip to its end, or to
          // the start bucket when the walk has wrapped around to it. Same keys, same order.
          bucket = this.pageEnd(arr, bucket);
          b = nilBmap;
          continue;
        }
        if (h.growing() && this.B === h.B) {
          // Iterator was started in the middle of a grow, and the grow isn't done yet.
          // If the bucket we're looking at hasn't been filled in yet (i.e. the old
          // bucket hasn't been evacuated) then we need to iterate through the old
          // bucket and only return the ones that will be migrated to this bucket.
          const oldbucket = bucket & h.oldbucketmask();
          if (!h.oldbuckets!.evacuated(oldbucket)) {
            arr = h.oldbuckets!;
            b = oldbucket;
            checkBucket = bucket;
          }
        }
        bucket++;
        if (bucket === bucketShift(this.B)) {
          bucket = 0;
          this.wrapped = true;
        }
        i = 0;
      }
      const a = arr!;
      for (; i < bucketCnt; i++) {
        const offi = (i + this.offset) & (bucketCnt - 1);
        const th = a.tophashAt(b, offi);
        if (isEmpty(th) || th === evacuatedEmpty) continue;
        const k = a.keyAt(b, offi);
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
          result = { key: k, elem: a.elemAt(b, offi) };
        } else {
          // The hash table has grown since the iterator was started.
          // The golden data for this key is now somewhere else.
          const r = h.accessK(k);
          if (r === undefined) continue; // key has been deleted
          result = r;
        }
        this.bucket = bucket;
        this.bptr = b;
        this.barr = a;
        this.i = i + 1;
        this.checkBucket = checkBucket;
        return result;
      }
      b = a.overflowOf(b);
      i = 0;
    }
  }

  /** The bucket after the unwritten page that holds `bucket` (wrapping to 0), or the start bucket. */
  private pageEnd(arr: BucketArray, bucket: number): number {
    const end = Math.min(((bucket >>> arr.pageShift) + 1) << arr.pageShift, bucketShift(this.B));
    if (this.wrapped && bucket < this.startBucket && this.startBucket < end) return this.startBucket;
    if (end < bucketShift(this.B)) return end;
    this.wrapped = true;
    return 0;
  }
}
