/**
 * Oracle traces replayed on the Swiss model (`shared/oracle-swiss/FORMAT.md`): the same trace
 * format as the classic oracle; the dump says what the map looked like at each `snapshot`. The
 * real runtime writes dumps with `test/oracle/swissdump`; `replaySwissTrace` writes the same dump
 * from the simulator, so the two compare field by field.
 *
 * Inputs of a replay, as FORMAT.md lists them: the runtime's seeds (the one `make` chose, then
 * one per reseed), its hashes under each seed, and the two offsets of every `iterate` op, in trace
 * order. Without them the seeded generator and our own hash stand in.
 */
import { KeyValue } from '../classic/hash';
import { goEqual } from '../go/equal';
import { SeededFastRand } from '../classic/rand';
import { Trace, TraceOp } from '../classic/trace';
import { slotsPerGroup } from './constants';
import { DefaultSwissHasher, SwissHasher, SwissSeed, TableSwissHasher, parseSeed } from './hash';
import { checkInvariants } from './invariants';
import { iterate } from './iter';
import { SwissMap, SwissRandomness } from './map';
import { seededSwissRandomness } from './random';
import { Table, isFull } from './table';
import { SwissDump, SwissDumpGroup, SwissDumpIteration, SwissDumpLookup, SwissDumpSnapshot, SwissMapType } from './types';

/** The inputs file of FORMAT.md: seeds, hashes and the offsets of every `iterate` op. */
export interface SwissInputs {
  seeds: string[];
  hashes: Record<string, Record<string, string>>;
  iterations?: { entryOffset: string; dirOffset: string }[];
}

export interface SwissReplayOptions {
  inputs?: SwissInputs;
  /** Seed of the generator for everything the inputs do not give. */
  seed?: number;
  /** Go's `==` on keys (default: the shared `goEqual`). */
  equal?: (a: KeyValue, b: KeyValue) => boolean;
  /** Called after every operation (tests pass `checkInvariants`). */
  afterOp?: (m: SwissMap, op: TraceOp) => void;
  /** What `make(map[K]V, hint)` allocates, as the layout code computes it. */
  alloc?: { bytes: number; mallocs: number };
}


function groupDump(ctrl: Uint8Array, keys: readonly KeyValue[], elems: readonly unknown[], from: number): SwissDumpGroup {
  const g: SwissDumpGroup = { ctrl: [], keys: [], elems: [] };
  for (let i = from; i < from + slotsPerGroup; i++) {
    const full = isFull(ctrl[i]);
    g.ctrl.push(ctrl[i]);
    g.keys.push(full ? keys[i] : null);
    g.elems.push(full ? elems[i] : null);
  }
  return g;
}

/** Above this many groups in all, tables never written are dumped without their (all-empty) groups. */
export const dumpAllGroupsUpTo = 1 << 16;

function tableDump(t: Table, summarize: boolean): SwissDumpSnapshot['tables'][number] {
  const head = { used: t.used, capacity: t.capacity, growthLeft: t.growthLeft, localDepth: t.localDepth, index: t.index };
  if (summarize && !t.materialized) return { ...head, groups: [], emptyGroupsOmitted: t.lengthMask + 1 };
  const groups: SwissDumpGroup[] = [];
  for (let g = 0; g <= t.lengthMask; g++) groups.push(groupDump(t.ctrl, t.keys, t.elems, g * slotsPerGroup));
  return { ...head, groups };
}

/** The map's state in the dump format (`lookups`/`iterations` empty: the replay fills them). */
export function swissSnapshotOf(m: SwissMap, label: string): SwissDumpSnapshot {
  const tables = m.tables();
  const position = new Map(tables.map((t, i) => [t, i]));
  const summarize = tables.reduce((n, t) => n + t.lengthMask + 1, 0) > dumpAllGroupsUpTo;
  return {
    label,
    used: m.used,
    seed: m.seed.hex,
    dirLen: m.dirLen,
    globalDepth: m.globalDepth,
    globalShift: m.globalShift,
    tombstonePossible: m.tombstonePossible,
    clearSeq: m.clearSeq,
    group: m.small === null ? null : groupDump(m.small.ctrl, m.small.keys, m.small.elems, 0),
    directory: m.directory.map((t) => position.get(t)!),
    tables: tables.map((t) => tableDump(t, summarize)),
    lookups: [],
    iterations: [],
  };
}

/** `Iter.entryOffset`/`dirOffset` are uint64 on every platform: `0x` and 16 hex digits. */
function hexOffset(x: bigint): string {
  return '0x' + x.toString(16).padStart(16, '0');
}

/** The randomness of a replay: the inputs' seeds and offsets first, then the generator. */
function replaySources(t: SwissMapType, opts: SwissReplayOptions) {
  const bits: 32 | 64 = t.ptrSize === 8 ? 64 : 32;
  const rand = new SeededFastRand(opts.seed ?? 1);
  const base = seededSwissRandomness(rand, bits);
  const seeds = opts.inputs?.seeds.map((s) => parseSeed(s, bits));
  const offsets = opts.inputs?.iterations ? [...opts.inputs.iterations] : undefined;
  const seedsUsed: SwissSeed[] = [];
  const random: SwissRandomness = {
    seed() {
      let s: SwissSeed;
      if (seeds) {
        const next = seeds[seedsUsed.length];
        if (next === undefined) throw new Error(`the simulator needs seed #${seedsUsed.length + 1} but the inputs have only ${seeds.length}`);
        s = next;
      } else {
        s = base.seed();
      }
      seedsUsed.push(s);
      return s;
    },
    iterOffsets: base.iterOffsets,
  };
  /** The offsets of the next `iterate` op (recorded ones are consumed even for an empty map, which draws none). */
  const nextOffsets = (empty: boolean): { entryOffset: bigint; dirOffset: bigint } | undefined => {
    if (offsets) {
      const o = offsets.shift();
      if (o === undefined) throw new Error('the trace has more iterate ops than the inputs have iterations');
      return empty ? undefined : { entryOffset: BigInt(o.entryOffset), dirOffset: BigInt(o.dirOffset) };
    }
    return empty ? undefined : base.iterOffsets();
  };
  const hasher: SwissHasher = opts.inputs ? new TableSwissHasher(opts.inputs.hashes, bits) : new DefaultSwissHasher(rand, bits);
  return { random, hasher, seedsUsed, nextOffsets, bits };
}

/** Runs a trace on the Swiss model and writes the dump the oracle would write. */
export function replaySwissTrace(trace: Trace & { name?: string }, t: SwissMapType, opts: SwissReplayOptions = {}): SwissDump {
  const { random, hasher, seedsUsed, nextOffsets } = replaySources(t, opts);
  const m = new SwissMap(t, trace.hint, { hasher, random, equal: opts.equal ?? goEqual });
  const snapshots: SwissDumpSnapshot[] = [];
  let lookups: SwissDumpLookup[] = [];
  let iterations: SwissDumpIteration[] = [];

  for (const op of trace.ops) {
    switch (op.op) {
      case 'insert':
        m.assign(op.key, op.elem);
        break;
      case 'delete':
        m.delete(op.key);
        break;
      case 'lookup': {
        const r = m.lookup(op.key);
        lookups.push({ key: op.key, found: r.found, elem: r.found ? r.elem : null });
        break;
      }
      case 'clear':
        m.clear();
        break;
      case 'iterate': {
        if (op.ops !== undefined || (op.after ?? 0) !== 0) throw new Error('the Swiss oracle has no writes during a range: "iterate" takes no "ops" or "after"');
        const it = iterate(m, nextOffsets(m.used === 0));
        const order: unknown[] = [];
        for (let kv = it.next(); kv !== undefined; kv = it.next()) order.push(kv.key);
        iterations.push({ entryOffset: hexOffset(it.entryOffset), dirOffset: hexOffset(it.dirOffset), order });
        break;
      }
      case 'snapshot': {
        const s = swissSnapshotOf(m, op.label);
        s.lookups = lookups;
        s.iterations = iterations;
        snapshots.push(s);
        lookups = [];
        iterations = [];
        break;
      }
      case 'clearloop':
        throw new Error('"clearloop" is a classic-oracle op; the Swiss oracle has "clear"');
      default: {
        const never: never = op;
        throw new Error(`unknown op ${JSON.stringify(never)}`);
      }
    }
    opts.afterOp?.(m, op);
  }

  const { goarch, ptrSize, goversion, ...type } = t;
  void ptrSize;
  return {
    ...(trace.name !== undefined ? { name: trace.name } : {}),
    goversion: `simulator (Swiss map, Go ${goversion} algorithm)`,
    goarch,
    type,
    hint: trace.hint,
    alloc: opts.alloc ?? { bytes: 0, mallocs: 0 },
    seeds: seedsUsed.map((s) => s.hex),
    hashes: opts.inputs?.hashes ?? {},
    snapshots,
  };
}

export { checkInvariants };
