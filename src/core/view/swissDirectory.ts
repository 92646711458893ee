/**
 * The directory of a Swiss map as the panel's strip draws it (`DirectoryView`): the `Map`'s
 * `directory` has `dirLen = 1 << globalDepth` entries; a table of local depth d is pointed at by
 * the 2^(globalDepth - d) consecutive entries starting at its `index`, so the strip draws each
 * table once, spanning its run. Tables are listed in directory order, as `SwissModel.arrays()`
 * numbers them (`table-<i>`).
 */
import type { SwissMap } from '../swiss/map';
import type { TableFacts } from './swissTables';
import { DirectoryView } from './view';

/** What the strip needs of one table, whether simulated or captured. */
export interface DirectoryTable {
  index: number;
  localDepth: number;
  used: number;
  capacity: number;
  tombstones: number;
}

/** The strip of a directory of `dirLen` entries over `tables` in directory order (none when small). */
export function directoryView(globalDepth: number, dirLen: number, tables: readonly DirectoryTable[]): DirectoryView | undefined {
  if (dirLen === 0) return undefined;
  return {
    globalDepth,
    entries: dirLen,
    runs: tables.map((t, i) => ({
      array: `table-${i}`,
      start: t.index,
      length: 2 ** (globalDepth - t.localDepth),
      localDepth: t.localDepth,
      used: t.used,
      capacity: t.capacity,
      tombstones: t.tombstones,
    })),
  };
}

/** The distinct tables of a simulated map in directory order, as the views describe them. */
export function swissTableFacts(m: SwissMap): TableFacts[] {
  return m.tables().map((t) => ({ index: t.index, localDepth: t.localDepth, capacity: t.capacity, used: t.used, growthLeft: t.growthLeft, tombstones: t.tombstones() }));
}

export function swissDirectory(m: SwissMap): DirectoryView | undefined {
  if (m.dirLen === 0) return undefined;
  return directoryView(m.globalDepth, m.dirLen, swissTableFacts(m));
}
