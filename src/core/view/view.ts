/**
 * ONE view of a map, whatever runtime built it: the plain-JSON shape that the panel, the tree, the
 * exports and the CLI read. A model of a runtime (`MapModel` in `model.ts`) produces it; nothing
 * that reads it knows which runtime it came from except through the words it carries.
 *
 * The conventions, settled here so the Swiss-table views inherit them:
 * - **Header fields** are the runtime's struct fields with the runtime's names (`count`, `B`,
 *   `hash0` of `hmap`; `used`, `dirLen`, `globalDepth` of the Swiss `Map`), each with its value as
 *   text and a one-line explanation in the runtime's words.
 * - **Memory lines** are named as `go tool pprof` names what it measures: the map's in-use heap
 *   (`inuse_space`, everything allocated and still reachable from the map, each object rounded to
 *   its size class) and objects (`inuse_objects`), then the pieces, with "occupied buckets" (or
 *   groups) as its own line: the part of the heap that holds entries.
 * - **Arrays of groups**: the map's memory as arrays of rows. A row is what one index of the array
 *   leads to: a classic bucket and its overflow chain, or one Swiss group. Every group has 8 slots;
 *   a slot has a state, its control byte (classic: tophash; Swiss: ctrl), and, when it holds an
 *   entry, its key and elem as Go source writes them (`Profile{Admin: true}`, `[]byte{1, 2}`).
 *   Arrays that are read side by side (old buckets beside new ones while growing; the tables of a
 *   directory) carry a column number; row i of every column is drawn on one line.
 * - **Links** are drawn between slots and rows: an overflow link is implied by a row's group
 *   order; an evacuation arrow (old slot to its X or Y bucket) or a directory entry is a `LinkView`.
 * - **Paths** (a lookup, a probe sequence) are steps of text, each naming the row, group and slot it
 *   looked at and what it found there, so the panel can both list and highlight them.
 */

/** The runtimes a model can simulate. */
export type RuntimeKind = 'classic' | 'swiss';

export interface RuntimeView {
  kind: RuntimeKind;
  /** What the panel writes: `classic hmap (Go 1.19–1.23 runtime/map.go)`. */
  label: string;
  /** Why this runtime: `go.mod: go 1.22` or `setting goMapInspector.runtime`. */
  why?: string;
}

/** A header field: the runtime's name, the value as text, and what it means. */
export interface FieldView {
  name: string;
  value: string;
  explain: string;
}

/** One line of the memory card. `bytes` is exact; `objects` when it counts heap objects. */
export interface MemoryLine {
  name: string;
  bytes: number;
  objects?: number;
  explain: string;
  /** `total` lines are the pprof figures; `part` lines add up to the in-use total; `note` lines
   * (occupied buckets, a rebuild) are views on the same bytes. */
  kind: 'total' | 'part' | 'note';
}

export interface MemoryView {
  /** `inuse_space` of the map: every byte it holds, each object rounded to its size class. */
  inUseBytes: number;
  /** `inuse_objects`. */
  inUseObjects: number;
  lines: MemoryLine[];
}

/** A byte ruler: a region of a bucket or group type, with its offset and what is in it. */
export interface SegmentView {
  kind: 'ctrl' | 'keys' | 'elems' | 'overflow' | 'pad' | 'slot' | 'pair';
  bytes: number;
  label: string;
}

export interface RulerView {
  /** `bmap: 208 bytes (0 padding)`. */
  label: string;
  bytes: number;
  segments: SegmentView[];
}

/** The layout card: the map type's memory layout with its padding, in the runtime's words. */
export interface LayoutView {
  /** `bucket layout`, `group layout`. */
  title: string;
  rulers: RulerView[];
  /** Sentences about the layout: padding inside the key and elem types, indirect storage, GC. */
  notes: string[];
}

/**
 * The states a slot can be in. Classic (tophash): `full` (a stored top hash), `emptyRest`,
 * `emptyOne`, `evacuatedX`, `evacuatedY`, `evacuatedEmpty`. Swiss (ctrl): `full` (h2), `empty`,
 * `deleted` (a tombstone).
 */
export type SlotState = 'full' | 'emptyRest' | 'emptyOne' | 'evacuatedX' | 'evacuatedY' | 'evacuatedEmpty' | 'empty' | 'deleted';

export const slotStates: readonly SlotState[] = ['full', 'emptyRest', 'emptyOne', 'evacuatedX', 'evacuatedY', 'evacuatedEmpty', 'empty', 'deleted'];

export interface SlotView {
  state: SlotState;
  /** The control byte: the classic tophash byte or the Swiss ctrl byte (0..255). */
  byte: number;
  /** Key and elem in Go syntax, when the slot holds an entry; cut at `maxSlotText` characters. */
  key?: string;
  elem?: string;
  /** The key or elem text was cut (ends with `…`): the full text is one `slotDetail` away. */
  cut?: boolean;
}

/** 8 slots: a classic bmap or a Swiss group. */
export interface GroupView {
  slots: SlotView[];
  /** A classic overflow bucket allocated on its own (not preallocated in the bucket array). */
  separate?: boolean;
}

/** An arrow from a slot of this row to a row of another array. */
export interface LinkView {
  /** Classic evacuation to X or Y; a Swiss slot moved by a rehash, or by a split to its left or right half. */
  kind: 'evacuatedX' | 'evacuatedY' | 'rehash' | 'splitLeft' | 'splitRight';
  group: number;
  slot: number;
  toArray: string;
  toRow: number;
}

/** What one index of an array leads to: a bucket and its overflow chain, or a Swiss group. */
export interface RowView {
  index: number;
  groups: GroupView[];
  links?: LinkView[];
}

/** An array of rows: `buckets`, `oldbuckets`, a Swiss table's groups, the small map's group. */
export interface ArrayView {
  id: string;
  /** `buckets`, `old buckets (growing)`. */
  title: string;
  /** How a row is named: `bucket`, `old bucket`, `group`. */
  rowName: string;
  rows: number;
  /** Arrays with the same column are stacked; row i of every column shares a line. */
  column: number;
}

/** A slot's place in the map. */
export interface SlotRef {
  array: string;
  row: number;
  group: number;
  slot: number;
}

/** The full text of one slot, for the detail strip. */
export interface SlotDetailView {
  ref: SlotRef;
  state: SlotState;
  stateText: string;
  byte: number;
  key?: string;
  elem?: string;
  /** The key and elem types, as the detail strip labels them. */
  keyType: string;
  elemType: string;
}

/**
 * The overview strip: every row of one array, downsampled to at most `maxOverviewBins` bins.
 * Bin i covers rows [i*perBin, (i+1)*perBin).
 */
export interface OverviewView {
  array: string;
  rows: number;
  perBin: number;
  /** Longest chain (1 = no overflow) in each bin; 0 where no row of the bin was ever written. */
  maxChain: number[];
  /** Entries in the bin per 255 of its first-group capacity (0..255). */
  fill: number[];
}

export interface HistoryView {
  /** Operations applied (the undo position). */
  position: number;
  /** Operations recorded (position < length means redo is possible). */
  length: number;
  /** Label of the last applied operation. */
  last?: string;
}

/** The map type as the layout card and the exports show it. */
export interface TypeView {
  key: string;
  elem: string;
  goarch: string;
  ptrSize: number;
  /** Bytes of one classic bucket or one Swiss group. */
  groupBytes: number;
  keySlotBytes: number;
  elemSlotBytes: number;
  indirectKey: boolean;
  indirectElem: boolean;
}

/**
 * A Swiss map's directory: `dirLen` entries, each pointing at a table; a table of local depth d
 * spans a run of 2^(globalDepth - d) consecutive entries. One run per distinct table, in
 * directory order (the order of the `table-<i>` arrays).
 */
export interface DirectoryView {
  globalDepth: number;
  entries: number;
  runs: { array: string; start: number; length: number; localDepth: number; used: number; capacity: number; tombstones: number }[];
  /** Tables left out before and after `runs` (a window of a large directory). */
  elided?: { before: number; after: number };
}

/**
 * The growth inside the last operation (a Swiss rehash, split or growToTable), step by step:
 * step 0 is the map now; at step 1 the arrays are the old table beside the new one(s) with an
 * arrow from each old slot to where its key went; at step 2 the insert has landed (`mark`).
 */
export interface GrowthStepsView {
  step: number;
  steps: number;
  /** The event in one sentence. */
  event: string;
  /** What this step shows (step 0: how to see the steps). */
  title: string;
  text: string;
  /** A split: the directory before and after (a window around the split table when large). */
  directoryBefore?: DirectoryView;
  directoryAfter?: DirectoryView;
  /** The slot the insert wrote (step 2). */
  mark?: SlotRef;
}

/** Rows [start, start + rows.length) of one array. */
export interface RowsView {
  array: string;
  start: number;
  rows: RowView[];
}

/**
 * Arrays drawn stacked in one column, each a heading line and then its rows (a Swiss map's
 * tables), rather than side by side, row i of each on one line.
 */
export function stacked(arrays: readonly ArrayView[]): boolean {
  return arrays.length > 1 && arrays.every((a) => a.column === arrays[0].column);
}

/** Everything the panel shows but the rows' contents (those come per range, `RowView`), except the
 * rows of its first lines. */
export interface MapView {
  /** Changes on every operation; row replies carry it so stale ones are dropped. */
  revision: number;
  /** `map[UserID]Profile`. */
  title: string;
  /** Where the map came from and on what: `users.go:12 · amd64`. */
  subtitle: string;
  runtime: RuntimeView;
  /** One line that states the map's shape (`count 12 · B 1 · buckets 2 · ...`). */
  summary: string;
  /** Live entries (`count`, `used`). */
  count: number;
  type: TypeView;
  header: FieldView[];
  /** Lines about the simulation rather than the runtime's fields: the hash function, the seed. */
  about: FieldView[];
  /** Absent while `pending`. */
  memory?: MemoryView;
  layout: LayoutView;
  arrays: ArrayView[];
  /** A Swiss map with a directory (absent for a small map and for classic maps). */
  directory?: DirectoryView;
  /** The last operation grew the map (Swiss): its steps, and which one the arrays show. */
  growthSteps?: GrowthStepsView;
  overview: OverviewView[];
  history: HistoryView;
  /** Whether a growth is in progress that `stepGrowth` can advance, and what it is. */
  growth: { growing: boolean; text: string };
  /** A sentence for a map that shows no rows or no entries (`make(map[K]V)` before the first insert). */
  note?: string;
  /** The counts that need a walk over every row (memory, overview) are still being computed; a full
   * view of the same revision follows. */
  pending?: boolean;
  /** Present for a map read out of a paused process (`capturedSession.ts`): it is read-only. */
  captured?: CapturedStatusView;
  /** The rows of the first `firstLines` lines (the top of the list, where a panel opens), so its
   * first frame does not wait for a request. */
  firstRows?: RowsView[];
}

/** The lines at the top of the list whose rows come with the map view (a tall panel shows ~20). */
export const firstLines = 24;

/** The rows of the list's first `lines` lines: row 0 on of arrays side by side, or of stacked
 * arrays down from the first (a heading line each). */
export function firstRows(arrays: readonly ArrayView[], rows: (array: string, start: number, end: number) => RowView[], lines = firstLines): RowsView[] {
  const out: RowsView[] = [];
  if (!stacked(arrays)) {
    for (const a of arrays) if (a.rows > 0) out.push({ array: a.id, start: 0, rows: rows(a.id, 0, Math.min(a.rows, lines)) });
    return out;
  }
  let left = lines;
  for (const a of arrays) {
    left--; // its heading
    if (left <= 0) break;
    const n = Math.min(a.rows, left);
    if (n > 0) out.push({ array: a.id, start: 0, rows: rows(a.id, 0, n) });
    left -= n;
  }
  return out;
}

/**
 * Where the debug session of a captured map stands: the capture shows this stop (`current`), the
 * program stopped again since (`stale`: Refresh reads the map there), it runs (`running`), or the
 * process is gone (`ended`).
 */
export type CapturedState = 'current' | 'stale' | 'running' | 'ended';
export const capturedStates: readonly CapturedState[] = ['current', 'stale', 'running', 'ended'];

export interface CapturedStatusView {
  state: CapturedState;
  /** One sentence: what the capture shows and what Refresh would do. */
  text: string;
  /** Why the operations are refused (`readOnlyMessage`). */
  readOnly: string;
}

/** The bits of a hash, as a lookup uses them: which bits pick the bucket and which the tophash. */
export interface HashBitsView {
  /** `0x…`, 16 hex digits (8 on 32-bit targets). */
  hex: string;
  /** 64 or 32. */
  width: number;
  /** The bits, most significant first: `0`, `1`, or `·` for a bit the simulation does not keep. */
  binary: string;
  /** Bit ranges to highlight, `from` and `to` counted from bit 0 (the least significant), inclusive. */
  parts: { name: string; from: number; to: number; value: string; explain: string }[];
}

/** One step of a lookup or probe path. */
export interface PathStepView {
  text: string;
  /** The slot or row the step looked at (group/slot absent when the step is about a whole row). */
  at?: { array: string; row: number; group?: number; slot?: number };
  /** How the panel marks what the step looked at. */
  mark?: 'visited' | 'found' | 'stop';
}

export interface LookupView {
  key: string;
  found: boolean;
  elem?: string;
  hash?: HashBitsView;
  steps: PathStepView[];
  where?: SlotRef;
  /** One sentence: `m["a"] = 1, in bucket 3, slot 2` or `"b" is not in the map: …`. */
  message: string;
}

export interface IterationView {
  /** How this `range` started: `start bucket 3, offset 5`. */
  start: string;
  /** The first keys in `range` order (at most `maxIterationKeys`), as Go source writes them. */
  keys: string[];
  total: number;
}

/** What an operation did, said in the panel (a missing key deleted, a no-op growth step). */
export interface OutcomeView {
  text: string;
  kind: 'info' | 'warning';
}

export const maxIterationKeys = 1000;
/** The most rows one `rows` request may ask for. */
export const maxRowsPerRequest = 512;
export const maxOverviewBins = 2048;
/** Key and elem text in a row reply is cut at this many characters (the detail strip has it all). */
export const maxSlotText = 160;
/** The detail strip's text is cut here (a value of a million elements is not written out). */
export const maxDetailText = 64 * 1024;
