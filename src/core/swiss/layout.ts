/**
 * The group type of a Swiss map and the `abi.MapType` the compiler writes for `map[K]V` (Go 1.26
 * `cmd/compile/internal/reflectdata/map.go` `MapGroupType` and `writeMapType`; Go 1.27 the same
 * file, which adds the split layout under `GOEXPERIMENT=mapsplitgroup`):
 *
 *     type group struct {                    // interleaved (the default)
 *         ctrl  uint64                       // 8 control bytes: ctrlEmpty, ctrlDeleted or h2
 *         slots [abi.MapGroupSlots]struct {
 *             key  K'                        // *K when sizeof(K) > abi.MapMaxKeyBytes (128)
 *             elem V'                        // *V when sizeof(V) > abi.MapMaxElemBytes (128)
 *         }
 *     }
 *
 *     type group struct {                    // split (Go 1.27, GOEXPERIMENT=mapsplitgroup)
 *         ctrl  uint64
 *         keys  [abi.MapGroupSlots]K'
 *         elems [abi.MapGroupSlots]V'
 *     }
 *
 * Both are laid out with the ordinary struct rules (`types/size.ts`): a slot `struct{key int64;
 * elem int8}` is 16 bytes on amd64 (7 of padding) and 12 on 386; a slot whose elem has size 0 gets
 * a byte of padding (issue 9401) before rounding. `MapType.GroupSize` is the group's size, Go 1.26
 * stores `SlotSize` and `ElemOff` (the elem's offset in a slot), Go 1.27 `KeysOff`, `KeyStride`,
 * `ElemsOff`, `ElemStride` (key i at KeysOff + i*KeyStride) and `ElemOff`. The flags are
 * `needkeyupdate`, `hashMightPanic` (`types/predicates.ts`), indirect key and indirect elem. The
 * group type's pointer prefix (`groupPtrdata`) decides whether the GC scans group arrays and
 * whether malloc gives them a header. `assign` is `walk.mapfast`'s choice (`alg.ts`).
 *
 * For the views, `swissGroupLayout` adds each region's offset and padding, the slot struct, the
 * bytes a group spends per entry at the maximum load (7 of 8 slots), and the same map in the other
 * group layout.
 */
import { GoArch, ptrSizeOf } from '../maptype';
import { GoTypeError } from '../types/errors';
import { GoType, StructField } from '../types/gotype';
import { comparable, hashMightPanic, needkeyupdate } from '../types/predicates';
import { typeString } from '../types/print';
import { internalPadding } from '../types/bucket';
import type { SlotInfo } from '../types/bucket';
import { StructLayout, layoutOf, structLayout } from '../types/size';
import { algType, assignPath } from './alg';
import { maxAvgGroupLoad, maxElemBytes, maxKeyBytes, slotsPerGroup } from './constants';
import { mallocBytes } from './memory';
import { GroupLayout, SwissGoVersion, SwissMapType } from './types';

// make's memory lives in makemap.ts; callers that lay a map out usually want it too.
export { swissMakeAlloc } from './makemap';
export type { SwissMakeAlloc } from './makemap';

export interface SwissMapTypeOptions {
  /** Go 1.27 built with `GOEXPERIMENT=mapsplitgroup`: 8 keys, then 8 elems. */
  splitGroup?: boolean;
}

/** `abi.MapType.Flags` bits (`internal/abi/map.go`). */
export const mapNeedKeyUpdate = 1 << 0;
export const mapHashMightPanic = 1 << 1;
export const mapIndirectKey = 1 << 2;
export const mapIndirectElem = 1 << 3;

/** The size of the control word that opens every group (`ctrlGroup` is a uint64). */
export const ctrlWordSize = 8;

const uint64T: GoType = { kind: 'basic', name: 'uint64' };

interface Group {
  keySlot: GoType;
  elemSlot: GoType;
  indirectkey: boolean;
  indirectelem: boolean;
  layout: GroupLayout;
  /** `struct{key K'; elem V'}` (interleaved only). */
  slot?: GoType;
  group: GoType;
}

/** K' / V': the type itself, or a pointer to it above `max` bytes. */
function stored(t: GoType, max: number, arch: GoArch): { slot: GoType; indirect: boolean } {
  return layoutOf(t, arch).size > max ? { slot: { kind: 'pointer', elem: t }, indirect: true } : { slot: t, indirect: false };
}

function field(name: string, type: GoType): StructField {
  return { name, type, embedded: false };
}

/** `MapGroupType`'s struct, with gc's field names. */
function buildGroup(key: GoType, elem: GoType, arch: GoArch, layout: GroupLayout): Group {
  const c = comparable(key);
  if (!c.ok) throw GoTypeError.unplaced(`invalid map key type ${typeString(key)}: ${c.reason}`);
  const k = stored(key, maxKeyBytes, arch);
  const e = stored(elem, maxElemBytes, arch);
  const arr = (t: GoType): GoType => ({ kind: 'array', len: slotsPerGroup, elem: t });
  let slot: GoType | undefined;
  let group: GoType;
  if (layout === 'split') {
    group = { kind: 'struct', fields: [field('ctrl', uint64T), field('keys', arr(k.slot)), field('elems', arr(e.slot))] };
  } else {
    slot = { kind: 'struct', fields: [field('key', k.slot), field('elem', e.slot)] };
    group = { kind: 'struct', fields: [field('ctrl', uint64T), field('slots', arr(slot))] };
  }
  // "internal/runtime/maps creates pointers to slots, even if both key and elem are size zero":
  // the struct rules pad an all-zero-size group past its control word; gc checks it.
  if (layoutOf(group, arch).size <= ctrlWordSize) throw new Error(`MapGroupType: bad group size for map[${typeString(key)}]${typeString(elem)}`);
  return { keySlot: k.slot, elemSlot: e.slot, indirectkey: k.indirect, indirectelem: e.indirect, layout, slot, group };
}

function groupLayoutOf(goversion: SwissGoVersion, opts: SwissMapTypeOptions | undefined): GroupLayout {
  if (!opts?.splitGroup) return 'interleaved';
  if (goversion !== '1.27') throw new Error(`GOEXPERIMENT=mapsplitgroup exists from Go 1.27 on, not in Go ${goversion}`);
  return 'split';
}

/** The runtime's `abi.MapType` for `map[key]elem`, as `writeMapType` fills it in, and `mapfast`'s
 * assign path. Throws `GoTypeError` for a key type that is not comparable. */
export function swissMapTypeOf(
  key: GoType,
  elem: GoType,
  arch: GoArch,
  goversion: SwissGoVersion,
  opts?: SwissMapTypeOptions,
): SwissMapType {
  const g = buildGroup(key, elem, arch, groupLayoutOf(goversion, opts));
  return mapTypeFromGroup(key, elem, arch, goversion, g);
}

function mapTypeFromGroup(key: GoType, elem: GoType, arch: GoArch, goversion: SwissGoVersion, g: Group): SwissMapType {
  const gs = structLayout(g.group, arch);
  // The dumps' keysize/elemsize are `MapType.Key.Size_`/`Elem.Size_`: K's and V's own sizes, also
  // when the group holds pointers to them (measured: map[[129]byte]int64 has keysize 129).
  const keysize = layoutOf(key, arch).size;
  const elemsize = layoutOf(elem, arch).size;
  let slotsize = 0;
  let elemoff = 0;
  let keysOff: number;
  let keyStride: number;
  let elemsOff: number;
  let elemStride: number;
  if (g.slot !== undefined) {
    const s = structLayout(g.slot, arch);
    slotsize = s.size;
    elemoff = s.fields[1].offset;
    keysOff = gs.fields[1].offset;
    keyStride = elemStride = slotsize;
    elemsOff = keysOff + elemoff;
    // writeMapType's checks: the fast paths hard-code these offsets.
    const alg = algType(key, arch);
    if (alg === 'MEM64' && elemoff !== 8) throw new Error(`writeMapType: elemOff for 8-byte keys is ${elemoff}`);
    if (alg === 'STRING' && elemoff !== 2 * ptrSizeOf(arch)) throw new Error(`writeMapType: elemOff for string keys is ${elemoff}`);
  } else {
    keysOff = gs.fields[1].offset;
    keyStride = layoutOf(g.keySlot, arch).size;
    elemsOff = gs.fields[2].offset;
    elemStride = layoutOf(g.elemSlot, arch).size;
  }
  return {
    key: typeString(key),
    elem: typeString(elem),
    keysize,
    elemsize,
    layout: g.layout,
    groupsize: gs.size,
    slotsize,
    elemoff,
    keysOff,
    keyStride,
    elemsOff,
    elemStride,
    indirectkey: g.indirectkey,
    indirectelem: g.indirectelem,
    needkeyupdate: needkeyupdate(key),
    hashmightpanic: hashMightPanic(key),
    groupPtrdata: gs.ptrdata,
    assign: assignPath(key, elem, arch),
    goarch: arch,
    ptrSize: ptrSizeOf(arch),
    goversion,
  };
}

/** `abi.MapType.Flags` as `writeMapType` sets them. */
export function swissMapTypeFlags(t: Pick<SwissMapType, 'needkeyupdate' | 'hashmightpanic' | 'indirectkey' | 'indirectelem'>): number {
  return (
    (t.needkeyupdate ? mapNeedKeyUpdate : 0) |
    (t.hashmightpanic ? mapHashMightPanic : 0) |
    (t.indirectkey ? mapIndirectKey : 0) |
    (t.indirectelem ? mapIndirectElem : 0)
  );
}

export interface SwissGroupRegion {
  /** gc's field name. */
  name: 'ctrl' | 'slots' | 'keys' | 'elems';
  /** The field's type, e.g. `uint64`, `[8]struct{ key int64; elem int8 }`, `[8]*[200]byte`. */
  type: string;
  offset: number;
  size: number;
  paddingBefore: number;
}

export interface SwissSlotStruct {
  /** `struct{ key K'; elem V' }`. */
  type: string;
  size: number;
  align: number;
  /** `ElemOff`. */
  elemOff: number;
  /** Padding between key and elem. */
  paddingBetween: number;
  /** Padding after the elem: the zero-size-final-field byte and rounding to `align`. */
  trailingPadding: number;
  zeroSizeFinalByte: boolean;
}

export interface SwissGroupLayout {
  type: SwissMapType;
  /** `abi.MapType.Flags`. */
  flags: number;
  key: SlotInfo;
  elem: SlotInfo;
  groupAlign: number;
  regions: SwissGroupRegion[];
  /** The interleaved layout's slot struct; undefined in the split layout. */
  slot?: SwissSlotStruct;
  /** Padding in the group struct: before and after its fields, and inside all 8 slot structs. */
  paddingBytes: number;
  /** Padding inside the 8 keys and 8 elems stored inline (their own struct padding). */
  slotPaddingBytes: number;
  /** Group bytes per entry when the table is at its maximum load (7 of every 8 slots full). */
  bytesPerEntryAtFullLoad: number;
  /** The same map in the other group layout (whatever Go release has it). */
  other: { layout: GroupLayout; groupsize: number; paddingBytes: number; regions: SwissGroupRegion[] };
}

/** `types/bucket.ts`'s SlotInfo, but an indirect key/elem object is rounded as Go 1.22+ malloc
 * rounds it (a malloc header on pointerful objects over 512 B), not as Go 1.19's. */
function slotInfo(t: GoType, slot: GoType, indirect: boolean, arch: GoArch): SlotInfo {
  const layout = layoutOf(t, arch);
  const object = indirect ? mallocBytes(layout.size, layout.ptrdata > 0, ptrSizeOf(arch)) : 0;
  const slotSize = layoutOf(slot, arch).size;
  return { type: typeString(t), layout, slotType: typeString(slot), slotSize, indirect, indirectObjectBytes: object, internalPadding: internalPadding(t, arch) };
}

/** Padding in a group: the group struct's own plus, interleaved, each slot struct's. */
function groupPadding(g: Group, gs: StructLayout, arch: GoArch): number {
  return gs.padding + (g.slot !== undefined ? slotsPerGroup * structLayout(g.slot, arch).padding : 0);
}

/** The group of `map[key]elem` region by region, with what the views compare it to. */
export function swissGroupLayout(
  key: GoType,
  elem: GoType,
  arch: GoArch,
  goversion: SwissGoVersion,
  opts?: SwissMapTypeOptions,
): SwissGroupLayout {
  const g = buildGroup(key, elem, arch, groupLayoutOf(goversion, opts));
  const t = mapTypeFromGroup(key, elem, arch, goversion, g);
  const gs = structLayout(g.group, arch);
  const k = slotInfo(key, g.keySlot, g.indirectkey, arch);
  const e = slotInfo(elem, g.elemSlot, g.indirectelem, arch);
  let slot: SwissSlotStruct | undefined;
  if (g.slot !== undefined) {
    const s = structLayout(g.slot, arch);
    slot = {
      type: typeString(g.slot),
      size: s.size,
      align: s.align,
      elemOff: s.fields[1].offset,
      paddingBetween: s.fields[1].paddingBefore,
      trailingPadding: s.trailingPadding,
      zeroSizeFinalByte: s.zeroSizeFinalByte,
    };
  }
  const otherGroup = buildGroup(key, elem, arch, g.layout === 'split' ? 'interleaved' : 'split');
  const os = structLayout(otherGroup.group, arch);
  return {
    type: t,
    flags: swissMapTypeFlags(t),
    key: k,
    elem: e,
    groupAlign: gs.align,
    regions: regionsOf(gs),
    slot,
    paddingBytes: groupPadding(g, gs, arch),
    slotPaddingBytes: slotsPerGroup * ((g.indirectkey ? 0 : k.internalPadding) + (g.indirectelem ? 0 : e.internalPadding)),
    bytesPerEntryAtFullLoad: gs.size / maxAvgGroupLoad,
    other: { layout: otherGroup.layout, groupsize: os.size, paddingBytes: groupPadding(otherGroup, os, arch), regions: regionsOf(os) },
  };
}

/** A group struct's fields as regions (ctrl, then slots, or keys and elems). */
function regionsOf(gs: StructLayout): SwissGroupRegion[] {
  return gs.fields.map((f) => ({
    name: f.name as SwissGroupRegion['name'],
    type: f.type,
    offset: f.offset,
    size: f.size,
    paddingBefore: f.paddingBefore,
  }));
}
