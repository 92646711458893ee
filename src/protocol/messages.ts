/**
 * The one message contract between the extension and the panel's webview, imported by both sides.
 * Every message is a member of a discriminated union on `type`; what arrives is validated with
 * `parseToWebview` / `parseToExtension` before use (anything else is dropped and logged).
 *
 * The panel draws the runtime-neutral view of `src/core/view` (`MapView`, `RowView`): the extension
 * sends the header, memory and layout, a downsampled overview strip and the rows of the first lines
 * with the map, then the rows of the range the webview asks for; the full text of one slot and
 * pictures of the map go by request and reply (`requests.ts`).
 *
 * A map view crosses packed: the extension posts `mapMessage(view)` (`ToWebviewWire`: a Swiss
 * map's thousands of tables as a few arrays of numbers, `src/core/view/swissTables.ts`), and
 * `parseToWebview` validates it and unpacks it (checking the numbers), so both sides see the same
 * `MapView`.
 */
import type {
  IterationView, LookupView, MapView, OutcomeView, RowView, SlotDetailView, SlotRef,
} from '../core/view/view';
import { CapturedState, capturedStates, maxOverviewBins, maxRowsPerRequest, slotStates } from '../core/view/view';
import type { ComparisonView } from '../core/view/compare';
import { MapWire, unpackMapView, wireForm } from '../core/view/swissTables';
import { CommandId, isCommandId } from './commands';
import type { ReplyMessage } from './requests';

export type { ComparisonRow, ComparisonView } from '../core/view/compare';
export type {
  ArrayView, CapturedState, CapturedStatusView, DirectoryView, FieldView, GroupView, HashBitsView, IterationView, LayoutView, LinkView, LookupView, MapView, MemoryLine, MemoryView,
  OutcomeView, OverviewView, PathStepView, RowView, RowsView, RulerView, SegmentView, SlotDetailView, SlotRef, SlotState, SlotView,
} from '../core/view/view';
export { maxIterationKeys, maxOverviewBins, maxRowsPerRequest, stacked } from '../core/view/view';
export type { GrowthStepsView } from '../core/view/view';

/** A picture the host asks the webview for: an SVG the host made, rasterized to PNG. */
export interface PngRequest {
  svg: string;
  width: number;
  height: number;
}

/** Extension → webview. */
export type ToWebview =
  | { type: 'map'; map: MapView }
  | { type: 'noMap'; reason: string }
  | { type: 'rows'; revision: number; array: string; start: number; rows: RowView[] }
  | { type: 'lookup'; revision: number; lookup: LookupView }
  | { type: 'iteration'; revision: number; iteration: IterationView }
  | { type: 'outcome'; revision: number; outcome: OutcomeView }
  | { type: 'compare'; comparison: ComparisonView }
  | { type: 'reveal'; array: string; row: number; group?: number; slot?: number }
  | { type: 'png'; requestId: number; png: PngRequest }
  | ReplyMessage;

/** Extension → webview as posted: a map view in its wire form, which `parseToWebview` unpacks. */
export type ToWebviewWire = Exclude<ToWebview, { type: 'map' }> | { type: 'map'; map: MapWire };

/** The message that shows `view` in the panel, packed where its session made it packable. */
export function mapMessage(view: MapView): ToWebviewWire {
  return { type: 'map', map: wireForm(view) };
}

/** Webview → extension. */
export type ToExtension =
  | { type: 'ready' }
  | { type: 'viewport'; revision: number; array: string; start: number; end: number }
  | { type: 'run'; command: CommandId }
  | { type: 'selected'; array: string; row: number }
  | { type: 'rendered'; revision: number; ms: number }
  | { type: 'slotDetail'; requestId: number; ref: SlotRef }
  | ReplyMessage;

/** The detail strip's reply. */
export type SlotDetailReply = SlotDetailView | null;

// ---------------------------------------------------------------------------------------------
// Validation of what arrives. Small hand-written checks: the shapes are few and flat.

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isStr = (x: unknown): x is string => typeof x === 'string';
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const isArrayId = (x: unknown): x is string => isStr(x) && /^[a-z][a-z0-9:_-]{0,40}$/i.test(x);
const optNat = (x: unknown): boolean => x === undefined || isNat(x);
const optStr = (x: unknown): boolean => x === undefined || isStr(x);
const isStates = new Set<unknown>(slotStates);

function isSlot(x: unknown): boolean {
  return isObj(x) && isStates.has(x.state) && isNat(x.byte) && x.byte < 256 && optStr(x.key) && optStr(x.elem) && (x.cut === undefined || isBool(x.cut));
}

function isRow(x: unknown): x is RowView {
  return isObj(x) && isNat(x.index) && Array.isArray(x.groups)
    && x.groups.every((g) => isObj(g) && Array.isArray(g.slots) && g.slots.length === 8 && g.slots.every(isSlot) && (g.separate === undefined || isBool(g.separate)))
    && (x.links === undefined || (Array.isArray(x.links) && x.links.every((l) => isObj(l) && isStr(l.kind) && isNat(l.group) && isNat(l.slot) && isArrayId(l.toArray) && isNat(l.toRow))));
}

const isFields = (x: unknown): boolean => Array.isArray(x) && x.every((f) => isObj(f) && isStr(f.name) && isStr(f.value) && isStr(f.explain));

function isMapView(x: unknown): x is MapView {
  if (!isObj(x) || !isNat(x.revision) || !isStr(x.title) || !isStr(x.subtitle) || !isStr(x.summary) || !isNat(x.count)) return false;
  const { type, header, memory, overview, history, arrays, layout, runtime, growth, about } = x;
  return isObj(runtime) && isStr(runtime.kind) && isStr(runtime.label)
    && isObj(type) && isStr(type.key) && isStr(type.elem) && isNat(type.groupBytes)
    && isFields(header) && isFields(about)
    && (memory === undefined || (isObj(memory) && isNat(memory.inUseBytes) && Array.isArray(memory.lines) && memory.lines.every((l) => isObj(l) && isStr(l.name) && isNat(l.bytes) && isStr(l.explain))))
    && isObj(layout) && isStr(layout.title) && Array.isArray(layout.rulers) && Array.isArray(layout.notes)
    && Array.isArray(arrays) && arrays.every((a) => isObj(a) && isArrayId(a.id) && isStr(a.title) && isStr(a.rowName) && isNat(a.rows) && isNat(a.column))
    && Array.isArray(overview) && overview.every((o) => isObj(o) && isArrayId(o.array) && isNat(o.rows)
      && isNat(o.perBin) && Array.isArray(o.maxChain) && Array.isArray(o.fill) && o.maxChain.length <= maxOverviewBins)
    && isObj(history) && isNat(history.position) && isNat(history.length)
    && isObj(growth) && isBool(growth.growing) && isStr(growth.text)
    && optStr(x.note)
    && (x.directory === undefined || isDirectory(x.directory))
    && (x.firstRows === undefined || isFirstRows(x.firstRows))
    && (x.captured === undefined || (isObj(x.captured) && capturedStates.includes(x.captured.state as CapturedState) && isStr(x.captured.text) && isStr(x.captured.readOnly)));
}

/** The rows of the first lines: at most a request's worth, of arrays of the view. */
function isFirstRows(x: unknown): boolean {
  return Array.isArray(x) && x.every((r) => isObj(r) && isArrayId(r.array) && isNat(r.start) && Array.isArray(r.rows) && r.rows.every(isRow))
    && x.reduce((n: number, r: Obj) => n + (r.rows as unknown[]).length, 0) <= maxRowsPerRequest;
}

function isDirectory(x: unknown): boolean {
  return isObj(x) && isNat(x.globalDepth) && isNat(x.entries) && Array.isArray(x.runs)
    && x.runs.every((r) => isObj(r) && isArrayId(r.array) && isNat(r.start) && isNat(r.length) && isNat(r.localDepth) && isNat(r.used) && isNat(r.capacity) && isNat(r.tombstones));
}

/** A Swiss growth's step view: its step, texts, directories before/after and the landed slot. */
function isGrowthSteps(x: unknown): boolean {
  return isObj(x) && isNat(x.step) && isNat(x.steps) && x.step <= x.steps && isStr(x.event) && isStr(x.title) && isStr(x.text)
    && (x.directoryBefore === undefined || isDirectory(x.directoryBefore))
    && (x.directoryAfter === undefined || isDirectory(x.directoryAfter))
    && (x.mark === undefined || isSlotRef(x.mark));
}

function isComparison(x: unknown): x is ComparisonView {
  return isObj(x) && isStr(x.title) && isNat(x.ops) && Array.isArray(x.rows)
    && x.rows.every((r) => isObj(r) && isStr(r.name) && isStr(r.classic) && isStr(r.swiss) && isStr(r.explain));
}

function isLookup(x: unknown): x is LookupView {
  return isObj(x) && isStr(x.key) && isBool(x.found) && isStr(x.message) && Array.isArray(x.steps) && x.steps.every((s) => isObj(s) && isStr(s.text))
    && (x.hash === undefined || (isObj(x.hash) && isStr(x.hash.hex) && isStr(x.hash.binary) && Array.isArray(x.hash.parts)));
}

function isIteration(x: unknown): x is IterationView {
  return isObj(x) && isStr(x.start) && isNat(x.total) && Array.isArray(x.keys) && x.keys.every(isStr);
}

function isReply(m: Obj): boolean {
  return isNat(m.requestId) && isBool(m.ok) && optStr(m.error);
}

export function isSlotRef(x: unknown): x is SlotRef {
  return isObj(x) && isArrayId(x.array) && isNat(x.row) && isNat(x.group) && isNat(x.slot) && x.slot < 8;
}

/** The message if `x` is a well-formed `ToWebview`, else undefined. */
export function parseToWebview(x: unknown): ToWebview | undefined {
  if (!isObj(x)) return undefined;
  const m = x as ToWebview;
  switch (m.type) {
    case 'map': {
      // Packed tables are checked by the unpacking, which makes their arrays and runs itself.
      if (!isMapView(m.map) || (m.map.growthSteps !== undefined && !isGrowthSteps(m.map.growthSteps))) return undefined;
      const map = unpackMapView(m.map as MapWire);
      return map && { ...m, map };
    }
    case 'noMap': return isStr(m.reason) ? m : undefined;
    case 'rows': return isNat(m.revision) && isArrayId(m.array) && isNat(m.start) && Array.isArray(m.rows) && m.rows.every(isRow) ? m : undefined;
    case 'lookup': return isNat(m.revision) && isLookup(m.lookup) ? m : undefined;
    case 'iteration': return isNat(m.revision) && isIteration(m.iteration) ? m : undefined;
    case 'outcome': return isNat(m.revision) && isObj(m.outcome) && isStr(m.outcome.text) ? m : undefined;
    case 'compare': return isComparison(m.comparison) ? m : undefined;
    case 'reveal': return isArrayId(m.array) && isNat(m.row) && optNat(m.group) && optNat(m.slot) ? m : undefined;
    case 'png': return isNat(m.requestId) && isObj(m.png) && isStr(m.png.svg) && isNat(m.png.width) && isNat(m.png.height) ? m : undefined;
    case 'reply': return isReply(m as unknown as Obj) ? m : undefined;
    default: {
      const never: never = m;
      void never;
      return undefined;
    }
  }
}

/** The message if `x` is a well-formed `ToExtension`, else undefined. */
export function parseToExtension(x: unknown): ToExtension | undefined {
  if (!isObj(x)) return undefined;
  const m = x as ToExtension;
  switch (m.type) {
    case 'ready': return m;
    case 'viewport': return isNat(m.revision) && isArrayId(m.array) && isNat(m.start) && isNat(m.end) && m.end >= m.start ? m : undefined;
    case 'run': return isCommandId(m.command) ? m : undefined;
    case 'selected': return isArrayId(m.array) && isNat(m.row) ? m : undefined;
    case 'rendered': return isNat(m.revision) && typeof m.ms === 'number' && m.ms >= 0 ? m : undefined;
    case 'slotDetail': return isNat(m.requestId) && isSlotRef(m.ref) ? m : undefined;
    case 'reply': return isReply(m as unknown as Obj) ? m : undefined;
    default: {
      const never: never = m;
      void never;
      return undefined;
    }
  }
}

/** What the webview keeps with `setState` and the serializer restores. */
export interface PanelState {
  sessionId: string;
  scrollTop?: number;
  /** Slot width: compact (tophash and short text) or detailed (key and elem in full width). */
  zoom?: 'compact' | 'detailed';
  /** Cards the user folded. */
  folded?: string[];
}

export function parsePanelState(x: unknown): PanelState | undefined {
  if (!isObj(x) || !isStr(x.sessionId)) return undefined;
  if (x.scrollTop !== undefined && typeof x.scrollTop !== 'number') return undefined;
  if (x.zoom !== undefined && x.zoom !== 'compact' && x.zoom !== 'detailed') return undefined;
  if (x.folded !== undefined && !(Array.isArray(x.folded) && x.folded.every(isStr))) return undefined;
  return x as unknown as PanelState;
}
