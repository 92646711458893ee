import * as assert from 'assert';
import { Hasher, KeyValue, packHash } from '../../src/core/classic/hash';
import {
  HMap,
  emptyOne,
  emptyRest,
  evacuatedEmpty,
  evacuatedX,
  evacuatedY,
  iteratorFlag,
  oldIteratorFlag,
  sameSizeGrowFlag,
  seededRandomness,
} from '../../src/core/classic/hmap';
import { bucketArrayLength, bucketsLog2ForHint, makeAlloc } from '../../src/core/classic/makemap';
import { SeededFastRand } from '../../src/core/classic/rand';
import { MapTypeInfo } from '../../src/core/maptype';

// map[int64]int64 on amd64, by hand: tophash [8]uint8 (8) + keys [8]int64 (64) + elems [8]int64 (64)
// + overflow uintptr (8) = 144 bytes, no pointers (the overflow field is a uintptr).
const int64map: MapTypeInfo = {
  key: 'int64', elem: 'int64', goarch: 'amd64', ptrSize: 8,
  keysize: 8, elemsize: 8, bucketsize: 144, indirectkey: false, indirectelem: false,
  bucketPtrdata: 0, reflexivekey: true, needkeyupdate: false,
};
// map[string]int64: 8 + 8*16 + 8*8 + 8 = 208 bytes, pointers up to the overflow pointer.
const stringMap: MapTypeInfo = { ...int64map, key: 'string', keysize: 16, bucketsize: 208, bucketPtrdata: 208, needkeyupdate: true };

/**
 * A hasher that returns the hash a test chose for each key, so a test decides buckets and tophash
 * exactly: key k hashes to `lo` with top byte `top` (ignoring the seed).
 */
class ChosenHasher implements Hasher {
  readonly description = 'chosen by the test';
  readonly table = new Map<KeyValue, number>();
  set(key: KeyValue, lo: number, top: number): void {
    this.table.set(key, packHash(top << 24, lo));
  }
  hash(key: KeyValue): number {
    const h = this.table.get(key);
    if (h === undefined) throw new Error(`no chosen hash for ${String(key)}`);
    return h;
  }
}

function newMap(t: MapTypeInfo, hint: number, hasher: Hasher, seed = 7): HMap {
  return new HMap(t, hint, { hasher, random: seededRandomness(new SeededFastRand(seed)) });
}

describe('classic map: makemap sizing (runtime/map.go makemap, makeBucketArray)', () => {
  it('picks B by overLoadFactor: 6.5 entries per bucket, and B = 0 up to 8', () => {
    // overLoadFactor(count, B) = count > 8 && count > 13 * (2^B / 2).
    const cases: [number, number][] = [[0, 0], [8, 0], [9, 1], [13, 1], [14, 2], [26, 2], [27, 3], [52, 3], [53, 4], [104, 4], [105, 5], [1000, 8], [100000, 14]];
    for (const [hint, B] of cases) assert.strictEqual(bucketsLog2ForHint(int64map, hint), B, `hint ${hint}`);
  });

  it('preallocates 2^(B-4) overflow buckets from B = 4 and fills the size class slack', () => {
    // B = 4, 144-byte buckets: 16 + 1 = 17 buckets = 2448 bytes -> size class 2688 -> 18 buckets.
    assert.strictEqual(bucketArrayLength(144, 4), 18);
    // B = 3: no preallocation.
    assert.strictEqual(bucketArrayLength(144, 3), 8);
    // B = 8: 256 + 16 = 272 * 144 = 39168 bytes, a large object: 5 pages = 40960 -> 284 buckets.
    assert.strictEqual(bucketArrayLength(144, 8), 284);
  });

  it('allocates only the hmap for a hint up to 8, and hmap + array + mapextra above', () => {
    assert.deepStrictEqual(makeAlloc(int64map, 8), { B: 0, nbuckets: 0, nextOverflowFree: 0, allocBytes: 48, mallocs: 1 });
    // hint 9: B = 1, two buckets (288 bytes, a size class of its own), no preallocation.
    assert.deepStrictEqual(makeAlloc(int64map, 9), { B: 1, nbuckets: 2, nextOverflowFree: 0, allocBytes: 48 + 288, mallocs: 2 });
    // hint 53: B = 4, 18 buckets in 2688 bytes, 2 free overflow buckets, mapextra of 24 bytes
    // (24 is a size class of its own).
    assert.deepStrictEqual(makeAlloc(int64map, 53), { B: 4, nbuckets: 18, nextOverflowFree: 2, allocBytes: 48 + 2688 + 24, mallocs: 3 });
  });
});

describe('classic map: mapdelete (emptyOne, emptyRest back-propagation)', () => {
  it('turns trailing emptyOne into emptyRest across the overflow chain, and stops at a live slot', () => {
    const hs = new ChosenHasher();
    // Ten keys, all in bucket 0, tophash 100 + k.
    for (let k = 1; k <= 10; k++) hs.set(k, 0, 100 + k);
    const h = newMap(int64map, 100, hs); // B = 4
    for (let k = 1; k <= 10; k++) h.assign(k, k * 10);
    h.checkInvariants();
    let [main, ovf] = h.chain('buckets', 0);
    assert.deepStrictEqual(main.tophash, [101, 102, 103, 104, 105, 106, 107, 108]);
    assert.deepStrictEqual(ovf.tophash, [109, 110, 0, 0, 0, 0, 0, 0]);
    // The overflow bucket came from the preallocated ones: 2 free before, 1 now.
    assert.strictEqual(h.nextOverflowFree(), 1);
    assert.strictEqual(h.noverflow, 1);

    h.delete(10); // last live slot: emptyRest, and the walk back stops at key 9.
    assert.deepStrictEqual(ovf.tophash, [109, 0, 0, 0, 0, 0, 0, 0]);
    h.delete(3); // slot 2, followed by live slots: only emptyOne.
    assert.deepStrictEqual(main.tophash, [101, 102, emptyOne, 104, 105, 106, 107, 108]);
    for (const k of [4, 5, 6, 7]) h.delete(k);
    assert.deepStrictEqual(main.tophash, [101, 102, 1, 1, 1, 1, 1, 108]);
    h.delete(9); // the overflow bucket is all emptyRest; slot 7 of the main bucket is live.
    assert.deepStrictEqual(ovf.tophash, [0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepStrictEqual(main.tophash, [101, 102, 1, 1, 1, 1, 1, 108]);
    h.delete(8); // slot 7 then the run of emptyOne before it become emptyRest, down to key 2.
    assert.deepStrictEqual(main.tophash, [101, 102, emptyRest, 0, 0, 0, 0, 0]);
    assert.strictEqual(h.count, 2);
    h.checkInvariants();
    // The overflow bucket stays linked: deletes never give memory back.
    [main, ovf] = h.chain('buckets', 0);
    assert.ok(ovf, 'overflow bucket still in the chain');
  });

  it('reseeds hash0 when a delete empties the map, and a lookup of the deleted key fails', () => {
    const hs = new ChosenHasher();
    hs.set(1, 0, 200);
    const h = newMap(int64map, 0, hs);
    const seed0 = h.hash0;
    h.assign(1, 1);
    assert.strictEqual(h.delete(1), true);
    assert.notStrictEqual(h.hash0, seed0);
    assert.strictEqual(h.lookup(1).found, false);
    assert.strictEqual(h.delete(1), false);
  });
});

describe('classic map: growth (hashGrow, growWork, evacuate, advanceEvacuationMark)', () => {
  it('doubles at the 9th key of a B = 0 map and sends each key to X or Y by hash bit 0', () => {
    const hs = new ChosenHasher();
    for (let k = 0; k < 9; k++) hs.set(k, k, 50 + k); // bucket bit 0 = k & 1
    const h = newMap(int64map, 0, hs);
    for (let k = 0; k < 8; k++) h.assign(k, k);
    assert.strictEqual(h.B, 0);
    h.assign(8, 8); // overLoadFactor(9, 0): grow to B = 1, then growWork evacuates the only old bucket.
    assert.strictEqual(h.B, 1);
    // The single old bucket was evacuated by growWork, so growth finished at once.
    assert.strictEqual(h.growing(), false);
    assert.strictEqual(h.nevacuate, 1);
    const x = h.chain('buckets', 0)[0];
    const y = h.chain('buckets', 1)[0];
    assert.deepStrictEqual(x.tophash, [50, 52, 54, 56, 58, 0, 0, 0]);
    assert.deepStrictEqual(y.tophash, [51, 53, 55, 57, 0, 0, 0, 0]);
    assert.deepStrictEqual(x.keys.slice(0, 5), [0, 2, 4, 6, 8]);
    h.checkInvariants();
  });

  it('keeps old buckets while growing: evacuatedX/Y/Empty marks, lookups in the old bucket, two buckets per write', () => {
    const hs = new ChosenHasher();
    // 14 keys over 2 buckets (B = 1 holds 13): key k in bucket k % 4 of the doubled table.
    for (let k = 0; k < 20; k++) hs.set(k, k % 4, 60 + k);
    const h = newMap(int64map, 9, hs); // B = 1
    for (let k = 0; k < 13; k++) h.assign(k, k);
    assert.strictEqual(h.B, 1);
    h.assign(13, 13); // bucket 13 % 2 = 1 of the old table: growWork evacuates old 1, then old 0 (nevacuate).
    assert.strictEqual(h.B, 2);
    assert.strictEqual(h.growing(), false, 'both old buckets evacuated by the first growWork');
    h.checkInvariants();

    const hs2 = new ChosenHasher();
    for (let k = 0; k < 40; k++) hs2.set(k, k % 8, 60 + k);
    const g = newMap(int64map, 14, hs2); // B = 2: 4 buckets, holds 26
    for (let k = 0; k < 26; k++) g.assign(k, k);
    g.assign(26, 26); // 26 % 4 = 2: grow to B = 3; evacuate old 2, then old 0 (nevacuate).
    assert.strictEqual(g.B, 3);
    assert.strictEqual(g.growing(), true);
    assert.strictEqual(g.nevacuate, 1);
    const old0 = g.chain('oldbuckets', 0)[0];
    // Old bucket 0 held keys 0, 4, 8, ..., 24 (7 keys): k % 8 == 0 -> X (evacuatedX), == 4 -> Y.
    assert.deepStrictEqual(old0.tophash, [evacuatedX, evacuatedY, evacuatedX, evacuatedY, evacuatedX, evacuatedY, evacuatedX, evacuatedEmpty]);
    const old1 = g.chain('oldbuckets', 1)[0];
    assert.ok(old1.tophash[0] >= 5, 'old bucket 1 not evacuated yet');
    // A lookup of key 1 reads old bucket 1 (not evacuated), and finds it there.
    const r = g.lookup(1);
    assert.deepStrictEqual([r.found, r.where?.array, r.where?.bucket], [true, 'oldbuckets', 1]);
    g.checkInvariants();
    assert.strictEqual(g.finishGrowth() > 0, true);
    assert.strictEqual(g.growing(), false);
    assert.strictEqual(g.count, 27);
    g.checkInvariants();
  });

  it('grows to the same size when overflow buckets pile up after deletes (tooManyOverflowBuckets)', () => {
    const hs = new ChosenHasher();
    for (let k = 0; k < 72; k++) hs.set(k, 0, 5 + (k % 200)); // bucket 0
    for (let k = 100; k < 172; k++) hs.set(k, 1, 5 + (k % 200)); // bucket 1
    const h = newMap(int64map, 100, hs); // B = 4, 18 buckets: 2 preallocated overflow buckets
    for (let k = 0; k < 72; k++) h.assign(k, k); // a chain of 9 bmaps: 8 overflow buckets
    assert.strictEqual(h.noverflow, 8);
    for (let k = 0; k < 72; k++) h.delete(k); // count 0: the chain stays, noverflow stays
    assert.strictEqual(h.noverflow, 8);
    for (let k = 100; k < 165; k++) h.assign(k, k); // 65 keys: the 65th takes the 16th overflow bucket
    assert.strictEqual(h.noverflow, 16);
    assert.strictEqual(h.growing(), false);
    h.assign(165, 165); // tooManyOverflowBuckets(16, 4): same-size growth
    assert.strictEqual(h.B, 4);
    assert.strictEqual(h.growing(), true);
    assert.strictEqual(h.flags & sameSizeGrowFlag, sameSizeGrowFlag);
    // growWork evacuated old bucket 1 (the key's) then old 0 (nevacuate), and the mark skipped to 2.
    assert.strictEqual(h.nevacuate, 2);
    assert.strictEqual(h.chain('buckets', 1).length, 9, '66 keys packed into 9 bmaps');
    assert.strictEqual(h.chain('buckets', 0).length, 1, 'the empty chain of bucket 0 is gone');
    assert.ok(h.chain('oldbuckets', 0).every((b) => b.tophash.every((t) => t === evacuatedEmpty)));
    h.checkInvariants();
    h.finishGrowth();
    assert.strictEqual(h.flags & sameSizeGrowFlag, 0);
    h.checkInvariants();
  });

  it('clears the old bucket after evacuation only when the bucket has pointers and no old iterator', () => {
    const mk = (t: MapTypeInfo, iterate: boolean) => {
      const key = (k: number): KeyValue => (t === stringMap ? `k${k}` : k);
      const hs = new ChosenHasher();
      // Keys 0..11 in bucket 0 of B = 2 (hash 0 or 4: X or Y after doubling): 8 + 4 = a chain of 2.
      for (let k = 0; k < 12; k++) hs.set(key(k), (k % 2) * 4, 60 + k);
      // Keys 100..113 in buckets 1..3, and key 200 in bucket 1.
      for (let k = 100; k < 114; k++) hs.set(key(k), 1 + (k % 3), 60 + k);
      hs.set(key(200), 1, 99);
      const h = newMap(t, 14, hs); // B = 2: 4 buckets, up to 26 keys
      for (let k = 0; k < 12; k++) h.assign(key(k), k);
      for (let k = 100; k < 114; k++) h.assign(key(k), k);
      if (iterate) h.iterate().next();
      assert.strictEqual(h.count, 26);
      assert.strictEqual(h.chain('buckets', 0).length, 2);
      // The 27th key grows the map to B = 3; growWork evacuates old bucket 1 (the key's), then old
      // bucket 0 (nevacuate).
      h.assign(key(200), 0);
      assert.strictEqual(h.B, 3);
      assert.strictEqual(h.growing(), true);
      h.checkInvariants();
      return h;
    };
    // No pointers in the bucket: the old chain stays intact after evacuation.
    assert.strictEqual(mk(int64map, false).chain('oldbuckets', 0).length, 2);
    // String keys put pointers in the bucket: the first old bmap is cleared, overflow link included.
    assert.strictEqual(mk(stringMap, false).chain('oldbuckets', 0).length, 1);
    // An iterator was started before the growth: oldIterator keeps the old chain for it.
    const it = mk(stringMap, true);
    assert.strictEqual(it.chain('oldbuckets', 0).length, 2);
    assert.strictEqual(it.flags, oldIteratorFlag, 'hashGrow keeps oldIterator and drops iterator');
  });
});

describe('classic map: iteration (mapiterinit, mapiternext)', () => {
  it('returns every key once, from the random start bucket and offset, and sets iterator|oldIterator', () => {
    const hs = new ChosenHasher();
    for (let k = 0; k < 8; k++) hs.set(k, k % 2, 70 + k);
    const h = newMap(int64map, 9, hs); // B = 1
    for (let k = 0; k < 8; k++) h.assign(k, k);
    assert.strictEqual(h.flags, 0);
    const it = h.iterate();
    const keys: KeyValue[] = [];
    for (let kv = it.next(); kv; kv = it.next()) keys.push(kv.key);
    assert.strictEqual(h.flags, iteratorFlag | oldIteratorFlag);
    // Bucket 0 holds 0,2,4,6 in slots 0..3; bucket 1 holds 1,3,5,7. The walk starts at
    // startBucket, visits slots (i + offset) & 7 of each bucket, then wraps around.
    const bucket = (b: number) => {
      const ks = [b, b + 2, b + 4, b + 6];
      const out: number[] = [];
      for (let i = 0; i < 8; i++) {
        const s = (i + it.offset) & 7;
        if (s < 4) out.push(ks[s]);
      }
      return out;
    };
    const expected = it.startBucket === 0 ? [...bucket(0), ...bucket(1)] : [...bucket(1), ...bucket(0)];
    assert.deepStrictEqual(keys, expected);
  });
});

describe('classic map: random operations against a reference, invariants after every step', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: inserts, deletes, lookups, clears and ranges agree with a JS Map`, () => {
      const rand = new SeededFastRand(seed * 7919);
      const random = seededRandomness(rand);
      const { DefaultHasher } = require('../../src/core/classic/hash') as typeof import('../../src/core/classic/hash');
      const t = seed % 2 ? int64map : stringMap;
      const h = new HMap(t, [0, 8, 9, 53, 200][seed % 5], { hasher: new DefaultHasher(rand), random });
      const ref = new Map<KeyValue, number>();
      const keyspace = 40 + seed * 60;
      const key = (n: number): KeyValue => (t === stringMap ? `key-${n}` : n - 50);
      for (let step = 0; step < 3000; step++) {
        const r = rand.next() % 100;
        const k = key(rand.next() % keyspace);
        if (r < 55) {
          const added = h.assign(k, step);
          assert.strictEqual(added, !ref.has(k));
          ref.set(k, step);
        } else if (r < 85) {
          assert.strictEqual(h.delete(k), ref.delete(k));
        } else if (r < 97) {
          const got = h.lookup(k);
          assert.deepStrictEqual([got.found, got.elem], [ref.has(k), ref.get(k)]);
        } else if (r < 98) {
          h.clear();
          ref.clear();
        } else {
          // A range during which keys are inserted and deleted: keys present for the whole loop
          // come exactly once; nothing comes twice; everything returned was present at some point.
          const it = h.iterate();
          const seen = new Set<KeyValue>();
          const stable = new Set(ref.keys());
          const everPresent = new Set(ref.keys());
          for (let kv = it.next(); kv; kv = it.next()) {
            assert.ok(!seen.has(kv.key), `key ${String(kv.key)} returned twice`);
            assert.ok(everPresent.has(kv.key), `key ${String(kv.key)} was never in the map`);
            seen.add(kv.key);
            const k2 = key(rand.next() % keyspace);
            if (rand.next() % 2) {
              h.assign(k2, step);
              ref.set(k2, step);
              everPresent.add(k2);
            } else {
              h.delete(k2);
              ref.delete(k2);
              stable.delete(k2);
            }
            h.checkInvariants();
          }
          for (const s of stable) assert.ok(seen.has(s), `key ${String(s)} present throughout but not returned`);
        }
        assert.strictEqual(h.count, ref.size);
        h.checkInvariants();
      }
    });
  }
});
