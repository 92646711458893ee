/**
 * `CapturedModel`: a real map read out of a paused Go process (`src/core/capture`) seen through
 * `MapModel`, so the panel and the tree draw it as they draw a simulated one. It is read-only:
 * the process owns the map, and every operation is refused with `readOnlyMessage` (the user can
 * continue from the captured state in the simulator, `continue.ts`).
 *
 * Classic (`hmap`): arrays `buckets` (column 1) and, while growing, `oldbuckets` (column 0), a row
 * being a bucket with its overflow chain as the capture read it, a slot's byte its tophash.
 * Swiss (`internal/runtime/maps`): the small map's one `group`, or one array per table in
 * directory order (`table-0`, ...), a row one group of 8 slots, a slot's byte its control byte.
 * These are the same array ids, row shapes and slot states as `ClassicModel` and `SwissModel`, and
 * slots are built by the same code (`slots.ts`); the header cards are theirs too.
 *
 * Keys and elems are written from the capture's value form: integers, bools and strings as Go
 * writes them, byte arrays as the capture shows them, other types as Delve formatted them
 * (`main.K {A: 1, B: "x"}`).
 */
import { emptyRest, evacuatedX, evacuatedY, minTopHash } from '../classic/tophash';
import { goQuote } from '../capture/values';
import type { CapturedClassic, CapturedMap, CapturedSwiss } from '../capture/types';
import { DumpBmap } from '../classic/trace';
import { plural } from '../hover/format';
import { ctrlDeleted, ctrlEmpty, slotsPerGroup } from '../swiss/constants';
import { SwissDumpGroup } from '../swiss/types';
import { tophashExplained, tophashState } from './classic';
import {
  classicCapturedLayout, classicCapturedMemory, classicCapturedStats, classicHeaderSource, swissCapturedLayout, swissCapturedMemory,
  swissHeaderSource,
} from './capturedCards';
import { classicHeader } from './classicCards';
import { MapModel, ModelStats } from './model';
import { OpRefused } from './ops';
import { slotDetailView, slotView } from './slots';
import { ctrlExplained, ctrlState } from './swiss';
import { TableFacts, TablesView, tablesView } from './swissTables';
import { swissGroupsWalk, swissHeader } from './swissCards';
import { GoText } from './gosyntax';
import { ValueText } from './text';
import {
  ArrayView, FieldView, GroupView, IterationView, LayoutView, LookupView, MemoryView, RowView, RuntimeView, SlotDetailView, SlotRef,
} from './view';

/** What every operation on a captured map answers. */
export const readOnlyMessage = 'a captured map is read-only: Continue in the simulator';

/** Where the capture came from, beyond what it records itself. */
export interface CapturedOptions {
  /** The debugged program (the debug session's name or the binary). */
  program?: string;
}

function bounded(text: string, max = Infinity): GoText {
  return text.length > max ? { text: text.slice(0, max) + '…', cut: true } : { text, cut: false };
}

/** One captured value as Go source would write it, as near as the capture's form allows. */
function capturedValueText(type: string, v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return type === 'string' ? goQuote(Buffer.from(v, 'utf8')) : v; // else Delve's text, a big integer, or 0x bytes
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (type === 'struct {}') return 'struct{}{}';
  return JSON.stringify(v);
}

/** Keys and elems of a capture, written with the types Delve named. */
export function capturedText(c: CapturedMap): ValueText {
  return {
    key: (v, max) => bounded(capturedValueText(c.type.key, v), max),
    elem: (v, max) => bounded(capturedValueText(c.type.elem, v), max),
  };
}

/** `captured from prog · goroutine 1 · main.main · main.go:120 · go1.26.8 · Swiss tables`. */
export function capturedLabel(c: CapturedMap, program?: string): string {
  const w = c.where;
  const file = w.file ? `${w.file.split(/[\\/]/).pop()}${w.line !== null ? `:${w.line}` : ''}` : undefined;
  const kind = c.runtime === 'classic' ? 'classic hmap' : `Swiss tables${c.type.layout === 'split' ? ', split groups' : ''}`;
  return ['captured', program && `from ${program}`, w.goroutine !== null ? `goroutine ${w.goroutine}` : undefined, w.function ?? undefined, file, c.goversion, kind]
    .filter((x) => x).join(' · ').replace('captured · from', 'captured from');
}

export class CapturedModel implements MapModel {
  readonly runtime: RuntimeView;
  private readonly text: ValueText;
  private statsMemo?: ModelStats;

  constructor(readonly capture: CapturedMap, o: CapturedOptions = {}) {
    this.runtime = { kind: capture.runtime, label: capturedLabel(capture, o.program) };
    this.text = capturedText(capture);
  }

  get count(): number {
    return this.capture.runtime === 'classic' ? this.capture.count : this.capture.used;
  }

  get rowCount(): number {
    const c = this.capture;
    return c.runtime === 'classic' ? (c.buckets?.length ?? 0) + (c.oldbuckets?.length ?? 0) : c.group ? 1 : c.tables.reduce((n, t) => n + t.groups.length, 0);
  }

  // ---- operations: refused, the process owns the map ----

  insert(): boolean {
    throw new OpRefused(readOnlyMessage);
  }

  delete(): boolean {
    throw new OpRefused(readOnlyMessage);
  }

  lookup(): LookupView {
    throw new OpRefused(readOnlyMessage);
  }

  growing(): boolean {
    return this.capture.runtime === 'classic' && this.capture.growing;
  }

  stepGrowth(): boolean {
    throw new OpRefused(readOnlyMessage);
  }

  finishGrowth(): number {
    throw new OpRefused(readOnlyMessage);
  }

  iterate(): IterationView {
    throw new OpRefused(readOnlyMessage);
  }

  clear(): void {
    throw new OpRefused(readOnlyMessage);
  }

  /** Every live entry, in memory order (while a classic map grows, old buckets not evacuated first). */
  forEachEntry(f: (key: unknown, elem: unknown) => void): void {
    const c = this.capture;
    if (c.runtime === 'classic') {
      const visit = (chain: DumpBmap[]) => { for (const b of chain) b.tophash.forEach((t, i) => { if (t >= minTopHash) f(b.keys[i], b.elems[i]); }); };
      (c.oldbuckets ?? []).forEach((chain, i) => { if (i >= c.nevacuate) visit(chain); });
      (c.buckets ?? []).forEach(visit);
    } else {
      for (const g of swissGroups(c)) g.ctrl.forEach((x, i) => { if ((x & ctrlEmpty) === 0) f(g.keys[i], g.elems[i]); });
    }
  }

  forEachKey(f: (key: unknown) => void): void {
    this.forEachEntry((k) => f(k));
  }

  // ---- views ----

  header(stats?: ModelStats): FieldView[] {
    const c = this.capture;
    const fields = c.runtime === 'classic' ? classicHeader(classicHeaderSource(c), stats) : swissHeader(swissHeaderSource(c), stats);
    fields.push({ name: 'address', value: c.address, explain: `the map header's address in the process (*(*uintptr)(uintptr(&${c.expr})))` });
    return fields;
  }

  about(): FieldView[] {
    const c = this.capture;
    const w = c.where;
    return [
      { name: 'captured', value: `${c.expr} · ${c.mapType}`, explain: 'read from the paused process through the debug adapter; nothing here is simulated' },
      { name: 'where', value: `${w.function ?? '?'} at ${w.file ?? '?'}${w.line !== null ? `:${w.line}` : ''}${w.goroutine !== null ? `, goroutine ${w.goroutine}` : ''}`, explain: 'the frame the expression was evaluated in' },
      { name: 'Go', value: c.goversion, explain: 'runtime.buildVersion of the debuggee' },
      { name: 'read', value: `${plural(c.stats.requests, 'request')} in ${c.stats.ms} ms`, explain: 'DAP requests the capture sent' },
    ];
  }

  summary(stats?: ModelStats): string {
    const c = this.capture;
    if (c.runtime === 'classic') {
      return `captured · count ${c.count} · B ${c.B} · buckets ${c.buckets?.length ?? 0} · overflow buckets ${stats ? stats.extra.overflowBuckets : '…'} · ${this.growthText()}`;
    }
    return `captured · swiss · ${c.goversion} · used ${c.used} · tables ${c.tables.length} · capacity ${c.group ? slotsPerGroup : c.tables.reduce((n, t) => n + t.capacity, 0)}`;
  }

  growthText(): string {
    const c = this.capture;
    if (c.runtime === 'swiss') return 'Swiss tables grow inside the insert that needs it: nothing is pending';
    return c.growing ? `growing (${c.sameSizeGrow ? 'same size' : 'doubling'}, nevacuate ${c.nevacuate}/${c.oldbuckets?.length ?? 0})` : 'not growing';
  }

  note(): string | undefined {
    const c = this.capture;
    if (c.runtime === 'classic' ? c.buckets === null : c.group === null && c.dirLen === 0) return `${c.expr} has no ${c.runtime === 'classic' ? 'bucket' : 'group'} yet: the header alone (a map made without a hint allocates on the first insert).`;
    if (this.count === 0) return `${c.expr} holds no entries; its memory stays allocated until the map is dropped.`;
    return undefined;
  }

  memory(stats: ModelStats): MemoryView {
    const c = this.capture;
    return c.runtime === 'classic' ? classicCapturedMemory(c, stats) : swissCapturedMemory(c, stats);
  }

  layout(): LayoutView {
    const c = this.capture;
    return c.runtime === 'classic' ? classicCapturedLayout(c) : swissCapturedLayout(c);
  }

  arrays(): ArrayView[] {
    const c = this.capture;
    if (c.runtime === 'classic') {
      const out: ArrayView[] = [];
      const nb = c.buckets?.length ?? 0;
      if (c.oldbuckets) out.push({ id: 'oldbuckets', title: `old buckets (${c.oldbuckets.length})`, rowName: 'old bucket', rows: c.oldbuckets.length, column: 0 });
      out.push({ id: 'buckets', title: c.oldbuckets ? `new buckets (${nb})` : `buckets (${nb})`, rowName: 'bucket', rows: nb, column: 1 });
      return out;
    }
    if (c.dirLen === 0) return c.group ? [{ id: 'group', title: 'small map: one group (no table, no directory)', rowName: 'group', rows: 1, column: 0 }] : [];
    return this.tables()!.arrays;
  }

  /** A Swiss capture's tables: their arrays and directory strip (undefined for a small map or a classic one). */
  tables(): TablesView | undefined {
    const c = this.capture;
    return c.runtime === 'swiss' ? tablesView(c.globalDepth, c.dirLen, capturedTableFacts(c)) : undefined;
  }

  rows(array: string, start: number, end: number): RowView[] {
    const c = this.capture;
    const out: RowView[] = [];
    if (c.runtime === 'classic') {
      const chains = array === 'buckets' ? c.buckets : array === 'oldbuckets' ? c.oldbuckets : null;
      for (let i = Math.max(0, start); chains && i < Math.min(chains.length, end); i++) out.push(this.classicRow(c, array, chains[i], i));
    } else {
      const groups = this.swissArray(array);
      for (let i = Math.max(0, start); groups && i < Math.min(groups.length, end); i++) {
        const g = groups[i];
        out.push({ index: i, groups: [{ slots: g.ctrl.map((x, s) => slotView(ctrlState(x), x, this.text, g.keys[s], g.elems[s])) }] });
      }
    }
    return out;
  }

  private classicRow(c: CapturedClassic, array: string, chain: DumpBmap[], i: number): RowView {
    const groups: GroupView[] = chain.map((b) => ({ slots: b.tophash.map((t, s) => slotView(tophashState(t), t, this.text, b.keys[s], b.elems[s])) }));
    const row: RowView = { index: i, groups };
    if (array === 'oldbuckets') {
      const nOld = c.oldbuckets?.length ?? 0;
      const links: NonNullable<RowView['links']> = [];
      chain.forEach((b, gi) => b.tophash.forEach((t, si) => {
        if (t === evacuatedX || t === evacuatedY) links.push({ kind: t === evacuatedX ? 'evacuatedX' : 'evacuatedY', group: gi, slot: si, toArray: 'buckets', toRow: t === evacuatedX || c.sameSizeGrow ? i : i + nOld });
      }));
      if (links.length) row.links = links;
    }
    return row;
  }

  private swissArray(array: string): SwissDumpGroup[] | undefined {
    const c = this.capture as CapturedSwiss;
    if (array === 'group') return c.group ? [c.group] : undefined;
    const m = /^table-(\d+)$/.exec(array);
    return m ? c.tables[Number(m[1])]?.groups : undefined;
  }

  slotDetail(ref: SlotRef): SlotDetailView | undefined {
    const c = this.capture;
    if (ref.slot < 0 || ref.slot >= slotsPerGroup) return undefined;
    if (c.runtime === 'classic') {
      const chains = ref.array === 'buckets' ? c.buckets : ref.array === 'oldbuckets' ? c.oldbuckets : null;
      const b = chains?.[ref.row]?.[ref.group];
      if (!b) return undefined;
      const t = b.tophash[ref.slot];
      return slotDetailView(ref, tophashState(t), t, tophashExplained(t), c.type, this.text, b.keys[ref.slot], b.elems[ref.slot]);
    }
    const g = ref.group === 0 ? this.swissArray(ref.array)?.[ref.row] : undefined;
    if (!g) return undefined;
    const x = g.ctrl[ref.slot];
    return slotDetailView(ref, ctrlState(x), x, ctrlExplained(x), c.type, this.text, g.keys[ref.slot], g.elems[ref.slot]);
  }

  *walkStats(): Generator<void, ModelStats, void> {
    if (this.statsMemo) return this.statsMemo;
    const c = this.capture;
    if (c.runtime === 'classic') return (this.statsMemo = classicCapturedStats(c));
    const arrays = c.group ? [{ id: 'group', ctrl: c.group.ctrl }] : c.tables.map((t, i) => ({ id: `table-${i}`, ctrl: t.groups.flatMap((g) => g.ctrl) }));
    return (this.statsMemo = yield* swissGroupsWalk(arrays));
  }

  /** The capture itself, as the oracles' snapshot form plus where it came from. */
  snapshot(): unknown {
    return this.capture;
  }

  /** What the runtime guarantees of every map, checked on what was read. */
  checkInvariants(): void {
    const c = this.capture;
    let live = 0;
    this.forEachKey(() => live++);
    if (live !== this.count) throw new Error(`captured ${c.expr}: ${live} live slots but the header says ${this.count}`);
    if (c.runtime === 'classic') {
      for (const chain of c.buckets ?? []) {
        // emptyRest: every later slot of the chain is empty too.
        const tops = chain.flatMap((b) => b.tophash);
        const rest = tops.indexOf(emptyRest);
        if (rest >= 0 && tops.slice(rest).some((t) => t !== emptyRest && t >= minTopHash)) throw new Error(`captured ${c.expr}: a full slot after emptyRest`);
      }
    } else {
      for (const t of c.tables) {
        const used = t.groups.reduce((n, g) => n + g.ctrl.filter((x) => (x & ctrlEmpty) === 0).length, 0);
        if (used !== t.used) throw new Error(`captured ${c.expr}: table ${t.index} has ${used} full slots, its used field says ${t.used}`);
      }
    }
  }
}

/** A captured map's tables in directory order, as the views describe them (tombstones counted from the control bytes). */
export function capturedTableFacts(c: CapturedSwiss): TableFacts[] {
  return c.tables.map((t) => ({ index: t.index, localDepth: t.localDepth, capacity: t.capacity, used: t.used, growthLeft: t.growthLeft, tombstones: tombstones(t.groups) }));
}

/** The groups of a Swiss capture: the small map's one, or every table's. */
function swissGroups(c: CapturedSwiss): SwissDumpGroup[] {
  return c.group ? [c.group] : c.tables.flatMap((t) => t.groups);
}

function tombstones(groups: SwissDumpGroup[]): number {
  return groups.reduce((n, g) => n + g.ctrl.filter((x) => x === ctrlDeleted).length, 0);
}
