/**
 * "Compare Classic and Swiss": one map's history (`MapSession.appliedOps`, from `make` on) replayed
 * under both runtimes, each by its own exact model, and their figures side by side:
 * - in-use heap (`inuse_space`, `inuse_objects`, as pprof counts it) and bytes per entry;
 * - growth events: the classic `hashGrow` (B doubles, or a same-size grow when overflow buckets
 *   pile up) against the Swiss `growToTable` (small map → table), `grow` (a table rehashed to
 *   double capacity) and `split` (a full 1024-slot table into two, the directory doubling);
 * - the longest successful lookup: the longest overflow chain of a classic bucket (a lookup walks
 *   the chain) against the longest Swiss probe sequence (`swiss/probestats.ts`: groups visited);
 * - memory before and after the deletes: neither runtime ever shrinks a map, so deletes leave the
 *   memory where it was (classic: `emptyOne` slots; Swiss: tombstones or empty slots).
 *
 * The replay runs in slices that yield to the event loop, as sessions do; nothing of the user's
 * own session changes.
 */
import { ClassicModel } from './classic';
import { MapModel, ModelStats } from './model';
import { Op, runOp } from './ops';
import { MapSession } from './session';
import { SwissModel } from './swiss';
import { RuntimeKind } from './view';
import { probeLengths } from '../swiss/probestats';

/** One runtime's figures after the history. */
export interface RuntimeFigures {
  runtime: RuntimeKind;
  label: string;
  /** The model's own summary line (`swiss · Go 1.26 · used 1000 · tables 2 · capacity 2048`). */
  summary: string;
  entries: number;
  inUseBytes: number;
  inUseObjects: number;
  /** In-use bytes over live entries (undefined for an empty map). */
  bytesPerEntry?: number;
  /** Growth events by kind (`hashGrow (doubling)`, `split`, ...), in the order first seen. */
  growth: { kind: string; count: number }[];
  /** The first and the last growth events, as sentences. */
  growthSample: string[];
  /** Longest overflow chain (buckets, classic) or longest probe sequence (groups, Swiss). */
  longest: { name: string; value: number; unit: string };
  /** Classic: overflow buckets in chains; Swiss: tombstones. */
  deadWeight: { name: string; value: number };
  /** In-use heap just before the history's deletes began (the largest such point), if it deleted. */
  beforeDeletes?: { entries: number; inUseBytes: number };
}

/** A row of the side-by-side table: what both runtimes say about one figure. */
export interface ComparisonRow {
  name: string;
  classic: string;
  swiss: string;
  explain: string;
}

export interface ComparisonView {
  /** `map[string]int64 · 1,003 operations`. */
  title: string;
  ops: number;
  classic: RuntimeFigures;
  swiss: RuntimeFigures;
  rows: ComparisonRow[];
}

const sliceYield = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const deleting = (op: Op): boolean => op.op === 'delete' || op.op === 'deleteRandom' || op.op === 'clear';
/** Growth sentences kept at each end of the history. */
const sampleEnds = 3;

/** Counts growth events by kind and keeps the first and last sentences. */
class GrowthLog {
  private readonly counts = new Map<string, number>();
  private readonly first: string[] = [];
  private last: string[] = [];
  private total = 0;

  add(kind: string, text: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.total++;
    if (this.first.length < sampleEnds) this.first.push(text);
    else this.last = [...this.last, text].slice(-sampleEnds);
  }

  get byKind(): { kind: string; count: number }[] {
    return [...this.counts].map(([kind, count]) => ({ kind, count }));
  }

  get sample(): string[] {
    return this.total > this.first.length + this.last.length && this.last.length ? [...this.first, '…', ...this.last] : [...this.first, ...this.last];
  }
}

/** Hooks the model's growth so every event of the replay is counted (not only the last op's). */
function watchGrowth(model: MapModel, log: GrowthLog): void {
  if (model instanceof SwissModel) {
    const m = model.m;
    const prev = m.onEvent;
    m.onEvent = (e) => {
      prev?.(e);
      if (e.kind === 'growToTable') log.add('growToTable', 'growToTable: the 9th key turned the small map into a table of 16 slots');
      else if (e.kind === 'grow') log.add('grow (rehash)', `grow: a table rehashed from ${e.table.capacity} to ${e.newTable.capacity} slots`);
      else if (e.kind === 'prune') log.add('prune', `pruneTombstones: ${e.freed} tombstones made empty instead of growing`);
      else if (e.kind === 'split') log.add('split', `split: a 1024-slot table into two of local depth ${e.left.localDepth}${e.dirDoubled ? `, directory doubled to ${m.dirLen}` : ''}`);
    };
  } else if (model instanceof ClassicModel) {
    // hashGrow swaps in a new bucket array: the insert that does it is where the growth starts.
    const h = model.h;
    const insert = model.insert.bind(model);
    model.insert = (key, elem) => {
      const buckets = h.buckets;
      const B = h.B;
      const added = insert(key, elem);
      if (buckets !== null && h.buckets !== buckets) {
        if (h.B > B) log.add('hashGrow (doubling)', `hashGrow: B ${B} → ${h.B} (${2 ** h.B} buckets) at count ${h.count}`);
        else log.add('hashGrow (same size)', `same-size hashGrow at B ${B}: too many overflow buckets (count ${h.count})`);
      }
      return added;
    };
  }
}

async function statsOf(model: MapModel): Promise<ModelStats> {
  const walk = model.walkStats();
  for (let r = walk.next(); ; r = walk.next()) {
    if (r.done) return r.value;
    await sliceYield();
  }
}

/** Replays `ops` on a fresh session of `runtime` and measures it. */
async function figures(s: MapSession, runtime: RuntimeKind, ops: readonly Op[]): Promise<RuntimeFigures> {
  const spec = runtime === 'swiss'
    ? { ...s.spec, runtime, swissVersion: s.spec.swissVersion ?? '1.26' as const }
    : { ...s.spec, runtime, swissVersion: undefined, splitGroup: undefined };
  const fresh = await MapSession.create(`${s.id}:${runtime}`, spec, Number.MAX_SAFE_INTEGER);
  const model = fresh.model;
  const log = new GrowthLog();
  watchGrowth(model, log);
  const ctx = { keyType: fresh.type.keyType, elemType: fresh.type.elemType, goarch: s.spec.goarch, maxEntries: Number.MAX_SAFE_INTEGER };
  let beforeDeletes: RuntimeFigures['beforeDeletes'];
  for (let i = 0; i < ops.length; i++) {
    if (deleting(ops[i]) && (i === 0 || !deleting(ops[i - 1])) && model.count > 0) {
      const inUse = model.memory(await statsOf(model)).inUseBytes;
      if (!beforeDeletes || inUse > beforeDeletes.inUseBytes) beforeDeletes = { entries: model.count, inUseBytes: inUse };
    }
    const run = runOp(model, ops[i], ctx);
    for (let r = run.next(); !r.done; r = run.next()) await sliceYield();
  }
  const stats = await statsOf(model);
  const mem = model.memory(stats);
  let longest: RuntimeFigures['longest'];
  let deadWeight: RuntimeFigures['deadWeight'];
  if (model instanceof SwissModel) {
    longest = { name: 'longest probe sequence', value: probeLengths(model.m).longest, unit: 'groups' };
    deadWeight = { name: 'tombstones', value: stats.states.deleted ?? 0 };
  } else {
    longest = { name: 'longest overflow chain', value: Math.max(0, ...stats.overview.flatMap((o) => o.maxChain)), unit: 'buckets' };
    deadWeight = { name: 'overflow buckets', value: stats.extra.overflowBuckets ?? 0 };
  }
  return {
    runtime,
    label: model.runtime.label,
    summary: model.summary(stats),
    entries: model.count,
    inUseBytes: mem.inUseBytes,
    inUseObjects: mem.inUseObjects,
    bytesPerEntry: model.count ? mem.inUseBytes / model.count : undefined,
    growth: log.byKind,
    growthSample: log.sample,
    longest,
    deadWeight,
    beforeDeletes,
  };
}

const int = (n: number): string => n.toLocaleString('en-US');

function growthText(f: RuntimeFigures): string {
  return f.growth.length ? f.growth.map((g) => `${g.count} × ${g.kind}`).join(', ') : 'none';
}

function afterDeletes(f: RuntimeFigures): string {
  if (!f.beforeDeletes) return 'no deletes in the history';
  const freed = f.beforeDeletes.inUseBytes - f.inUseBytes;
  return `${int(f.inUseBytes)} B for ${int(f.entries)} entries (${freed === 0 ? 'nothing freed' : freed > 0 ? `${int(freed)} B freed` : `${int(-freed)} B more`}; ${int(f.beforeDeletes.inUseBytes)} B for ${int(f.beforeDeletes.entries)} before)`;
}

/** The side-by-side rows, in the order the panel shows them. */
export function comparisonRows(c: RuntimeFigures, s: RuntimeFigures): ComparisonRow[] {
  const both = (name: string, f: (x: RuntimeFigures) => string, explain: string): ComparisonRow => ({ name, classic: f(c), swiss: f(s), explain });
  return [
    both('runtime', (x) => x.summary, 'each model\'s own summary line'),
    both('in-use heap', (x) => `${int(x.inUseBytes)} B in ${int(x.inUseObjects)} objects`, 'inuse_space and inuse_objects as pprof counts them: every object the map holds, rounded to its size class'),
    both('bytes per entry', (x) => (x.bytesPerEntry === undefined ? '—' : x.bytesPerEntry.toFixed(1)), 'in-use heap over live entries'),
    both('growth events', growthText, 'classic: hashGrow (doubling, or same size when overflow buckets pile up); Swiss: growToTable, grow (rehash to double capacity), split (a full 1024-slot table into two)'),
    both('longest lookup', (x) => `${x.longest.name}: ${int(x.longest.value)} ${x.longest.unit}`, 'classic: the longest chain of a bucket and its overflow buckets; Swiss: the most groups a key\'s probe sequence visits before its own'),
    both('dead weight', (x) => `${x.deadWeight.name}: ${int(x.deadWeight.value)}`, 'classic: overflow buckets in chains (freed only by growth); Swiss: tombstones (cleared by a rehash or a prune)'),
    both('after the deletes', afterDeletes, 'neither runtime shrinks a map: deleted slots stay allocated until the map is dropped or rebuilt'),
  ];
}

/** Replays `s`'s history under both runtimes and compares them. */
export async function compareRuntimes(s: MapSession): Promise<ComparisonView> {
  const ops = s.appliedOps;
  const classic = await figures(s, 'classic', ops);
  const swiss = await figures(s, 'swiss', ops);
  return { title: `${s.title} · ${int(ops.length)} ${ops.length === 1 ? 'operation' : 'operations'}`, ops: ops.length, classic, swiss, rows: comparisonRows(classic, swiss) };
}
