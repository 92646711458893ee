/**
 * The Swiss model seen through `MapModel` (`src/core/view/swiss.ts`): the arrays, rows and slot
 * states the panel and the tree draw, the probe path of a lookup, the cards, the growth events,
 * and the instant undo copy. The numbers come from the model, which replays real Go 1.26/1.27
 * dumps equal (`test/oracle/swiss-fixtures.test.ts`); here we check that the view says what the
 * model holds.
 */
import * as assert from 'assert';
import { ctrlEmpty } from '../../src/core/swiss/constants';
import { swissGroupLayout } from '../../src/core/swiss/layout';
import { GoType, bucketLayout, parseTypeExpr } from '../../src/core/types';
import { MapSession } from '../../src/core/view/session';
import { SwissModel } from '../../src/core/view/swiss';
import { valueText } from '../../src/core/view/text';

describe('view: a Swiss map through MapModel', () => {
  let str: GoType;
  let i64: GoType;
  before(async () => {
    str = await parseTypeExpr('string');
    i64 = await parseTypeExpr('int64');
  });
  const model = (hint = 0, version: '1.26' | '1.27' = '1.26') =>
    new SwissModel({ hint, seed: 1, layout: swissGroupLayout(str, i64, 'amd64', version), classic: bucketLayout(str, i64, 'amd64'), text: valueText(str, i64) });

  it('rules the group of each layout by its regions: interleaved slots, or keys then elems (mapsplitgroup)', () => {
    // map[string]int64 on amd64: a slot is struct{ key string; elem int64 } = 16 + 8 = 24 B, so the
    // interleaved group is ctrl 8 + 8 × 24 = 200 B; split, the keys [8]string are 128 B at offset 8
    // and the elems [8]int64 64 B at 136: 200 B too, no padding in either.
    const [own, other] = model().layout().rulers;
    assert.strictEqual(own.bytes, 200);
    assert.strictEqual(own.segments.filter((x) => x.kind === 'keys').length, 8);
    assert.deepStrictEqual(other.segments.map((x) => [x.kind, x.bytes, x.label]), [
      ['ctrl', 8, 'ctrl uint64 (8 control bytes)'], ['keys', 128, 'keys [8]string'], ['elems', 64, 'elems [8]int64'],
    ]);
    const splitModel = new SwissModel({ hint: 0, seed: 1, layout: swissGroupLayout(str, i64, 'amd64', '1.27', { splitGroup: true }), classic: bucketLayout(str, i64, 'amd64'), text: valueText(str, i64) });
    const [split, interleaved] = splitModel.layout().rulers;
    assert.deepStrictEqual(split.segments.map((x) => [x.kind, x.bytes]), [['ctrl', 8], ['keys', 128], ['elems', 64]]);
    assert.strictEqual(split.bytes, 200);
    assert.deepStrictEqual(interleaved.segments.map((x) => [x.kind, x.bytes]), [['ctrl', 8], ['slot', 192]]);
  });

  it('shows nothing but a note before the first insert, then the small map\'s one group', () => {
    const m = model();
    assert.deepStrictEqual(m.arrays(), []);
    assert.match(m.note() ?? '', /allocates only the Map header until the first insert/);
    m.insert('a', 1);
    m.insert('b', 2);
    assert.deepStrictEqual(m.arrays().map((a) => [a.id, a.rows]), [['group', 1]]);
    const [row] = m.rows('group', 0, 1);
    assert.deepStrictEqual(row.groups[0].slots.map((s) => s.state), ['full', 'full', 'empty', 'empty', 'empty', 'empty', 'empty', 'empty']);
    assert.deepStrictEqual([row.groups[0].slots[0].key, row.groups[0].slots[0].elem], ['"a"', '1']);
    assert.strictEqual(row.groups[0].slots[2].byte, ctrlEmpty);
    assert.strictEqual(m.summary(), 'swiss · Go 1.26 · used 2 · tables 0 · capacity 8');
    m.checkInvariants();
  });

  it('reports growToTable, grow and split as events, and lists each table with its directory run', () => {
    const m = model();
    for (let i = 0; i < 9; i++) m.insert(`k${i}`, i);
    assert.deepStrictEqual(m.lastEvents?.().map((e) => e.text), ['the 9th key turned the small map into a table of 16 slots (growToTable)']);
    for (let i = 9; i < 15; i++) m.insert(`k${i}`, i);
    assert.match(m.lastEvents?.()[0]?.text ?? '', /table 0 rehashed from 16 to 32 slots/);
    for (let i = 15; i < 897; i++) m.insert(`k${i}`, i);
    const events = m.lastEvents?.().map((e) => e.text) ?? [];
    assert.match(events[events.length - 1], /split into tables 0 and 1 \(local depth 1\); the directory doubled to 2 entries/);
    const arrays = m.arrays();
    assert.deepStrictEqual(arrays.map((a) => a.rows), [128, 128]);
    assert.match(arrays[0].title, /^table 0 · directory \[0\] · local depth 1 · capacity 1024 · used \d+ · growthLeft \d+ · tombstones 0$/);
    assert.strictEqual(m.rowCount, 256);
    m.checkInvariants();
  });

  it('explains a lookup as a probe path and points at the slot it found', () => {
    const m = model(100);
    for (let i = 0; i < 50; i++) m.insert(`k${i}`, i);
    const hit = m.lookup('k7');
    assert.strictEqual(hit.found, true);
    assert.ok(hit.where);
    const slot = m.rows(hit.where!.array, hit.where!.row, hit.where!.row + 1)[0].groups[0].slots[hit.where!.slot];
    assert.deepStrictEqual([slot.key, slot.elem], ['"k7"', '7']);
    assert.deepStrictEqual(hit.hash?.parts.map((p) => p.name), ['h2', 'h1 (group)']);
    assert.strictEqual(hit.steps.filter((s) => s.mark === 'found').length, 1);
    const miss = m.lookup('absent');
    assert.strictEqual(miss.found, false);
    assert.ok(miss.steps.some((s) => s.mark === 'stop'));
    assert.match(miss.message, /^"absent" is not in the map: probed \d+ groups?; v, ok := m\[k\] gives the zero value and false\. An insert would take the empty slot at group \d+, slot \d+\.$/);
  });

  it('counts full, empty and deleted slots, and says what a rebuild frees', () => {
    const m = model();
    for (let i = 0; i < 1000; i++) m.insert(`k${i}`, i);
    for (let i = 0; i < 900; i++) m.delete(`k${i}`);
    const walk = m.walkStats();
    let r = walk.next();
    while (!r.done) r = walk.next();
    const s = r.value;
    const total = (s.states.full ?? 0) + (s.states.empty ?? 0) + (s.states.deleted ?? 0);
    assert.strictEqual(s.states.full, 100);
    assert.strictEqual(total, m.m.tables().reduce((n, t) => n + t.capacity, 0));
    const mem = m.memory();
    const rebuild = mem.lines.find((l) => /a rebuild/.test(l.name));
    assert.match(rebuild?.name ?? '', /^a rebuild, make\(map\[K\]V, 100\) \+ copy, frees /);
    assert.strictEqual(mem.lines[0].bytes, mem.inUseBytes);
  });

  it('goes back to a saved state exactly (instant undo)', () => {
    const m = model();
    for (let i = 0; i < 300; i++) m.insert(`k${i}`, i);
    const saved = m.saveState?.();
    const before = JSON.stringify(m.snapshot('x'));
    for (let i = 300; i < 2000; i++) m.insert(`k${i}`, i);
    m.clear();
    m.restoreState?.(saved);
    assert.strictEqual(JSON.stringify(m.snapshot('x')), before);
    m.checkInvariants();
    m.insert('k5000', 1); // the restored generator and tables keep working
    m.checkInvariants();
  });

  it('names the runtime and the iteration offsets', () => {
    const m = model(0, '1.27');
    assert.strictEqual(m.runtime.kind, 'swiss');
    assert.match(m.runtime.label, /Go 1\.27 internal\/runtime\/maps/);
    for (let i = 0; i < 20; i++) m.insert(`k${i}`, i);
    const it = m.iterate(1000);
    assert.strictEqual(it.total, 20);
    assert.match(it.start, /^entryOffset 0x[0-9a-f]{16}, dirOffset 0x[0-9a-f]{16}: tables from directory entry 0 \(Iter\.Init's rand\)$/);
    assert.deepStrictEqual([...it.keys].sort(), Array.from({ length: 20 }, (_, i) => `"k${i}"`).sort());
  });
});

describe('view: a Swiss map session (history, undo, refusals, the panel\'s contract)', () => {
  const spec = { key: 'int64', elem: 'int64', goarch: 'amd64' as const, hint: 0, seed: 1, origin: 'test', runtime: 'swiss' as const, swissVersion: '1.26' as const, runtimeWhy: 'go.mod: go 1.26' };

  it('summarizes runtime, Go version, used, tables and capacity; memory parts add up to the in-use heap', async () => {
    const s = await MapSession.create('s', spec, 1_000_000);
    await s.apply({ op: 'fill', n: 1000, seed: 3 });
    const v = s.mapView();
    // 1000 distinct keys: growth to 1024 slots at 449 keys, a split at 897: 2 tables of 1024.
    assert.strictEqual(v.summary, 'swiss · Go 1.26 · used 1000 · tables 2 · capacity 2048');
    assert.deepStrictEqual([v.runtime.kind, v.runtime.why], ['swiss', 'go.mod: go 1.26']);
    assert.deepStrictEqual(v.header.map((f) => f.name).slice(0, 8), ['used', 'seed', 'dirPtr', 'dirLen', 'globalDepth', 'globalShift', 'tombstonePossible', 'clearSeq']);
    const m = s.mapView().memory!;
    const parts = m.lines.filter((l) => l.kind === 'part');
    assert.strictEqual(parts.reduce((n, l) => n + l.bytes, 0), m.inUseBytes);
    assert.strictEqual(parts.reduce((n, l) => n + (l.objects ?? 0), 0), m.inUseObjects);
    // Map 48 + directory 16 + 2 × (table 32 + 128 groups × 136 B = 17408 → size class 18432).
    assert.strictEqual(m.inUseBytes, 48 + 16 + 2 * (32 + 18432));
    assert.deepStrictEqual(v.type.groupBytes, 136);
  });

  it('undo and redo rebuild the same map; a refused insert leaves nothing', async () => {
    const s = await MapSession.create('s', { ...spec, key: 'any' }, 100);
    await s.apply({ op: 'insert', key: { $type: 'int', value: 1 }, elem: 1 });
    await s.apply({ op: 'fill', n: 50, seed: 9 });
    const after = JSON.stringify(s.snapshot());
    await s.undo();
    assert.strictEqual(s.model.count, 1);
    await s.redo();
    assert.strictEqual(JSON.stringify(s.snapshot()), after);
    const before = s.history;
    await assert.rejects(s.apply({ op: 'insert', key: { $type: '[]int', value: [1] }, elem: 2 }), /hash of unhashable type \[\]int/);
    assert.deepStrictEqual(s.history, before);
    s.model.checkInvariants();
  });
});
