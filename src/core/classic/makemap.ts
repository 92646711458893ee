/**
 * The sizing half of `makemap` and `makeBucketArray` (Go 1.19 `runtime/map.go`), as pure functions
 * so the layout/memory code, the hovers and the map model all compute them the same way.
 */
import { MapTypeInfo } from '../maptype';
import { roundupsize } from '../sizeclasses';

/** Maximum number of key/elem pairs a bucket can hold: `bucketCnt = 1 << bucketCntBits`. */
export const bucketCntBits = 3;
export const bucketCnt = 1 << bucketCntBits;
/** Maximum average load of a bucket that triggers growth is 6.5, as 13/2 to allow integer math. */
export const loadFactorNum = 13;
export const loadFactorDen = 2;
/** Keys and elems larger than this are stored behind a pointer (`indirectkey`/`indirectelem`). */
export const maxKeySize = 128;
export const maxElemSize = 128;

const shifts: readonly number[] = Array.from({ length: 64 }, (_, b) => 2 ** b);

/** `bucketShift(b)`: 1 << b, exact up to b = 63 (no 32-bit overflow); a small integer below 2^30, as
 * bucket indexes are, so the JIT's code for them never meets a boxed number. */
export function bucketShift(b: number): number {
  return b < 30 ? 1 << b : shifts[b];
}

/** `overLoadFactor`: would `count` items in 1<<B buckets exceed the load factor? */
export function overLoadFactor(count: number, B: number): boolean {
  return count > bucketCnt && count > loadFactorNum * Math.floor(bucketShift(B) / loadFactorDen);
}

/** `tooManyOverflowBuckets`: about as many overflow buckets as regular ones (capped at 1<<15). */
export function tooManyOverflowBuckets(noverflow: number, B: number): boolean {
  return noverflow >= bucketShift(B < 15 ? B : 15);
}

/** `maxAlloc` of the runtime: the largest allocation it will attempt, per pointer size. */
export function maxAlloc(ptrSize: 4 | 8): number {
  return ptrSize === 8 ? 2 ** 48 : 2 ** 32 - 1;
}

/** The B that `makemap` picks for `hint`: the smallest B whose buckets hold `hint` items. */
export function bucketsLog2ForHint(t: Pick<MapTypeInfo, 'bucketsize' | 'ptrSize'>, hint: number): number {
  if (hint < 0 || hint * t.bucketsize > maxAlloc(t.ptrSize)) hint = 0;
  let B = 0;
  while (overLoadFactor(hint, B)) B++;
  return B;
}

/**
 * `makeBucketArray`'s size: 1<<B buckets plus, for B >= 4, 1<<(B-4) preallocated overflow
 * buckets, then as many more as fit in the slack of the malloc size class (or page) of the array.
 */
export function bucketArrayLength(bucketsize: number, B: number): number {
  const base = bucketShift(B);
  let nbuckets = base;
  if (B >= 4) {
    nbuckets += bucketShift(B - 4);
    const sz = bucketsize * nbuckets;
    const up = roundupsize(sz);
    if (up !== sz) nbuckets = Math.floor(up / bucketsize);
  }
  return nbuckets;
}

/** `unsafe.Sizeof(hmap{})`: count, flags, B, noverflow, hash0, buckets, oldbuckets, nevacuate, extra. */
export function hmapSize(ptrSize: 4 | 8): number {
  return ptrSize === 8 ? 48 : 28;
}

/** `unsafe.Sizeof(mapextra{})`: overflow, oldoverflow, nextOverflow. */
export function mapextraSize(ptrSize: 4 | 8): number {
  return 3 * ptrSize;
}

export interface MakeResult {
  B: number;
  /** Length of the bucket array including preallocated overflow buckets; 0 when allocated lazily. */
  nbuckets: number;
  /** Preallocated overflow buckets (`extra.nextOverflow` onwards). */
  nextOverflowFree: number;
  /** Heap bytes `make(map[K]V, hint)` allocates, each object rounded to its size class. */
  allocBytes: number;
  /** Heap objects allocated: hmap, bucket array, mapextra. */
  mallocs: number;
}

/**
 * What `make(map[K]V, hint)` allocates on the heap. For hint <= 8 (and `make(map[K]V)`) only the
 * hmap: the bucket array comes with the first insert. Otherwise hmap, the bucket array rounded up
 * by `mallocgc`, and a mapextra when overflow buckets were preallocated.
 */
export function makeAlloc(t: Pick<MapTypeInfo, 'bucketsize' | 'ptrSize'>, hint: number): MakeResult {
  const B = bucketsLog2ForHint(t, hint);
  let allocBytes = roundupsize(hmapSize(t.ptrSize));
  let mallocs = 1;
  if (B === 0) return { B, nbuckets: 0, nextOverflowFree: 0, allocBytes, mallocs };
  const nbuckets = bucketArrayLength(t.bucketsize, B);
  allocBytes += roundupsize(nbuckets * t.bucketsize);
  mallocs++;
  const nextOverflowFree = nbuckets - bucketShift(B);
  if (nextOverflowFree > 0) {
    allocBytes += roundupsize(mapextraSize(t.ptrSize));
    mallocs++;
  }
  return { B, nbuckets, nextOverflowFree, allocBytes, mallocs };
}
