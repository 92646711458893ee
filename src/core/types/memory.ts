/**
 * Heap memory of a map, to the byte, from the runtime's allocation pattern (Go 1.19
 * `runtime/map.go`, `runtime/malloc.go`, `runtime/slice.go`):
 *
 * - `make(map[K]V, hint)` allocates the hmap, and for a hint over 8 (B > 0) the bucket array from
 *   `makeBucketArray`, plus a `mapextra` when that array has preallocated overflow buckets
 *   (`makeAlloc` in `classic/makemap.ts` is the one implementation of this; we only present it).
 *   Every object is rounded up to its malloc size class, or to whole 8 KiB pages when large.
 * - Later: the first insert into a B = 0 map allocates one bucket (`newobject(t.bucket)`);
 *   `hashGrow` allocates a new array while the old one stays alive until evacuation ends;
 *   `newoverflow` takes preallocated overflow buckets first and then allocates one bucket each;
 *   when the bucket has no pointers, `extra.overflow` (a `*[]*bmap`) keeps every overflow bucket
 *   reachable, so a slice header and its backing array (grown by `append`) are allocated too.
 * - A key or elem over 128 bytes is stored indirectly: each inserted one is an object of its own
 *   (`newobject(t.key)`), rounded to its size class.
 */
import { bucketArrayLength, bucketCnt, bucketShift, hmapSize, makeAlloc, mapextraSize, MakeResult } from '../classic/makemap';
import { MapTypeInfo } from '../maptype';
import { roundupsize } from '../sizeclasses';

export interface MapMemory extends MakeResult {
  hint: number;
  bucketsize: number;
  /** roundupsize(sizeof(hmap)). */
  hmapBytes: number;
  /** The bucket array as requested (nbuckets * bucketsize) and as allocated (its size class). */
  bucketArrayBytes: number;
  bucketArrayAlloc: number;
  /** roundupsize(sizeof(mapextra)) when `make` created one, else 0. */
  mapextraBytes: number;
  /** Entries the map holds before its first growth (load factor 6.5 per bucket; 8 when B = 0). */
  capacity: number;
}

/** Entries a map with 2^B buckets takes before `overLoadFactor` triggers growth on the next insert. */
export function capacityOf(B: number): number {
  // overLoadFactor(count, B) is count > 8 && count > 13*(2^B/2): the largest count that is not over.
  return B === 0 ? bucketCnt : Math.max(bucketCnt, 13 * Math.floor(bucketShift(B) / 2));
}

/** What `make(map[K]V, hint)` allocates (see `makeAlloc`), with the pieces named. */
export function mapMemory(t: Pick<MapTypeInfo, 'bucketsize' | 'ptrSize'>, hint: number): MapMemory {
  const m = makeAlloc(t, hint);
  const bucketArrayBytes = m.nbuckets * t.bucketsize;
  const hmapBytes = roundupsize(hmapSize(t.ptrSize));
  const mapextraBytes = m.nextOverflowFree > 0 ? roundupsize(mapextraSize(t.ptrSize)) : 0;
  // Cross-check the pieces against makeAlloc's total: they are the same objects.
  const bucketArrayAlloc = m.nbuckets === 0 ? 0 : roundupsize(bucketArrayBytes);
  if (hmapBytes + bucketArrayAlloc + mapextraBytes !== m.allocBytes) {
    throw new Error(`mapMemory: pieces do not add up to makeAlloc's ${m.allocBytes} bytes`);
  }
  return {
    ...m,
    hint,
    bucketsize: t.bucketsize,
    hmapBytes,
    bucketArrayBytes,
    bucketArrayAlloc,
    mapextraBytes,
    capacity: capacityOf(m.B),
  };
}

/**
 * The capacity `append` gives a slice of pointer-size elements after one-at-a-time appends up to
 * `n` elements (`growslice`: double below 256, then grow by (cap + 3*256)/4, and round the
 * backing array up to its size class).
 */
export function appendCapacity(n: number, ptrSize: 4 | 8): number {
  let cap = 0;
  while (cap < n) {
    const want = cap + 1;
    let newcap: number;
    if (want > 2 * cap) newcap = want;
    else if (cap < 256) newcap = 2 * cap;
    else {
      newcap = cap;
      while (newcap < want) newcap += Math.floor((newcap + 3 * 256) / 4);
    }
    cap = Math.floor(roundupsize(newcap * ptrSize) / ptrSize);
  }
  return cap;
}

/** Counts describing a (simulated) map at one moment: what the map model knows. */
export interface MapCounts {
  /** Live entries (`hmap.count`). */
  count: number;
  B: number;
  /** `hmap.buckets` is allocated (false only before the first insert into a map made with hint ≤ 8). */
  bucketsAllocated: boolean;
  /** While growing: log2 of the old array's bucket count (B-1 when doubling, B for same-size growth). */
  oldB?: number;
  /** Overflow buckets allocated one by one by `newoverflow` (not taken from the preallocated ones)
   * and still reachable, from `buckets` or `oldbuckets`. */
  overflowAllocated: number;
  /** `hmap.extra != nil`. */
  extra: boolean;
  /** bmaps (regular and overflow, in `buckets` and `oldbuckets`) that hold at least one entry. */
  bucketsInUse: number;
  /** Lengths of `extra.overflow` and `extra.oldoverflow` (kept only when the bucket has no pointers). */
  overflowListLen?: number;
  oldOverflowListLen?: number;
}

export interface LiveMemory {
  /** Heap bytes the map holds now: hmap, mapextra, bucket arrays, overflow buckets, overflow
   * lists, indirect keys and elems. */
  allocBytes: number;
  /** The part of it that holds entries: hmap, mapextra, the bmaps in use, indirect objects. */
  liveBytes: number;
  /** The entries themselves: count * (1 tophash byte + keysize + elemsize) + indirect objects. */
  entryBytes: number;
  /** count * roundupsize of each indirect key and elem object. */
  indirectBytes: number;
  /** Pieces of allocBytes. */
  hmapBytes: number;
  mapextraBytes: number;
  bucketArrayBytes: number;
  oldBucketArrayBytes: number;
  overflowBytes: number;
  overflowListBytes: number;
  /** A rebuild `n := make(map[K]V, len(m))` + copy: its bytes, and what it gives back. */
  rebuild: {
    B: number;
    allocBytes: number;
    /** allocBytes - rebuild.allocBytes (negative when the rebuild would be larger). */
    savedBytes: number;
  };
}

/** Bytes of one `*[]*bmap` overflow list of `len` buckets: the slice header and its array. */
function overflowListBytes(len: number | undefined, ptrSize: 4 | 8): number {
  if (len === undefined || len === 0) return 0;
  return roundupsize(3 * ptrSize) + roundupsize(appendCapacity(len, ptrSize) * ptrSize);
}

/** Bytes of the indirect key and elem objects of `count` entries. */
function indirectBytesOf(t: MapTypeInfo, count: number, keyBytes: number, elemBytes: number): number {
  return count * ((t.indirectkey ? roundupsize(keyBytes) : 0) + (t.indirectelem ? roundupsize(elemBytes) : 0));
}

/**
 * Live and allocated bytes of a map in the state `c`. `keyBytes`/`elemBytes` are the real sizes of
 * K and V (only used when stored indirectly: the bucket then holds `ptrSize`-byte pointers).
 *
 * The rebuild estimate counts `make(map[K]V, count)`, the first bucket when that is lazily
 * allocated, and the indirect objects; it assumes the copy needs no overflow buckets beyond the
 * preallocated ones, so it is a lower bound when hashes collide.
 */
export function liveMemory(t: MapTypeInfo, c: MapCounts, keyBytes: number, elemBytes: number): LiveMemory {
  const bucket = t.bucketsize;
  const hmapBytes = roundupsize(hmapSize(t.ptrSize));
  const mapextraBytes = c.extra ? roundupsize(mapextraSize(t.ptrSize)) : 0;
  const arrayBytes = (B: number) => roundupsize(bucketArrayLength(bucket, B) * bucket);
  const bucketArrayBytes = c.bucketsAllocated ? arrayBytes(c.B) : 0;
  const oldBucketArrayBytes = c.oldB === undefined ? 0 : arrayBytes(c.oldB);
  const overflowBytes = c.overflowAllocated * roundupsize(bucket);
  const listBytes = overflowListBytes(c.overflowListLen, t.ptrSize) + overflowListBytes(c.oldOverflowListLen, t.ptrSize);
  const indirectBytes = indirectBytesOf(t, c.count, keyBytes, elemBytes);
  const allocBytes =
    hmapBytes + mapextraBytes + bucketArrayBytes + oldBucketArrayBytes + overflowBytes + listBytes + indirectBytes;
  const liveBytes = hmapBytes + mapextraBytes + c.bucketsInUse * bucket + indirectBytes;
  const entryBytes = c.count * (1 + t.keysize + t.elemsize) + indirectBytes;

  const fresh = mapMemory(t, c.count);
  // A map made with hint ≤ 8 gets its single bucket on the first insert.
  const firstBucket = c.count > 0 && fresh.nbuckets === 0 ? roundupsize(bucket) : 0;
  const rebuildBytes = fresh.allocBytes + firstBucket + indirectBytes;
  return {
    allocBytes,
    liveBytes,
    entryBytes,
    indirectBytes,
    hmapBytes,
    mapextraBytes,
    bucketArrayBytes,
    oldBucketArrayBytes,
    overflowBytes,
    overflowListBytes: listBytes,
    rebuild: { B: fresh.B, allocBytes: rebuildBytes, savedBytes: allocBytes - rebuildBytes },
  };
}
