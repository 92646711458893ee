/**
 * `range` over a Swiss map (Go 1.26/1.27 `internal/runtime/maps/table.go` `Iter`), for a loop that
 * does not write to the map.
 *
 * `Iter.Init` draws two random numbers: `entryOffset`, then `dirOffset` (nothing for an empty
 * map). A small map is visited slot `(i + entryOffset) % 8` for i = 0..7. Otherwise the iterator
 * starts at directory entry `dirOffset & (dirLen-1)`, moved back to the first entry of the table
 * found there (adjusting `dirOffset` so later steps stay aligned), visits each table once in
 * directory order with wrap-around, stepping over the table's whole run of entries, and inside a
 * table visits entry `(e + entryOffset) & (capacity-1)` for e = 0..capacity-1 (group = that / 8,
 * slot = that % 8), returning full slots only. Only the low 32 bits of the offsets matter here
 * (a directory never has 2^32 entries), so they are carried as numbers.
 */
import { KeyValue } from '../classic/hash';
import { ctrlEmpty, slotsPerGroup } from './constants';
import type { SwissMap } from './map';

export interface SwissIteration {
  entryOffset: bigint;
  dirOffset: bigint;
  /** The next key/elem in the runtime's order, or undefined at the end. */
  next(): { key: KeyValue; elem: unknown } | undefined;
}

const low32 = (x: bigint): number => Number(x & 0xffffffffn);

export function iterate(m: SwissMap, offsets: { entryOffset: bigint; dirOffset: bigint } | undefined): SwissIteration {
  if (m.used === 0 || offsets === undefined) return { entryOffset: 0n, dirOffset: 0n, next: () => undefined };
  const entryOffset = low32(offsets.entryOffset);
  let dirOffset = low32(offsets.dirOffset);
  const out = { entryOffset: offsets.entryOffset, dirOffset: offsets.dirOffset, next: () => undefined as { key: KeyValue; elem: unknown } | undefined };
  if (m.dirLen === 0) {
    const g = m.small!;
    let i = 0;
    out.next = () => {
      for (; i < slotsPerGroup; i++) {
        const k = (i + entryOffset) % slotsPerGroup;
        if ((g.ctrl[k] & ctrlEmpty) === ctrlEmpty) continue;
        i++;
        return { key: g.keys[k], elem: g.elems[k] };
      }
      return undefined;
    };
    return out;
  }
  const dir = m.directory;
  let dirIdx = 0;
  let tab: (typeof dir)[number] | undefined;
  let e = 0;
  out.next = () => {
    while (dirIdx < dir.length) {
      if (tab === undefined) {
        let d = (dirIdx + dirOffset) & (dir.length - 1);
        tab = dir[d];
        if (tab.index !== d) {
          dirOffset = (dirOffset - (d - tab.index)) >>> 0;
          d = tab.index;
        }
        e = 0;
      }
      const mask = tab.capacity - 1;
      if (!tab.materialized) e = mask + 1; // never written: no full slot to visit
      while (e <= mask) {
        const entry = (e + entryOffset) & mask;
        e++;
        if ((tab.ctrl[entry] & ctrlEmpty) === 0) return { key: tab.keyAt(entry), elem: tab.elemAt(entry) };
      }
      dirIdx += 2 ** (m.globalDepth - tab.localDepth);
      tab = undefined;
    }
    return undefined;
  };
  return out;
}
