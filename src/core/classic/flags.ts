/**
 * The bits of `hmap.flags` (Go 1.19 `runtime/map.go`) and the largest B the model supports.
 * `hmap.ts` re-exports them; `evacuate.ts` and `iter.ts` read them without importing the map.
 */

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
