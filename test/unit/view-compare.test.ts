/**
 * "Compare Classic and Swiss" (`src/core/view/compare.ts`) and the Swiss probe lengths
 * (`src/core/swiss/probestats.ts`). The growth counts are worked out below from the runtimes' rules;
 * the byte figures must equal what each runtime's own session shows for the same history (each
 * model is checked against the real runtime by the oracle tests).
 */
import * as assert from 'assert';
import { probePath } from '../../src/core/swiss/probe';
import { probeIndex, probeLengths } from '../../src/core/swiss/probestats';
import { compareRuntimes } from '../../src/core/view/compare';
import { Op } from '../../src/core/view/ops';
import { MapSession, MapSpec } from '../../src/core/view/session';
import { SwissModel } from '../../src/core/view/swiss';

const spec = (more: Partial<MapSpec> = {}): MapSpec => ({ key: 'string', elem: 'int64', goarch: 'amd64', hint: 0, seed: 7, origin: 'test', ...more });
const keys = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `k${from + i}`);

async function session(runtime: 'classic' | 'swiss', ops: Op[]): Promise<MapSession> {
  const s = await MapSession.create(runtime, spec({ runtime }), 1 << 20);
  for (const op of ops) await s.apply(op);
  return s;
}

describe('swiss probe lengths', () => {
  it('walks the triangular sequence: probe i visits home + i(i+1)/2', () => {
    // 8 groups (mask 7) from home 5: 5, 6, 0, 3, 7, 4, 2, 1 (offsets 0, 1, 3, 6, 10, 15, 21, 28 mod 8).
    assert.deepStrictEqual([5, 6, 0, 3, 7, 4, 2, 1].map((g) => probeIndex(5, g, 7)), [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('gives every key the number of groups its lookup visits (probePath agrees), before and after deletes', async () => {
    const s = await session('swiss', [{ op: 'insertMany', entries: keys(3000).map((k, i) => [k, i]) }]);
    const m = (s.model as SwissModel).m;
    const check = () => {
      const p = probeLengths(m);
      let longest = 0;
      const histogram: number[] = [];
      m.tables().forEach((t) => t.keys.forEach((k, i) => {
        if (t.ctrl[i] & 0x80) return;
        const n = probePath(m, k).steps.length;
        longest = Math.max(longest, n);
        histogram[n - 1] = (histogram[n - 1] ?? 0) + 1;
      }));
      assert.strictEqual(p.keys, m.used);
      assert.strictEqual(p.longest, longest);
      assert.deepStrictEqual(p.histogram, Array.from(histogram, (x) => x ?? 0));
      assert.ok(p.longest >= 1 && p.mean >= 1 && p.mean <= p.longest);
    };
    check();
    for (const k of keys(2000)) await s.apply({ op: 'delete', key: k });
    check();
  });

  it('counts 1 group per key in a small map, and NaN keys apart', async () => {
    const s = await MapSession.create('f', spec({ key: 'float64', runtime: 'swiss' }), 100);
    await s.apply({ op: 'insertMany', entries: [[1.5, 1], [NaN, 2], [2.5, 3]] });
    const p = probeLengths((s.model as SwissModel).m);
    assert.deepStrictEqual([p.keys, p.longest, p.unreachable, p.histogram], [2, 1, 1, [2]]);
  });
});

describe('compare classic and swiss', () => {
  // make(map[string]int64); 1000 inserts; 900 deletes.
  const history: Op[] = [
    { op: 'insertMany', entries: keys(1000).map((k, i) => [k, i]) },
    ...keys(900).map((key): Op => ({ op: 'delete', key })),
  ];

  it('replays the history under both models, with each runtime\'s own growth', async () => {
    const s = await session('swiss', history);
    const c = await compareRuntimes(s);
    assert.strictEqual(c.ops, 901);
    assert.strictEqual(c.title, 'map[string]int64 · 901 operations');
    // Classic: a grow starts when count+1 > 6.5 * 2^B (and > 8): at counts 9, 14, 27, 53, 105, 209,
    // 417, 833: B 0 → 8 in 8 doublings; 1000 keys never pile up 2^8 overflow buckets (same-size grow).
    assert.deepStrictEqual(c.classic.growth, [{ kind: 'hashGrow (doubling)', count: 8 }]);
    assert.ok(c.classic.growthSample.includes('hashGrow: B 7 → 8 (256 buckets) at count 833'), c.classic.growthSample.join('\n'));
    // Swiss: the 9th key makes a 16-slot table; a table grows when growthLeft (7/8 of capacity
    // minus used) is 0: at 15, 29, 57, 113, 225, 449 keys up to 1024 slots; the 897th key splits it.
    assert.deepStrictEqual(c.swiss.growth, [{ kind: 'growToTable', count: 1 }, { kind: 'grow (rehash)', count: 6 }, { kind: 'split', count: 1 }]);
    assert.strictEqual(c.swiss.summary, 'swiss · Go 1.26 · used 100 · tables 2 · capacity 2048');
    assert.strictEqual(c.classic.entries, 100);
    assert.strictEqual(c.swiss.longest.name, 'longest probe sequence');
    assert.strictEqual(c.classic.longest.name, 'longest overflow chain');
  });

  it('has each runtime\'s own in-use bytes, and frees nothing on delete', async () => {
    const swiss = await session('swiss', history);
    const classic = await session('classic', history);
    const c = await compareRuntimes(classic);
    assert.strictEqual(c.classic.inUseBytes, classic.mapView().memory!.inUseBytes);
    assert.strictEqual(c.swiss.inUseBytes, swiss.mapView().memory!.inUseBytes);
    assert.strictEqual(c.classic.inUseObjects, classic.mapView().memory!.inUseObjects);
    // Neither runtime shrinks: the memory before the 900 deletes is the memory after them.
    for (const f of [c.classic, c.swiss]) {
      assert.deepStrictEqual(f.beforeDeletes, { entries: 1000, inUseBytes: f.inUseBytes });
      assert.strictEqual(f.bytesPerEntry, f.inUseBytes / 100);
    }
    // Longest chain: the longest row of the classic session's buckets.
    let chain = 0;
    for (const a of classic.mapView().arrays) for (let i = 0; i < a.rows; i += 512) for (const r of classic.rows(a.id, i, i + 512)) chain = Math.max(chain, r.groups.length);
    assert.strictEqual(c.classic.longest.value, chain);
    assert.strictEqual(c.swiss.longest.value, probeLengths((swiss.model as SwissModel).m).longest);
    assert.match(c.rows.find((r) => r.name === 'after the deletes')!.swiss, /^[\d,]+ B for 100 entries \(nothing freed; [\d,]+ B for 1,000 before\)$/);
    assert.strictEqual(c.rows.find((r) => r.name === 'dead weight')!.swiss, `tombstones: ${swiss.stats().states.deleted ?? 0}`);
  });

  it('leaves the compared session as it was', async () => {
    const s = await session('classic', history.slice(0, 1));
    const before = JSON.stringify(s.snapshot());
    await compareRuntimes(s);
    assert.strictEqual(JSON.stringify(s.snapshot()), before);
    assert.strictEqual(s.appliedOps.length, 1);
  });
});

describe('a Swiss session says what grew', () => {
  it('puts the growth events of an operation in its outcome, and only that operation\'s', async () => {
    const s = await MapSession.create('g', spec({ runtime: 'swiss' }), 1 << 20);
    const r = await s.apply({ op: 'insertMany', entries: keys(9).map((k, i) => [k, i]) });
    assert.deepStrictEqual(r.outcome, { kind: 'info', text: 'the 9th key turned the small map into a table of 16 slots (growToTable)' });
    assert.strictEqual((await s.apply({ op: 'insert', key: 'x', elem: 1 })).outcome, undefined);
    // 15 → 1000 keys: 6 rehashes and a split: the first and the last are written out.
    const many = await s.apply({ op: 'insertMany', entries: keys(990, 100).map((k, i) => [k, i]) });
    assert.match(many.outcome!.text, /^table 0 rehashed from 16 to 32 slots \(grow: growthLeft was 0\); … more growth steps …; a full 1024-slot table split into tables 0 and 1 \(local depth 1\); the directory doubled to 2 entries$/);
    // Undo replays from a saved copy: the redo reports the same events again.
    await s.undo();
    await s.redo();
    assert.strictEqual(s.lastOutcome?.text, many.outcome!.text);
  });
});
