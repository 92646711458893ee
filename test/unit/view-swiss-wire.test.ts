/**
 * A Swiss map's view as it crosses to the webview (`src/core/view/swissTables.ts`): its JSON packs
 * the tables into a few arrays of numbers, and `parseToWebview` gives back exactly the view the
 * extension holds (arrays, titles, directory runs), for simulated and captured maps. Views it cannot
 * rebuild (a growth step's old and new tables) cross as they are; a packed view that does not
 * describe its directory is dropped like any malformed message.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CapturedSwiss } from '../../src/core/capture/types';
import { CapturedSession } from '../../src/core/view/capturedSession';
import { MapSession } from '../../src/core/view/session';
import { MapWire, PackedTables } from '../../src/core/view/swissTables';
import { MapView } from '../../src/core/view/view';
import { mapMessage, parseToWebview } from '../../src/protocol/messages';

const spec = { key: 'int64', elem: 'int64', goarch: 'amd64' as const, hint: 0, seed: 1, origin: 'test', runtime: 'swiss' as const, swissVersion: '1.26' as const };

/** The message as the webview receives it: the panel's `mapMessage`, through JSON as `postMessage` carries it. */
const overTheWire = (map: MapView): unknown => JSON.parse(JSON.stringify(mapMessage(map)));
/** The view itself as plain data. */
const plain = (map: MapView): unknown => JSON.parse(JSON.stringify(map));

function received(map: MapView): MapView {
  const m = parseToWebview(overTheWire(map));
  assert.ok(m && m.type === 'map', 'the map message is accepted');
  return m.map;
}

async function grown(n: number): Promise<MapSession> {
  const s = await MapSession.create('w', spec, 1_000_000);
  await s.apply({ op: 'fill', n, seed: 2 });
  return s;
}

describe('view: a Swiss map crosses to the webview packed', () => {
  it('packs every table into numbers and the webview gets back the same view', async () => {
    const s = await grown(20_000);
    // Tombstones in some tables: a deleted key's group with no empty slot left keeps a tombstone.
    await s.apply({ op: 'deleteRandom', percent: 30, seed: 3 });
    const view = s.mapView();
    const n = view.arrays.length;
    // 20,000 entries at most 7/8 of 1024 slots per table need at least 23 tables.
    assert.ok(n >= 23, `${n} tables`);
    const wire = (overTheWire(view) as { map: MapWire }).map;
    assert.deepStrictEqual(wire.arrays, []);
    assert.deepStrictEqual(wire.directory?.runs, []);
    const t = wire.tables as PackedTables;
    assert.strictEqual(t.count, n);
    // A table splits when it would grow past 1024 slots (maxTableCapacity), into two of 1024: once
    // the map has split, every table has 1024 slots, one run of n.
    assert.deepStrictEqual(t.capacity, [1024, n]);
    assert.deepStrictEqual(t.used, view.directory!.runs.map((r) => r.used));
    // A simulated table counts its tombstones as capacity·7/8 − used − growthLeft: no gap.
    assert.deepStrictEqual(t.growthLeftGap, [0, n]);
    assert.ok(view.directory!.runs.some((r) => r.tombstones > 0), 'some table holds tombstones');
    assert.deepStrictEqual(received(view), plain(view));
    // Per table, a few numbers instead of a title and a directory run (~270 characters).
    const tablesText = JSON.stringify(t).length;
    const plainText = JSON.stringify(view.arrays).length + JSON.stringify(view.directory!.runs).length;
    assert.ok(tablesText * 10 < plainText, `${tablesText} characters packed, ${plainText} plain`);
  });

  it('leaves small maps, classic maps and growth steps as they are', async () => {
    const small = await grown(5);
    assert.strictEqual((overTheWire(small.mapView()) as { map: MapWire }).map.tables, undefined);
    assert.deepStrictEqual(received(small.mapView()), plain(small.mapView()));
    const classic = await MapSession.create('c', { ...spec, runtime: 'classic' }, 1000);
    await classic.apply({ op: 'fill', n: 100, seed: 2 });
    assert.deepStrictEqual(received(classic.mapView()), plain(classic.mapView()));
    // The insert that splits the one 1024-slot table (its 897th key, growthLeft 896) is recorded;
    // at step 1 the arrays are the old table beside a new one, not the map's tables.
    const s = await grown(896);
    await s.apply({ op: 'insert', key: await s.parse('key', '-1'), elem: await s.parse('elem', '0') });
    assert.strictEqual(s.growthRecord?.kind, 'split');
    assert.ok(s.stepGrowthView());
    const step = s.mapView();
    assert.deepStrictEqual(step.arrays.map((a) => a.id), ['s1-old', 's1-new0']);
    assert.strictEqual((overTheWire(step) as { map: MapWire }).map.tables, undefined);
    assert.deepStrictEqual(received(step), plain(step));
  });

  it('packs a captured map\'s tables too', () => {
    // swiss-tomb (view-captured.test.ts): one 1024-slot table, 712 used, 99 tombstones.
    const c = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'capture', 'swiss-tomb.json'), 'utf8')) as CapturedSwiss;
    const view = new CapturedSession('t', c).mapView();
    const t = (overTheWire(view) as { map: MapWire }).map.tables;
    // growthLeft is 896 - 712 - 99 = 85 if the process's counters agree with its control bytes.
    assert.strictEqual(c.tables[0].growthLeft, 85);
    assert.deepStrictEqual(t, { count: 1, localDepth: [0, 1], capacity: [1024, 1], tombstones: [99, 1], used: [712], growthLeftGap: [0, 1] });
    assert.deepStrictEqual(received(view), plain(view));
  });

  it('drops a packed view that does not describe its directory', async () => {
    const s = await grown(5000);
    const good = overTheWire(s.mapView()) as { map: MapWire & { tables: PackedTables } };
    const n = good.map.tables.count;
    const broken = (f: (w: { map: MapWire & { tables: PackedTables } }) => void): unknown => {
      const copy = JSON.parse(JSON.stringify(good));
      f(copy);
      return parseToWebview(copy);
    };
    assert.ok(broken(() => undefined), 'the unbroken copy is accepted');
    // One table more than the run-length codes give.
    assert.strictEqual(broken((w) => { w.map.tables.count = n + 1; }), undefined);
    // Runs that do not add up to the directory's entries: with every local depth 0, each of the n
    // tables would span all 2^globalDepth entries.
    assert.strictEqual(broken((w) => { w.map.tables.localDepth = [0, n]; }), undefined);
    assert.strictEqual(broken((w) => { w.map.tables.localDepth = [w.map.directory!.globalDepth + 1, n]; }), undefined);
    assert.strictEqual(broken((w) => { w.map.tables.used = w.map.tables.used.slice(1); }), undefined);
    // A growthLeft below 0 (the gap past capacity·7/8 − used − tombstones).
    assert.strictEqual(broken((w) => { w.map.tables.growthLeftGap = [1024, n]; }), undefined);
    // A gap that is not an integer.
    assert.strictEqual(broken((w) => { w.map.tables.growthLeftGap = [0.5, n]; }), undefined);
    assert.strictEqual(broken((w) => { w.map.tables.capacity = [1020, n]; }), undefined);
    assert.strictEqual(broken((w) => { (w.map.tables as unknown as Record<string, unknown>).tombstones = 'none'; }), undefined);
    assert.strictEqual(broken((w) => { w.map.arrays = [{ id: 'table-0', title: 't', rowName: 'group', rows: 1, column: 0 }]; }), undefined);
  });
});
