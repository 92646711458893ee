/**
 * A Swiss map's growth as steps (`src/core/view/swissGrowth.ts`, `swissGrowthView.ts`): a single
 * insert that grows the small map into a table, rehashes a table or splits one is recorded by the
 * session; "Step growth" walks old beside new, then the insert landing; undo and redo keep it.
 *
 * Where growth happens, by the runtime's arithmetic (`maxAvgGroupLoad` 7 of 8 slots):
 * - a small map holds 8 keys; the 9th makes a table of 16 slots (growToTable);
 * - a 16-slot table has growthLeft 16·7/8 = 14: the 15th key rehashes it into 32 slots;
 * - a 1024-slot table has growthLeft 896: the 897th key splits it, and as its local depth 0 equals
 *   the global depth 0, the directory doubles from 1 to 2 entries first (`installTableSplit`).
 * The test checks the picture against the model: the keys in the new table(s) at step 1 are exactly
 * the old table's, each arrow points at the group holding its key, each half holds the keys whose
 * hash has the split bit 0 (left) or 1 (right), and the directory after is the runtime's.
 */
import * as assert from 'assert';
import { hashTop } from '../../src/core/swiss/hash';
import { MapSession } from '../../src/core/view/session';
import { SwissModel } from '../../src/core/view/swiss';
import { RowView } from '../../src/core/view/view';

const spec = { key: 'int64', elem: 'int64', goarch: 'amd64' as const, hint: 0, seed: 1, origin: 'test', runtime: 'swiss' as const, swissVersion: '1.26' as const };

/** Every slot of an array of the current view, as `key=elem` for full slots, with its row and links. */
function contents(s: MapSession, array: string): { full: string[]; rows: RowView[] } {
  const rows = s.rows(array, 0, 512);
  const full = rows.flatMap((r) => r.groups[0].slots.filter((x) => x.state === 'full').map((x) => `${x.key}=${x.elem}`));
  return { full: full.sort(), rows };
}

/** The kind of growth recorded at the session's position (a function: TypeScript narrows a getter). */
const kindOf = (s: MapSession): string | undefined => s.growthRecord?.kind;

async function insert(s: MapSession, i: number): Promise<void> {
  await s.apply({ op: 'insert', key: await s.parse('key', String(i)), elem: await s.parse('elem', String(i * 10)) });
}

/** Inserts keys from `from` on, one operation each, until one records growth of `kind`; returns that key. */
async function insertUntil(s: MapSession, from: number, kind: string, dirDoubled?: boolean): Promise<number> {
  for (let i = from; i < from + 5000; i++) {
    await insert(s, i);
    const g = s.growthRecord;
    if (g && g.kind === kind && (dirDoubled === undefined || g.dirDoubled === dirDoubled)) return i;
  }
  throw new Error(`no ${kind} within 5000 inserts`);
}

/**
 * Steps through the `moving` steps of the growth at the session's position (from step 0) and checks
 * them: every old key is in the new table(s) drawn beside the old one, once, and each arrow points
 * at the group of the new table that holds its key. Returns each step's new array id.
 */
function checkMoved(s: MapSession, moving: number): string[] {
  const shown: string[] = [];
  const moved: string[] = [];
  let old: string[] = [];
  let arrows = 0;
  for (let step = 1; step <= moving; step++) {
    assert.ok(s.stepGrowthView());
    const [a, b] = s.mapView().arrays.map((x) => x.id);
    assert.strictEqual(a, `s${step}-old`);
    shown.push(b);
    const o = contents(s, a);
    const n = contents(s, b);
    old = o.full;
    moved.push(...n.full);
    for (const r of o.rows) {
      for (const l of r.links ?? []) {
        assert.strictEqual(l.toArray, b);
        const slot = r.groups[0].slots[l.slot];
        assert.ok(n.rows[l.toRow].groups[0].slots.some((x) => x.key === slot.key && x.elem === slot.elem), `${slot.key} is in ${b} group ${l.toRow}`);
        arrows++;
      }
    }
  }
  assert.deepStrictEqual(moved.sort(), old, 'the new tables hold exactly the old keys');
  assert.strictEqual(arrows, old.length, 'one arrow per full old slot');
  return shown;
}

describe('view: Swiss growth as steps (record, step view, undo/redo)', () => {
  it('growToTable at the 9th key, a rehash at the 15th: old beside new, then the insert landing', async () => {
    const s = await MapSession.create('g', spec, 100_000);
    for (let i = 0; i < 8; i++) await insert(s, i);
    assert.strictEqual(kindOf(s), undefined);
    await insert(s, 8);
    assert.strictEqual(kindOf(s), 'growToTable');
    assert.strictEqual(s.mapView().growthSteps?.step, 0);
    assert.deepStrictEqual(checkMoved(s, 1), ['s1-new0']);
    let v = s.mapView();
    assert.deepStrictEqual(v.arrays.map((a) => [a.id, a.rows, a.column]), [['s1-old', 1, 0], ['s1-new0', 2, 1]]);
    assert.strictEqual(contents(s, 's1-new0').full.length, 8, 'the 9th key has not landed yet');

    const at = await insertUntil(s, 9, 'grow');
    assert.strictEqual(at, 14, 'a 16-slot table has growthLeft 14: the 15th key rehashes');
    checkMoved(s, 1);
    v = s.mapView();
    assert.deepStrictEqual(v.arrays.map((a) => a.title), ['old table (capacity 16, local depth 0)', 'new table 0 (capacity 32, used 14)']);
    assert.ok(!contents(s, 's1-new0').full.includes('14=140'));
    assert.ok(s.stepGrowthView());
    v = s.mapView();
    assert.match(v.growthSteps!.title, /step 2 of 2: the insert landed/);
    const mark = v.growthSteps!.mark!;
    const landed = s.rows(mark.array, mark.row, mark.row + 1)[0].groups[0].slots[mark.slot];
    assert.deepStrictEqual([landed.key, landed.elem], ['14', '140']);
    // The landing slot is where the model has the key now.
    const hit = s.lookup(await s.parse('key', '14'));
    assert.deepStrictEqual([hit.where!.row, hit.where!.slot], [mark.row, mark.slot]);
    assert.ok(s.stepGrowthView());
    assert.strictEqual(s.mapView().arrays[0].id, 'table-0', 'after the last step: the map now');
    s.model.checkInvariants();
  });

  it('Go 1.26 grows a full small map even to update a key: the update lands after the move', async () => {
    // Go 1.26's putSlotSmall path grows a small map holding 8 entries before looking for the key
    // (1.27 updates in place): the 8 keys move to a 16-slot table, then key 3 gets its new elem.
    const s = await MapSession.create('g', spec, 100_000);
    for (let i = 0; i < 8; i++) await insert(s, i);
    await s.apply({ op: 'insert', key: await s.parse('key', '3'), elem: await s.parse('elem', '7') });
    assert.strictEqual(kindOf(s), 'growToTable');
    assert.strictEqual(s.growthRecord!.landing?.inserted, false);
    checkMoved(s, 1);
    assert.ok(contents(s, 's1-new0').full.includes('3=30'), 'before the update: the old elem');
    assert.ok(s.stepGrowthView());
    const mark = s.mapView().growthSteps!.mark!;
    const slot = s.rows(mark.array, mark.row, mark.row + 1)[0].groups[0].slots[mark.slot];
    assert.deepStrictEqual([slot.key, slot.elem], ['3', '7']);
    assert.match(s.mapView().growthSteps!.text, /^Then the insert updated its key in the new table \(table 0\), group \d, slot \d\.$/);
  });

  it('a split doubling the directory, then one that does not: halves by hash bit, directory per installTableSplit', async function () {
    this.timeout(60_000);
    const s = await MapSession.create('g', spec, 100_000);
    const at = await insertUntil(s, 0, 'split');
    assert.strictEqual(at, 896, 'a 1024-slot table has growthLeft 896: the 897th key splits it');
    const g = s.growthRecord!;
    assert.strictEqual(g.dirDoubled, true);
    assert.deepStrictEqual(checkMoved(s, 2), ['s1-new0', 's2-new1'], 'the left half, then the right half');
    const v = s.mapView();
    assert.match(v.growthSteps!.title, /^split · step 2 of 3: \d+ keys to the right half$/);
    // Left holds the keys whose top hash bit (bit 64 - localDepth 1) is 0, right those where it is 1.
    const m = (s.model as SwissModel).m;
    for (const [id, bit] of [['s1-new0', 0], ['s2-new1', 1]] as const) {
      for (const kv of contents(s, id).full) {
        const key = await s.parse('key', kv.split('=')[0]);
        assert.strictEqual(hashTop(m.hash(key as never)) >>> 31, bit, `${kv} in ${id}`);
      }
    }
    const strip = (d: typeof v.growthSteps extends undefined ? never : NonNullable<typeof v.growthSteps>['directoryBefore']) =>
      d && [d.globalDepth, d.entries, d.runs.map((r) => [r.array, r.start, r.length, r.localDepth])];
    assert.deepStrictEqual(strip(v.growthSteps!.directoryBefore), [0, 1, [['table-0', 0, 1, 0]]]);
    assert.deepStrictEqual(strip(v.growthSteps!.directoryAfter), [1, 2, [['table-0', 0, 1, 1], ['table-1', 1, 1, 1]]]);

    // Keep inserting: the next splits double the directory while the splitting table's local depth
    // equals the global depth; the first split of a table of smaller depth does not.
    await insertUntil(s, at + 1, 'split', false);
    const h = s.growthRecord!;
    const before = h.dirBefore!;
    const after = h.dirAfter!;
    const old = before.runs[h.oldInfo.number];
    assert.ok(old.length >= 2, 'the split table spanned at least 2 entries');
    assert.strictEqual(after.globalDepth, before.globalDepth, 'no doubling');
    // installTableSplit: left takes the old index, right index + 2^(globalDepth - (localDepth + 1)).
    const expected = before.runs.flatMap((r, i) => i !== h.oldInfo.number ? [[r.start, r.length, r.localDepth]]
      : [[r.start, r.length / 2, r.localDepth + 1], [r.start + r.length / 2, r.length / 2, r.localDepth + 1]]);
    assert.deepStrictEqual(after.runs.map((r) => [r.start, r.length, r.localDepth]), expected);
    checkMoved(s, 2);
    assert.ok(s.stepGrowthView());
    assert.match(s.mapView().growthSteps!.title, /^split · step 3 of 3: the insert landed$/);
    s.model.checkInvariants();
  });

  it('a split in a large directory: the step shows the directory around the split table, the rest counted', async function () {
    this.timeout(60_000);
    // 100,000 keys: about 100,000 / 896 → 128 tables (each splits at 896 of 1024 slots), so the
    // next splits come within a few hundred single inserts; the directory is windowed to 12 runs
    // on each side of the split table's.
    const s = await MapSession.create('g', spec, 1_000_000);
    await s.apply({ op: 'fill', n: 100_000, seed: 5 });
    assert.strictEqual(kindOf(s), undefined, 'a fill records no steps');
    const tablesBefore = s.mapView().arrays.length;
    await insertUntil(s, 1 << 30, 'split');
    const g = s.growthRecord!;
    assert.ok(s.stepGrowthView());
    const v = s.mapView().growthSteps!;
    for (const [d, full, tables] of [[v.directoryBefore!, g.dirBefore!, tablesBefore], [v.directoryAfter!, g.dirAfter!, tablesBefore + 1]] as const) {
      assert.strictEqual(full.runs.length, tables);
      assert.ok(d.elided, 'windowed');
      assert.strictEqual(d.elided.before + d.runs.length + d.elided.after, tables);
      assert.ok(d.runs.length <= 2 * 12 + 2, `${d.runs.length} runs shown`);
      assert.deepStrictEqual(d.runs, full.runs.slice(d.elided.before, d.elided.before + d.runs.length));
    }
    // The split table's run is in the window before, its two halves after.
    const old = g.dirBefore!.runs[g.oldInfo.number];
    assert.ok(v.directoryBefore!.runs.some((r) => r.start === old.start && r.length === old.length));
    const halves = g.after.map((n) => g.dirAfter!.runs[n]);
    for (const h of halves) assert.ok(v.directoryAfter!.runs.some((r) => r.array === h.array));
    assert.ok(s.endGrowthView());
    checkMoved(s, 2);
  });

  it('undo and redo keep the growth steps with the operation that grew the map', async () => {
    const s = await MapSession.create('g', spec, 100_000);
    const at = await insertUntil(s, 0, 'grow');
    assert.ok(s.stepGrowthView());
    const rows = JSON.stringify(s.rows('s1-old', 0, 2)) + JSON.stringify(s.rows('s1-new0', 0, 4));
    await insert(s, at + 1); // no growth
    assert.strictEqual(kindOf(s), undefined);
    assert.strictEqual(s.mapView().growthSteps, undefined);
    await s.undo(); // back to the state right after the rehash: its steps are there again
    assert.strictEqual(kindOf(s), 'grow');
    assert.strictEqual(s.mapView().growthSteps?.step, 0);
    assert.ok(s.stepGrowthView());
    assert.strictEqual(JSON.stringify(s.rows('s1-old', 0, 2)) + JSON.stringify(s.rows('s1-new0', 0, 4)), rows);
    await s.undo(); // before the rehash: nothing to step
    assert.strictEqual(kindOf(s), undefined);
    assert.strictEqual(s.stepGrowthView(), false);
    assert.deepStrictEqual(s.mapView().arrays.map((a) => [a.id, a.rows]), [['table-0', 2]]);
    await s.redo(); // the rehash again, recorded again
    assert.strictEqual(kindOf(s), 'grow');
    assert.ok(s.stepGrowthView());
    assert.strictEqual(JSON.stringify(s.rows('s1-old', 0, 2)) + JSON.stringify(s.rows('s1-new0', 0, 4)), rows);
    assert.ok(s.endGrowthView());
    assert.strictEqual(s.mapView().growthSteps?.step, 0);
  });
});
