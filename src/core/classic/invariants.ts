/**
 * What must hold between any two operations of a classic map, checked in full (`HMap.checkInvariants`):
 * the header agrees with the arrays (B, nextOverflow, nevacuate), every chain reads like the
 * runtime's (no live slot after an emptyRest, evacuated marks only in old buckets below or at the
 * evacuation front, every live key in the bucket and with the tophash its hash gives), `count` is
 * the number of live slots, the hashes kept for `evacuate` are the keys' hashes, and no key is
 * stored twice. Pages never written are zeroed memory, so
 * they are skipped: a map made with a huge hint is checked in the time its pages take.
 */
import { KeyValue } from './hash';
import { bucketCnt, bucketShift } from './makemap';
import { BucketArray, nilBmap } from './buckets';
import { emptyRest, evacuatedEmpty, evacuatedX, evacuatedY, minTopHash } from './tophash';
import { hashWritingFlag, maxB } from './flags';
import type { HMap } from './hmap';

function fail(msg: string): never {
  throw new Error(`bad map state: ${msg}`);
}

/** Throws `bad map state: ...` on the first invariant `h` breaks. O(pages written). */
export function checkInvariants(h: HMap): void {
  if (h.flags & hashWritingFlag) fail('hashWriting set between operations');
  if (h.B < 0 || h.B > maxB) fail(`B = ${h.B}`);
  if (h.noverflow < 0 || h.noverflow > 0xffff) fail(`noverflow = ${h.noverflow}`);
  if (h.buckets === null) {
    if (h.count !== 0 || h.B !== 0) fail('no buckets but count or B set');
    return;
  }
  if (h.buckets.base !== bucketShift(h.B)) fail(`bucket array has ${h.buckets.base} buckets for B = ${h.B}`);
  if (h.nextOverflowArr !== null) {
    if (h.nextOverflowArr !== h.buckets) fail('nextOverflow points outside the current array');
    if (h.nextOverflowIdx < h.buckets.base || h.nextOverflowIdx >= h.buckets.length) fail('nextOverflow out of range');
  }
  if (h.sameSizeGrow() && !h.growing()) fail('sameSizeGrow set while not growing');
  const c = new ChainChecker(h);
  forWrittenBuckets(h.buckets, h.buckets.base, (i) => c.check(h.buckets!, i, h.bucketMask(h.B), `buckets[${i}]`, false));
  if (h.oldbuckets !== null) {
    const old = h.oldbuckets;
    const nold = h.noldbuckets();
    if (old.base !== nold) fail(`old array has ${old.base} buckets, expected ${nold}`);
    if (h.nevacuate >= nold) fail(`nevacuate ${h.nevacuate} >= ${nold} while growing`);
    // Below nevacuate every old bucket is evacuated, so its page was written.
    for (let i = 0; i < h.nevacuate; i++) if (!old.evacuated(i)) fail(`oldbuckets[${i}] below nevacuate is not evacuated`);
    forWrittenBuckets(old, nold, (i) => c.check(old, i, nold - 1, `oldbuckets[${i}]`, true));
  } else if (h.nevacuate !== 0 && h.nevacuate !== bucketShift(h.B - 1) && h.nevacuate !== bucketShift(h.B)) {
    fail(`nevacuate ${h.nevacuate} after growth with B = ${h.B}`);
  }
  if (c.live !== h.count) fail(`count is ${h.count} but ${c.live} cells are live`);
  const ids = new Set<unknown>();
  for (const k of c.seen) {
    if (!h.keyEqual(k, k)) continue; // NaN keys are all distinct
    const id = typeof k === 'object' && k !== null ? JSON.stringify(k) : k;
    if (ids.has(id)) fail(`key ${JSON.stringify(k)} is stored twice`);
    ids.add(id);
  }
}

/** Calls f for each of the first n buckets of arr whose page was written. */
function forWrittenBuckets(arr: BucketArray, n: number, f: (i: number) => void): void {
  const per = arr.pageMask + 1;
  for (let start = 0; start < n; start += per) {
    if (arr.page(start) === undefined) continue;
    for (let i = start; i < Math.min(n, start + per); i++) f(i);
  }
}

class ChainChecker {
  live = 0;
  readonly seen: KeyValue[] = [];

  constructor(private readonly h: HMap) {}

  check(arr: BucketArray, i: number, mask: number, where: string, allowEvacuated: boolean): void {
    const h = this.h;
    let restSeen = false;
    let chainLen = 0;
    const ev = arr.evacuated(i);
    for (let b = i; b !== nilBmap; b = arr.overflowOf(b)) {
      if (++chainLen > 1 << 20) fail(`${where}: overflow chain loops`);
      for (let s = 0; s < bucketCnt; s++) {
        const th = arr.tophashAt(b, s);
        if (ev) {
          if (th !== evacuatedX && th !== evacuatedY && th !== evacuatedEmpty) fail(`${where}: evacuated bucket has tophash ${th}`);
          continue;
        }
        if (th >= evacuatedX && th <= evacuatedEmpty) fail(`${where}: tophash ${th} in a bucket that is not evacuated`);
        if (restSeen && th !== emptyRest) fail(`${where}: slot ${s} is ${th} after an emptyRest`);
        if (th === emptyRest) restSeen = true;
        if (th < minTopHash) continue;
        const k = arr.keyAt(b, s);
        const hash = h.hashOf(k);
        if (h.t.reflexivekey || h.keyEqual(k, k)) {
          if (((hash >>> 0) & mask) !== i) fail(`${where}: key ${JSON.stringify(k)} is in bucket ${i}, its hash says ${(hash >>> 0) & mask}`);
          if (h.tophash(hash) !== th) fail(`${where}: key ${JSON.stringify(k)} has tophash ${th}, its hash says ${h.tophash(hash)}`);
          if (arr.hashOff >= 0 && arr.hashAt(b, s) !== hash >>> 0) fail(`${where}: key ${JSON.stringify(k)} kept hash ${arr.hashAt(b, s)}, its hash is ${hash >>> 0}`);
        }
        this.live++;
        this.seen.push(k);
      }
    }
    if (ev && !allowEvacuated) fail(`${where}: evacuated marks in the current array`);
  }
}
