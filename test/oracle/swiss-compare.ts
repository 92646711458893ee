/**
 * The Swiss model against a dump of the real runtime (`shared/oracle-swiss/FORMAT.md`): replay a
 * trace given only the dump's inputs (seeds, hashes, iteration offsets) and report the first
 * field that differs, by path. `type` and `alloc` come from the layout code, so they are
 * compared too.
 */
import { describeDiff, firstDiff } from '../../src/core/classic/diff';
import { loadTrace } from '../../src/core/classic/tracefile';
import { GoArch, ptrSizeOf } from '../../src/core/maptype';
import { GoType } from '../../src/core/types';
import { swissMakeAlloc, swissMapTypeOf } from '../../src/core/swiss/layout';
import { SwissInputs, replaySwissTrace } from '../../src/core/swiss/trace';
import { SwissDump, SwissGoVersion, SwissMapType } from '../../src/core/swiss/types';

/** `go1.26.8` → `1.26`. */
export function swissVersionOf(goversion: string): SwissGoVersion {
  const m = /^go1\.(\d+)/.exec(goversion);
  if (!m) throw new Error(`not a Go version: ${goversion}`);
  return Number(m[1]) >= 27 ? '1.27' : '1.26';
}

/** The inputs of a dump (FORMAT.md "The inputs file"). */
export function inputsOf(d: SwissDump): SwissInputs {
  return { seeds: d.seeds, hashes: d.hashes, iterations: d.snapshots.flatMap((s) => s.iterations.map(({ entryOffset, dirOffset }) => ({ entryOffset, dirOffset }))) };
}

export type SwissTypeFor = (key: string, elem: string, arch: GoArch, version: SwissGoVersion, split: boolean) => SwissMapType;

/** The map type from our layout code (gc's group type and `mapfast`), named as the trace names it. */
export function layoutTypeFor(resolve: (t: string) => GoType): SwissTypeFor {
  return (key, elem, arch, version, split) => ({ ...swissMapTypeOf(resolve(key), resolve(elem), arch, version, { splitGroup: split }), key, elem });
}

/** What `make` allocates, from our layout code. */
export function makeAllocOf(t: SwissMapType, hint: number): { bytes: number; mallocs: number } {
  const a = swissMakeAlloc(t, hint);
  return { bytes: a.allocBytes, mallocs: a.allocObjects };
}

/** Replays `traceText` with the runtime's inputs from `runtime`, checking invariants after every op. */
export function replaySwissAgainst(traceText: string, runtime: SwissDump, resolve: (t: string) => GoType, typeFor: SwissTypeFor, alloc?: (t: SwissMapType, hint: number) => { bytes: number; mallocs: number }): SwissDump {
  const trace = loadTrace(traceText, resolve, ptrSizeOf(runtime.goarch as GoArch));
  const t = typeFor(trace.key, trace.elem, runtime.goarch as GoArch, swissVersionOf(runtime.goversion), runtime.type.layout === 'split');
  let ops = 0;
  return replaySwissTrace(trace, t, {
    inputs: inputsOf(runtime),
    alloc: alloc?.(t, trace.hint),
    // Every op while the map is small; then every 32nd op and every snapshot (a check walks the whole map).
    afterOp: (m, op) => {
      if (m.used < 600 || op.op === 'snapshot' || ++ops % 32 === 0) m.checkInvariants();
    },
  });
}

/** The first difference between the runtime's dump and the simulator's, or undefined. */
export function compareSwissDumps(runtime: SwissDump, sim: SwissDump, opts: { alloc?: boolean } = {}): string | undefined {
  const d =
    firstDiff(runtime.type, sim.type, () => false, 'type') ??
    firstDiff(runtime.snapshots, sim.snapshots, () => false, 'snapshots') ??
    firstDiff(runtime.seeds, sim.seeds, () => false, 'seeds') ??
    (opts.alloc === false ? undefined : firstDiff(runtime.alloc, sim.alloc, () => false, 'alloc'));
  return d && describeDiff(d);
}
