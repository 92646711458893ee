import * as assert from 'assert';
import { MapSession, MapSpec } from '../../src/core/view/session';
import { OpCancelled } from '../../src/core/view/ops';

const spec = (runtime: 'classic' | 'swiss'): MapSpec => ({
  key: 'int64', elem: 'int64', goarch: 'amd64', hint: 0, seed: 1, origin: 'test',
  ...(runtime === 'swiss' ? { runtime: 'swiss' as const, swissVersion: '1.26' as const } : {}),
});

/** Everything the panel can show of a session: the header and summary, every row, the history. */
async function picture(s: MapSession): Promise<unknown> {
  await s.computeStats();
  const v = s.mapView();
  const rows = v.arrays.map((a) => s.rows(a.id, 0, a.rows));
  return { summary: v.summary, header: v.header, history: v.history, memory: v.memory, rows, revision: s.revision };
}

// "Insert Random Keys…" with a Cancel button: the session stops between two slices of the fill
// (ops.ts opSlice = 16,384 inserts) and puts the map back as it was before the fill.
describe('view: a long fill cancelled between its slices', () => {
  for (const runtime of ['classic', 'swiss'] as const) {
    it(`${runtime}: leaves the map, its history and its randomness as before the fill`, async () => {
      const s = await MapSession.create('c', spec(runtime), 1_000_000);
      const twin = await MapSession.create('t', spec(runtime), 1_000_000);
      for (const m of [s, twin]) {
        await m.apply({ op: 'fill', n: 1000, seed: 5 });
        await m.apply({ op: 'insert', key: -1, elem: 7 });
      }
      const before = await picture(s);
      let slices = 0;
      // 100,000 keys are 6 slices: cancel after the third, with 49,152 keys already in.
      const cancelled = () => ++slices === 3;
      await assert.rejects(s.apply({ op: 'fill', n: 100_000, seed: 9 }, () => undefined, cancelled), (e) => e instanceof OpCancelled && /insert 100,000 random keys cancelled/.test(e.message));
      assert.strictEqual(slices, 3, 'asked once a slice until it said stop');
      assert.strictEqual(s.model.count, 1001);
      assert.deepStrictEqual(await picture(s), before);
      s.model.checkInvariants();
      // The next operations do exactly what they do on the map that never saw the cancelled fill
      // (same hash seed, same random generator state).
      for (const m of [s, twin]) await m.apply({ op: 'fill', n: 20_000, seed: 11 });
      assert.deepStrictEqual(await picture(s), await picture(twin));
    });
  }
});
