/**
 * The directory of a Swiss map as the panel's strip draws it (`DirectoryView`): the `Map`'s
 * `directory` has `dirLen = 1 << globalDepth` entries; a table of local depth d is pointed at by
 * the 2^(globalDepth - d) consecutive entries starting at its `index`, so the strip draws each
 * table once, spanning its run. Tables are listed in directory order, as `SwissModel.arrays()`
 * numbers them (`table-<i>`).
 */
import type { SwissMap } from '../swiss/map';
import { DirectoryView } from './view';

export function swissDirectory(m: SwissMap): DirectoryView | undefined {
  if (m.dirLen === 0) return undefined;
  return {
    globalDepth: m.globalDepth,
    entries: m.dirLen,
    runs: m.tables().map((t, i) => ({
      array: `table-${i}`,
      start: t.index,
      length: 2 ** (m.globalDepth - t.localDepth),
      localDepth: t.localDepth,
      used: t.used,
      capacity: t.capacity,
      tombstones: t.tombstones(),
    })),
  };
}
