/**
 * One-word integer lanes (`src/core/classic/lanes.ts` `LaneWidth`, `buckets.ts` `widen`): a word
 * lane keeps only the low word of each key (elem) while every value fits in it, and widens to two
 * words, once, when a value needs its high word. The layout is the simulator's own: a map that
 * widens part way must give the same snapshots, lookups and ranges as one that held two words from
 * the start, which is what these tests compare, step by step, with `checkInvariants()` after each.
 */
import * as assert from 'assert';
import { DefaultHasher, KeyValue } from '../../src/core/classic/hash';
import { HMap, seededRandomness } from '../../src/core/classic/hmap';
import { IntCodec } from '../../src/core/classic/lanes';
import { SeededFastRand } from '../../src/core/classic/rand';
import { runInSlices } from '../../src/core/classic/bulk';
import { snapshotOf } from '../../src/core/classic/trace';
import { MapTypeInfo } from '../../src/core/maptype';

// map[int64]int64 on amd64: 8 + 8*8 + 8*8 + 8 = 144-byte buckets, no pointers.
const int64map: MapTypeInfo = {
  key: 'int64', elem: 'int64', goarch: 'amd64', ptrSize: 8, keysize: 8, elemsize: 8, bucketsize: 144,
  indirectkey: false, indirectelem: false, bucketPtrdata: 0, reflexivekey: true, needkeyupdate: false,
};
const uint64map: MapTypeInfo = { ...int64map, key: 'uint64', elem: 'uint64' };

function newMap(t: MapTypeInfo, hint = 0, wide = false): HMap {
  const rand = new SeededFastRand(11);
  const h = new HMap(t, hint, { hasher: new DefaultHasher(rand), random: seededRandomness(rand) });
  if (wide) {
    h.widenLane('key');
    h.widenLane('elem');
  }
  return h;
}

const snap = (h: HMap) => JSON.stringify(snapshotOf(h, 'x'));

function allEntries(h: HMap): [KeyValue, unknown][] {
  const out: [KeyValue, unknown][] = [];
  const it = h.iterate();
  for (let kv = it.next(); kv; kv = it.next()) out.push([kv.key, kv.elem]);
  return out;
}

describe('classic storage: one-word integer lanes', () => {
  it('tells which values fit their low word: the high word is the sign (signed) or 0 (unsigned)', () => {
    const s = new IntCodec(true);
    const u = new IntCodec(false);
    const fits = (c: IntCodec, v: unknown) => c.encode(v) && c.fitsOneWord();
    // int32 bounds fit a signed lane; 2^31 has low word -2^31 whose sign says high word -1, not 0.
    assert.deepStrictEqual([-(2 ** 31), -1, 0, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1].map((v) => fits(s, v)), [true, true, true, true, false, false]);
    // uint32 fits an unsigned lane (high word 0), 2^32 does not.
    assert.deepStrictEqual([0, 2 ** 31, 2 ** 32 - 1, 2 ** 32, '18446744073709551615'].map((v) => fits(u, v)), [true, true, true, false, false]);
    assert.strictEqual(s.decode(-5, s.narrowHi(-5)), -5);
    assert.strictEqual(u.decode(-1, u.narrowHi(-1)), 2 ** 32 - 1);
  });

  it('keeps one word a key and an elem while they fit: 16 words a bmap body instead of 32', () => {
    const h = newMap(int64map, 1000);
    for (let k = -500; k < 500; k++) h.assign(k, -k);
    const arr = h.buckets!;
    assert.deepStrictEqual([arr.keyWidth, arr.elemWidth, arr.slotWords, arr.bodyStride], [1, 1, 2, 16]);
    assert.deepStrictEqual([h.lookup(-500).elem, h.lookup(499).elem, h.lookup(500).found], [500, -499, false]);
    h.checkInvariants();
  });

  it('widens mid-growth when a key needs its high word, and the map reads as one that was wide from the start', () => {
    const narrow = newMap(int64map, 100);
    const wide = newMap(int64map, 100, true);
    // B = 4 holds 104 entries (13 * 2^4 / 2): the 105th grows the map to B = 5, two old buckets moved an insert.
    for (let k = 0; k < 110; k++) {
      narrow.assign(k - 55, k * 3); // negative keys too: their high word is all ones
      wide.assign(k - 55, k * 3);
    }
    assert.strictEqual(narrow.growing(), true);
    assert.deepStrictEqual([narrow.buckets!.keyWidth, narrow.oldbuckets!.keyWidth], [1, 1]);
    // 2^40 and -2^31 - 1 need their high words: both arrays widen before the insert.
    for (const [k, e] of [[2 ** 40, 1], [-(2 ** 31) - 1, 2], [7, 2 ** 35]] as const) {
      narrow.assign(k, e);
      wide.assign(k, e);
      narrow.checkInvariants();
      assert.strictEqual(snap(narrow), snap(wide), `after m[${k}] = ${e}`);
    }
    assert.deepStrictEqual([narrow.buckets!.keyWidth, narrow.oldbuckets!.keyWidth, narrow.buckets!.elemWidth, narrow.oldbuckets!.elemWidth], [2, 2, 2, 2]);
    assert.deepStrictEqual([narrow.lookup(2 ** 40).elem, narrow.lookup(-(2 ** 31) - 1).elem, narrow.lookup(7).elem, narrow.lookup(-55).elem, narrow.lookup(54).elem], [1, 2, 2 ** 35, 0, 327]);
    assert.deepStrictEqual(allEntries(narrow), allEntries(wide));
    // Growth goes on as before: the same evacuations, the same final map.
    narrow.finishGrowth();
    wide.finishGrowth();
    narrow.checkInvariants();
    assert.strictEqual(snap(narrow), snap(wide));
  });

  it('finds no key that needs a high word in a one-word lane, without widening it', () => {
    const h = newMap(uint64map, 50);
    for (let k = 0; k < 40; k++) h.assign(k * 100_000_000, k); // up to 3.9e9: a uint32
    assert.strictEqual(h.buckets!.keyWidth, 1);
    // 2^32 + 100,000,000 has the low word of 100,000,000 (key 1's): only the high word tells them apart.
    assert.deepStrictEqual([h.lookup(2 ** 32 + 100_000_000).found, h.delete(2 ** 32 + 100_000_000), h.count], [false, false, 40]);
    assert.strictEqual(h.buckets!.keyWidth, 1);
    h.assign(2 ** 32 + 100_000_000, 'x'.length);
    assert.deepStrictEqual([h.buckets!.keyWidth, h.lookup(100_000_000).elem, h.lookup(2 ** 32 + 100_000_000).elem, h.count], [2, 1, 1, 41]);
    h.checkInvariants();
  });

  it('puts a widened map back as it was when a bulk insert is cancelled', async () => {
    const h = newMap(int64map);
    for (let k = 0; k < 300; k++) h.assign(k, k);
    const before = snap(h);
    let slices = 0;
    const r = await runInSlices(h, 10_000, (i) => (h.assign(2 ** 33 + i, i), true), { sliceSize: 100, cancelled: () => slices++ === 2 });
    assert.deepStrictEqual(r, { done: 0, cancelled: true });
    assert.deepStrictEqual([snap(h) === before, h.keyWidth, h.buckets!.keyWidth], [true, 1, 1]);
    h.checkInvariants();
    h.assign(300, 300);
    assert.deepStrictEqual([h.lookup(300).elem, h.lookup(2 ** 33).found, h.count], [300, false, 301]);
  });
});
