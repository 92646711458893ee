/**
 * Growth of the classic map (Go 1.19 `runtime/map.go`: hashGrow, growWork, evacuate,
 * advanceEvacuationMark), on the flat bucket arrays of `buckets.ts`.
 *
 * `hashGrow` only allocates the new array and swaps it in; the entries move later, old bucket by
 * old bucket, as every insert or delete calls `growWork` for the bucket it is about to use and for
 * one more (`nevacuate`). `evacuate` walks an old bucket's chain and appends each entry to bucket
 * X (same index) or, when the map doubles and the hash has the new bit set, Y (index + old size),
 * chaining overflow bmaps onto X and Y as they fill. The old slots become evacuatedX/Y (or
 * evacuatedEmpty) so lookups and iterators know the entry has moved.
 *
 * The runtime hashes every key it moves again. When k == k holds for every key of the type, the
 * hash is a function of the key and `hash0`, and `hash0` has not changed since the key went in
 * (it changes only when the map becomes empty): the model takes the hash it kept at the insert
 * (`buckets.ts`) instead of calling the hasher, and moves it along with the key. Key types with
 * NaNs (floats, interfaces, ...) are hashed again, as the runtime does: a NaN hashes at random.
 * So are integer keys under the default hasher: their hash is a few multiplications of the two
 * words the slot already holds, cheaper than 4 more bytes a slot (a presized map of 10^6 entries
 * is 36 MB instead of 44, and fills faster for it).
 */
import { bucketCnt, overLoadFactor } from './makemap';
import { BmapPage, BucketArray, nilBmap } from './buckets';
import { evacuatedEmpty, evacuatedX, isEmpty, minTopHash } from './tophash';
import { iteratorFlag, maxB, oldIteratorFlag, sameSizeGrowFlag } from './flags';
import type { HMap } from './hmap';
import { hashHalves, hashWords64Halves } from './hash';

/** 2^53 / 2^32: an integer whose high word is below this in magnitude is safe (|v| < 2^53). */
const safeHigh = 2097152;

/** `hashGrow`: a bigger array (or the same size if not over the load factor) and start evacuating. */
export function hashGrow(h: HMap): void {
  let bigger = 1;
  if (!overLoadFactor(h.count + 1, h.B)) {
    bigger = 0;
    h.flags |= sameSizeGrowFlag;
  }
  if (h.B + bigger > maxB) throw new Error(`bad map state: B would exceed ${maxB}`);
  const oldbuckets = h.buckets;
  const hadNextOverflow = h.nextOverflowArr;
  const hadNextIdx = h.nextOverflowIdx;
  const newbuckets = h.makeBucketArray(h.B + bigger);
  if (newbuckets.base === newbuckets.length) {
    // No preallocated overflow buckets: extra.nextOverflow is left as it was.
    h.nextOverflowArr = hadNextOverflow;
    h.nextOverflowIdx = hadNextIdx;
  }

  let flags = h.flags & ~(iteratorFlag | oldIteratorFlag);
  if ((h.flags & iteratorFlag) !== 0) flags |= oldIteratorFlag;
  // commit the grow (atomic wrt gc)
  h.B += bigger;
  h.flags = flags;
  h.oldbuckets = oldbuckets;
  h.buckets = newbuckets;
  h.nevacuate = 0;
  h.noverflow = 0;
  h.oldSeparateOverflow = h.separateOverflow;
  h.separateOverflow = 0;
  // the actual copying of the hash table data is done incrementally by growWork() and evacuate().
}

/** `growWork`: evacuate the old bucket for `bucket`, then one more to make progress. */
export function growWork(h: HMap, bucket: number): void {
  // make sure we evacuate the oldbucket corresponding to the bucket we're about to use
  evacuate(h, bucket & h.oldbucketmask());
  // evacuate one more oldbucket to make progress on growing
  if (h.growing()) evacuate(h, h.nevacuate);
}

/** `evacDst`: where entries of the old bucket go, in X or in Y. */
class EvacDst {
  /** The current destination bmap (nilBmap until the first entry comes), its page and next slot. */
  b = nilBmap;
  pg: BmapPage | null = null;
  i = 0;
  constructor(readonly bucket: number) {}
}

/** `evacuate`: moves the chain of old bucket `oldbucket` to X (and Y) of the new array. */
function evacuate(h: HMap, oldbucket: number): void {
  const old = h.oldbuckets!;
  const newbit = h.noldbuckets();
  if (!old.evacuated(oldbucket)) {
    const nb = h.buckets!;
    const sameSize = h.sameSizeGrow();
    const xy = [new EvacDst(oldbucket), sameSize ? null : new EvacDst(oldbucket + newbit)];
    const iterating = (h.flags & iteratorFlag) !== 0;
    const keyWords = old.keyCodec !== null;
    const kept = old.hashOff >= 0;
    const elemWords = old.elemCodec !== null;
    if (keyWords !== (nb.keyCodec !== null) || elemWords !== (nb.elemCodec !== null) || old.keyWidth !== nb.keyWidth || old.elemWidth !== nb.elemWidth) {
      throw new Error('bad map state: old and new arrays store keys differently');
    }
    const keyWide = old.keyWidth === 2;
    const elemWide = old.elemWidth === 2;
    for (let b = oldbucket; b !== nilBmap; ) {
      const pg = old.pageW(b);
      const hb = old.headBase(b);
      const tb = hb << 2;
      for (let i = 0; i < bucketCnt; i++) {
        let top = pg.bytes[tb + i];
        if (isEmpty(top)) {
          pg.bytes[tb + i] = evacuatedEmpty;
          continue;
        }
        if (top < minTopHash) throw new Error('bad map state');
        const sb = old.slotBase(b, i);
        const kw = sb + old.keyOff;
        const ew = sb + old.elemOff;
        const v = old.valueIndex(b, i);
        let useY = 0;
        if (!sameSize) {
          // Compute hash to make our evacuation decision (whether we need
          // to send this key/elem to bucket x or bucket y).
          // A safe integer in words under the default hasher: its hash from the words themselves.
          const hi = !keyWords ? 0 : keyWide ? pg.body[kw + 1] : old.keyCodec!.narrowHi(pg.body[kw]);
          const words = !kept && keyWords && h.wordHash && (old.keyCodec!.signed ? hi > -safeHigh : hi >= 0) && hi < safeHigh;
          const k2 = kept || words ? undefined : keyWords ? old.keyCodec!.decode(pg.body[kw], hi) : pg.keyValues[v];
          // The low 32 bits decide; the whole hash only for a new tophash (never an integer key's).
          let hashLo: number;
          let hash = 0;
          if (kept) hashLo = pg.body[sb + old.hashOff];
          else if (words) {
            hashWords64Halves(pg.body[kw], hi, h.hash0);
            hashLo = hashHalves[0];
          } else {
            hash = h.hashOf(k2);
            hashLo = hash | 0;
          }
          if (iterating && !h.t.reflexivekey && !h.keyEqual(k2, k2)) {
            // NaN keys: the low bit of the old tophash decides, and a new tophash is chosen.
            useY = top & 1;
            top = h.tophash(hash);
          } else if ((hashLo & newbit) !== 0) {
            useY = 1;
          }
        }
        pg.bytes[tb + i] = evacuatedX + useY;
        const dst = xy[useY]!;
        if (dst.b === nilBmap) {
          dst.b = dst.bucket;
          dst.pg = nb.pageW(dst.b);
        } else if (dst.i === bucketCnt) {
          dst.b = h.newoverflow(dst.b);
          dst.pg = nb.pageW(dst.b);
          dst.i = 0;
        }
        const to = dst.pg!;
        to.bytes[(nb.headBase(dst.b) << 2) + dst.i] = top;
        const ds = nb.slotBase(dst.b, dst.i);
        if (keyWords) {
          const d = ds + nb.keyOff;
          to.body[d] = pg.body[kw];
          if (keyWide) to.body[d + 1] = pg.body[kw + 1];
        } else {
          to.keyValues[nb.valueIndex(dst.b, dst.i)] = pg.keyValues[v];
        }
        if (elemWords) {
          const d = ds + nb.elemOff;
          to.body[d] = pg.body[ew];
          if (elemWide) to.body[d + 1] = pg.body[ew + 1];
        } else {
          to.elemValues[nb.valueIndex(dst.b, dst.i)] = pg.elemValues[v];
        }
        if (kept) to.body[ds + nb.hashOff] = pg.body[sb + old.hashOff];
        dst.i++;
      }
      b = BucketArray.overflowIn(pg, hb);
    }
    // Unlink the overflow buckets & clear key/elem to help GC.
    if ((h.flags & oldIteratorFlag) === 0 && h.t.bucketPtrdata !== 0) unlinkEvacuated(h, old, oldbucket);
  }
  if (oldbucket === h.nevacuate) advanceEvacuationMark(h, newbit);
}

/** Clears the keys and elems of an evacuated head bucket and drops its overflow chain. */
function unlinkEvacuated(h: HMap, old: BucketArray, head: number): void {
  for (let o = old.overflowOf(head); o !== nilBmap; o = old.overflowOf(o)) if (old.isSeparate(o)) h.oldSeparateOverflow--;
  for (let i = 0; i < bucketCnt; i++) old.clearSlot(head, i);
  old.setOverflow(head, nilBmap);
}

/** `advanceEvacuationMark`: moves nevacuate past evacuated buckets (looking up to 1024 ahead). */
function advanceEvacuationMark(h: HMap, newbit: number): void {
  h.nevacuate++;
  const stop = Math.min(h.nevacuate + 1024, newbit);
  while (h.nevacuate !== stop && h.oldbuckets!.evacuated(h.nevacuate)) h.nevacuate++;
  if (h.nevacuate === newbit) {
    // Growing is all done. Free old main bucket array.
    h.oldbuckets = null;
    h.oldSeparateOverflow = 0;
    h.flags &= ~sameSizeGrowFlag;
  }
}
