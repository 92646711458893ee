/**
 * The rows of the first lines come with the map view (`MapView.firstRows`), so a panel opened at
 * the top draws its first frame without asking the extension: the lines the webview's list draws
 * first, whether the arrays are side by side (a classic map's buckets, its old buckets beside them
 * while it grows) or stacked (a Swiss map's tables, each a heading line and then its groups).
 */
import * as assert from 'assert';
import { MapSession } from '../../src/core/view/session';
import { firstLines, firstRows, stacked } from '../../src/core/view/view';
import { mapMessage, parseToWebview } from '../../src/protocol/messages';

const spec = { key: 'int64', elem: 'int64', goarch: 'amd64' as const, hint: 0, seed: 1, origin: 'test' };

describe('view: the first lines\' rows travel with the map view', () => {
  it('stacked tables: a heading line each, then its groups, down to the last line', async () => {
    const s = await MapSession.create('f', { ...spec, runtime: 'swiss', swissVersion: '1.26' }, 100_000);
    await s.apply({ op: 'fill', n: 5000, seed: 2 });
    const view = s.mapView(true);
    assert.ok(stacked(view.arrays));
    // Every table of a map that has split holds 1024 slots: 128 groups.
    assert.ok(view.arrays.every((a) => a.rows === 128));
    // 24 lines: table 0's heading, then its groups 0..22.
    assert.deepStrictEqual(view.firstRows, [{ array: 'table-0', start: 0, rows: s.rows('table-0', 0, 23) }]);
    assert.strictEqual(firstLines, 24);
    // 300 lines: table 0 (1 + 128 lines), table 1 (129 more, 258 in all), table 2's heading (259)
    // and its groups 0..40 (the last 41 lines).
    const rows = (a: string, from: number, to: number) => s.rows(a, from, to);
    assert.deepStrictEqual(firstRows(view.arrays, rows, 300).map((r) => [r.array, r.start, r.rows.length]), [['table-0', 0, 128], ['table-1', 0, 128], ['table-2', 0, 41]]);
    const m = parseToWebview(JSON.parse(JSON.stringify(mapMessage(view))));
    assert.ok(m?.type === 'map');
    assert.deepStrictEqual(m.map.firstRows, JSON.parse(JSON.stringify(view.firstRows)));
  });

  it('arrays side by side: rows 0..23 of each, or all of a shorter one', async () => {
    // B = 4 from the hint (13 * 2^3 = 104 entries: over 6.5 per bucket at B = 3): 16 buckets.
    const s = await MapSession.create('c', { ...spec, hint: 104 }, 100_000);
    await s.apply({ op: 'fill', n: 50, seed: 2 });
    const view = s.mapView(true);
    assert.deepStrictEqual(view.arrays.map((a) => [a.id, a.rows]), [['buckets', 16]]);
    assert.deepStrictEqual(view.firstRows, [{ array: 'buckets', start: 0, rows: s.rows('buckets', 0, 16) }]);
    const big = await MapSession.create('b', { ...spec, hint: 1000 }, 100_000);
    const v = big.mapView(true);
    assert.deepStrictEqual(v.firstRows?.map((r) => [r.array, r.start, r.rows.length]), [['buckets', 0, 24]]);
  });

  it('drops a map view with more first rows than one request may carry', async () => {
    const s = await MapSession.create('c', { ...spec, hint: 100_000 }, 1_000_000);
    const view = JSON.parse(JSON.stringify(s.mapView(true)));
    assert.ok(parseToWebview({ type: 'map', map: view }));
    const rows = s.rows('buckets', 0, 512);
    assert.ok(parseToWebview({ type: 'map', map: { ...view, firstRows: [{ array: 'buckets', start: 0, rows }] } }));
    assert.strictEqual(parseToWebview({ type: 'map', map: { ...view, firstRows: [{ array: 'buckets', start: 0, rows }, { array: 'buckets', start: 512, rows: rows.slice(0, 1) }] } }), undefined);
    assert.strictEqual(parseToWebview({ type: 'map', map: { ...view, firstRows: [{ array: 'no such', start: 0, rows }] } }), undefined);
  });
});
