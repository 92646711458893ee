/**
 * The shapes the Swiss-table model shares with its layout code, its oracle and its views
 * (`shared/oracle-swiss/FORMAT.md`): the runtime's `abi.MapType` as the compiler fills it in, and
 * the dump the real-runtime oracle writes (`test/oracle/swissdump`) and `replaySwissTrace` writes
 * from the simulator, so the two can be compared field by field.
 */
import { GoArch } from '../maptype';

/** The Go releases whose `internal/runtime/maps` the model follows (they differ in one behaviour). */
export type SwissGoVersion = '1.26' | '1.27';
export const swissGoVersions: readonly SwissGoVersion[] = ['1.26', '1.27'];

/** The runtime entry point the compiler picks for `m[k] = v` (`cmd/compile/internal/walk.mapfast`). */
export type AssignPath = 'fast32' | 'fast32ptr' | 'fast64' | 'fast64ptr' | 'faststr' | 'slow';

/** The group layout: slots of `struct{key; elem}`, or (Go 1.27 `GOEXPERIMENT=mapsplitgroup`) 8 keys then 8 elems. */
export type GroupLayout = 'interleaved' | 'split';

/** What a dump's `type` holds, in its field order. */
export interface SwissDumpType {
  key: string;
  elem: string;
  /** `MapType.Key.Size_`: the key type's own size, also when the group holds a pointer to it (measured: 129 for [129]byte). */
  keysize: number;
  elemsize: number;
  layout: GroupLayout;
  /** `abi.MapType.GroupSize`: the ctrl word and 8 slots. */
  groupsize: number;
  /** `SlotSize` (0 in the split layout). */
  slotsize: number;
  /** `ElemOff`: the elem's offset inside a slot (0 in the split layout). */
  elemoff: number;
  /** Key i of a group is at `keysOff + i*keyStride`, elem i at `elemsOff + i*elemStride`. */
  keysOff: number;
  keyStride: number;
  elemsOff: number;
  elemStride: number;
  indirectkey: boolean;
  indirectelem: boolean;
  needkeyupdate: boolean;
  hashmightpanic: boolean;
  /** The group type's pointer-prefix size; 0 means the GC never scans groups. */
  groupPtrdata: number;
  assign: AssignPath;
}

/** `map[K]V` for the Swiss model: the dump's `type` plus the platform and the Go release. */
export interface SwissMapType extends SwissDumpType {
  goarch: GoArch;
  ptrSize: 4 | 8;
  goversion: SwissGoVersion;
}

export interface SwissDumpGroup {
  /** The 8 control bytes: ctrlEmpty (128), ctrlDeleted (254), or h2 (0..127) of a full slot. */
  ctrl: number[];
  /** The slot's key and elem where the slot is full, else null. */
  keys: unknown[];
  elems: unknown[];
}

export interface SwissDumpTable {
  used: number;
  capacity: number;
  growthLeft: number;
  localDepth: number;
  index: number;
  groups: SwissDumpGroup[];
  /** Only in the simulator's dumps of maps of more than 2^16 groups: a never-written table's
   * groups (all empty) are left out, and counted here. */
  emptyGroupsOmitted?: number;
}

export interface SwissDumpLookup {
  key: unknown;
  found: boolean;
  elem: unknown;
}

export interface SwissDumpIteration {
  /** `0x` + 16 hex digits (uint64 on every platform): the iterator's two random offsets, inputs of a replay. */
  entryOffset: string;
  dirOffset: string;
  order: unknown[];
}

export interface SwissDumpSnapshot {
  label: string;
  used: number;
  seed: string;
  dirLen: number;
  globalDepth: number;
  globalShift: number;
  tombstonePossible: boolean;
  clearSeq: number;
  /** A small map's only group (`dirLen == 0`), null before the first insert and for tables. */
  group: SwissDumpGroup | null;
  /** `dirLen` entries, each an index into `tables`. */
  directory: number[];
  /** Each distinct table once, in directory order. */
  tables: SwissDumpTable[];
  lookups: SwissDumpLookup[];
  iterations: SwissDumpIteration[];
}

export interface SwissDump {
  name?: string;
  goversion: string;
  goarch: string;
  type: SwissDumpType;
  hint: number;
  alloc: { bytes: number; mallocs: number };
  seeds: string[];
  hashes: Record<string, Record<string, string>>;
  snapshots: SwissDumpSnapshot[];
}
