/**
 * `MapModel`: what a session (`session.ts`) and the operation interpreter (`ops.ts`) ask of a
 * simulated map, whatever its runtime. `ClassicModel` (`classic.ts`) implements it over the
 * classic `HMap`; the Swiss-table model gets its own adapter, and then every view (panel, tree,
 * exports, CLI) shows Swiss maps without change.
 *
 * What a Swiss adapter must provide (over `SwissMap` of `src/core/swiss`):
 * - `runtime`: `{ kind: 'swiss', label: 'Swiss tables (Go 1.24+ internal/runtime/maps)' }`.
 * - Operations: `insert`/`delete`/`clear` on the map; `lookup` as a probe path: the hash with its
 *   h1 (home group) and h2 (control byte) bits and the directory bits as `HashBitsView.parts`, then
 *   one `PathStepView` per group visited (triangular probing) and per h2 match tested, `mark`
 *   `found` where the key is, `stop` at the group with an empty slot; `growing()` false and
 *   `stepGrowth()` false (Swiss growth is not incremental: a rehash or split happens inside an
 *   insert; report it through `lastEvents()` as an `OutcomeView` instead); `iterate` with
 *   `start` naming `entryOffset` and `dirOffset`.
 * - `header()`: the `Map` fields `used`, `seed`, `dirLen`, `globalDepth`, `globalShift`,
 *   `tombstonePossible`, `clearSeq`, each with the runtime's meaning; `about()` the hash function.
 * - `arrays()`: the small map's group as one array of one row; else one array per table
 *   (`table 0 (local depth 1, capacity 1024)`), `rowName` `group`, one row per group, columns by
 *   directory order; a directory entry is drawn from `ArrayView.title`. `rows()`: each row one
 *   `GroupView` of 8 slots with states `full` (byte = h2), `empty` (`ctrlEmpty`), `deleted`
 *   (`ctrlDeleted`).
 * - `memory()`: `inuse_space`/`inuse_objects` from `swiss/memory.ts`, lines for the `Map`, the
 *   directory array, each table struct and group array, indirect keys and elems, "occupied groups",
 *   tombstones and what a rebuild would free.
 * - `layout()`: the group as a ruler (ctrl word, then 8 slots of key/elem with their padding) and,
 *   beside it, the classic separated bucket for the same types.
 * - `walkStats()`: one pass over every group for the overview (fill per bin; `maxChain` 1) and the
 *   state counts (full, empty, deleted).
 * - `snapshot()`: the Swiss dump format of `shared/oracle-swiss/FORMAT.md`.
 */
import type {
  ArrayView, FieldView, IterationView, LayoutView, LookupView, MemoryView, OutcomeView, OverviewView, RowView, RuntimeView,
  SlotDetailView, SlotRef, SlotState,
} from './view';

/** The counts that need a walk over every row, computed once per revision. */
export interface ModelStats {
  overview: OverviewView[];
  /** Slots in each state, over every group of every array. */
  states: Partial<Record<SlotState, number>>;
  /** Runtime-specific counts the model's own views read (classic: overflow buckets, bmaps in use). */
  extra: Record<string, number>;
}

export interface MapModel {
  readonly runtime: RuntimeView;
  /** Live entries (`len(m)`). */
  readonly count: number;
  /** Rows in all arrays: the views walk this many rows to count (large maps count off the first frame). */
  readonly rowCount: number;

  // ---- operations, as the runtime does them (a `GoPanic` where Go panics) ----
  /** `m[key] = elem`; whether the key was new. */
  insert(key: unknown, elem: unknown): boolean;
  /** `delete(m, key)`; whether the key was there. */
  delete(key: unknown): boolean;
  /** `v, ok := m[key]`, with the path the runtime took. */
  lookup(key: unknown): LookupView;
  /** Whether incremental work is pending that `stepGrowth` advances. */
  growing(): boolean;
  /** One unit of the pending work (classic: `growWork`); false when there is none. */
  stepGrowth(): boolean;
  /** Runs the pending work to its end; the number of steps. */
  finishGrowth(): number;
  /** One `range` over the map. */
  iterate(maxKeys: number): IterationView;
  /** `clear(m)`. */
  clear(): void;
  /** Calls `f` for every live key, in memory order (not `range` order, which draws randomness). */
  forEachKey(f: (key: unknown) => void): void;
  /** Structural events of the last operation, as sentences (a Swiss split, a same-size growth). */
  lastEvents?(): OutcomeView[];

  // ---- views ----
  header(stats?: ModelStats): FieldView[];
  /** Lines about the simulation rather than the runtime's fields: the hash function, the seed. */
  about(): FieldView[];
  summary(stats?: ModelStats): string;
  memory(stats: ModelStats): MemoryView;
  layout(): LayoutView;
  arrays(): ArrayView[];
  /** Rows [start, end) of one array. */
  rows(array: string, start: number, end: number): RowView[];
  /** One slot with its full key and elem text. */
  slotDetail(ref: SlotRef): SlotDetailView | undefined;
  /** `growing (doubling, 3 of 8 old buckets evacuated)`, or `not growing`. */
  growthText(): string;
  /** A sentence for a map without entries or rows. */
  note(): string | undefined;
  /** The walk for `ModelStats`, yielding every few thousand rows. */
  walkStats(): Generator<void, ModelStats, void>;
  /** The runtime's own dump of the map (the export). */
  snapshot(label: string): unknown;
  checkInvariants(): void;
  /** A copy of the whole state, for instant undo of the last operations (absent: undo replays). */
  saveState?(): unknown;
  restoreState?(state: unknown): void;
}

/** The names of the slot states, as the panel's legend and the tree write them. */
export const slotStateNames: Record<SlotState, string> = {
  full: 'full',
  emptyRest: 'emptyRest',
  emptyOne: 'emptyOne',
  evacuatedX: 'evacuatedX',
  evacuatedY: 'evacuatedY',
  evacuatedEmpty: 'evacuatedEmpty',
  empty: 'empty',
  deleted: 'deleted',
};
