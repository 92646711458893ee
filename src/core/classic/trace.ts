/**
 * Oracle traces and dumps (`shared/oracle/FORMAT.md`, extended in `test/oracle/README.md`): a trace
 * says what to do to one map; a dump says what the map looked like at each `snapshot`. The real
 * runtime writes dumps with `test/oracle/mapdump`; `replayTrace` writes the same dump from the
 * simulator, so the two can be compared field by field.
 */
import { MapTypeInfo } from '../maptype';
import { DefaultHasher, Hasher, KeyValue, TableHasher, nonFiniteAsText } from './hash';
import { Bmap, HMap, MapRandomness, emptyRest, evacuated, minTopHash, seededRandomness } from './hmap';
import { SeededFastRand } from './rand';

export type TraceOp =
  | { op: 'insert'; key: unknown; elem: unknown }
  | { op: 'delete'; key: unknown }
  | { op: 'lookup'; key: unknown }
  | { op: 'snapshot'; label: string }
  | { op: 'clear' }
  | { op: 'clearloop' }
  | { op: 'iterate'; after?: number; ops?: TraceOp[] };

export interface Trace {
  key: string;
  elem: string;
  hint: number;
  ops: TraceOp[];
}

export interface DumpBmap {
  tophash: number[];
  keys: unknown[];
  elems: unknown[];
}

export interface DumpLookup {
  key: unknown;
  found: boolean;
  elem: unknown;
}

export interface DumpIteration {
  startBucket: number;
  offset: number;
  keys: unknown[];
}

export interface DumpSnapshot {
  label: string;
  count: number;
  flags: number;
  B: number;
  noverflow: number;
  hash0: string;
  growing: boolean;
  sameSizeGrow: boolean;
  nevacuate: number;
  nextOverflowFree: number;
  /**
   * null while the map has no bucket array (hint <= 8, before the first insert). Beyond
   * `maxDenseBuckets` buckets, the sparse form (only the chains that hold anything).
   */
  buckets: DumpBmap[][] | SparseChains | null;
  oldbuckets: DumpBmap[][] | SparseChains | null;
  lookups?: DumpLookup[];
  iterations?: DumpIteration[];
}

/**
 * A bucket array of more than `maxDenseBuckets` buckets in a snapshot: `length` chains, of which
 * only those holding anything but zeroed memory (a tophash other than emptyRest, or an overflow
 * bmap) are listed, by bucket index. `make(map[int]int, 1<<33)` has 2^30 buckets: written densely
 * that is some 100 GB of JSON for one entry, so the simulator summarizes where the oracle would
 * write every empty bucket (and the oracle is never asked for such a map).
 */
export interface SparseChains {
  length: number;
  chains: Record<string, DumpBmap[]>;
}

/** The most buckets a snapshot writes one by one (2^16: some 6 MB of JSON); beyond, `SparseChains`. */
export const maxDenseBuckets = 1 << 16;

/** The `maptype` fields a dump records. */
export type DumpType = Pick<MapTypeInfo, 'key' | 'elem' | 'keysize' | 'elemsize' | 'bucketsize' | 'indirectkey' | 'indirectelem' | 'bucketPtrdata'>;

export interface Dump {
  goversion: string;
  goarch: string;
  type: DumpType;
  hint: number;
  alloc: { bytes: number; mallocs: number };
  seeds: string[];
  hashes: Record<string, Record<string, string>>;
  snapshots: DumpSnapshot[];
}

/** `0x` and 8 lower-case hex digits, as the oracle writes hash seeds. */
export function hex32(x: number): string {
  return '0x' + (x >>> 0).toString(16).padStart(8, '0');
}

function dumpBmap(b: Bmap): DumpBmap {
  const keys: unknown[] = [];
  const elems: unknown[] = [];
  for (let i = 0; i < 8; i++) {
    const live = b.tophash[i] >= minTopHash;
    keys.push(live ? b.keys[i] : null);
    elems.push(live ? b.elems[i] : null);
  }
  return { tophash: [...b.tophash], keys, elems };
}

/** The map's state in the dump format (without `lookups`/`iterations`, which the replay adds). */
export function snapshotOf(h: HMap, label: string): DumpSnapshot {
  const chains = (which: 'buckets' | 'oldbuckets', n: number): DumpBmap[][] | SparseChains => {
    if (n > maxDenseBuckets) return sparseChains(h, which, n);
    const out: DumpBmap[][] = [];
    for (let i = 0; i < n; i++) out.push(h.chain(which, i).map(dumpBmap));
    return out;
  };
  return {
    label,
    count: h.count,
    flags: h.flags,
    B: h.B,
    noverflow: h.noverflow,
    hash0: hex32(h.hash0),
    growing: h.growing(),
    sameSizeGrow: h.sameSizeGrow(),
    nevacuate: h.nevacuate,
    nextOverflowFree: h.nextOverflowFree(),
    buckets: h.buckets === null ? null : chains('buckets', h.buckets.base),
    oldbuckets: h.oldbuckets === null ? null : chains('oldbuckets', h.oldBucketCount()),
  };
}

/** The chains of a huge array that hold anything, found page by page (pages never written are zero). */
function sparseChains(h: HMap, which: 'buckets' | 'oldbuckets', n: number): SparseChains {
  const arr = which === 'buckets' ? h.buckets : h.oldbuckets;
  const out: SparseChains = { length: n, chains: {} };
  if (arr === null) return out;
  const pageSize = 2 ** arr.pageShift;
  for (let first = 0; first < n; first += pageSize) {
    if (arr.page(first) === undefined) continue;
    for (let i = first; i < Math.min(n, first + pageSize); i++) {
      const chain = h.chain(which, i);
      if (chain.length > 1 || chain[0].tophash.some((t) => t !== emptyRest)) out.chains[i] = chain.map(dumpBmap);
    }
  }
  return out;
}

/**
 * A dump as one line of JSON, as the oracle writes it, except for what `encoding/json` cannot
 * write at all: NaN and ±Inf (keys and elems of float types) as "NaN", "+Inf", "-Inf", the JSON
 * value form's spelling, never null.
 */
export function dumpJson(dump: unknown): string {
  return JSON.stringify(dump, nonFiniteAsText);
}

export interface ReplayOptions {
  /** The runtime's seeds and hashes (from a dump); without them the default seeded hash is used. */
  hashes?: { seeds: string[]; hashes: Record<string, Record<string, string>> };
  /** Iteration starts recorded by the oracle, consumed in order by each `range`. */
  iterationStarts?: { startBucket: number; offset: number }[];
  /** Seed of the generator for everything random that the inputs above do not give. */
  seed?: number;
  /** Normalizes a trace value of the given Go type into the model's value form. */
  normalizeKey?: (v: unknown) => KeyValue;
  normalizeElem?: (v: unknown) => unknown;
  /** Called after every operation (tests pass `h => h.checkInvariants()`). */
  afterOp?: (h: HMap, op: TraceOp) => void;
  /** Alloc of `make` as the simulator estimates it. */
  alloc?: { bytes: number; mallocs: number };
  goarch?: string;
}

/** The randomness of a replay: the dump's seeds first, recorded iteration starts, then the generator. */
function replayRandomness(opts: ReplayOptions): { random: MapRandomness; hasher: Hasher; seedsUsed: number[]; skipIterStart: () => void } {
  const rand = new SeededFastRand(opts.seed ?? 1);
  const base = seededRandomness(rand);
  const seeds = opts.hashes?.seeds.map((s) => parseInt(s, 16) >>> 0);
  const starts = opts.iterationStarts ? [...opts.iterationStarts] : undefined;
  const seedsUsed: number[] = [];
  const random: MapRandomness = {
    hash0() {
      let s: number;
      if (seeds) {
        const next = seeds[seedsUsed.length];
        if (next === undefined) throw new Error(`the simulator needs hash seed #${seedsUsed.length + 1} but the dump has only ${seeds.length}`);
        s = next;
      } else {
        s = base.hash0();
      }
      seedsUsed.push(s);
      return s;
    },
    fastrand: base.fastrand,
    iterStart(B) {
      if (starts) {
        const s = starts.shift();
        if (s === undefined) throw new Error('the simulator ran more iterations than the dump recorded');
        return s;
      }
      return base.iterStart(B);
    },
  };
  const hasher = opts.hashes ? new TableHasher(opts.hashes.hashes) : new DefaultHasher(rand);
  // A range over an empty map draws nothing, but the oracle still records its (zero) start.
  const skipIterStart = () => void starts?.shift();
  return { random, hasher, seedsUsed, skipIterStart };
}

/** Runs a trace on the simulator and writes the dump the oracle would write. */
export function replayTrace(trace: Trace, t: MapTypeInfo, opts: ReplayOptions = {}): Dump {
  const { random, hasher, seedsUsed, skipIterStart } = replayRandomness(opts);
  const nk = opts.normalizeKey ?? ((v: unknown) => v);
  const ne = opts.normalizeElem ?? ((v: unknown) => v);
  const h = new HMap(t, trace.hint, { hasher, random });
  const snapshots: DumpSnapshot[] = [];
  let lookups: DumpLookup[] = [];
  let iterations: DumpIteration[] = [];

  const apply = (op: TraceOp): void => {
    switch (op.op) {
      case 'insert':
        h.assign(nk(op.key), ne(op.elem));
        break;
      case 'delete':
        h.delete(nk(op.key));
        break;
      case 'lookup': {
        const r = h.lookup(nk(op.key));
        lookups.push({ key: op.key, found: r.found, elem: r.found ? r.elem : null });
        break;
      }
      case 'snapshot': {
        const s = snapshotOf(h, op.label);
        if (lookups.length > 0) s.lookups = lookups;
        if (iterations.length > 0) s.iterations = iterations;
        snapshots.push(s);
        lookups = [];
        iterations = [];
        break;
      }
      case 'clear':
        h.clear();
        break;
      case 'clearloop':
      case 'iterate': {
        const after = op.op === 'iterate' ? op.after ?? 0 : 0;
        let nested = op.op === 'iterate' ? op.ops : undefined;
        // The nested ops run once `after` keys have been returned: for 0 before the first
        // `Next()` (so before mapiterinit), and after the loop if it ended sooner.
        const runNested = () => {
          if (nested) {
            const ops = nested;
            nested = undefined;
            ops.forEach(apply);
          }
        };
        if (after === 0) runNested();
        if (h.count === 0) skipIterStart();
        const it = h.iterate();
        const rec: DumpIteration = { startBucket: it.startBucket, offset: it.offset, keys: [] };
        for (let kv = it.next(); kv !== undefined; kv = it.next()) {
          rec.keys.push(kv.key);
          if (op.op === 'clearloop') h.delete(kv.key);
          if (rec.keys.length === after) runNested();
        }
        runNested();
        iterations.push(rec);
        break;
      }
      default: {
        const never: never = op;
        throw new Error(`unknown op ${JSON.stringify(never)}`);
      }
    }
    opts.afterOp?.(h, op);
  };
  trace.ops.forEach(apply);

  return {
    goversion: 'simulator (classic map, Go 1.19 algorithm)',
    goarch: opts.goarch ?? t.goarch,
    type: {
      key: trace.key,
      elem: trace.elem,
      keysize: t.keysize,
      elemsize: t.elemsize,
      bucketsize: t.bucketsize,
      indirectkey: t.indirectkey,
      indirectelem: t.indirectelem,
      bucketPtrdata: t.bucketPtrdata,
    },
    hint: trace.hint,
    alloc: opts.alloc ?? { bytes: 0, mallocs: 0 },
    seeds: seedsUsed.map(hex32),
    hashes: opts.hashes?.hashes ?? {},
    snapshots,
  };
}

/** Whether an old bucket was evacuated (re-exported for views of dumps). */
export { evacuated };
