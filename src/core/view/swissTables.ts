/**
 * A Swiss map's tables as the views name them, and as they cross to the panel's webview.
 *
 * A map with a directory has one array per distinct table (`table-0`, `table-1`, … in directory
 * order: table i is pointed at by the run of 2^(globalDepth - localDepth) directory entries that
 * follows table i-1's) and one directory run per table. Both are made here from the same few
 * numbers per table (`TableFacts`), for simulated and captured maps alike.
 *
 * A map of 10^6 entries has about 2,000 tables: written out, their titles and directory runs are
 * some 570 KiB of the panel's first message, and carrying that into the webview cost more than
 * drawing the first frame. So a map view crosses packed (`wireForm`, which is `packMapView` of the
 * tables `withWireForm` remembered for it): the numbers of every table, the ones that rarely change from table to
 * table (local depth, capacity, tombstones, growthLeft as its gap from capacity·7/8 − used −
 * tombstones) run-length coded, and the webview rebuilds the arrays
 * and runs with the same functions (`unpackMapView`). A view is packed only when its arrays and
 * directory are the ones `tablesView` made (not, say, while a growth step shows an old table beside
 * its new ones); anything else crosses as it is.
 */
import { maxAvgGroupLoad, slotsPerGroup } from '../swiss/constants';
import { directoryView } from './swissDirectory';
import { ArrayView, DirectoryView, MapView } from './view';

/** What the views say about one table. */
export interface TableFacts {
  /** Its first directory entry. */
  index: number;
  localDepth: number;
  /** Slots (8 per group). */
  capacity: number;
  used: number;
  growthLeft: number;
  /** Deleted slots. */
  tombstones: number;
}

/** `table 1 · directory [2..3] · local depth 1 · capacity 1024 · used 600 · growthLeft 296 · tombstones 0`. */
export function swissTableTitle(i: number, t: Omit<TableFacts, 'tombstones'>, globalDepth: number, tombstones: number): string {
  const run = 2 ** (globalDepth - t.localDepth);
  return `table ${i} · directory ${run === 1 ? `[${t.index}]` : `[${t.index}..${t.index + run - 1}]`} · local depth ${t.localDepth} · capacity ${t.capacity} · used ${t.used} · growthLeft ${t.growthLeft} · tombstones ${tombstones}`;
}

/** The arrays of a map's tables, stacked in one column, a row per group. */
export function tableArrays(tables: readonly TableFacts[], globalDepth: number): ArrayView[] {
  return tables.map((t, i) => ({
    id: `table-${i}`, title: swissTableTitle(i, t, globalDepth, t.tombstones), rowName: 'group', rows: t.capacity / slotsPerGroup, column: 0,
  }));
}

/** Tables `table-0` … in directory order, packed: each field one number per table, or run-length
 * coded as `[value, times, value, times, …]` where tables mostly agree. */
export interface PackedTables {
  count: number;
  localDepth: number[];
  capacity: number[];
  tombstones: number[];
  used: number[];
  /** Run-length coded: how far growthLeft is below capacity·7/8 − used − tombstones (0 in every
   * simulated table, whose tombstones are counted that way). */
  growthLeftGap: number[];
}

/** A map view as it crosses to the webview: with `tables`, its `arrays` and `directory.runs` are empty. */
export type MapWire = MapView & { tables?: PackedTables };

/** The most tables a packed view may claim (a directory of 2^20 entries). */
export const maxPackedTables = 1 << 20;

function runLength(xs: number[]): number[] {
  const out: number[] = [];
  for (const x of xs) {
    if (out.length > 0 && out[out.length - 2] === x) out[out.length - 1]++;
    else out.push(x, 1);
  }
  return out;
}

/** The values of a run-length coding, or undefined unless it gives exactly `count` values (natural
 * numbers unless `isValue` says otherwise). */
function unRunLength(rl: unknown, count: number, isValue = isNat): number[] | undefined {
  if (!Array.isArray(rl) || rl.length % 2 !== 0) return undefined;
  const out: number[] = [];
  for (let i = 0; i < rl.length; i += 2) {
    const [x, n] = [rl[i], rl[i + 1]];
    if (!isValue(x) || !isNat(n) || n === 0 || out.length + n > count) return undefined;
    for (let k = 0; k < n; k++) out.push(x);
  }
  return out.length === count ? out : undefined;
}

const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
/** capacity·7/8 − used − tombstones: growthLeft when nothing else holds slots back. */
const growthRoom = (capacity: number, used: number, tombstones: number): number => (capacity * maxAvgGroupLoad) / slotsPerGroup - used - tombstones;

/** A map's tables as the views show them: their arrays and the directory strip, made from their facts. */
export interface TablesView {
  facts: readonly TableFacts[];
  arrays: ArrayView[];
  directory: DirectoryView;
}

/** The views of the tables of a directory of `dirLen` entries (undefined for a small map: no directory). */
export function tablesView(globalDepth: number, dirLen: number, facts: readonly TableFacts[]): TablesView | undefined {
  const directory = directoryView(globalDepth, dirLen, facts);
  return directory && { facts, arrays: tableArrays(facts, globalDepth), directory };
}

/** `view` with its tables packed, if its arrays and directory are those of `tables`; else `view`
 * (while a growth step shows an old table beside its new ones, say). */
export function packMapView(view: MapView, tables: TablesView): MapWire {
  const d = view.directory;
  if (view.arrays !== tables.arrays || d !== tables.directory || d.elided || tables.facts.length === 0) return view;
  // The webview places table i right after table i-1's run: the runs must tile the directory.
  let next = 0;
  for (const r of d.runs) {
    if (r.start !== next) return view;
    next += r.length;
  }
  if (next !== d.entries) return view;
  const column = (f: (t: TableFacts) => number): number[] => tables.facts.map(f);
  return {
    ...view,
    arrays: [],
    directory: { ...d, runs: [] },
    tables: {
      count: tables.facts.length,
      localDepth: runLength(column((t) => t.localDepth)),
      capacity: runLength(column((t) => t.capacity)),
      tombstones: runLength(column((t) => t.tombstones)),
      used: column((t) => t.used),
      growthLeftGap: runLength(column((t) => growthRoom(t.capacity, t.used, t.tombstones) - t.growthLeft)),
    },
  };
}

/**
 * The view as it was before `packMapView`, or undefined if `tables` does not describe a directory
 * of `directory.entries` entries. What it makes of checked numbers needs no further check.
 */
export function unpackMapView(wire: MapWire): MapView | undefined {
  const p = wire.tables;
  if (p === undefined) return wire;
  const d = wire.directory;
  if (typeof p !== 'object' || p === null || !isNat(p.count) || p.count === 0 || p.count > maxPackedTables) return undefined;
  if (!d || !isNat(d.globalDepth) || d.globalDepth > 31 || wire.arrays.length !== 0 || d.runs.length !== 0) return undefined;
  const localDepth = unRunLength(p.localDepth, p.count);
  const capacity = unRunLength(p.capacity, p.count);
  const tombstones = unRunLength(p.tombstones, p.count);
  const gap = unRunLength(p.growthLeftGap, p.count, isInt);
  const used = p.used;
  if (!localDepth || !capacity || !tombstones || !gap || !(Array.isArray(used) && used.length === p.count && used.every(isNat))) return undefined;
  const tables: TableFacts[] = [];
  let index = 0;
  for (let i = 0; i < p.count; i++) {
    const growthLeft = growthRoom(capacity[i], used[i], tombstones[i]) - gap[i];
    if (localDepth[i] > d.globalDepth || capacity[i] % slotsPerGroup !== 0 || !isNat(growthLeft)) return undefined;
    tables.push({ index, localDepth: localDepth[i], capacity: capacity[i], used: used[i], growthLeft, tombstones: tombstones[i] });
    index += 2 ** (d.globalDepth - localDepth[i]);
  }
  if (index !== d.entries) return undefined;
  const { tables: _packed, ...view } = wire;
  void _packed;
  const t = tablesView(d.globalDepth, d.entries, tables)!;
  return { ...view, arrays: t.arrays, directory: { ...d, runs: t.directory.runs } };
}

/** The tables each view was made from, for `wireForm` (views die with their messages: weakly held). */
const tablesOf = new WeakMap<MapView, TablesView>();

/** `view`, remembered with the tables it was made from so that `wireForm` can pack it. */
export function withWireForm(view: MapView, tables: TablesView | undefined): MapView {
  if (tables) tablesOf.set(view, tables);
  return view;
}

/**
 * What crosses to the webview for `view`: `packMapView`'s form when `view` came from a session's
 * `mapView` with a directory of tables, else the view as it is. The extension reads `view` whole
 * (the tree, the exports); only the panel's message is packed.
 */
export function wireForm(view: MapView): MapWire {
  const tables = tablesOf.get(view);
  return tables ? packMapView(view, tables) : view;
}
