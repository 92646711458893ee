/**
 * The heap objects `make(map[K]V, hint)` allocates on a Swiss map, and those its first inserts
 * allocate (Go 1.26/1.27 `runtime.makemap` → `internal/runtime/maps.NewMap`, `newTable`,
 * `newGroups`; measured in `shared/oracle-swiss/FORMAT.md` "Memory of make" and by
 * `test/oracle/layoutdump-swiss`):
 *
 * - always the `Map` header (48 bytes; 32 on 32-bit targets);
 * - for hint ≤ 8 (`abi.MapGroupSlots`) nothing else: a small map gets its one group at the first
 *   insert (`newobject(typ.Group)`);
 * - for a larger hint, `dirSize` tables (`hint.ts`): the directory `make([]*table, dirSize)`, and
 *   per table the `table` struct (32 bytes; 24) and its group array `newarray(typ.Group,
 *   capacity/8)`.
 *
 * Each object is rounded as `mallocgc` rounds it (`memory.ts` `mallocBytes`): an 8-byte malloc
 * header on pointerful objects over 512 bytes (128 on 32-bit), then the size class, or whole pages
 * above 32 KiB. The group array has pointers exactly when the group type has (`groupPtrdata`).
 * An indirect key or elem (over 128 bytes) is one more object per inserted entry.
 */
import { GoArch } from '../maptype';
import { GoType } from '../types/gotype';
import { layoutOf } from '../types/size';
import { maxAvgGroupLoad, slotsPerGroup } from './constants';
import { capacityForHint } from './hint';
import { groupArrayBytes, mallocBytes, mapHeaderSize, tableStructSize } from './memory';
import { SwissMapType } from './types';

// One group array of `capacity` slots, as allocated: memory.ts has it; the views find it here too.
export { groupArrayBytes };

/** Bytes and heap objects, as `runtime.MemStats` counts them (TotalAlloc, Mallocs). */
export interface Alloc {
  bytes: number;
  objects: number;
}

export interface SwissMakeAlloc {
  hint: number;
  /** `Map.dirLen` after make: 0 for a small map (hint ≤ 8, or a hint too large to honour). */
  dirLen: number;
  /** Tables (= directory entries) make creates; 0 for a small map. */
  dirSize: number;
  /** `Map.globalDepth` = every table's `localDepth` = log2(dirSize). */
  globalDepth: number;
  localDepth: number;
  /** Slots of each table; 0 for a small map. */
  tableCapacity: number;
  /** Entries the map takes before its first rehash: 8 in the small group, else 7/8 of each table's capacity. */
  capacity: number;
  /** Each object as malloc rounds it. */
  headerBytes: number;
  directoryBytes: number;
  /** One table struct and one group array (each of `dirSize` tables has one of each). */
  tableBytes: number;
  groupArrayBytes: number;
  allocBytes: number;
  allocObjects: number;
}

type AllocType = Pick<SwissMapType, 'groupsize' | 'groupPtrdata' | 'ptrSize'>;

/** The `Map` header, as allocated. */
export function mapHeaderBytes(ptrSize: 4 | 8): number {
  return mallocBytes(mapHeaderSize(ptrSize), true, ptrSize);
}

/** One `table` struct, as allocated (it points at its groups). */
export function tableBytes(ptrSize: 4 | 8): number {
  return mallocBytes(tableStructSize(ptrSize), true, ptrSize);
}

/** The directory of `dirLen` table pointers, as allocated. */
export function directoryBytes(dirLen: number, ptrSize: 4 | 8): number {
  return mallocBytes(dirLen * ptrSize, true, ptrSize);
}

/** What `make(map[K]V, hint)` allocates (FORMAT.md "Memory of make"). */
export function swissMakeAlloc(t: AllocType, hint: number): SwissMakeAlloc {
  const header = mapHeaderBytes(t.ptrSize);
  const plan = capacityForHint(hint, t);
  if (plan === undefined) {
    return {
      hint, dirLen: 0, dirSize: 0, globalDepth: 0, localDepth: 0, tableCapacity: 0, capacity: slotsPerGroup,
      headerBytes: header, directoryBytes: 0, tableBytes: 0, groupArrayBytes: 0, allocBytes: header, allocObjects: 1,
    };
  }
  const dir = directoryBytes(plan.dirSize, t.ptrSize);
  const table = tableBytes(t.ptrSize);
  const groups = groupArrayBytes(t, plan.tableCapacity);
  return {
    hint,
    dirLen: plan.dirSize,
    dirSize: plan.dirSize,
    globalDepth: plan.globalDepth,
    localDepth: plan.globalDepth,
    tableCapacity: plan.tableCapacity,
    capacity: plan.dirSize * growthLeftOf(plan.tableCapacity),
    headerBytes: header,
    directoryBytes: dir,
    tableBytes: table,
    groupArrayBytes: groups,
    allocBytes: header + dir + plan.dirSize * (table + groups),
    allocObjects: 2 + 2 * plan.dirSize,
  };
}

/** `growthLeft` of a fresh table of `capacity` slots (`table.resetGrowthLeft`): 7/8 of it. */
export function growthLeftOf(capacity: number): number {
  return (capacity * maxAvgGroupLoad) / slotsPerGroup;
}

/** K or V as its own heap object: its size and whether it has pointers. */
export interface ValueObject {
  size: number;
  pointers: boolean;
}

/** What a key or elem type is as an object of its own (for `indirectObjects`). */
export function valueObject(t: GoType, arch: GoArch): ValueObject {
  const l = layoutOf(t, arch);
  return { size: l.size, pointers: l.ptrdata > 0 };
}

/** The objects one inserted entry allocates of its own: `newobject(typ.Key)` for an indirect key,
 * `newobject(typ.Elem)` for an indirect elem (none when both are stored in the group). */
export function indirectObjects(t: Pick<SwissMapType, 'indirectkey' | 'indirectelem' | 'ptrSize'>, key: ValueObject, elem: ValueObject): Alloc {
  let bytes = 0;
  let objects = 0;
  if (t.indirectkey) {
    bytes += mallocBytes(key.size, key.pointers, t.ptrSize);
    objects++;
  }
  if (t.indirectelem) {
    bytes += mallocBytes(elem.size, elem.pointers, t.ptrSize);
    objects++;
  }
  return { bytes, objects };
}

type EntryType = AllocType & Pick<SwissMapType, 'indirectkey' | 'indirectelem'>;

/** The first insert into a small map: its one group (`newobject(typ.Group)`), and the entry's
 * indirect objects. */
export function firstInsertAlloc(t: EntryType, key: ValueObject, elem: ValueObject): Alloc {
  const entry = indirectObjects(t, key, elem);
  return { bytes: groupArrayBytes(t, slotsPerGroup) + entry.bytes, objects: 1 + entry.objects };
}

/** A small map becoming a table (`growToTable`): a directory of one entry, one table struct, and
 * its 16-slot (two-group) array. The small group becomes garbage. */
export function growToTableAlloc(t: AllocType): Alloc {
  const capacity = 2 * slotsPerGroup;
  return { bytes: directoryBytes(1, t.ptrSize) + tableBytes(t.ptrSize) + groupArrayBytes(t, capacity), objects: 3 };
}

/** The 9th distinct key into a small map: `growToTable` plus the new entry's indirect objects. */
export function ninthInsertAlloc(t: EntryType, key: ValueObject, elem: ValueObject): Alloc {
  const grow = growToTableAlloc(t);
  const entry = indirectObjects(t, key, elem);
  return { bytes: grow.bytes + entry.bytes, objects: grow.objects + entry.objects };
}

/** A rehash of a table to `newCapacity` slots (grow, `table.rehash`): a new table struct and group
 * array; a split makes two of them of 1024 slots (and may double the directory). */
export function newTableAlloc(t: AllocType, newCapacity: number): Alloc {
  return { bytes: tableBytes(t.ptrSize) + groupArrayBytes(t, newCapacity), objects: 2 };
}
