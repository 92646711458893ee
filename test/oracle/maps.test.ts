/**
 * The simulator against the real Go 1.19 runtime: every committed fixture (a trace and the dump
 * the oracle made of a real map) replays equal, field by field; the first difference is reported
 * by its path. The runtime's hashes, seeds and iteration starts are inputs (FORMAT.md).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describeDiff, firstDiff } from '../../src/core/classic/diff';
import { makeAlloc } from '../../src/core/classic/makemap';
import { Dump, replayTrace } from '../../src/core/classic/trace';
import { loadTrace } from '../../src/core/classic/tracefile';
import { GoType } from '../../src/core/types';
import { mapTypeFor, typeResolver } from './maptypes';

const dir = path.join(__dirname, '../fixtures/maps');
const names = fs.readdirSync(dir).filter((f) => f.endsWith('.trace.json')).map((f) => f.slice(0, -'.trace.json'.length)).sort();

/** Compares a simulator dump with the runtime's: `type`, every snapshot field (noverflow only below B = 16), alloc bytes. */
export function compareDumps(runtime: Dump, sim: Dump): string | undefined {
  const skipNoverflow = (p: string): boolean => {
    const m = /^snapshots\[(\d+)\]\.noverflow$/.exec(p);
    return m !== null && runtime.snapshots[Number(m[1])]?.B >= 16;
  };
  const d =
    firstDiff(runtime.type, sim.type, () => false, 'type') ??
    firstDiff(runtime.snapshots, sim.snapshots, (p) => skipNoverflow(`snapshots${p}`), '') ??
    firstDiff(runtime.alloc.bytes, sim.alloc.bytes, () => false, 'alloc.bytes') ??
    firstDiff(runtime.seeds, sim.seeds, () => false, 'seeds');
  return d && describeDiff({ ...d, path: d.path.startsWith('[') ? `snapshots${d.path}` : d.path });
}

/** Replays a trace with the runtime's hashes and iteration starts from `runtime`. */
export function replayAgainst(traceText: string, runtime: Dump, resolve: (t: string) => GoType): Dump {
  const trace = loadTrace(traceText, resolve);
  const t = mapTypeFor(resolve, trace.key, trace.elem);
  const starts = runtime.snapshots.flatMap((s) => (s as { iterations?: { startBucket: number; offset: number }[] }).iterations ?? []);
  return replayTrace(trace, t, {
    hashes: runtime,
    iterationStarts: starts,
    alloc: (({ allocBytes, mallocs }) => ({ bytes: allocBytes, mallocs }))(makeAlloc(t, trace.hint)),
    afterOp: (h, op) => {
      if (h.count < 3000 || op.op === 'snapshot') h.checkInvariants();
    },
  });
}

describe('oracle fixtures: the simulator replays every real Go 1.19 dump equal', function () {
  let resolve: (t: string) => GoType;
  before(async () => {
    resolve = await typeResolver();
  });

  it('has at least 25 fixtures', () => {
    assert.ok(names.length >= 25, `${names.length} fixtures`);
  });

  for (const name of names) {
    it(name, () => {
      const traceText = fs.readFileSync(path.join(dir, `${name}.trace.json`), 'utf8');
      const runtime = JSON.parse(fs.readFileSync(path.join(dir, `${name}.dump.json`), 'utf8')) as Dump;
      const sim = replayAgainst(traceText, runtime, resolve);
      const diff = compareDumps(runtime, sim);
      assert.strictEqual(diff, undefined, diff);
    });
  }
});
