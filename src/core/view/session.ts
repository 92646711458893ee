/**
 * One simulated map the user is looking at, with its history. No `vscode` import: the commands,
 * the panel, the tree and the tests all drive it the same way.
 *
 * The history is a list of operations (`ops.ts`) from `make` on. Every random choice (hash seed,
 * `range` start, random keys) comes from seeds stored in the spec and the operations, so replaying
 * the list rebuilds the same map: undo goes back to a saved copy of the state (taken before an
 * operation while the map is small, so undoing a fill of 10^6 keys into a small map is instant) or
 * replays, in slices that yield to the event loop; redo applies the next operation again.
 *
 * A refused operation (over `maxEntries`, a value Go rejects, a runtime panic) leaves the map and
 * the history as they were. The saved record (`SessionRecord`) is the spec with the declarations
 * its types need and a compacted history (`compactOps`).
 */
import { GoArch } from '../maptype';
import { bucketsLog2ForHint } from '../classic/makemap';
import { ClassicModel } from './classic';
import { SwissModel } from './swiss';
import { swissGroupLayout } from '../swiss/layout';
import { capacityForHint } from '../swiss/hint';
import { SwissGoVersion } from '../swiss/types';
import { Role, InputTypes, parseInput } from './input';
import { ResolvedMapType, resolveMapType } from './maptypes';
import { MapModel, ModelStats } from './model';
import { Op, OpCancelled, OpContext, OpRefused, OpResult, checkLimit, compactOps, opLabel, runOp } from './ops';
import { TypeDecl } from './packages';
import { withWireForm } from './swissTables';
import { GrowthSteps } from './growthSteps';
import { SwissGrowthRecord } from './swissGrowth';
import { ValueText, valueText } from './text';
import { AddressSpace } from './values';
import {
  IterationView, LookupView, MapView, OutcomeView, RowView, RuntimeKind, SlotDetailView, SlotRef, TypeView, firstRows, maxRowsPerRequest, maxSlotText,
} from './view';

export interface MapSpec {
  key: string;
  elem: string;
  goarch: GoArch;
  hint: number;
  /** Seed of the map's own randomness (hash0, range starts, overflow sampling). */
  seed: number;
  /** Where the map came from: `users.go:12`, `new map`. */
  origin: string;
  /** The variable the map is assigned to, when the source names one (`profiles`). */
  name?: string;
  /** The declarations of the named types the key and elem types use (`packages.ts`). */
  decls?: TypeDecl[];
  /** The runtime the map follows (default classic). */
  runtime?: RuntimeKind;
  /** For Swiss maps: the Go release whose `internal/runtime/maps` the model follows (default 1.26). */
  swissVersion?: SwissGoVersion;
  /** For Swiss maps on Go 1.27: `GOEXPERIMENT=mapsplitgroup` (8 keys, then 8 elems). */
  splitGroup?: boolean;
  /** Why this runtime (`go.mod: go 1.26`), shown in the panel header. */
  runtimeWhy?: string;
}

export interface SessionRecord {
  version: 2;
  id: string;
  spec: MapSpec;
  ops: Op[];
  position: number;
  /** The next address `&T{}` keys get. */
  nextAddress?: number;
}

/** log2 of the groups a Swiss `make` with `hint` allocates (compared with `maxHintB` like a classic B). */
function swissHintLog2(hint: number): number {
  const plan = capacityForHint(hint, { groupsize: 8, ptrSize: 8 });
  return plan ? Math.log2((plan.dirSize * plan.tableCapacity) / 8) : 0;
}

/** The largest B a hint may ask for (2^24 buckets). */
export const maxHintB = 24;
/** Above this many rows, the first view of a revision is sent before the counts over every row. */
const quickViewAbove = 1 << 14;
/** A copy of the state is kept before an operation while the map holds at most this many entries. */
const checkpointMaxCount = 1 << 17;
/** Below this many entries a copy is kept before every operation. */
const smallMap = 4096;
const maxCheckpoints = 8;

/** Progress of a long operation, 0..1; `yieldNow` lets the caller's event loop run. */
export type Progress = (fraction: number) => void;

export class MapSession {
  model!: MapModel;
  readonly text: ValueText;
  readonly input: InputTypes;
  /** What the last operation said (a missing key deleted, fewer random keys than asked). */
  lastOutcome?: OutcomeView;
  lastIteration?: IterationView;
  private revisionCounter = 0;
  private statsCache?: { revision: number; stats: ModelStats };
  private checkpoints: { position: number; state: unknown }[] = [];
  /** Growth recorded by single inserts (a Swiss rehash or split) and the step the view shows. */
  private readonly growth = new GrowthSteps();
  /** Operations run one at a time: a command waits for the one before it. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly id: string,
    readonly spec: MapSpec,
    readonly type: ResolvedMapType,
    private ops: Op[],
    private position: number,
    readonly maxEntries: number,
    addresses: AddressSpace,
  ) {
    this.text = valueText(type.keyType, type.elemType);
    this.input = { keyType: type.keyType, elemType: type.elemType, key: spec.key, elem: spec.elem, goarch: spec.goarch, decls: type.decls, addresses };
    this.model = this.freshModel();
  }

  /** A session for `spec`, replaying `ops` up to `position`. Refuses a hint beyond 2^`maxHintB` buckets. */
  static async create(id: string, spec: MapSpec, maxEntries: number, ops: Op[] = [], position = ops.length, nextAddress?: number): Promise<MapSession> {
    const type = await resolveMapType(spec.key, spec.elem, spec.goarch, spec.decls ?? []);
    const B = spec.runtime === 'swiss' ? swissHintLog2(spec.hint) : bucketsLog2ForHint(type.layout.info, spec.hint);
    if (B > maxHintB) throw new OpRefused(`make(map[${type.layout.info.key}]${type.layout.info.elem}, ${spec.hint}) would have 2^${B} ${spec.runtime === 'swiss' ? 'groups' : 'buckets'}; the inspector simulates at most 2^${maxHintB}: nothing built`);
    const s = new MapSession(id, { ...spec, decls: type.decls }, type, ops.slice(), 0, maxEntries, new AddressSpace(nextAddress));
    await s.replayTo(Math.min(position, ops.length));
    return s;
  }

  static restore(r: SessionRecord, maxEntries: number): Promise<MapSession> {
    return MapSession.create(r.id, r.spec, maxEntries, r.ops, r.position, r.nextAddress);
  }

  /** The record to save: the spec and the compacted history (no redo tail). */
  toRecord(): SessionRecord {
    const ops = compactOps(this.ops, this.position);
    return { version: 2, id: this.id, spec: this.spec, ops, position: ops.length, nextAddress: this.input.addresses.peek() };
  }

  private freshModel(): MapModel {
    if (this.spec.runtime === 'swiss') {
      const layout = swissGroupLayout(this.type.keyType, this.type.elemType, this.spec.goarch, this.spec.swissVersion ?? '1.26', { splitGroup: this.spec.splitGroup });
      return new SwissModel({ hint: this.spec.hint, seed: this.spec.seed, layout, classic: this.type.layout, text: this.text });
    }
    return new ClassicModel({ hint: this.spec.hint, seed: this.spec.seed, layout: this.type.layout, text: this.text });
  }

  private get ctx(): OpContext {
    return { keyType: this.type.keyType, elemType: this.type.elemType, goarch: this.spec.goarch, maxEntries: this.maxEntries };
  }

  /** Changes with every state change; views tag what they send with it. */
  get revision(): number {
    return this.revisionCounter;
  }

  /** `map[K]V`. */
  get title(): string {
    return `map[${this.type.layout.info.key}]${this.type.layout.info.elem}`;
  }

  /** What a panel title says: the variable or the place, the type, the GOARCH when not amd64. */
  get displayTitle(): string {
    const who = this.spec.name ?? (this.spec.origin === 'new map' ? undefined : this.spec.origin);
    return `${who ? `${who} · ` : ''}${this.title}${this.spec.goarch !== 'amd64' ? ` · ${this.spec.goarch}` : ''}`;
  }

  canUndo(): boolean {
    return this.position > 0;
  }

  canRedo(): boolean {
    return this.position < this.ops.length;
  }

  get history(): { position: number; length: number; last?: string } {
    return { position: this.position, length: this.ops.length, last: this.position > 0 ? this.label(this.ops[this.position - 1]) : undefined };
  }

  label(op: Op): string {
    return opLabel(op, { key: (v) => this.text.key(v, 40).text, elem: (v) => this.text.elem(v, 40).text });
  }

  /** The operations applied so far, from \`make\` (the history a comparison replays). */
  get appliedOps(): readonly Op[] {
    return this.ops.slice(0, this.position);
  }

  /** Reads a key or elem the user typed (Go syntax; bare text for strings). */
  parse(role: Role, text: string): Promise<unknown> {
    return parseInput(role, text, this.input);
  }

  /**
   * Records `op` after the current position (dropping any redo tail) and applies it. A refused or
   * failed operation changes nothing. `progress` makes it yield to the event loop between slices;
   * `cancelled`, asked after each slice, stops it with `OpCancelled` and the map as it was before.
   */
  apply(op: Op, progress?: Progress, cancelled?: () => boolean): Promise<OpResult> {
    return this.serial(async () => {
      checkLimit(this.model, op, this.maxEntries);
      if (op.op === 'lookup') return runToEnd(runOp(this.model, op, this.ctx));
      this.checkpoint(op);
      let result: OpResult;
      try {
        result = await this.run(op, progress, cancelled);
      } catch (e) {
        await this.replayTo(this.position); // back to the state before `op`
        throw e;
      }
      // Copies of states past this point belong to the history being replaced.
      this.checkpoints = this.checkpoints.filter((c) => c.position <= this.position);
      this.growth.dropAfter(this.position);
      this.ops.splice(this.position, this.ops.length - this.position, op);
      this.position++;
      this.growth.keep(this.position);
      this.after(result);
      return result;
    });
  }

  /** Goes back one operation; false when there is none. */
  undo(progress?: Progress): Promise<boolean> {
    return this.serial(async () => {
      if (!this.canUndo()) return false;
      await this.replayTo(this.position - 1, progress);
      this.after({});
      return true;
    });
  }

  /** Applies the next operation of the history again; false when there is none. */
  redo(progress?: Progress): Promise<boolean> {
    return this.serial(async () => {
      if (!this.canRedo()) return false;
      this.checkpoint(this.ops[this.position]);
      const result = await this.run(this.ops[this.position], progress);
      this.position++;
      this.growth.keep(this.position);
      this.after(result);
      return true;
    });
  }

  /** The growth inside the operation that ends at the current position (a Swiss rehash or split), if recorded. */
  get growthRecord(): SwissGrowthRecord | undefined {
    return this.growth.at(this.position);
  }

  /**
   * "Step growth" over the recorded growth of the last operation: the view moves to its next step,
   * and after the last one back to the map now. Changes nothing in the map or its history.
   */
  stepGrowthView(): boolean {
    return this.growth.next(this.position);
  }

  /** "Finish growth" over a recorded growth: back to the map now. */
  endGrowthView(): boolean {
    return this.growthRecord !== undefined && this.growth.reset();
  }

  private after(result: OpResult): void {
    this.growth.reset();
    this.lastOutcome = result.outcome;
    this.lastIteration = result.iteration;
    this.revisionCounter++;
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.queue.then(f, f);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Keeps a copy of the state at the current position before `op`: always while the map is small
   * (a copy costs little), and before an operation that is long to replay (a fill) while the map is
   * not too big to copy.
   */
  private checkpoint(op: Op): void {
    const m = this.model;
    if (!m.saveState) return;
    const long = op.op === 'fill' || op.op === 'insertMany' || op.op === 'deleteRandom' || op.op === 'finishGrowth';
    if (m.count > (long ? checkpointMaxCount : smallMap)) return;
    if (this.checkpoints.some((c) => c.position === this.position)) return;
    this.checkpoints.push({ position: this.position, state: m.saveState() });
    if (this.checkpoints.length > maxCheckpoints) this.checkpoints.shift();
  }

  /** Rebuilds the map at `position` from the nearest copy at or before it, replaying the rest. */
  private async replayTo(position: number, progress?: Progress): Promise<void> {
    const base = this.checkpoints.filter((c) => c.position <= position).at(-1);
    const model = this.freshModel();
    if (base && model.restoreState) model.restoreState(base.state);
    const from = base && model.restoreState ? base.position : 0;
    const total = position - from;
    for (let i = from; i < position; i++) {
      await this.runOn(model, this.ops[i], progress && ((f) => progress((i - from + f) / Math.max(1, total))));
    }
    this.model = model;
    this.position = position;
    this.statsCache = undefined;
  }

  /** Runs `op` on the live model; growth events it caused (a Swiss rehash or split) join its outcome. */
  private async run(op: Op, progress?: Progress, cancelled?: () => boolean): Promise<OpResult> {
    this.model.lastEvents?.(); // events of the replay that built this state are not this op's
    // One insert's growth is recorded with what it moved, for the step view.
    const swiss = this.model instanceof SwissModel && op.op === 'insert' ? this.model : undefined;
    if (swiss) swiss.captureGrowth = true;
    let result: OpResult;
    try {
      result = await this.runOn(this.model, op, progress, cancelled);
    } finally {
      if (swiss) swiss.captureGrowth = false;
    }
    this.growth.pending = swiss?.takeGrowth();
    const events = this.model.lastEvents?.() ?? [];
    return events.length ? { ...result, outcome: withEvents(result.outcome, events) } : result;
  }

  private async runOn(model: MapModel, op: Op, progress?: Progress, cancelled?: () => boolean): Promise<OpResult> {
    const it = runOp(model, op, this.ctx);
    for (let r = it.next(); ; r = it.next()) {
      if (r.done) return r.value;
      if (progress) {
        progress(r.value);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (cancelled?.()) throw new OpCancelled(this.label(op));
    }
  }

  /** `v, ok := m[key]` with the runtime's path (changes nothing). */
  lookup(key: unknown): LookupView {
    return this.model.lookup(key);
  }

  // ----- views -----

  /**
   * Everything the panel shows but row contents. With `quick`, a big map whose counts are not
   * computed yet for this revision gets a view without them (`pending`), so the first frame does not
   * wait for a walk over every row; the full view follows.
   */
  mapView(quick = false): MapView {
    const m = this.model;
    const pending = quick && !this.statsReady() && this.isBig();
    const stats = pending ? undefined : this.stats();
    const info = this.type.layout.info;
    const type: TypeView = {
      key: info.key, elem: info.elem, goarch: info.goarch, ptrSize: info.ptrSize, groupBytes: info.bucketsize,
      keySlotBytes: info.keysize, elemSlotBytes: info.elemsize, indirectKey: info.indirectkey, indirectElem: info.indirectelem,
    };
    if (m instanceof SwissModel) {
      const g = m.layoutInfo;
      Object.assign(type, { groupBytes: g.type.groupsize, keySlotBytes: g.key.slotSize, elemSlotBytes: g.elem.slotSize, indirectKey: g.type.indirectkey, indirectElem: g.type.indirectelem });
    }
    // A Swiss map's tables: made once for the arrays and the directory strip.
    const tables = m instanceof SwissModel ? m.tables() : undefined;
    const view: MapView = {
      revision: this.revision,
      title: this.title,
      subtitle: `${this.spec.name ? `${this.spec.name} · ` : ''}${this.spec.origin} · ${this.spec.goarch}`,
      runtime: this.spec.runtimeWhy ? { ...m.runtime, why: this.spec.runtimeWhy } : m.runtime,
      summary: m.summary(stats),
      count: m.count,
      type,
      header: m.header(stats),
      about: m.about(),
      layout: m.layout(),
      arrays: tables?.arrays ?? m.arrays(),
      overview: stats?.overview ?? [],
      history: this.history,
      growth: { growing: m.growing(), text: m.growthText() },
    };
    if (stats) view.memory = m.memory(stats);
    if (tables) view.directory = tables.directory;
    this.growth.decorate(view, this.position, m);
    view.firstRows = firstRows(view.arrays, (a, start, end) => this.rows(a, start, end));
    const note = m.note();
    if (note) view.note = note;
    if (pending) view.pending = true;
    return withWireForm(view, tables);
  }

  /** Whether this revision's counts are computed (a full `mapView` is then cheap). */
  statsReady(): boolean {
    return this.statsCache?.revision === this.revision;
  }

  /** A map big enough that walking every row is worth doing off the first frame. */
  isBig(): boolean {
    return this.model.rowCount > quickViewAbove;
  }

  stats(): ModelStats {
    if (this.statsCache?.revision === this.revision) return this.statsCache.stats;
    const walk = this.model.walkStats();
    for (let r = walk.next(); ; r = walk.next()) {
      if (r.done) {
        this.statsCache = { revision: this.revision, stats: r.value };
        return r.value;
      }
    }
  }

  /** The same walk in slices, yielding between them (so requests for visible rows are answered
   * meanwhile). Resolves false if the map changed before it finished. */
  async computeStats(): Promise<boolean> {
    if (this.statsReady()) return true;
    const revision = this.revision;
    const model = this.model;
    const walk = model.walkStats();
    for (let r = walk.next(); ; r = walk.next()) {
      if (r.done) {
        if (this.revision !== revision) return false;
        this.statsCache = { revision, stats: r.value };
        return true;
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (this.revision !== revision || this.model !== model) return false;
    }
  }

  /** Rows [start, end) of one array, at most `maxRowsPerRequest`. */
  rows(array: string, start: number, end: number): RowView[] {
    const last = Math.min(end, start + maxRowsPerRequest);
    return this.growth.rows(this.position, this.model, array, start, last) ?? this.model.rows(array, start, last);
  }

  slotDetail(ref: SlotRef): SlotDetailView | undefined {
    const step = this.growth.slotDetail(this.position, this.model, ref);
    return step === null ? this.model.slotDetail(ref) : step;
  }

  /** The runtime's dump of the map now (the JSON export). */
  snapshot(): unknown {
    return this.model.snapshot(this.history.last ?? 'make');
  }

  /** A key as the views write it (cut for messages). */
  keyText(v: unknown): string {
    return this.text.key(v, maxSlotText).text;
  }
}

/** Events written out in an outcome; past this, the first and the last (a model keeps only its latest events). */
const maxEventsWritten = 3;

/** One outcome from an operation's own outcome and its growth events, in order. */
export function withEvents(outcome: OutcomeView | undefined, events: OutcomeView[]): OutcomeView {
  const texts = events.map((e) => e.text);
  const said = texts.length <= maxEventsWritten ? texts
    : [texts[0], '… more growth steps …', texts[texts.length - 1]];
  return { kind: outcome?.kind === 'warning' ? 'warning' : 'info', text: [outcome?.text, ...said].filter((t) => t).join('; ') };
}

function runToEnd<T>(it: Generator<number, T, void>): T {
  for (let r = it.next(); ; r = it.next()) if (r.done) return r.value;
}
