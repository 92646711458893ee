/**
 * The Swiss model's rules, each worked out by hand with a hasher that places keys exactly (the
 * facts themselves were observed on real Go 1.26.8/1.27.3 maps: `shared/oracle-swiss/FORMAT.md`,
 * and the fixtures in `test/fixtures/swiss` replay equal in `test/oracle/swiss-fixtures.test.ts`).
 * `checkInvariants()` runs after every operation.
 */
import * as assert from 'assert';
import { SeededFastRand } from '../../src/core/classic/rand';
import { ctrlDeleted, ctrlEmpty, maxTableCapacity } from '../../src/core/swiss/constants';
import { DefaultSwissHasher, PackedHash, SwissHasher, packSwissHash } from '../../src/core/swiss/hash';
import { goEqual } from '../../src/core/go/equal';
import { iface } from '../../src/core/go/value';
import { capacityForHint } from '../../src/core/swiss/hint';
import { iterate } from '../../src/core/swiss/iter';
import { SwissMap } from '../../src/core/swiss/map';
import { swissMemory } from '../../src/core/swiss/memory';
import { probePath } from '../../src/core/swiss/probe';
import { seededSwissRandomness } from '../../src/core/swiss/random';
import { SwissMapType } from '../../src/core/swiss/types';

// map[int64]int64 on amd64 as the runtime's abi.MapType says (shared/oracle-swiss samples).
const int64map: SwissMapType = {
  key: 'int64', elem: 'int64', keysize: 8, elemsize: 8, layout: 'interleaved', groupsize: 136, slotsize: 16, elemoff: 8,
  keysOff: 8, keyStride: 16, elemsOff: 16, elemStride: 16, indirectkey: false, indirectelem: false, needkeyupdate: false,
  hashmightpanic: false, groupPtrdata: 0, assign: 'fast64', goarch: 'amd64', ptrSize: 8, goversion: '1.26',
};
const slowMap: SwissMapType = { ...int64map, key: '[16]byte', assign: 'slow' };

/**
 * Key k hashes to what the test chose: `top` is the hash's high word (directory and split bits),
 * `group` its home group (h1 bits 7..13) and `h2` its control byte (bits 0..6).
 */
class ChosenHasher implements SwissHasher {
  readonly description = 'chosen by the test';
  private readonly table = new Map<unknown, PackedHash>();
  set(key: unknown, o: { top?: number; group?: number; h2?: number }): this {
    this.table.set(key, packSwissHash(o.top ?? 0, ((o.group ?? 0) << 7) | (o.h2 ?? (Number(key) & 0x7f))));
    return this;
  }
  hash(key: unknown): PackedHash {
    const h = this.table.get(key);
    if (h === undefined) throw new Error(`no chosen hash for ${String(key)}`);
    return h;
  }
}

function newMap(t: SwissMapType, hint: number, hasher: SwissHasher): SwissMap {
  const m = new SwissMap(t, hint, { hasher, random: seededSwissRandomness(new SeededFastRand(7), 64), equal: (a, b) => a === b });
  return m;
}

function checked(m: SwissMap, f: () => void): void {
  f();
  m.checkInvariants();
}

describe('swiss map: NewMap sizing from a hint', () => {
  it('makes a lazy small map up to 8 and sizes the directory above (FORMAT.md, 18 real hints)', () => {
    // target = hint*8/7; dirSize = pow2ceil(ceil(target/1024)); capacity = pow2ceil(max(8, target/dirSize)).
    const cases: [number, number, number][] = [
      [9, 1, 16], [14, 1, 16], [15, 1, 32], [56, 1, 64], [57, 1, 128], [100, 1, 128], [112, 1, 128], [113, 1, 256],
      [896, 1, 1024], [897, 2, 512], [1000, 2, 1024], [1792, 2, 1024], [1793, 4, 512], [3584, 4, 1024], [3585, 8, 512], [10000, 16, 1024],
    ];
    for (const [hint, dirSize, cap] of cases) {
      const p = capacityForHint(hint, int64map)!;
      assert.deepStrictEqual([p.dirSize, p.tableCapacity], [dirSize, cap], `hint ${hint}`);
    }
    assert.strictEqual(capacityForHint(8, int64map), undefined);
    assert.strictEqual(capacityForHint(0, int64map), undefined);
  });

  it('gives every table of a hinted map the global depth as local depth', () => {
    const m = newMap(int64map, 3585, new ChosenHasher());
    assert.deepStrictEqual([m.dirLen, m.globalDepth, m.globalShift], [8, 3, 61]);
    assert.ok(m.directory.every((t, i) => t.localDepth === 3 && t.index === i && t.capacity === 512 && t.growthLeft === 448));
    m.checkInvariants();
  });
});

describe('swiss map: the small map (one group, no directory)', () => {
  it('fills slots in order, empties a deleted slot at once and reuses the lowest empty slot', () => {
    const hs = new ChosenHasher();
    for (let k = 1; k <= 9; k++) hs.set(k, { h2: 0x10 + k });
    const m = newMap(int64map, 0, hs);
    assert.strictEqual(m.small, null);
    for (let k = 1; k <= 8; k++) checked(m, () => m.assign(k, k * 10));
    assert.deepStrictEqual([...m.small!.ctrl], [0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18]);
    checked(m, () => m.delete(3));
    assert.strictEqual(m.small!.ctrl[2], ctrlEmpty); // never a tombstone in a small map
    checked(m, () => m.delete(5));
    checked(m, () => m.assign(9, 90));
    assert.strictEqual(m.small!.ctrl[2], 0x19); // the lowest empty slot, 2, not 4
    assert.deepStrictEqual([m.used, m.dirLen], [7, 0]);
  });

  it('turns into a 16-slot table at the 9th key: used 9, growthLeft 14 - 9 = 5, globalShift 64', () => {
    const hs = new ChosenHasher();
    for (let k = 1; k <= 9; k++) hs.set(k, { group: k % 2 });
    const m = newMap(int64map, 0, hs);
    for (let k = 1; k <= 9; k++) checked(m, () => m.assign(k, k));
    const t = m.directory[0];
    assert.deepStrictEqual([m.dirLen, m.globalDepth, m.globalShift, t.capacity, t.used, t.growthLeft], [1, 0, 64, 16, 9, 5]);
    // Keys re-inserted in slot order: odd keys in group 1 at slots 8.., even keys in group 0.
    assert.deepStrictEqual(t.keys.slice(0, 4), [2, 4, 6, 8]);
    assert.deepStrictEqual(t.keys.slice(8, 13), [1, 3, 5, 7, 9]);
  });

  it('Go 1.26 grows a full small map even to update a key; Go 1.27 updates in place', () => {
    const hs = new ChosenHasher();
    for (let k = 1; k <= 8; k++) hs.set(k, {});
    const m26 = newMap(int64map, 0, hs);
    const m27 = newMap({ ...int64map, goversion: '1.27' }, 0, hs);
    for (const m of [m26, m27]) for (let k = 1; k <= 8; k++) m.assign(k, k);
    checked(m26, () => assert.strictEqual(m26.assign(4, 40), false));
    checked(m27, () => assert.strictEqual(m27.assign(4, 40), false));
    // 1.26: a 16-slot table with used 8, growthLeft 14 - 8 = 6 (FORMAT.md).
    assert.deepStrictEqual([m26.dirLen, m26.directory[0]?.growthLeft, m26.lookup(4).elem], [1, 6, 40]);
    assert.deepStrictEqual([m27.dirLen, m27.used, m27.lookup(4).elem], [0, 8, 40]);
  });
});

describe('swiss map: probing, tombstones and growthLeft in a table', () => {
  /** A 16-slot table (hint 9: target 10 -> capacity 16, growthLeft 14) whose group 0 holds keys 1..8. */
  function fullGroup0(t: SwissMapType) {
    const hs = new ChosenHasher();
    for (let k = 1; k <= 30; k++) hs.set(k, { group: 0 });
    const m = newMap(t, 9, hs);
    for (let k = 1; k <= 8; k++) checked(m, () => m.assign(k, k));
    return { m, hs, t: m.directory[0] };
  }

  it('probes on to the next group (p1 = p0 + 1) when the home group is full', () => {
    const { m, t } = fullGroup0(int64map);
    checked(m, () => m.assign(9, 9));
    assert.strictEqual(t.keys[8], 9); // group 1, slot 0
    assert.deepStrictEqual([t.used, t.growthLeft], [9, 5]);
  });

  it('leaves a tombstone in a full group and an empty slot where the group has one', () => {
    const { m, t } = fullGroup0(int64map);
    checked(m, () => m.assign(9, 9)); // group 1 slot 0
    checked(m, () => m.delete(3));
    // Group 0 has no empty slot: a probe for key 9 must still pass it, so slot 2 becomes ctrlDeleted.
    assert.deepStrictEqual([t.ctrl[2], t.growthLeft, m.tombstonePossible], [ctrlDeleted, 5, true]);
    checked(m, () => m.delete(9));
    // Group 1 has empty slots: nothing probes past it, so the slot is empty again and growth comes back.
    assert.deepStrictEqual([t.ctrl[8], t.growthLeft], [ctrlEmpty, 6]);
    // A new key homed in group 0 takes the tombstone, without consuming growthLeft.
    checked(m, () => m.assign(10, 10));
    assert.deepStrictEqual([t.ctrl[2], t.keys[2], t.growthLeft, t.tombstones()], [10, 10, 6, 0]);
  });

  it('prunes tombstones on the fast path instead of growing, and grows at once on the slow path', () => {
    // Fill 14 slots (growthLeft 0): group 0 full (1..8), group 1 slots 0..5 (9..14).
    // Delete 1 and 2: group 0 has no empty slot -> 2 tombstones (2*10 >= 16: 12.5% of capacity).
    // Keys 9..14 probe from group 0 to group 1: group 0 is needed, so nothing can be pruned...
    // unless those keys are gone. Delete 9..12 (group 1 has empties: growthLeft back to 4), then
    // insert 4 more into group 1 (15..18: growthLeft 0). Now group 0's tombstones are still needed
    // by 13..18. So make the keys of group 1 home there instead: they never cross group 0.
    for (const t of [int64map, slowMap]) {
      const hs = new ChosenHasher();
      for (let k = 1; k <= 8; k++) hs.set(k, { group: 0 });
      for (let k = 9; k <= 20; k++) hs.set(k, { group: 1 });
      const m = newMap(t, 9, hs);
      const tab = m.directory[0];
      for (let k = 1; k <= 14; k++) checked(m, () => m.assign(k, k));
      assert.strictEqual(tab.growthLeft, 0);
      checked(m, () => m.delete(1));
      checked(m, () => m.delete(2));
      assert.strictEqual(tab.tombstones(), 2);
      // Key 15 (home group 1, which has 2 empty slots) finds growthLeft 0.
      checked(m, () => m.assign(15, 15));
      if (t.assign === 'fast64') {
        // pruneTombstones: 2 tombstones >= 10% of 16; group 0 is not needed (no key crosses it,
        // it has no empty slot), group 1 is (it has empty slots); 2*10 >= 16, so both go back to
        // empty: growthLeft 2, then the insert takes one: capacity stays 16, growthLeft 1.
        assert.deepStrictEqual([m.directory[0].capacity, m.directory[0].growthLeft, m.directory[0].tombstones()], [16, 1, 0]);
      } else {
        // The generic mapassign never prunes: it rehashes to 32 slots (growthLeft 28 - 13).
        assert.deepStrictEqual([m.directory[0].capacity, m.directory[0].growthLeft, m.directory[0].used], [32, 15, 13]);
      }
    }
  });
});

describe('swiss map: growth and splits', () => {
  it('doubles a table up to 1024 slots, then splits by hash bit 63, doubling the directory', () => {
    const hs = new ChosenHasher();
    // Half the keys with the top bit set (top word >= 2^31): they go right at the first split.
    const n = 897;
    for (let k = 0; k < n; k++) hs.set(k, { top: (k % 2) * 0x80000000 + k, group: k % 128, h2: k % 128 });
    const m = newMap(int64map, 0, hs);
    const capacities: number[] = [];
    for (let k = 0; k < n; k++) {
      m.assign(k, k);
      if (m.dirLen === 1 && capacities[capacities.length - 1] !== m.directory[0].capacity) capacities.push(m.directory[0].capacity);
      if (k % 64 === 0) m.checkInvariants();
    }
    m.checkInvariants();
    // 16 at the 9th key, doubling at 15, 29, 57, 113, 225, 449 keys (growthLeft 14, 28, ... used up).
    assert.deepStrictEqual(capacities, [16, 32, 64, 128, 256, 512, maxTableCapacity]);
    // The 897th key finds the 1024-slot table full (896 = 1024*7/8): split.
    const [left, right] = m.tables();
    assert.deepStrictEqual([m.dirLen, m.globalDepth, m.globalShift], [2, 1, 63]);
    assert.deepStrictEqual([left.localDepth, left.index, right.localDepth, right.index, left.used + right.used], [1, 0, 1, 1, 897]);
    assert.strictEqual(left.used, 449); // even keys 0..896
  });

  it('shares a table\'s run of directory entries between its halves when its local depth is below the global depth', () => {
    const hs = new ChosenHasher();
    // The top two hash bits choose the quarter: 1200 keys in the left half (quarters 0b00 and 0b01,
    // alternating), 300 in quarter 0b10. The left table (896 entries at most) splits by bit 62.
    const keys: number[] = [];
    for (let k = 0; k < 1500; k++) {
      const quarter = k < 1200 ? k % 2 : 2;
      hs.set(k, { top: quarter * 0x40000000, group: k % 128, h2: k % 128 });
      keys.push(k);
    }
    const m = newMap(int64map, 1000, hs); // 2 tables of 1024 at depth 1
    for (const k of keys) m.assign(k, k);
    m.checkInvariants();
    // The left table split (depth 2, directory doubled to 4); the right one still covers entries 2..3.
    const tabs = m.tables();
    assert.deepStrictEqual(tabs.map((t) => [t.index, t.localDepth]), [[0, 2], [1, 2], [2, 1]]);
    assert.strictEqual(m.directory[2], m.directory[3]);
  });
});

describe('swiss map: clear, reseed and iteration', () => {
  it('clear keeps the tables, bumps clearSeq and reseeds; a clear of a clean map changes nothing', () => {
    const hs = new ChosenHasher();
    for (let k = 0; k < 20; k++) hs.set(k, { group: k % 4 });
    const m = newMap(int64map, 0, hs);
    for (let k = 0; k < 20; k++) m.assign(k, k);
    const t = m.directory[0];
    const seed = m.seed.hex;
    checked(m, () => m.clear());
    assert.deepStrictEqual([m.used, m.clearSeq, m.directory[0] === t, t.growthLeft, m.seed.hex !== seed], [0, 1, true, 28, true]);
    const seed2 = m.seed.hex;
    checked(m, () => m.clear());
    assert.deepStrictEqual([m.clearSeq, m.seed.hex], [1, seed2]);
  });

  it('deleting the last key reseeds; deleting an absent key does not', () => {
    const hs = new ChosenHasher().set(1, {}).set(2, {});
    const m = newMap(int64map, 0, hs);
    m.assign(1, 1);
    const s0 = m.seed.hex;
    m.delete(2);
    assert.strictEqual(m.seed.hex, s0);
    m.delete(1);
    assert.notStrictEqual(m.seed.hex, s0);
  });

  it('visits a small map from slot entryOffset % 8 with wrap-around', () => {
    const hs = new ChosenHasher();
    for (let k = 1; k <= 5; k++) hs.set(k, {});
    const m = newMap(int64map, 0, hs);
    for (let k = 1; k <= 5; k++) m.assign(k, k);
    const it = iterate(m, { entryOffset: 0x1_0000_0003n, dirOffset: 0n }); // low bits 3
    const order: unknown[] = [];
    for (let kv = it.next(); kv; kv = it.next()) order.push(kv.key);
    assert.deepStrictEqual(order, [4, 5, 1, 2, 3]); // slots 3,4,(5,6,7 empty),0,1,2
  });

  it('visits tables from dirOffset & (dirLen-1), moved back to the table\'s first entry, with wrap-around', () => {
    const hs = new ChosenHasher();
    // hint 3585: 8 tables of 512. One key per table: key d has top bits d.
    for (let d = 0; d < 8; d++) hs.set(d, { top: d * 0x20000000, group: 0, h2: d });
    const m = newMap(int64map, 3585, hs);
    for (let d = 0; d < 8; d++) m.assign(d, d);
    const it = iterate(m, { entryOffset: 0n, dirOffset: 13n }); // 13 & 7 = 5
    const order: unknown[] = [];
    for (let kv = it.next(); kv; kv = it.next()) order.push(kv.key);
    assert.deepStrictEqual(order, [5, 6, 7, 0, 1, 2, 3, 4]);
  });
});

describe('swiss map: the probe path a view explains', () => {
  it('shows h1/h2, the groups visited, the h2 matches and where an insert lands', () => {
    const hs = new ChosenHasher();
    for (let k = 1; k <= 8; k++) hs.set(k, { group: 0, h2: 5 }); // all share h2 5: every slot matches
    hs.set(9, { group: 0, h2: 5 });
    hs.set(20, { group: 0, h2: 7 });
    const m = newMap(int64map, 9, hs); // 16 slots, 2 groups
    for (let k = 1; k <= 8; k++) m.assign(k, k);
    const found = probePath(m, 9);
    // Group 0 is full of h2-5 keys, none equal; group 1 (p1 = 0 + 1) is empty: absent, insert at 8.
    assert.deepStrictEqual(found.steps.map((s) => [s.group, s.matches.length, s.hasEmpty]), [[0, 8, false], [1, 0, true]]);
    assert.deepStrictEqual(found.insertAt, { group: 1, slot: 0, reuse: 'empty' });
    m.delete(4); // group 0 full: a tombstone at slot 3
    const reuse = probePath(m, 20);
    assert.deepStrictEqual(reuse.insertAt, { group: 0, slot: 3, reuse: 'tombstone' });
    assert.deepStrictEqual(probePath(m, 5).found, { group: 0, slot: 4 });
    m.assign(20, 20);
    assert.deepStrictEqual(probePath(m, 20).found, { group: 0, slot: 3 });
  });
});

describe('swiss map: the heap it holds (FORMAT.md "Memory of make", measured on real maps)', () => {
  it('equals what make(map[K]V, hint) allocated on Go 1.26.8 amd64 and 386', () => {
    const stringMap: SwissMapType = { ...int64map, key: 'string', groupsize: 200, groupPtrdata: 8 * 25 - 8, assign: 'faststr' };
    const int64on386: SwissMapType = { ...int64map, goarch: '386', ptrSize: 4 };
    const rows: [SwissMapType, number, number, number][] = [
      [int64map, 0, 48, 1], [int64map, 8, 48, 1], [int64map, 9, 376, 4], [int64map, 100, 2392, 4], [int64map, 1000, 36992, 6], [int64map, 10000, 295600, 34],
      [stringMap, 9, 504, 4], [stringMap, 100, 3544, 4], [stringMap, 1000, 54656, 6], [stringMap, 10000, 436912, 34],
      [int64on386, 0, 32, 1], [int64on386, 9, 352, 4], [int64on386, 100, 2368, 4], [int64on386, 1000, 36952, 6], [int64on386, 10000, 295392, 34],
    ];
    for (const [t, hint, bytes, objects] of rows) {
      const m = new SwissMap(t, hint, { hasher: new ChosenHasher(), random: seededSwissRandomness(new SeededFastRand(1), t.ptrSize === 8 ? 64 : 32), equal: (a, b) => a === b });
      const mem = swissMemory(m);
      assert.deepStrictEqual([mem.allocBytes, mem.objects], [bytes, objects], `${t.key} on ${t.goarch}, hint ${hint}`);
    }
  });
});

describe('swiss map: keys compare as Go compares them (shared go/equal)', () => {
  function defaultMap(t: SwissMapType): SwissMap {
    const r = new SeededFastRand(3);
    return new SwissMap(t, 0, { hasher: new DefaultSwissHasher(r, 64), random: seededSwissRandomness(r, 64), equal: goEqual });
  }

  it('adds a new entry for every NaN insert, in a plain key and inside a struct, and never finds it', () => {
    const m = defaultMap({ ...int64map, key: 'float64', assign: 'slow' });
    for (let i = 0; i < 20; i++) checked(m, () => m.assign(NaN, i));
    assert.deepStrictEqual([m.used, m.lookup(NaN).found, m.delete(NaN)], [20, false, false]);
    const s = defaultMap({ ...int64map, key: 'struct{X float64; Y int}', assign: 'slow' });
    for (let i = 0; i < 3; i++) checked(s, () => s.assign({ X: NaN, Y: 1 }, i));
    checked(s, () => s.assign({ X: 1, Y: 1 }, 1));
    checked(s, () => s.assign({ X: 1, Y: 1 }, 2));
    assert.strictEqual(s.used, 4);
  });

  it('treats +0 and -0 as one key', () => {
    const m = defaultMap({ ...int64map, key: 'float64', assign: 'slow' });
    m.assign(0, 1);
    m.assign(-0, 2);
    assert.deepStrictEqual([m.used, m.lookup(0).elem], [1, 2]);
  });

  it('keeps interface keys apart by dynamic type: map[any]int{1: 1, int64(1): 2, int8(1): 3, 1.0: 4} has 4 entries', () => {
    const m = defaultMap({ ...int64map, key: 'any', assign: 'slow' });
    m.assign(iface('int', 1), 1);
    m.assign(iface('int64', 1), 2);
    m.assign(iface('int8', 1), 3);
    m.assign(iface('float64', 1), 4);
    m.assign(iface('int', 1), 5);
    assert.deepStrictEqual([m.used, m.lookup(iface('int', 1)).elem], [4, 5]);
    assert.throws(() => m.assign(iface('[]int', [1]), 6), /hash of unhashable type \[\]int/);
    assert.strictEqual(m.used, 4);
    // On an empty map too, as mapaccess/mapdelete's mapKeyError (golang/go#23734).
    const empty = defaultMap({ ...int64map, key: 'any', assign: 'slow', hashmightpanic: true });
    assert.throws(() => empty.lookup(iface('[]int', [1])), /hash of unhashable type \[\]int/);
    assert.throws(() => empty.delete(iface('map[string]int', [])), /hash of unhashable type map\[string\]int/);
  });
});
