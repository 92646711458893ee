/**
 * The "Rebuild map to release memory" action in a Swiss module, with its estimate: a Swiss map's
 * tables never shrink (`internal/runtime/maps`: delete leaves an empty slot or a tombstone, never
 * frees a group array, and only `clear` resets the tables, in place), so what a rebuild frees is
 * what the tables of the map at its peak hold, minus what `make(map[K]V, len(m))` and the copy
 * allocate for the survivors. Both come from the Swiss memory model (`swissMakeAlloc`: the `Map`
 * header, the directory, each table struct and group array, malloc size classes included).
 *
 * The peak and the survivors follow the delete hover's convention: a map made with a constant hint
 * of at least 1,000 is taken at that hint (make allocates exactly those tables), any other at
 * 1,000,000 entries; 1% of them survive (at least 8). A loop that deletes every key becomes
 * `m = make(map[K]V)`: the survivors are none, and the new map is its `Map` header alone.
 * Keys and elems stored indirectly (over 128 bytes) are the survivors' own objects either way.
 */
import { GoArch } from '../maptype';
import type { RuntimeChoice } from '../runtime/pick';
import { swissGroupLayout } from '../swiss/layout';
import { SwissMakeAlloc, swissMakeAlloc } from '../swiss/makemap';
import { MapT } from './constructs';
import { fmtInt, humanBytes } from './format';

/** The entries a map is taken to have held when its hint does not say (as the delete hover). */
export const assumedPeak = 1_000_000;

export interface SwissRebuildEstimate {
  /** Entries at the peak, and whether that is the make hint written in the source. */
  peak: number;
  fromHint: boolean;
  /** Survivors of the deletes: 1% of the peak, or 0 for a loop that deletes every key. */
  survivors: number;
  /** What the map holds (its tables stay) and what the rebuilt map allocates. */
  kept: SwissMakeAlloc;
  rebuilt: SwissMakeAlloc;
  freed: number;
}

export function swissRebuildEstimate(map: MapT, goarch: GoArch, rt: RuntimeChoice, madeWithHint: number | undefined, deletesAll: boolean): SwissRebuildEstimate | undefined {
  let g;
  try {
    g = swissGroupLayout(map.key, map.elem, goarch, rt.swissVersion, { splitGroup: rt.splitGroup });
  } catch {
    return undefined;
  }
  const fromHint = madeWithHint !== undefined && madeWithHint >= 1000;
  const peak = fromHint ? madeWithHint : assumedPeak;
  const survivors = deletesAll ? 0 : Math.max(8, Math.floor(peak / 100));
  const kept = swissMakeAlloc(g.type, peak);
  const rebuilt = swissMakeAlloc(g.type, survivors);
  return { peak, fromHint, survivors, kept, rebuilt, freed: kept.allocBytes - rebuilt.allocBytes };
}

/** `2 tables of 1,024 slots`, `one 16-slot table`, `a small map's one group`, `the Map header alone`. */
function tables(f: SwissMakeAlloc): string {
  if (f.dirSize === 0) return f.hint === 0 ? 'the Map header alone' : "a small map's one group";
  return f.dirSize === 1 ? `one ${fmtInt(f.tableCapacity)}-slot table` : `${fmtInt(f.dirSize)} tables of ${fmtInt(f.tableCapacity)} slots`;
}

/**
 * `Rebuild map to release memory: about 95.4 KiB freed (swiss · Go 1.26: made for 1,000 entries it
 * keeps 2 tables of 1,024 slots, 96.1 KiB; make(…, len(m)) + copy for 10 survivors, 1%: 792 bytes)`.
 */
export function swissRebuildTitle(e: SwissRebuildEstimate, rt: RuntimeChoice): string {
  const peak = e.fromHint ? `made for ${fmtInt(e.peak)} entries` : `at ${fmtInt(e.peak)} entries`;
  const rebuilt = e.survivors === 0
    ? `make(map[K]V) allocates ${tables(e.rebuilt)}, ${humanBytes(e.rebuilt.allocBytes)}`
    : `make(…, len(m)) + copy for ${fmtInt(e.survivors)} survivors (1%) allocates ${tables(e.rebuilt)}, ${humanBytes(e.rebuilt.allocBytes)}`;
  return `Rebuild map to release memory: about ${humanBytes(e.freed)} freed (swiss · Go ${rt.goVersion}: ${peak} it keeps ${tables(e.kept)}, ${humanBytes(e.kept.allocBytes)}; ${rebuilt})`;
}
