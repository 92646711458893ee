/**
 * `m[key] = elem` in a classic map (Go 1.19 `runtime/map.go` mapassign, then the store of the elem).
 *
 * The key's hash picks its bucket; if the map is growing, the write first does its share of the
 * evacuation (`growWork`). The chain is walked once: a slot with the key's tophash and an equal key
 * is updated in place (the key itself is stored again for types that need it, `needkeyupdate`);
 * otherwise the first empty slot seen is remembered. A new key first checks whether the map must
 * grow (over the load factor, or too many overflow buckets), in which case it starts the growth and
 * tries again; then it takes the remembered slot, or a new overflow bucket at the end of the chain.
 *
 * Storage (`buckets.ts`): the slot's tophash goes in the bmap's head; its key and elem in its body,
 * as words or in the value arrays; and, for key types where k == k, the hash `evacuate` will need.
 * A key or elem that needs the high word its lane does not keep widens the lane first (`lanes.ts`).
 */
import { KeyValue, hashHalves, hashWords64Halves } from './hash';
import { bucketCnt, overLoadFactor, tooManyOverflowBuckets } from './makemap';
import { BmapPage, BucketArray, nilBmap } from './buckets';
import { emptyOne, emptyRest } from './tophash';
import { growWork, hashGrow } from './evacuate';
import type { HMap } from './hmap';
import type { LaneWidth } from './lanes';

/** `mapassign`: `m[key] = elem`. Returns whether a new key was added. */
export function mapassign(h: HMap, key: KeyValue, elem: unknown): boolean {
  // The encoders straight away (the lanes' own methods only when a value does not fit): in a fresh
  // process, every level of small calls on this path is code the JIT must warm up first.
  const ke = h.keyEnc;
  const kw = ke !== null && ke.encode(key) ? true : h.keyInWords(key);
  const klo = kw ? ke!.lo : 0;
  const khi = kw ? ke!.hi : 0;
  const ee = h.elemEnc;
  const ew = ee !== null && ee.encode(elem) ? true : h.elemInWords(elem);
  const elo = ew ? ee!.lo : 0;
  const ehi = ew ? ee!.hi : 0;
  // A value that needs its high word in a lane that keeps low words only: the lane widens first.
  if (kw && h.keyWidth === 1 && !ke!.fitsOneWord()) h.widenLane('key');
  if (ew && h.elemWidth === 1 && !ee!.fitsOneWord()) h.widenLane('elem');
  // A safe integer's words are what the default hash reads (±2^53 hash as floats, a decimal string
  // beyond as text: through the hasher).
  // The hash as its low 32 bits and its tophash (a hash of more than 31 bits in one number would
  // be a heap number whenever it crosses a call).
  let hashLo: number;
  let top: number;
  if (kw && h.wordHash && typeof key === 'number' && Math.abs(key) <= Number.MAX_SAFE_INTEGER) {
    hashWords64Halves(klo, khi, h.hash0);
    hashLo = hashHalves[0];
    top = h.tophashOfHalves(hashLo, hashHalves[1]);
  } else {
    const hash = h.hashOf(key);
    hashLo = hash | 0;
    top = h.tophash(hash);
  }
  if (h.buckets === null) {
    h.buckets = h.newBucketArray(1, 1); // newobject(t.bucket)
  }
  for (;;) {
    const bucket = hashLo & h.bucketMask(h.B);
    if (h.growing()) growWork(h, bucket);
    const arr = h.buckets;
    let b = bucket;
    let insertPg: BmapPage | null = null;
    let insertb = nilBmap;
    let inserti = 0;
    bucketloop: for (;;) {
      const pg = arr.pageW(b);
      const hb = arr.headBase(b);
      const tb = hb << 2;
      const th = pg.bytes;
      for (let i = 0; i < bucketCnt; i++) {
        const t = th[tb + i];
        if (t !== top) {
          if (t <= emptyOne && insertPg === null) {
            insertPg = pg;
            insertb = b;
            inserti = i;
          }
          if (t === emptyRest) break bucketloop;
          continue;
        }
        if (!h.keyMatches(arr, pg, b, i, key, kw, klo, khi)) continue;
        // already have a mapping for key. Update it.
        if (h.t.needkeyupdate) put(arr, pg, b, i, arr.keyOff, arr.keyWidth, pg.keyValues, key, kw, klo, khi);
        put(arr, pg, b, i, arr.elemOff, arr.elemWidth, pg.elemValues, elem, ew, elo, ehi);
        return false;
      }
      const ovf = BucketArray.overflowIn(pg, hb);
      if (ovf === nilBmap) break;
      b = ovf;
    }

    // Did not find mapping for key. Allocate new cell & add entry.

    // If we hit the max load factor or we have too many overflow buckets,
    // and we're not already in the middle of growing, start growing.
    if (!h.growing() && (overLoadFactor(h.count + 1, h.B) || tooManyOverflowBuckets(h.noverflow, h.B))) {
      hashGrow(h);
      continue; // Growing the table invalidates everything, so try again
    }

    if (insertPg === null) {
      // The current bucket and all the overflow buckets connected to it are full, allocate a new one.
      insertb = h.newoverflow(b);
      insertPg = arr.pageW(insertb);
      inserti = 0;
    }
    insertPg.bytes[(arr.headBase(insertb) << 2) + inserti] = top;
    if (arr.hashOff >= 0) insertPg.body[arr.slotBase(insertb, inserti) + arr.hashOff] = hashLo;
    put(arr, insertPg, insertb, inserti, arr.keyOff, arr.keyWidth, insertPg.keyValues, key, kw, klo, khi);
    put(arr, insertPg, insertb, inserti, arr.elemOff, arr.elemWidth, insertPg.elemValues, elem, ew, elo, ehi);
    h.count++;
    return true;
  }
}

/**
 * Stores v in slot i of bmap b: its words lo/hi at `off` in a word lane (lo alone in a lane of
 * `width` 1), else v itself in `values`.
 */
function put(arr: BucketArray, pg: BmapPage, b: number, i: number, off: number, width: LaneWidth, values: unknown[], v: unknown, inWords: boolean, lo: number, hi: number): void {
  if (inWords) {
    const w = arr.slotBase(b, i) + off;
    pg.body[w] = lo;
    if (width === 2) pg.body[w + 1] = hi;
  } else {
    values[arr.valueIndex(b, i)] = v;
  }
}
