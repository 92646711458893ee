/**
 * A captured map the user is looking at, across the stops of one debug session: what the panel
 * reads of a `MapSession` (`mapView`, `rows`, `slotDetail`, the counts, the export) over a
 * read-only `CapturedModel`, and `refresh` with the map captured at the next stop, which says what
 * changed since the last capture (`diffCaptures`: entries added, removed and updated; B, nevacuate,
 * overflow buckets and emptyOne slots; tables, capacity, tombstones and growthLeft) as the outcome
 * the panel shows after an operation. No `vscode` import: the extension's glue captures, this
 * holds and describes.
 *
 * It also holds where the debug session stands (`CapturedState`): the capture shows this stop, the
 * program stopped again (Refresh is offered), it runs, or the process is gone. The panel reads it
 * as `MapView.captured`, with the sentence `statusText` writes.
 */
import { CaptureDiff, diffCaptures } from '../capture/diff';
import type { CapturedMap, CapturedSwiss } from '../capture/types';
import { plural } from '../hover/format';
import { CapturedModel, capturedTableFacts, capturedText, readOnlyMessage } from './captured';
import { ModelStats } from './model';
import { directoryView } from './swissDirectory';
import { withWireForm } from './swissTables';
import { CapturedState, CapturedStatusView, DirectoryView, MapView, OutcomeView, RowView, SlotDetailView, SlotRef, TypeView, firstRows, maxRowsPerRequest, maxSlotText } from './view';
import { ViewedSession } from './viewed';

/** Entries named in a diff's sentence before `…`. */
const maxNamed = 5;

/** What changed between two captures, in one sentence per kind of change. */
export function diffLines(d: CaptureDiff, before: CapturedMap): string[] {
  const text = capturedText(before);
  const key = (k: unknown) => text.key(k, 40).text;
  const elem = (e: unknown) => text.elem(e, 40).text;
  const list = <T>(xs: T[], f: (x: T) => string) => xs.slice(0, maxNamed).map(f).join(', ') + (xs.length > maxNamed ? ', …' : '');
  const lines: string[] = [];
  if (!d.sameMap) lines.push('the variable now holds another map (a new header address)');
  if (d.added.length) lines.push(`${plural(d.added.length, 'entry', 'entries')} added: ${list(d.added, (e) => `${key(e.key)}: ${elem(e.elem)}`)}`);
  if (d.removed.length) lines.push(`${plural(d.removed.length, 'entry', 'entries')} removed: ${list(d.removed, (e) => key(e.key))}`);
  if (d.changed.length) lines.push(`${plural(d.changed.length, 'entry', 'entries')} updated: ${list(d.changed, (c) => `${key(c.key)}: ${elem(c.before)} → ${elem(c.after)}`)}`);
  for (const c of d.changes) lines.push(`${c.what} ${c.before} → ${c.after}`);
  if (lines.length === 0) lines.push('nothing changed');
  return lines;
}

/**
 * A captured Swiss map's directory as the panel's strip and the tree draw it (`DirectoryView`, as
 * `swissDirectory` makes it of a simulated map): the capture lists each table once in directory
 * order (the `table-<i>` arrays), and a table of local depth d spans 2^(globalDepth - d) entries
 * from its `index`. Tombstones are counted from the control bytes. A small map has none.
 */
export function capturedDirectory(c: CapturedSwiss): DirectoryView | undefined {
  return directoryView(c.globalDepth, c.dirLen, capturedTableFacts(c));
}

/** `main.go:12`, the file's base name and line of where a capture was read. */
export function capturedAt(c: CapturedMap): string {
  return `${c.where.file?.split(/[\\/]/).pop() ?? '?'}:${c.where.line ?? '?'}`;
}

/** The panel's sentence for a captured map whose debug session is in `state`. */
export function statusText(c: CapturedMap, state: CapturedState, stoppedAt?: string): string {
  const at = capturedAt(c);
  switch (state) {
    case 'current':
      return `read-only: ${c.expr} as the process holds it at ${at}, this stop`;
    case 'stale':
      return `the program stopped again${stoppedAt ? ` at ${stoppedAt}` : ''}: Refresh reads ${c.expr} there and says what changed since ${at}`;
    case 'running':
      return `the program is running: this is ${c.expr} as it was at ${at}; Refresh once it stops again`;
    case 'ended':
      return `the debug session ended and the process is gone: this is ${c.expr} as it was at ${at}`;
    default: {
      const never: never = state;
      return never;
    }
  }
}

export class CapturedSession implements ViewedSession {
  model: CapturedModel;
  /** Where the debug session stands (the panel offers Refresh when it is `stale`). */
  debugState: CapturedState = 'current';
  /** Where the program stopped again, when known (`main.go:30`). */
  stoppedAt?: string;
  /** What the last refresh found (the panel shows it as an operation's outcome). */
  lastOutcome?: OutcomeView;
  lastDiff?: CaptureDiff;
  private revisionCounter = 0;
  private statsMemo?: { revision: number; stats: ModelStats };

  constructor(readonly id: string, capture: CapturedMap, private readonly program?: string) {
    this.model = new CapturedModel(capture, { program });
  }

  get capture(): CapturedMap {
    return this.model.capture;
  }

  get revision(): number {
    return this.revisionCounter;
  }

  /** `map[int64]int64`, as Delve names the type. */
  get title(): string {
    return this.capture.mapType;
  }

  get displayTitle(): string {
    return `${this.capture.expr} · ${this.title} · captured`;
  }

  /**
   * The debug session moved on: stopped again (`stale`, optionally where), running, or ended. An
   * ended session stays ended. Whether the state changed (the panel is then told).
   */
  setDebugState(state: CapturedState, stoppedAt?: string): boolean {
    if (this.debugState === 'ended' || (this.debugState === state && this.stoppedAt === stoppedAt)) return false;
    this.debugState = state;
    this.stoppedAt = state === 'stale' ? stoppedAt : undefined;
    return true;
  }

  /** What the panel shows above the map: read-only, and where the debug session stands. */
  status(): CapturedStatusView {
    return { state: this.debugState, text: statusText(this.capture, this.debugState, this.stoppedAt), readOnly: readOnlyMessage };
  }

  /** The map captured at a later stop: shown from now on, and what changed is the outcome. */
  refresh(next: CapturedMap): CaptureDiff {
    const before = this.capture;
    const diff = diffCaptures(before, next);
    this.model = new CapturedModel(next, { program: this.program });
    this.lastDiff = diff;
    this.lastOutcome = { kind: 'info', text: `since the last capture: ${diffLines(diff, before).join('; ')}` };
    this.revisionCounter++;
    this.setDebugState('current');
    return diff;
  }

  stats(): ModelStats {
    if (this.statsMemo?.revision !== this.revision) {
      const w = this.model.walkStats();
      let r = w.next();
      while (!r.done) r = w.next();
      this.statsMemo = { revision: this.revision, stats: r.value };
    }
    return this.statsMemo.stats;
  }

  statsReady(): boolean {
    return this.statsMemo?.revision === this.revision;
  }

  async computeStats(): Promise<boolean> {
    this.stats();
    return true;
  }

  isBig(): boolean {
    return false;
  }

  mapView(): MapView {
    const m = this.model;
    const c = this.capture;
    const stats = this.stats();
    const t = c.type;
    const type: TypeView = c.runtime === 'classic'
      ? { key: t.key, elem: t.elem, goarch: t.ptrSize === 8 ? 'amd64' : '386', ptrSize: t.ptrSize, groupBytes: c.type.bucketsize, keySlotBytes: c.type.indirectkey ? t.ptrSize : t.keysize, elemSlotBytes: c.type.indirectelem ? t.ptrSize : t.elemsize, indirectKey: t.indirectkey, indirectElem: t.indirectelem }
      : { key: t.key, elem: t.elem, goarch: t.ptrSize === 8 ? 'amd64' : '386', ptrSize: t.ptrSize, groupBytes: c.type.groupsize, keySlotBytes: c.type.keyStride, elemSlotBytes: c.type.elemStride, indirectKey: t.indirectkey, indirectElem: t.indirectelem };
    const tables = m.tables();
    const view: MapView = {
      revision: this.revision,
      title: this.title,
      subtitle: `${c.expr} · captured at ${capturedAt(c)}`,
      runtime: m.runtime,
      summary: m.summary(stats),
      count: m.count,
      type,
      header: m.header(stats),
      about: m.about(),
      memory: m.memory(stats),
      layout: m.layout(),
      arrays: tables?.arrays ?? m.arrays(),
      overview: stats.overview,
      history: { position: 0, length: 0 },
      growth: { growing: m.growing(), text: m.growthText() },
      captured: this.status(),
    };
    if (tables) view.directory = tables.directory;
    view.firstRows = firstRows(view.arrays, (a, start, end) => this.rows(a, start, end));
    const note = m.note();
    if (note) view.note = note;
    return withWireForm(view, tables);
  }

  rows(array: string, start: number, end: number): RowView[] {
    return this.model.rows(array, start, Math.min(end, start + maxRowsPerRequest));
  }

  slotDetail(ref: SlotRef): SlotDetailView | undefined {
    return this.model.slotDetail(ref);
  }

  snapshot(): unknown {
    return this.model.snapshot();
  }

  keyText(v: unknown): string {
    return capturedText(this.capture).key(v, maxSlotText).text;
  }
}
