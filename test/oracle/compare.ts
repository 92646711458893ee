/**
 * Resolving a trace's type names for the tests and the CLI: tree-sitter parses them, the types
 * module lays out the map on amd64 (the oracle's GOARCH); and the comparison of a simulator dump
 * with the runtime's.
 */
import { describeDiff, firstDiff } from '../../src/core/classic/diff';
import { makeAlloc } from '../../src/core/classic/makemap';
import { Dump, replayTrace } from '../../src/core/classic/trace';
import { loadTrace } from '../../src/core/classic/tracefile';
import { loadGoParser } from '../../src/core/go/parser';
import { GoType, mapTypeOf, parseTypeExprWith } from '../../src/core/types';
import { MapTypeInfo } from '../../src/core/maptype';

export async function typeResolver(): Promise<(text: string) => GoType> {
  const parser = await loadGoParser();
  return (text) => parseTypeExprWith(parser, text);
}

export function mapTypeFor(resolve: (text: string) => GoType, key: string, elem: string): MapTypeInfo {
  return { ...mapTypeOf(resolve(key), resolve(elem), 'amd64'), key, elem };
}

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

