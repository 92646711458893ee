import * as assert from 'assert';
import { MapSession, MapSpec } from '../../src/core/view/session';
import { OpRefused, compactOps, Op } from '../../src/core/view/ops';
import { RowView } from '../../src/core/view/view';

const spec = (key: string, elem: string, hint = 0, more: Partial<MapSpec> = {}): MapSpec => ({ key, elem, goarch: 'amd64', hint, seed: 1, origin: 'test', ...more });

/** Slots of every row of an array that hold an entry. */
function fullSlots(rows: RowView[]): { key?: string; elem?: string }[] {
  return rows.flatMap((r) => r.groups.flatMap((g) => g.slots.filter((s) => s.state === 'full')));
}

// The session over the runtime-neutral model (src/core/view): the view, the history, refusals.
describe('view: a map session and its runtime-neutral view', () => {
  it('shows a map[string]int: summary, header fields with the runtime names, rows of 8 slots', async () => {
    const s = await MapSession.create('a', spec('string', 'int'), 1000);
    for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) await s.apply({ op: 'insert', key: k, elem: v });
    const v = s.mapView();
    // 3 entries fit B = 0: one bucket, no overflow.
    assert.strictEqual(v.summary, 'count 3 · B 0 · buckets 1 · overflow buckets 0 · not growing');
    assert.deepStrictEqual(v.header.map((f) => f.name).slice(0, 9), ['count', 'flags', 'B', 'noverflow', 'hash0', 'buckets', 'oldbuckets', 'nevacuate', 'extra.nextOverflow']);
    assert.deepStrictEqual(v.arrays, [{ id: 'buckets', title: 'buckets (1)', rowName: 'bucket', rows: 1, column: 1 }]);
    const rows = s.rows('buckets', 0, 1);
    assert.strictEqual(rows[0].groups[0].slots.length, 8);
    // mapassign fills a B = 0 bucket from slot 0 in insertion order.
    assert.deepStrictEqual(fullSlots(rows).map((x) => `${x.key}=${x.elem}`), ['"a"=1', '"b"=2', '"c"=3']);
    assert.strictEqual(v.runtime.kind, 'classic');
    assert.strictEqual(v.note, undefined);
  });

  it('notes a map without buckets or entries instead of showing nothing', async () => {
    const s = await MapSession.create('a', spec('string', 'int'), 1000);
    assert.match(s.mapView().note ?? '', /allocates no bucket until the first insert/);
    await s.apply({ op: 'insert', key: 'x', elem: 1 });
    await s.apply({ op: 'delete', key: 'x' });
    assert.match(s.mapView().note ?? '', /holds no entries: its bucket is allocated and empty/);
  });

  it('memory: the in-use heap is the sum of its parts, named as pprof names it', async () => {
    const s = await MapSession.create('a', spec('int64', 'int64', 1000), 10_000);
    await s.apply({ op: 'fill', n: 500, seed: 3 });
    const m = s.mapView().memory!;
    const total = m.lines.find((l) => l.kind === 'total')!;
    assert.match(total.name, /in-use heap \(pprof inuse_space\)/);
    assert.strictEqual(total.bytes, m.inUseBytes);
    assert.strictEqual(m.lines.filter((l) => l.kind === 'part').reduce((n, l) => n + l.bytes, 0), m.inUseBytes);
    assert.strictEqual(m.lines.filter((l) => l.kind === 'part').reduce((n, l) => n + (l.objects ?? 0), 0), m.inUseObjects);
    // make(map[int64]int64, 1000): B = 8, 256 + 16 preallocated buckets of 144 B = 39168 B, in the
    // 40960-byte size class, whose slack holds 284 buckets of 144 B; hmap 48 B.
    assert.ok(m.lines.some((l) => l.name === 'bucket array (284 × 144 B)' && l.bytes === 40960), JSON.stringify(m.lines.map((l) => [l.name, l.bytes])));
    assert.ok(m.lines.some((l) => /^occupied buckets: \d+ of \d+ bmaps$/.test(l.name)));
  });

  it('says what a delete or lookup of a missing key did', async () => {
    const s = await MapSession.create('a', spec('string', 'int'), 1000);
    await s.apply({ op: 'insert', key: 'a', elem: 1 });
    const r = await s.apply({ op: 'delete', key: 'zz' });
    assert.match(r.outcome?.text ?? '', /was not in the map: delete did nothing/);
    const l = s.lookup('zz');
    assert.strictEqual(l.found, false);
    assert.match(l.message, /^"zz" is not in the map: checked \d+ slots/);
    const empty = await MapSession.create('b', spec('string', 'int'), 1000);
    assert.match(empty.lookup('q').message, /the map is empty/);
  });

  it('lookup shows the hash with its tophash and bucket bits', async () => {
    const s = await MapSession.create('a', spec('int64', 'int64', 100), 1000);
    await s.apply({ op: 'insert', key: 5, elem: 50 });
    const l = s.lookup(5);
    assert.strictEqual(l.found, true);
    assert.strictEqual(l.elem, '50');
    const bits = l.hash!;
    assert.strictEqual(bits.width, 64);
    assert.strictEqual(bits.binary.length, 64);
    // hint 100 gives B = 4: the low 4 bits are the bucket, the top 8 the tophash.
    const bucket = bits.parts.find((p) => p.name === 'bucket')!;
    assert.deepStrictEqual([bucket.from, bucket.to], [0, 3]);
    assert.strictEqual(Number(bucket.value), parseInt(bits.binary.slice(60), 2));
    assert.strictEqual(l.where?.row, Number(bucket.value));
    const top = bits.parts.find((p) => p.name === 'tophash')!;
    assert.deepStrictEqual([top.from, top.to], [56, 63]);
    assert.ok(l.steps.some((st) => st.mark === 'found'));
  });

  it('growth: old buckets beside new ones, arrows from evacuated slots to X or Y', async () => {
    const s = await MapSession.create('a', spec('int64', 'int64'), 1000);
    await s.apply({ op: 'fill', n: 53, seed: 2 }); // the 53rd key passes 6.5 per bucket at B = 3
    const v = s.mapView();
    assert.strictEqual(v.growth.growing, true);
    assert.deepStrictEqual(v.arrays.map((a) => [a.id, a.rows, a.column]), [['oldbuckets', 8, 0], ['buckets', 16, 1]]);
    const old = s.rows('oldbuckets', 0, 8);
    const links = old.flatMap((r) => r.links ?? []);
    assert.ok(links.length > 0, 'the evacuated old bucket has arrows');
    for (const l of links) {
      const row = old.find((r) => r.links?.includes(l))!;
      assert.strictEqual(l.toRow, l.kind === 'evacuatedX' ? row.index : row.index + 8);
    }
    await s.apply({ op: 'finishGrowth' });
    assert.strictEqual(s.mapView().growth.growing, false);
    s.model.checkInvariants();
  });

  it('refuses an operation above maxEntries and keeps nothing of it', async () => {
    const s = await MapSession.create('a', spec('int64', 'int64'), 100);
    await s.apply({ op: 'fill', n: 90, seed: 2 });
    const before = { revision: s.revision, history: s.history, summary: s.mapView().summary };
    await assert.rejects(s.apply({ op: 'fill', n: 11, seed: 3 }), OpRefused);
    assert.deepStrictEqual({ revision: s.revision, history: s.history, summary: s.mapView().summary }, before);
  });

  it('an insert that panics (an unhashable dynamic key) changes nothing', async () => {
    const s = await MapSession.create('a', spec('any', 'int'), 100);
    await s.apply({ op: 'insert', key: { $type: 'int', value: 1 }, elem: 1 });
    const before = s.mapView().summary;
    await assert.rejects(s.apply({ op: 'insert', key: { $type: '[]int', value: [1] }, elem: 2 }), /unhashable type \[\]int/);
    assert.strictEqual(s.mapView().summary, before);
    assert.strictEqual(s.history.length, 1);
  });

  it('undo and redo replay the same map; undo of a big fill is a restored copy, not a replay', async () => {
    const s = await MapSession.create('a', spec('int64', 'int64'), 2_000_000);
    await s.apply({ op: 'insert', key: 1, elem: 1 });
    const small = s.mapView().summary;
    await s.apply({ op: 'fill', n: 200_000, seed: 9 });
    const big = s.mapView().summary;
    const t0 = performance.now();
    assert.strictEqual(await s.undo(), true);
    const undoMs = performance.now() - t0;
    assert.strictEqual(s.mapView().summary, small);
    assert.ok(undoMs < 500, `undo took ${undoMs.toFixed(0)} ms (a replay of 200,000 inserts takes seconds)`);
    await s.redo();
    assert.strictEqual(s.mapView().summary, big);
    s.model.checkInvariants();
  });

  it('undo through a saved copy, then redo, gives the map a replay from make gives, randomness included', async () => {
    const ops: Op[] = [
      { op: 'insert', key: 1, elem: 1 }, { op: 'fill', n: 3000, seed: 5 }, { op: 'iterate' },
      { op: 'deleteRandom', percent: 100, seed: 6 }, // empties the map: the runtime draws a new hash0
      { op: 'fill', n: 60, seed: 7 }, { op: 'iterate' },
    ];
    const s = await MapSession.create('a', spec('int64', 'int64'), 10_000);
    for (const op of ops) await s.apply(op);
    for (let i = 0; i < 4; i++) await s.undo();
    for (let i = 0; i < 4; i++) await s.redo();
    const fresh = await MapSession.create('b', spec('int64', 'int64'), 10_000, ops);
    assert.deepStrictEqual(s.mapView().header, fresh.mapView().header); // hash0 included
    assert.deepStrictEqual(s.rows('buckets', 0, 64), fresh.rows('buckets', 0, 64));
    // The generator is where a replay leaves it: the next range starts at the same place.
    assert.deepStrictEqual((await s.apply({ op: 'iterate' })).iteration, (await fresh.apply({ op: 'iterate' })).iteration);
  });

  it('a saved record is compacted and replays to the same map', async () => {
    const s = await MapSession.create('a', spec('string', 'int'), 1000);
    for (let i = 0; i < 40; i++) await s.apply({ op: 'insert', key: `k${i}`, elem: i });
    await s.apply({ op: 'delete', key: 'k3' });
    await s.undo();
    const r = s.toRecord();
    // 40 inserts, the last 20 kept one by one, the 20 before as one insertMany; the undone delete dropped.
    assert.strictEqual(r.ops.length, 21);
    assert.strictEqual(r.ops[0].op, 'insertMany');
    const back = await MapSession.restore(JSON.parse(JSON.stringify(r)), 1000);
    assert.strictEqual(back.mapView().summary, s.mapView().summary);
    assert.deepStrictEqual(back.rows('buckets', 0, 8), s.rows('buckets', 0, 8));
  });

  it('compactOps keeps the last operations apart and merges earlier insert runs', () => {
    const ins = (k: number): Op => ({ op: 'insert', key: k, elem: k });
    const ops: Op[] = [ins(1), ins(2), { op: 'clear' }, ins(3), ins(4), ins(5)];
    assert.deepStrictEqual(compactOps(ops, 6, 1), [
      { op: 'insertMany', entries: [[1, 1], [2, 2]] }, { op: 'clear' }, { op: 'insertMany', entries: [[3, 3], [4, 4]] }, ins(5),
    ]);
    assert.deepStrictEqual(compactOps(ops, 2, 0), [{ op: 'insertMany', entries: [[1, 1], [2, 2]] }]);
  });

  it('slot detail: the full key and elem in Go syntax, beyond the row text cut', async () => {
    const s = await MapSession.create('a', spec('string', '[]int'), 1000);
    const long = 'k'.repeat(300);
    await s.apply({ op: 'insert', key: long, elem: [1, 2, 3] });
    const slot = s.rows('buckets', 0, 1)[0].groups[0].slots[0];
    assert.strictEqual(slot.cut, true);
    assert.ok(slot.key!.endsWith('…'));
    const d = s.slotDetail({ array: 'buckets', row: 0, group: 0, slot: 0 })!;
    assert.strictEqual(d.key, `"${long}"`);
    assert.strictEqual(d.elem, '[]int{1, 2, 3}');
    assert.match(d.stateText, /^tophash 0x[0-9a-f]{2}: the top 8 bits/);
  });

  it('titles say the variable or place and a GOARCH that is not amd64', async () => {
    const a = await MapSession.create('a', spec('string', 'int', 0, { origin: 'users.go:12', name: 'profiles' }), 10);
    assert.strictEqual(a.displayTitle, 'profiles · map[string]int');
    const b = await MapSession.create('b', spec('string', 'int', 0, { origin: 'users.go:12', goarch: '386' }), 10);
    assert.strictEqual(b.displayTitle, 'users.go:12 · map[string]int · 386');
  });
});
