/**
 * One simulated map the user is looking at, with its history. No `vscode` import: the commands,
 * the panel and the tree read it; the tests drive it directly.
 *
 * The history is a list of operations from `make` on. Every random choice (hash seed, `range`
 * start, random keys) comes from seeds stored in the spec and the operations, so replaying the
 * list rebuilds the same map: undo replays `position - 1` operations, redo applies the next one.
 * The serialized session (`SessionRecord`) is just the spec and the list.
 */
import { Bmap, HMap, LookupStep, evacuated, minTopHash } from '../../core/classic/hmap';
import { bucketCnt, bucketsLog2ForHint } from '../../core/classic/makemap';
import { SeededFastRand } from '../../core/classic/rand';
import { hex32 } from '../../core/classic/trace';
import { GoArch } from '../../core/maptype';
import { humanBytes } from '../../core/hover/format';
import { GoType, liveMemory, underlying } from '../../core/types';
import {
  ArrayName, BmapView, BucketView, HeaderView, IterationView, LookupView, MapView, MemoryView,
  OverviewView, maxBucketsPerRequest, maxIterationKeys, maxOverviewBins,
} from '../../protocol/messages';
import { MapTypeResolved, newHMap, resolveMapType, toModelValue } from './core';

export interface MapSpec {
  key: string;
  elem: string;
  goarch: GoArch;
  hint: number;
  /** Seed of the map's own randomness (hash0, range starts, overflow sampling). */
  seed: number;
  /** Where the map came from, e.g. `literals.go:8` or `new map`. */
  origin: string;
  /** Go source whose type declarations name the key/elem types (a file the map was found in). */
  declarations?: string;
}

export type Op =
  | { op: 'insert'; key: unknown; elem: unknown }
  | { op: 'delete'; key: unknown }
  | { op: 'fill'; n: number; seed: number }
  | { op: 'deleteRandom'; percent: number; seed: number }
  | { op: 'stepGrowth' }
  | { op: 'finishGrowth' }
  | { op: 'iterate' }
  | { op: 'clear' };

export interface SessionRecord {
  id: string;
  spec: MapSpec;
  ops: Op[];
  position: number;
}

export class EntryLimitError extends Error {}

interface MapStats {
  revision: number;
  bucketsInUse: number;
  overflowChained: Record<ArrayName, number>;
  tophashCounts: number[];
  overview: OverviewView[];
}

/** Above this many buckets the panel first gets a view without the counts that walk every bucket. */
const quickViewAbove = 1 << 14;
/** Buckets walked between two yields of `computeStats` (a power of two). */
const statsSlice = 1 << 15;

/** The largest B a hint may ask for (2^24 buckets). */
export const maxHintB = 24;

export class MapSession {
  private h!: HMap;
  private hasherDescription = '';
  private statsCache?: MapStats;
  private revisionCounter = 0;
  lastIteration?: IterationView;

  private constructor(
    readonly id: string,
    readonly spec: MapSpec,
    readonly type: MapTypeResolved,
    private ops: Op[],
    private position: number,
    readonly maxEntries: number,
  ) {
    this.rebuild();
  }

  static async create(id: string, spec: MapSpec, maxEntries: number, ops: Op[] = [], position = ops.length): Promise<MapSession> {
    const type = await resolveMapType(spec.key, spec.elem, spec.goarch, spec.declarations);
    // The bucket array is simulated lazily, but the views walk it: cap B like the entries.
    const B = bucketsLog2ForHint(type.info, spec.hint);
    if (B > maxHintB) throw new EntryLimitError(`make(map[${type.info.key}]${type.info.elem}, ${spec.hint}) would have 2^${B} buckets; the inspector simulates at most 2^${maxHintB}: nothing built`);
    return new MapSession(id, spec, type, ops, Math.min(position, ops.length), maxEntries);
  }

  static restore(r: SessionRecord, maxEntries: number): Promise<MapSession> {
    return MapSession.create(r.id, r.spec, maxEntries, r.ops, r.position);
  }

  toRecord(): SessionRecord {
    return { id: this.id, spec: this.spec, ops: this.ops.slice(), position: this.position };
  }

  get hmap(): HMap {
    return this.h;
  }

  /** Changes with every state change; views tag what they send with it. */
  get revision(): number {
    return this.revisionCounter;
  }

  get title(): string {
    return `map[${this.type.info.key}]${this.type.info.elem}`;
  }

  canUndo(): boolean {
    return this.position > 0;
  }

  canRedo(): boolean {
    return this.position < this.ops.length;
  }

  /** Records `op` after the current position (dropping any redo tail) and applies it. */
  apply(op: Op): void {
    this.checkLimit(op);
    this.applyToMap(op);
    this.ops.splice(this.position, this.ops.length - this.position, op);
    this.position++;
    this.revisionCounter++;
  }

  undo(): boolean {
    if (!this.canUndo()) return false;
    this.position--;
    this.rebuild();
    return true;
  }

  redo(): boolean {
    if (!this.canRedo()) return false;
    this.applyToMap(this.ops[this.position]);
    this.position++;
    this.revisionCounter++;
    return true;
  }

  /** Converts user-typed JSON value form into the model's values for the key / elem types. */
  keyValue(v: unknown): unknown {
    return toModelValue(this.type.keyType, v, this.spec.goarch);
  }

  elemValue(v: unknown): unknown {
    return toModelValue(this.type.elemType, v, this.spec.goarch);
  }

  lookup(key: unknown): LookupView {
    const steps: LookupStep[] = [];
    const r = this.h.lookup(key, steps);
    return {
      key: formatValue(key),
      found: r.found,
      elem: r.found ? formatValue(r.elem) : undefined,
      steps: steps.map((s) => (s.kind === 'hash' ? { ...s, hash: '0x' + s.hash.toString(16) } : s)),
      where: r.where,
    };
  }

  opLabel(op: Op): string {
    switch (op.op) {
      case 'insert': return `m[${formatValue(op.key)}] = ${formatValue(op.elem)}`;
      case 'delete': return `delete(m, ${formatValue(op.key)})`;
      case 'fill': return `insert ${op.n} random keys`;
      case 'deleteRandom': return `delete ${op.percent}% at random`;
      case 'stepGrowth': return 'growWork (one step)';
      case 'finishGrowth': return 'finish growth';
      case 'iterate': return 'for k, v := range m';
      case 'clear': return 'clear(m)';
      default: {
        const never: never = op;
        return String(never);
      }
    }
  }

  private checkLimit(op: Op): void {
    const adds = op.op === 'fill' ? op.n : op.op === 'insert' ? 1 : 0;
    if (adds > 0 && this.h.count + adds > this.maxEntries) {
      throw new EntryLimitError(`${this.h.count} + ${adds} entries is above goMapInspector.maxEntries (${this.maxEntries}): nothing built`);
    }
  }

  private rebuild(): void {
    const made = newHMap(this.type.info, this.spec.hint, this.spec.seed);
    this.h = made.h;
    this.hasherDescription = made.hasher.description;
    this.lastIteration = undefined;
    for (let i = 0; i < this.position; i++) this.applyToMap(this.ops[i]);
    this.revisionCounter++;
  }

  private applyToMap(op: Op): void {
    const h = this.h;
    switch (op.op) {
      case 'insert':
        h.assign(op.key, op.elem);
        break;
      case 'delete':
        h.delete(op.key);
        break;
      case 'fill': {
        // n new keys (fewer only when the key type has no more values): integers are drawn from a
        // space 100 times the final count, so they stay short enough to read.
        const rng = new SeededFastRand(op.seed);
        const target = h.count + op.n;
        const space = Math.max(10_000, 100 * target);
        for (let tries = 0; h.count < target && tries < 4 * op.n + 100; tries++) {
          h.assign(randomValue(this.type.keyType, rng, this.spec.goarch, space), randomValue(this.type.elemType, rng, this.spec.goarch, 1000));
        }
        break;
      }
      case 'deleteRandom': {
        // Pick the victims in `range` order of a private snapshot of the keys, so the map's own
        // randomness is not drawn from.
        const rng = new SeededFastRand(op.seed);
        const victims: unknown[] = [];
        forEachLive(h, (key) => {
          if (rng.next() % 100 < op.percent) victims.push(key);
        });
        for (const k of victims) h.delete(k);
        break;
      }
      case 'stepGrowth':
        h.stepGrowth();
        break;
      case 'finishGrowth':
        h.finishGrowth();
        break;
      case 'iterate': {
        const it = h.iterate();
        const keys: string[] = [];
        let total = 0;
        for (let kv = it.next(); kv !== undefined; kv = it.next()) {
          if (keys.length < maxIterationKeys) keys.push(formatValue(kv.key));
          total++;
        }
        this.lastIteration = { startBucket: it.startBucket, offset: it.offset, keys, total };
        break;
      }
      case 'clear':
        h.clear();
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown operation ${JSON.stringify(never)}`);
      }
    }
  }

  // ----- views -----

  /**
   * Everything the panel shows but bucket contents. With `quick`, a big map whose counts (overflow
   * buckets, bmaps in use, overview) are not computed yet for this revision gets a view without
   * them (`pending`), so the first frame does not wait for a walk over every bucket; the full view
   * follows.
   */
  mapView(quick = false): MapView {
    const pending = quick && !this.statsReady() && this.isBig();
    return {
      revision: this.revision,
      title: this.title,
      seed: this.spec.seed,
      type: {
        ...this.type.info,
        regions: this.type.layout.regions,
        paddingBytes: this.type.layout.paddingBytes,
        interleaved: this.type.layout.interleaved,
      },
      header: this.header(pending),
      memory: pending ? { liveBytes: 0, allocatedBytes: 0, parts: [] } : this.memory(),
      overview: pending ? [] : this.overview(),
      history: {
        position: this.position,
        length: this.ops.length,
        last: this.position > 0 ? this.opLabel(this.ops[this.position - 1]) : undefined,
      },
      ...(pending ? { pending: true } : {}),
    };
  }

  /** Whether the per-revision counts are computed (a full `mapView` is then cheap). */
  statsReady(): boolean {
    return this.statsCache?.revision === this.revision;
  }

  /** A map big enough that walking every bucket is worth doing off the first frame. */
  isBig(): boolean {
    return this.bucketTotal() > quickViewAbove;
  }

  private bucketTotal(): number {
    return (this.h.buckets?.base ?? 0) + this.h.oldBucketCount();
  }

  header(pending = false): HeaderView {
    const h = this.h;
    const chained = pending ? undefined : this.stats().overflowChained;
    const overflowBuckets = chained ? chained.buckets + chained.oldbuckets : 0;
    return {
      count: h.count,
      flags: h.flags,
      B: h.B,
      noverflow: h.noverflow,
      hash0: hex32(h.hash0),
      nevacuate: h.nevacuate,
      growing: h.growing(),
      sameSizeGrow: h.sameSizeGrow(),
      nbuckets: h.buckets === null ? 0 : h.buckets.base,
      noldbuckets: h.oldBucketCount(),
      arrayLength: h.buckets?.length ?? 0,
      nextOverflowFree: h.nextOverflowFree(),
      overflowBuckets,
      hasher: this.hasherDescription,
    };
  }

  memory(): MemoryView {
    const t = this.type.info;
    const h = this.h;
    const held = h.heldObjects();
    const { bucketsInUse, overflowChained } = this.stats();
    const noPointers = t.bucketPtrdata === 0;
    const m = liveMemory(t, {
      count: h.count,
      B: h.B,
      bucketsAllocated: h.buckets !== null,
      oldB: h.oldbuckets === null ? undefined : Math.log2(h.oldBucketCount()),
      overflowAllocated: held.separateOverflow + held.oldSeparateOverflow,
      extra: held.extra,
      bucketsInUse,
      overflowListLen: noPointers ? overflowChained.buckets : undefined,
      oldOverflowListLen: noPointers && h.oldbuckets !== null ? overflowChained.oldbuckets : undefined,
    }, this.type.layout.key.layout.size, this.type.layout.elem.layout.size);
    const parts: { label: string; text: string }[] = [];
    const add = (label: string, bytes: number): void => {
      if (bytes > 0) parts.push({ label, text: humanBytes(bytes) });
    };
    add('hmap', m.hmapBytes);
    add('mapextra', m.mapextraBytes);
    add(`bucket array (${held.bucketArrayLength} × ${t.bucketsize} B)`, m.bucketArrayBytes);
    add(`old bucket array (${held.oldBucketArrayLength} × ${t.bucketsize} B)`, m.oldBucketArrayBytes);
    add(`overflow buckets allocated one by one (${held.separateOverflow + held.oldSeparateOverflow})`, m.overflowBytes);
    add('extra.overflow lists', m.overflowListBytes);
    add('indirect keys/elems', m.indirectBytes);
    add('entries themselves', m.entryBytes);
    if (h.count > 0) {
      parts.push({ label: `a rebuild (make(map, ${h.count}) + copy)`, text: `${humanBytes(m.rebuild.allocBytes)} (B ${m.rebuild.B}), ${m.rebuild.savedBytes >= 0 ? 'saves' : 'costs'} ${humanBytes(Math.abs(m.rebuild.savedBytes))}` });
    }
    return { liveBytes: m.liveBytes, allocatedBytes: m.allocBytes, parts };
  }

  overview(): OverviewView[] {
    return this.stats().overview;
  }

  /** How many slots hold each tophash state (index 5 counts every stored top hash); zeroed,
   * never-written buckets count as emptyRest. */
  tophashCounts(): number[] {
    return this.stats().tophashCounts;
  }

  /**
   * One walk over both bucket arrays per revision, for everything the views count: overflow
   * buckets per array, bmaps in use, tophash states, and the overview bins. Never-written buckets
   * are skipped (they read as zeroed memory), so a large hint costs little.
   */
  private stats(): MapStats {
    if (this.statsCache?.revision === this.revision) return this.statsCache;
    const walk = this.walkStats();
    for (let r = walk.next(); ; r = walk.next()) if (r.done) return r.value;
  }

  /** The same walk in slices, yielding to the event loop between them (so requests for visible
   * buckets are answered meanwhile). Resolves false if the map changed before it finished. */
  async computeStats(): Promise<boolean> {
    if (this.statsReady()) return true;
    const revision = this.revision;
    const walk = this.walkStats();
    for (let r = walk.next(); ; r = walk.next()) {
      if (r.done) return true;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.revision !== revision) return false;
    }
  }

  private *walkStats(): Generator<void, MapStats, void> {
    const h = this.h;
    const st: MapStats = {
      revision: this.revision,
      bucketsInUse: 0,
      overflowChained: { buckets: 0, oldbuckets: 0 },
      tophashCounts: [0, 0, 0, 0, 0, 0],
      overview: [],
    };
    const arrays: [ArrayName, number][] = [['buckets', h.buckets === null ? 0 : h.buckets.base]];
    if (h.oldbuckets !== null) arrays.push(['oldbuckets', h.oldBucketCount()]);
    for (const [name, n] of arrays) {
      const a = name === 'buckets' ? h.buckets : h.oldbuckets;
      const perBin = Math.max(1, Math.ceil(n / maxOverviewBins));
      const bins = Math.ceil(n / perBin);
      const maxChain = new Array<number>(bins).fill(0);
      const live = new Array<number>(bins).fill(0);
      let untouched = 0;
      for (let i = 0; a !== null && i < n; i++) {
        if ((i & (statsSlice - 1)) === statsSlice - 1) yield;
        if (!a.touched(i)) {
          untouched++;
          continue;
        }
        const bin = Math.floor(i / perBin);
        let len = 0;
        for (let b: Bmap | null = a.get(i); b !== null; b = b.overflow) {
          len++;
          let used = false;
          for (let j = 0; j < bucketCnt; j++) {
            const t = b.tophash[j];
            st.tophashCounts[t < 5 ? t : 5]++;
            if (t >= 5) {
              live[bin]++;
              used = true;
            }
          }
          if (used) st.bucketsInUse++;
        }
        st.overflowChained[name] += len - 1;
        if (len > maxChain[bin]) maxChain[bin] = len;
      }
      st.tophashCounts[0] += untouched * bucketCnt;
      const fill = live.map((l) => Math.min(255, Math.round((l / (bucketCnt * perBin)) * 255)));
      st.overview.push({ array: name, buckets: n, perBin, maxChain, fill });
    }
    this.statsCache = st;
    return st;
  }

  /** Chains of buckets [start, end) of one array, at most `maxBucketsPerRequest`. */
  bucketRange(array: ArrayName, start: number, end: number): BucketView[] {
    const h = this.h;
    const n = array === 'buckets' ? (h.buckets === null ? 0 : h.buckets.base) : h.oldBucketCount();
    const stop = Math.min(n, end, start + maxBucketsPerRequest);
    const out: BucketView[] = [];
    for (let i = start; i < stop; i++) out.push(this.bucketView(array, i));
    return out;
  }

  bucketView(array: ArrayName, i: number): BucketView {
    return { index: i, chain: this.h.chain(array, i).map(bmapView) };
  }
}

function bmapView(b: { tophash: number[]; keys: unknown[]; elems: unknown[]; separate: boolean }): BmapView {
  const slots = [];
  for (let i = 0; i < bucketCnt; i++) {
    const live = b.tophash[i] >= 5;
    slots.push(live ? { tophash: b.tophash[i], key: formatValue(b.keys[i]), elem: formatValue(b.elems[i]) } : { tophash: b.tophash[i] });
  }
  return { slots, separate: b.separate };
}

/** Calls `f` for every live key of the current (and, while growing, unevacuated old) buckets. */
function forEachLive(h: HMap, f: (key: unknown) => void): void {
  const keys: unknown[] = [];
  const visitChain = (chain: Bmap[]): void => {
    for (const b of chain) for (let s = 0; s < bucketCnt; s++) if (b.tophash[s] >= minTopHash) keys.push(b.keys[s]);
  };
  // While growing, a key lives in its old bucket until that bucket is evacuated.
  for (let i = 0; i < h.oldBucketCount(); i++) {
    const chain = h.chain('oldbuckets', i);
    if (!evacuated(chain[0])) visitChain(chain);
  }
  for (let i = 0; i < (h.buckets?.base ?? 0); i++) visitChain(h.chain('buckets', i));
  keys.forEach(f);
}

/** A key or element as text (never HTML): Go-like, strings quoted. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (v === undefined) return '';
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
}

/** A random value of Go type `t` in the model's value form, from `rng`; integers in
 * [0, intSpace) when `intSpace` is given (and the type reaches that far). */
export function randomValue(t: GoType, rng: SeededFastRand, arch: GoArch, intSpace?: number): unknown {
  const u = underlying(t);
  const r32 = (): number => rng.next();
  switch (u.kind) {
    case 'basic': {
      switch (u.name) {
        case 'bool': return (r32() & 1) === 1;
        case 'string': {
          const len = 3 + (r32() % 8);
          let s = '';
          for (let i = 0; i < len; i++) s += String.fromCharCode(97 + (r32() % 26));
          return s;
        }
        case 'float32': return Math.fround((r32() / 2 ** 32) * 1e6);
        case 'float64': return (r32() / 2 ** 32) * 1e6 + r32() / 2 ** 52;
        case 'complex64':
        case 'complex128': return [r32() % 1000, r32() % 1000];
        case 'unsafe.Pointer': return r32();
        default: {
          // Integers: uniformly over the type's range (64-bit ones as decimal strings beyond 2^53).
          const bits = intBits(u.name, arch);
          const signed = !u.name.startsWith('u');
          if (intSpace !== undefined && 2 ** (signed ? bits - 1 : bits) >= intSpace) {
            return toModelValue(t, Math.floor((r32() * 2 ** 21 + (r32() >>> 11)) % intSpace), arch);
          }
          let x = (BigInt(r32()) << 32n) | BigInt(r32());
          x &= (1n << BigInt(bits)) - 1n;
          if (signed && x >= 1n << BigInt(bits - 1)) x -= 1n << BigInt(bits);
          return toModelValue(t, x >= -(2n ** 53n) && x <= 2n ** 53n ? Number(x) : x.toString(), arch);
        }
      }
    }
    case 'array': {
      const e = underlying(u.elem);
      if (e.kind === 'basic' && e.name === 'uint8') {
        const bytes = Math.min(u.len, 6);
        return bytes === 0 ? 0 : Math.floor((r32() / 2 ** 32) * 2 ** (8 * bytes));
      }
      return Array.from({ length: u.len }, () => randomValue(u.elem, rng, arch, intSpace));
    }
    case 'struct': {
      const o: Record<string, unknown> = {};
      for (const f of u.fields) if (f.name !== '_') o[f.name] = randomValue(f.type, rng, arch, intSpace);
      return o;
    }
    case 'pointer':
    case 'chan':
      // Pointers and channels compare by address: a random address, 8-aligned.
      return (r32() & ~7) >>> 0;
    default:
      throw new Error(`cannot make random values of type ${u.kind}`);
  }
}

function intBits(name: string, arch: GoArch): number {
  const m = /(\d+)$/.exec(name);
  if (m) return Number(m[1]);
  return arch === '386' || arch === 'arm' ? 32 : 64; // int, uint, uintptr
}
