/**
 * The heap a Swiss map holds now, object by object, as `mallocgc` rounds each one (what pprof's
 * in-use space shows for the map): the `Map` header, the small map's group or the directory, each
 * table struct and its group array, and one object per full slot for an indirect key or elem.
 *
 * Rounding (Go 1.22+ `runtime/malloc.go`, measured in `shared/oracle-swiss/FORMAT.md`): an object
 * with pointers above `minSizeForMallocHeader` (512 B; 128 B on 32-bit) gets an 8-byte malloc
 * header first; then objects up to 32 KiB take the next size class, larger ones whole 8 KiB pages.
 * Tables replaced by a grow or split are garbage and not counted.
 */
import { maxSmallSize, pageSize, roundupsize } from '../sizeclasses';
import { slotsPerGroup } from './constants';
import { capacityForHint } from './hint';
import type { SwissMap } from './map';
import { SwissMapType } from './types';

/** `mallocHeaderSize`. */
export const mallocHeaderSize = 8;

/** `minSizeForMallocHeader = goarch.PtrSize * ptrBits`: 512 on 64-bit, 128 on 32-bit. */
export function minSizeForMallocHeader(ptrSize: 4 | 8): number {
  return ptrSize * ptrSize * 8;
}

/** The bytes `mallocgc` takes for an object of `size` bytes (with or without pointers). */
export function mallocBytes(size: number, hasPointers: boolean, ptrSize: 4 | 8): number {
  if (size === 0) return 0;
  let s = size;
  if (hasPointers && s > minSizeForMallocHeader(ptrSize) && s <= maxSmallSize - mallocHeaderSize) s += mallocHeaderSize;
  return s < maxSmallSize ? roundupsize(s) : Math.ceil(s / pageSize) * pageSize;
}

/** `unsafe.Sizeof(maps.Map{})`: used, seed, dirPtr, dirLen, four bytes of depth/flags, clearSeq. */
export function mapHeaderSize(ptrSize: 4 | 8): number {
  return ptrSize === 8 ? 48 : 32;
}

/** `unsafe.Sizeof(table{})`: used, capacity, growthLeft (uint16), localDepth, index, groups {data, lengthMask}. */
export function tableStructSize(ptrSize: 4 | 8): number {
  return ptrSize === 8 ? 32 : 24;
}

export interface SwissMemory {
  /** Everything the map holds, rounded as malloc rounds it. */
  allocBytes: number;
  objects: number;
  header: number;
  directory: number;
  tableStructs: number;
  groups: number;
  /** Objects for indirect keys/elems (one per full slot each). */
  indirect: number;
  /** Slots allocated (small group: 8) and their state. */
  slots: number;
  full: number;
  tombstones: number;
  /** What a rebuilt map (`maps.Clone`-free copy: `make` with hint = used, then re-insert) would hold. */
  rebuiltBytes: number;
}

/** The objects of a group array of `capacity` slots. */
export function groupArrayBytes(t: Pick<SwissMapType, 'groupsize' | 'groupPtrdata' | 'ptrSize'>, capacity: number): number {
  return mallocBytes((capacity / slotsPerGroup) * t.groupsize, t.groupPtrdata > 0, t.ptrSize);
}

function indirectBytes(t: SwissMapType, keySize: number, keyPointers: boolean, elemSize: number, elemPointers: boolean): number {
  return (t.indirectkey ? mallocBytes(keySize, keyPointers, t.ptrSize) : 0) + (t.indirectelem ? mallocBytes(elemSize, elemPointers, t.ptrSize) : 0);
}

/** What the map holds now. `keyInfo`/`elemInfo` give the size and pointerness of K and V (needed only when stored indirectly). */
export function swissMemory(
  m: SwissMap,
  keyInfo: { size: number; pointers: boolean } = { size: 0, pointers: false },
  elemInfo: { size: number; pointers: boolean } = { size: 0, pointers: false },
): SwissMemory {
  const t = m.type;
  const per = indirectBytes(t, keyInfo.size, keyInfo.pointers, elemInfo.size, elemInfo.pointers);
  const perObjects = (t.indirectkey ? 1 : 0) + (t.indirectelem ? 1 : 0);
  const mem: SwissMemory = {
    allocBytes: 0, objects: 1, header: mallocBytes(mapHeaderSize(t.ptrSize), true, t.ptrSize), directory: 0, tableStructs: 0, groups: 0,
    indirect: per * m.used, slots: 0, full: m.used, tombstones: 0, rebuiltBytes: 0,
  };
  mem.objects += perObjects * m.used;
  if (m.dirLen === 0) {
    if (m.small !== null) {
      mem.groups = groupArrayBytes(t, slotsPerGroup);
      mem.slots = slotsPerGroup;
      mem.objects++;
    }
  } else {
    mem.directory = mallocBytes(m.dirLen * t.ptrSize, true, t.ptrSize);
    mem.objects++;
    for (const tab of m.tables()) {
      mem.tableStructs += mallocBytes(tableStructSize(t.ptrSize), true, t.ptrSize);
      mem.groups += groupArrayBytes(t, tab.capacity);
      mem.slots += tab.capacity;
      mem.tombstones += tab.tombstones();
      mem.objects += 2;
    }
  }
  mem.allocBytes = mem.header + mem.directory + mem.tableStructs + mem.groups + mem.indirect;
  mem.rebuiltBytes = rebuiltBytes(t, m.used, per);
  return mem;
}

/** What `make(map[K]V, n)` followed by n inserts holds (no growth: the hint sized it). */
function rebuiltBytes(t: SwissMapType, n: number, perEntry: number): number {
  const header = mallocBytes(mapHeaderSize(t.ptrSize), true, t.ptrSize);
  if (n === 0) return header;
  const plan = capacityForHint(n, t);
  if (plan === undefined) return header + groupArrayBytes(t, slotsPerGroup) + perEntry * n;
  const table = mallocBytes(tableStructSize(t.ptrSize), true, t.ptrSize) + groupArrayBytes(t, plan.tableCapacity);
  return header + mallocBytes(plan.dirSize * t.ptrSize, true, t.ptrSize) + plan.dirSize * table + perEntry * n;
}
