/**
 * Captures against real programs: `test/capture/prog` builds maps in every state worth seeing,
 * dumps each through `unsafe` (the runtime's own structures, read in-process), and stops at a
 * breakpoint; each map captured there through Delve must equal that dump field for field
 * (address, header, every bucket or group with its tophash or control bytes, keys, elems, and
 * the layout). Run on Go 1.19 (classic) with Delve v1.21.2, and on Go 1.26, 1.27.3 and 1.27.3
 * with split groups (Swiss) with Delve v1.27.2; a pair that cannot be installed here is skipped
 * with the reason. One build and one Delve per pair.
 */
import * as assert from 'assert';
import { CapturedClassic, CapturedMap, CapturedSwiss } from '../../src/core/capture/types';
import { ctrlDeleted } from '../../src/core/swiss/constants';
import { emptyOne, evacuatedX, evacuatedY, minTopHash } from '../../src/core/classic/tophash';
import { CaptureDiff, diffCaptures } from '../../src/core/capture/diff';
import { Program, compareWithDump, lineOf, mainGo, startProgram, toolchains, unavailable } from '../capture/harness';

/** Every map main.go dumps, by the expression the test captures it with. */
const exprs = ['grow', 'ovf', 'tomb', 'big', 'strs', 'structs', 'wide', 'set', 'holder.M', 'nested["a"]', '*pm', 'main.gmap'];
/** The maps also read without the raw-word fast path (each key and elem through Delve's formatting). */
const slowExprs = ['grow', 'strs', 'structs', 'wide', 'set', 'holder.M', '*pm', 'main.gmap'];

for (const t of toolchains) {
  describe(`capture: ${t.name}`, function () {
    this.timeout(240_000);
    let prog: Program | undefined;
    const captured = new Map<string, CapturedMap>();

    before(async function () {
      const why = unavailable(t);
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      prog = await startProgram(t);
    });
    after(async () => {
      await prog?.session.close();
    });

    const get = async (expr: string, noFastPath = false): Promise<CapturedMap> => {
      const key = noFastPath ? `slow:${expr}` : expr;
      if (!captured.has(key)) captured.set(key, await prog!.session.capture(expr, { noFastPath }));
      return captured.get(key)!;
    };

    for (const expr of exprs) {
      it(`${expr} equals the program's own dump`, async () => {
        const c = await get(expr);
        assert.strictEqual(c.runtime, t.runtime);
        assert.strictEqual(c.goversion, prog!.dump.goversion);
        const diff = compareWithDump(prog!.dump.maps[expr], c);
        assert.strictEqual(diff, undefined, `${expr}: ${diff}`);
      });
    }

    it('through Delve\'s formatting alone (no fast path) the same maps come out equal', async () => {
      for (const expr of slowExprs) {
        const c = await get(expr, true);
        const diff = compareWithDump(prog!.dump.maps[expr], c);
        assert.strictEqual(diff, undefined, `${expr} (no fast path): ${diff}`);
        // Where the key or elem is an integer or byte array, the fast path decoded it from raw words.
        if (expr !== 'strs' && expr !== 'structs') {
          assert.ok(c.stats.requests > (await get(expr)).stats.requests, `${expr}: the fast path should save requests`);
        }
      }
    });

    it('the maps are in the states the program means to show', async () => {
      if (t.runtime === 'classic') await classicStates(get);
      else await swissStates(get, t.layout === 'split');
      // Strings Delve cuts at 512 (in a struct) and 4096 bytes (alone) come out whole.
      const structs = await get('structs');
      assert.ok(JSON.stringify(structs).includes('y'.repeat(600)), 'the 600-byte string field of a struct key');
      const strs = JSON.stringify(await get('strs'));
      assert.ok(strs.includes(JSON.stringify('0123456789'.repeat(500))), 'the 5000-byte elem');
      assert.ok(strs.includes(JSON.stringify('quote"back\\slash\x01\t')), 'escapes');
      assert.ok(strs.includes('"é ü 日本"'), 'UTF-8');
    });

    it('says what is wrong with what is not a map, a nil map, and a name that is not there', async () => {
      await assert.rejects(prog!.session.capture('nilm'), /^Error: nilm is a nil map: it has no header/);
      await assert.rejects(prog!.session.capture('notmap'), /^Error: notmap is not a map: its type is int/);
      await assert.rejects(prog!.session.capture('nosuch'), /^Error: nosuch: could not find symbol value for nosuch/);
    });

    it('reports progress up to the whole map', async () => {
      let last = [0, 0];
      await prog!.session.capture('big', { onProgress: (done, total) => { last = [done, total]; } });
      // One unit per bucket or group, one per entry (5000).
      assert.ok(last[1] > 5000 && last[0] === last[1], `progress ended at ${last[0]}/${last[1]}`);
    });

    // Last: it moves the program on to BREAK2.
    it('after the program runs on to the next stop, the diff names what changed', async () => {
      const before = await Promise.all(['holder.M', 'grow', 'big', 'tomb'].map((e) => get(e)));
      await prog!.session.runTo(`${mainGo}:${lineOf(/\/\/ BREAK2/)}`);
      const after = await Promise.all(['holder.M', 'grow', 'big', 'tomb'].map((e) => prog!.session.capture(e)));
      const [m, grow, big, tomb] = before.map((b, i) => diffCaptures(b, after[i]));
      // main.go between BREAK and BREAK2: M[4] = "four"; delete(M, -3); M[1] = "uno".
      assert.deepStrictEqual(m.added, [{ key: 4, elem: 'four' }]);
      assert.deepStrictEqual(m.removed, [{ key: -3, elem: 'minus three' }]);
      assert.deepStrictEqual(m.changed, [{ key: 1, before: 'one', after: 'uno' }]);
      assert.ok(m.sameMap);
      assert.strictEqual(grow.added.length, 3);
      assert.strictEqual(big.added.length, 4000);
      assert.strictEqual(tomb.removed.length, 178); // i = 1, 6, ..., 886
      const change = (d: CaptureDiff, what: string) => d.changes.find((c) => c.what === what);
      if (t.runtime === 'classic') {
        // Three inserts while growing: each evacuates old buckets (or growth ends).
        const n = change(grow, 'nevacuate');
        assert.ok((n && n.after > n.before) || change(grow, 'growing')?.after === false, JSON.stringify(grow.changes));
        assert.deepStrictEqual(change(big, 'B'), { what: 'B', before: 10, after: 11 });
        assert.ok((change(tomb, 'emptyOne slots')?.after ?? 0) > (change(tomb, 'emptyOne slots')?.before ?? 0));
      } else {
        const tables = change(big, 'tables');
        assert.ok(tables && tables.after > tables.before, JSON.stringify(big.changes));
        assert.ok((change(tomb, 'tombstones')?.after ?? 0) > (change(tomb, 'tombstones')?.before ?? 0));
      }
    });

    it('says where it captured: goroutine, function, file and line', async () => {
      const c = await get('holder.M');
      assert.strictEqual(c.where.function, 'main.main');
      assert.match(c.where.file ?? '', /test\/capture\/prog\/main\.go$/);
      assert.ok((c.where.goroutine ?? 0) > 0);
      assert.match(c.address, /^0x[0-9a-f]+$/);
    });
  });
}

type Get = (expr: string) => Promise<CapturedMap>;

async function classicStates(get: Get): Promise<void> {
  // grow stopped inserting while growing: the old array is half the new one, not all evacuated.
  const grow = (await get('grow')) as CapturedClassic;
  assert.strictEqual(grow.growing, true);
  assert.strictEqual(grow.oldbuckets!.length, grow.buckets!.length / 2);
  assert.ok(grow.nevacuate < grow.oldbuckets!.length);
  const oldMarks = grow.oldbuckets!.flat().flatMap((b) => b.tophash);
  assert.ok(oldMarks.some((h) => h === evacuatedX || h === evacuatedY), 'evacuated old slots');
  assert.ok(oldMarks.some((h) => h >= minTopHash), 'old slots still to evacuate');
  // 1600 keys in 256 buckets: overflow chains.
  const ovf = (await get('ovf')) as CapturedClassic;
  assert.ok(ovf.buckets!.some((c) => c.length > 1));
  // 5000 keys at B = 10: preallocated overflow buckets left over.
  const big = (await get('big')) as CapturedClassic;
  assert.strictEqual(big.B, 10);
  assert.ok(big.nextOverflowFree > 0);
  // Deleted slots in the middle of a bucket are emptyOne.
  const tomb = (await get('tomb')) as CapturedClassic;
  assert.ok(tomb.buckets!.flat().some((b) => b.tophash.includes(emptyOne)));
  const wide = (await get('wide')) as CapturedClassic;
  assert.ok(wide.type.indirectkey && wide.type.indirectelem);
}

async function swissStates(get: Get, split: boolean): Promise<void> {
  const tomb = (await get('tomb')) as CapturedSwiss;
  assert.strictEqual(tomb.tombstonePossible, true);
  assert.ok(tomb.tables.flatMap((t) => t.groups).some((g) => g.ctrl.includes(ctrlDeleted)), 'tombstones');
  const big = (await get('big')) as CapturedSwiss;
  assert.ok(big.tables.length >= 4 && big.dirLen >= big.tables.length, `several tables: ${big.tables.length}`);
  const small = (await get('*pm')) as CapturedSwiss;
  assert.strictEqual(small.dirLen, 0);
  assert.deepStrictEqual(small.group?.keys.filter((k) => k !== null), [1, 2, 3]);
  const wide = (await get('wide')) as CapturedSwiss;
  assert.ok(wide.type.indirectkey && wide.type.indirectelem);
  assert.strictEqual(big.type.layout, split ? 'split' : 'interleaved');
}
