/**
 * A captured map through `MapModel` (`src/core/view/captured.ts`). The fixtures are real captures
 * of `test/capture/prog` at its BREAK line, written by `gomap capture --json` (absolute paths cut
 * to the repository's): Go 1.19.8 with Delve v1.21.2 (classic) and Go 1.26.8 with Delve v1.27.2
 * (Swiss). The expected figures come from the program's source and the runtime's rules, worked
 * out in the comments.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { diffCaptures, entriesOf } from '../../src/core/capture/diff';
import type { CapturedClassic, CapturedMap, CapturedSwiss } from '../../src/core/capture/types';
import { CapturedModel, readOnlyMessage } from '../../src/core/view/captured';
import { MapModel, ModelStats } from '../../src/core/view/model';
import { OpRefused } from '../../src/core/view/ops';
import { continueInSimulator, continuedNote } from '../../src/core/view/continue';
import { CapturedSession, diffLines } from '../../src/core/view/capturedSession';

function fixture<T extends CapturedMap>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'capture', `${name}.json`), 'utf8')) as T;
}

function stats(m: CapturedModel): ModelStats {
  const w = m.walkStats();
  for (let r = w.next(); ; r = w.next()) if (r.done) return r.value;
}

const field = (m: CapturedModel, name: string) => m.header().find((f) => f.name === name)?.value;

describe('view: a captured classic map (Go 1.19, mid-growth)', () => {
  const c = fixture<CapturedClassic>('classic-grow');
  const m = new CapturedModel(c, { program: 'captureprog' });

  it('names where it was captured, and reads like the classic model (header fields, arrays)', () => {
    assert.strictEqual(m.runtime.label, 'captured from captureprog · goroutine 1 · main.main · main.go:120 · go1.19.8 · classic hmap');
    assert.strictEqual(m.runtime.kind, 'classic');
    // The program stopped inserting at the first growth at or after 800 entries, then added one
    // more key: 6.5 * 2^7 = 832 entries fit B = 7, the 833rd started a doubling to B = 8.
    assert.strictEqual(m.count, 834);
    assert.strictEqual(field(m, 'B'), '8');
    assert.strictEqual(field(m, 'oldbuckets'), '128 buckets (doubling growth)');
    assert.strictEqual(field(m, 'address'), c.address);
    assert.deepStrictEqual(m.arrays().map((a) => [a.id, a.rows, a.column]), [['oldbuckets', 128, 0], ['buckets', 256, 1]]);
    assert.strictEqual(m.growthText(), 'growing (doubling, nevacuate 2/128)');
    m.checkInvariants();
  });

  it('draws old bucket 0 as evacuated, with arrows to new buckets 0 (X) and 128 (Y)', () => {
    // nevacuate 2: old buckets 0 and 1 are evacuated. Old bucket 0's tophash bytes are
    // [evacuatedY, evacuatedX, evacuatedY, evacuatedX, evacuatedY, evacuatedEmpty × 3]: X keeps
    // index 0, Y goes to 0 + 2^7 = 128.
    const [row] = m.rows('oldbuckets', 0, 1);
    assert.deepStrictEqual(row.groups[0].slots.map((s) => s.state), ['evacuatedY', 'evacuatedX', 'evacuatedY', 'evacuatedX', 'evacuatedY', 'evacuatedEmpty', 'evacuatedEmpty', 'evacuatedEmpty']);
    assert.deepStrictEqual(row.links?.map((l) => [l.kind, l.slot, l.toRow]), [['evacuatedY', 0, 128], ['evacuatedX', 1, 0], ['evacuatedY', 2, 128], ['evacuatedX', 3, 0], ['evacuatedY', 4, 128]]);
  });

  it('counts every live entry once: in the new buckets, or in an old bucket not yet evacuated', () => {
    const keys = new Set<string>();
    m.forEachKey((k) => keys.add(JSON.stringify(k)));
    assert.strictEqual(keys.size, 834);
    assert.strictEqual(entriesOf(c).size, 834);
    const s = stats(m);
    assert.strictEqual(s.states.full, 834);
    // 28 overflow buckets hang off the old array (B = 7 filled past 6.5 per bucket), none off the new one.
    assert.strictEqual(s.extra.overflowBuckets, 28);
    assert.strictEqual(m.summary(s), 'captured · count 834 · B 8 · buckets 256 · overflow buckets 28 · growing (doubling, nevacuate 2/128)');
    const mem = m.memory(s);
    // (256 + 128 + 28) buckets of 144 bytes (8 tophash + 8×8 keys + 8×8 elems + 8 overflow).
    assert.strictEqual(mem.inUseBytes, (256 + 128 + 28) * 144);
    assert.deepStrictEqual(m.layout().rulers[0].segments.map((x) => [x.kind, x.bytes]), [['ctrl', 8], ['keys', 64], ['elems', 64], ['overflow', 8]]);
  });

  it('refuses every operation with one clear sentence', () => {
    const mm: MapModel = m; // as the session and the operation interpreter call it
    for (const op of [() => mm.insert(1, 2), () => mm.delete(1), () => mm.lookup(1), () => mm.iterate(10), () => mm.clear(), () => mm.stepGrowth(), () => mm.finishGrowth()]) {
      assert.throws(op, (e: Error) => e instanceof OpRefused && e.message === readOnlyMessage);
    }
    assert.strictEqual(readOnlyMessage, 'a captured map is read-only: Continue in the simulator');
  });
});

describe('view: captured keys and elems as Go writes them', () => {
  it('struct keys as Delve formatted them, strings Go-quoted, integers as numbers', () => {
    const m = new CapturedModel(fixture<CapturedClassic>('classic-structs'));
    const d = m.slotDetail({ array: 'buckets', row: 0, group: 0, slot: 0 });
    assert.strictEqual(d?.key, 'main.K {A: 0, B: "0"}');
    assert.strictEqual(d?.elem, 'main.V {X: 0, Y: true}');
    assert.strictEqual(d?.keyType, 'main.K');
    assert.match(d!.stateText, /^tophash 0x6e: the top 8 bits/); // tophash 110
    const small = new CapturedModel(fixture<CapturedSwiss>('swiss-small'));
    const [row] = small.rows('group', 0, 1);
    // ctrl [77, 8, 74, ctrlEmpty × 5]: small[1] = -1, small[2] = -2, small[3] = -3.
    assert.deepStrictEqual(row.groups[0].slots.map((s) => [s.state, s.byte, s.key, s.elem]), [
      ['full', 77, '1', '-1'], ['full', 8, '2', '-2'], ['full', 74, '3', '-3'],
      ...Array(5).fill(['empty', 128, undefined, undefined]),
    ]);
  });
});

describe('view: a captured Swiss map (Go 1.26, tombstones)', () => {
  const c = fixture<CapturedSwiss>('swiss-tomb');
  const m = new CapturedModel(c);

  it('shows the one table with its tombstones, counted from the control bytes', () => {
    m.checkInvariants();
    assert.strictEqual(m.runtime.label, 'captured · goroutine 1 · main.main · main.go:120 · go1.26.8 · Swiss tables');
    // 890 inserts fill a 1024-slot table to growthLeft 896 - 890 = 6; each of the 178 deletes
    // either empties its slot (the group had an empty slot: growthLeft + 1) or leaves a tombstone.
    // growthLeft is 85, so 79 slots were emptied and 178 - 79 = 99 are tombstones.
    assert.strictEqual(c.tables[0].growthLeft, 85);
    const s = stats(m);
    assert.deepStrictEqual(s.states, { full: 712, empty: 1024 - 712 - 99, deleted: 99 });
    assert.strictEqual(m.header(s).find((f) => f.name === 'tombstones')?.value, '99');
    assert.deepStrictEqual(m.arrays().map((a) => a.title), ['table 0 · directory [0] · local depth 0 · capacity 1024 · used 712 · growthLeft 85 · tombstones 99']);
    assert.strictEqual(m.rows('table-0', 0, 1000).length, 128);
    // 128 groups of 136 bytes (8 ctrl + 8 slots of 16) and a directory of one pointer.
    assert.strictEqual(m.memory(s).inUseBytes, 128 * 136 + 8);
    assert.strictEqual(m.summary(), 'captured · swiss · go1.26.8 · used 712 · tables 1 · capacity 1024');
  });
});

describe('view: Continue in the simulator from a capture', () => {
  it('classic: a map made with the captured B\'s hint holding every captured entry, saying whose hash it uses', async () => {
    const c = fixture<CapturedClassic>('classic-grow');
    const s = await continueInSimulator(c, 'c1', 1e6, { seed: 1 });
    // capacityOf(8) = 13 * 2^8 / 2 = 1664 entries: makemap picks B = 8, and 834 entries do not grow it.
    assert.strictEqual(s.spec.hint, 1664);
    assert.strictEqual(s.model.count, 834);
    assert.strictEqual(s.model.header().find((f) => f.name === 'B')?.value, '8');
    assert.strictEqual(s.model.growing(), false);
    const view = s.mapView();
    assert.strictEqual(view.runtime.why, `continued from a capture (go1.19.8): ${continuedNote}`);
    assert.match(continuedNote, /simulator's hash \(the process's AES hash is not recomputed\)/);
    // Every captured entry is there, with its elem: grow[i*3] = -i, and grow[-1] = 1<<60.
    assert.strictEqual(s.lookup(-1).elem, '1152921504606846976');
    assert.strictEqual(s.lookup(300).elem, '-100');
    s.model.checkInvariants();
    // And it is a simulation: inserts work.
    await s.apply({ op: 'insert', key: 7, elem: 7 });
    assert.strictEqual(s.model.count, 835);
  });

  it('Swiss: as many slots as the capture (one 1024-slot table), the same runtime release', async () => {
    const c = fixture<CapturedSwiss>('swiss-tomb');
    const s = await continueInSimulator(c, 'c2', 1e6, { seed: 1 });
    // 7/8 of 1024 slots: NewMap's hint*8/7 gives back 1024, one table.
    assert.strictEqual(s.spec.hint, 896);
    assert.strictEqual(s.spec.swissVersion, '1.26');
    assert.strictEqual(s.model.count, 712);
    assert.deepStrictEqual(s.model.arrays().map((a) => a.rows), [128]);
    s.model.checkInvariants();
  });

  it('refuses types captured as Delve\'s text', async () => {
    await assert.rejects(continueInSimulator(fixture<CapturedClassic>('classic-structs'), 'c3', 1e6, { seed: 1 }),
      /cannot continue structs in the simulator: its key type main.K is captured as Delve's text/);
  });
});

describe('view: a captured session refreshed at the next stop', () => {
  it('shows the new capture and says what changed, in the runtime\'s words', () => {
    const before = fixture<CapturedSwiss>('swiss-small');
    const s = new CapturedSession('s1', before, 'captureprog');
    assert.strictEqual(s.mapView().count, 3);
    assert.strictEqual(s.displayTitle, 'small · map[int8]int8 · captured');
    // The next stop, made by hand: small[4] = -4 in the free slot 3 (h2 0x05), small[1] = 9.
    const after = JSON.parse(JSON.stringify(before)) as CapturedSwiss;
    after.used = 4;
    after.group!.ctrl[3] = 5;
    after.group!.keys[3] = 4;
    after.group!.elems[3] = -4;
    after.group!.elems[0] = 9;
    const d = s.refresh(after);
    assert.strictEqual(d.added.length, 1);
    assert.strictEqual(s.revision, 1);
    assert.strictEqual(s.mapView().count, 4);
    assert.strictEqual(s.lastOutcome?.text, 'since the last capture: 1 entry added: 4: -4; 1 entry updated: 1: -1 → 9; used 3 → 4');
    assert.strictEqual(s.rows('group', 0, 1)[0].groups[0].slots[3].key, '4');
  });

  it('a refresh with no change says so', () => {
    const c = fixture<CapturedClassic>('classic-small');
    const s = new CapturedSession('s2', c);
    s.refresh(JSON.parse(JSON.stringify(c)));
    assert.strictEqual(s.lastOutcome?.text, 'since the last capture: nothing changed');
    assert.deepStrictEqual(diffLines(diffCaptures(c, { ...c, address: '0x1' }), c), ['the variable now holds another map (a new header address)']);
  });
});
