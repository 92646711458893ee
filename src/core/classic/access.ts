/**
 * Finding and deleting a key in a classic map (Go 1.19 `runtime/map.go`: mapaccess2, mapaccessK,
 * mapdelete).
 *
 * A key's hash picks bucket `hash & (1<<B - 1)`; while the map grows, the old bucket that feeds it
 * is read instead if it has not been evacuated yet. The chain is walked bmap by bmap, slot by slot:
 * a slot whose tophash differs is skipped without looking at its key, an `emptyRest` ends the
 * search, and a matching tophash is confirmed by comparing keys. A delete first does its share of
 * growth (`growWork`), then clears the slot to `emptyOne`, or to `emptyRest` when nothing live
 * follows it in the chain, propagating `emptyRest` backwards over the `emptyOne`s before it.
 */
import { KeyValue } from './hash';
import { bucketCnt } from './makemap';
import { BucketArray, nilBmap } from './buckets';
import { emptyOne, emptyRest } from './tophash';
import { growWork } from './evacuate';
import type { HMap } from './hmap';

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

const notFound: LookupResult = Object.freeze({ found: false, elem: undefined });

/** `mapaccess2`: finds key without changing the map, recording each step in `steps` if given. */
export function mapaccess(h: HMap, key: KeyValue, steps?: LookupStep[]): LookupResult {
  if (h.count === 0 || h.buckets === null) return notFound;
  const hash = h.hashOf(key);
  let m = h.bucketMask(h.B);
  const bucket = (hash >>> 0) & m;
  const top = h.tophash(hash);
  steps?.push({ kind: 'hash', hash, bucket, tophash: top });
  let arr = h.buckets;
  let array: 'buckets' | 'oldbuckets' = 'buckets';
  let index = bucket;
  const c = h.oldbuckets;
  if (c !== null) {
    if (!h.sameSizeGrow()) m = m >>> 1;
    const oldbucket = (hash >>> 0) & m;
    const ev = c.evacuated(oldbucket);
    steps?.push({ kind: 'oldbucket', oldbucket, evacuated: ev });
    if (!ev) {
      arr = c;
      array = 'oldbuckets';
      index = oldbucket;
    }
  }
  const fits = h.keyFits(arr, key);
  const words = arr.keyCodec !== null;
  const lo = words ? h.keyEnc!.lo : 0;
  const hi = words ? h.keyEnc!.hi : 0;
  for (let chainIndex = 0, b = index; b !== nilBmap; b = arr.overflowOf(b), chainIndex++) {
    steps?.push({ kind: 'bucket', array, bucket: index, chainIndex });
    const pg = arr.page(b);
    const tb = arr.headBase(b) << 2;
    for (let i = 0; i < bucketCnt; i++) {
      const th = pg === undefined ? emptyRest : pg.bytes[tb + i];
      if (th !== top) {
        if (th === emptyRest) {
          steps?.push({ kind: 'slot', slot: i, tophash: th, match: 'emptyRest-stop' });
          return notFound;
        }
        steps?.push({ kind: 'slot', slot: i, tophash: th, match: 'tophash-differs' });
        continue;
      }
      if (fits && h.keyMatches(arr, pg!, b, i, key, words, lo, hi)) {
        steps?.push({ kind: 'slot', slot: i, tophash: th, match: 'found' });
        return { found: true, elem: arr.elemAt(b, i), where: { array, bucket: index, chainIndex, slot: i } };
      }
      steps?.push({ kind: 'slot', slot: i, tophash: th, match: 'key-differs' });
    }
  }
  return notFound;
}

/** `mapaccessK`: the stored key and elem for key, or undefined when absent. */
export function mapaccessK(h: HMap, key: KeyValue): { key: KeyValue; elem: unknown } | undefined {
  const r = mapaccess(h, key);
  if (!r.found || r.where === undefined) return undefined;
  const arr = r.where.array === 'buckets' ? h.buckets! : h.oldbuckets!;
  let b = r.where.bucket;
  for (let j = 0; j < r.where.chainIndex; j++) b = arr.overflowOf(b);
  return { key: arr.keyAt(b, r.where.slot), elem: arr.elemAt(b, r.where.slot) };
}

/** `mapdelete`: `delete(m, key)`. Returns whether the key was present. */
export function mapdelete(h: HMap, key: KeyValue): boolean {
  if (h.count === 0 || h.buckets === null) return false;
  const hash = h.hashOf(key);
  const bucket = (hash >>> 0) & h.bucketMask(h.B);
  if (h.growing()) growWork(h, bucket);
  const arr = h.buckets;
  if (!h.keyFits(arr, key)) return false;
  const words = arr.keyCodec !== null;
  const lo = words ? h.keyEnc!.lo : 0;
  const hi = words ? h.keyEnc!.hi : 0;
  const top = h.tophash(hash);
  for (let b = bucket; b !== nilBmap; b = arr.overflowOf(b)) {
    const pg = arr.page(b);
    if (pg === undefined) return false; // zeroed memory: emptyRest
    const tb = arr.headBase(b) << 2;
    for (let i = 0; i < bucketCnt; i++) {
      const th = pg.bytes[tb + i];
      if (th !== top) {
        if (th === emptyRest) return false;
        continue;
      }
      if (!h.keyMatches(arr, pg, b, i, key, words, lo, hi)) continue;
      // Clear key and elem (the runtime zeroes them or nils the indirect pointers).
      arr.clearSlot(b, i);
      pg.bytes[tb + i] = emptyOne;
      // If the bucket now ends in a bunch of emptyOne states, change those to emptyRest states.
      if (endsChainAfter(arr, b, i)) propagateEmptyRest(arr, bucket, b, i);
      h.count--;
      // Reset the hash seed to make it more difficult for attackers to
      // repeatedly trigger hash collisions. See issue 25237.
      if (h.count === 0) h.reseed();
      return true;
    }
  }
  return false;
}

/** Whether slot i of b is followed by nothing but emptyRest (the `notLast` test of mapdelete). */
function endsChainAfter(arr: BucketArray, b: number, i: number): boolean {
  if (i === bucketCnt - 1) {
    const o = arr.overflowOf(b);
    return !(o !== nilBmap && arr.tophashAt(o, 0) !== emptyRest);
  }
  return arr.tophashAt(b, i + 1) === emptyRest;
}

/** Turns slot i of b, and the emptyOne slots before it across the chain, into emptyRest. */
function propagateEmptyRest(arr: BucketArray, bOrig: number, b: number, i: number): void {
  for (;;) {
    arr.setTophash(b, i, emptyRest);
    if (i === 0) {
      if (b === bOrig) break; // beginning of initial bucket, we're done.
      // Find previous bucket, continue at its last entry.
      const c = b;
      for (b = bOrig; arr.overflowOf(b) !== c; b = arr.overflowOf(b)) { /* walk */ }
      i = bucketCnt - 1;
    } else {
      i--;
    }
    if (arr.tophashAt(b, i) !== emptyOne) break;
  }
}
