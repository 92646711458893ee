/**
 * The bucket type of `map[K]V` as the compiler builds it (Go 1.19
 * `cmd/compile/internal/reflectdata.MapBucketType`) and the `maptype` fields `writeType` emits:
 *
 *     type bmap struct {            // gc names; the runtime calls topbits "tophash"
 *         topbits  [8]uint8         // bucketCnt top hash bytes (or emptyRest, evacuatedX, ...)
 *         keys     [8]K             // *K when sizeof(K) > 128 (indirectkey)
 *         elems    [8]V             // *V when sizeof(V) > 128 (indirectelem)
 *         overflow *bmap            // uintptr when neither K nor V has pointers
 *     }
 *
 * Keys are grouped, then elems, rather than interleaved key/elem pairs: with `map[int64]int8`
 * pairs would need 7 bytes of padding each. With no pointers in K and V, the overflow field is a
 * `uintptr` so the whole bucket array has ptrdata 0 and the GC never scans it (the runtime keeps
 * the overflow buckets alive through `hmap.extra.overflow` instead). The struct is laid out with
 * the ordinary struct rules (`size.ts`); MapBucketType then checks that the overflow field is the
 * bucket's last word with no padding after it, and that keys and elems are aligned: we check the
 * same and throw if it ever fails.
 *
 * Beside the real layout, `bucketLayout` computes for the views: each region's offset, size and
 * the padding before it; the interleaved layout the runtime avoids; and, for a struct key or elem
 * declared by the user, the field order `fieldalignment` (golang.org/x/tools) would suggest, when
 * it changes the bucket (or, for a key/elem stored indirectly, its own object).
 */
import { GoArch, MapTypeInfo, ptrSizeOf } from '../maptype';
import { bucketCnt, maxElemSize, maxKeySize } from '../classic/makemap';
import { roundupsize } from '../sizeclasses';
import { GoTypeError } from './errors';
import { GoType, StructField } from './gotype';
import { comparable, hashMightPanic, isReflexive, needkeyupdate } from './predicates';
import { typeString } from './print';
import { underlying } from './scope';
import { TypeLayout, layoutOf, structLayout } from './size';

/** maptype.flags bits (`runtime/type.go` accessors, `reflectdata.writeType`). */
export const mapFlagIndirectKey = 1;
export const mapFlagIndirectElem = 2;
export const mapFlagReflexiveKey = 4;
export const mapFlagNeedKeyUpdate = 8;
export const mapFlagHashMightPanic = 16;

const uint8T: GoType = { kind: 'basic', name: 'uint8' };
const uintptrT: GoType = { kind: 'basic', name: 'uintptr' };
const unsafePointerT: GoType = { kind: 'basic', name: 'unsafe.Pointer' };

/** The type a bucket slot holds: T itself, or *T when T is larger than `max` (128) bytes. */
function slotType(t: GoType, max: number, arch: GoArch): { slot: GoType; indirect: boolean } {
  return layoutOf(t, arch).size > max ? { slot: { kind: 'pointer', elem: t }, indirect: true } : { slot: t, indirect: false };
}

/** MapBucketType's struct, with gc's field names. */
function bmapStruct(key: GoType, elem: GoType, overflowHasPointers: boolean): GoType {
  const fields: StructField[] = [
    { name: 'topbits', type: { kind: 'array', len: bucketCnt, elem: uint8T }, embedded: false },
    { name: 'keys', type: { kind: 'array', len: bucketCnt, elem: key }, embedded: false },
    { name: 'elems', type: { kind: 'array', len: bucketCnt, elem }, embedded: false },
    { name: 'overflow', type: overflowHasPointers ? unsafePointerT : uintptrT, embedded: false },
  ];
  return { kind: 'struct', fields };
}

function requireComparableKey(key: GoType): void {
  const c = comparable(key);
  if (!c.ok) throw GoTypeError.unplaced(`invalid map key type ${typeString(key)}: ${c.reason}`);
}

interface Bucket {
  keySlot: GoType;
  elemSlot: GoType;
  indirectkey: boolean;
  indirectelem: boolean;
  struct: GoType;
}

function buildBucket(key: GoType, elem: GoType, arch: GoArch): Bucket {
  requireComparableKey(key);
  const k = slotType(key, maxKeySize, arch);
  const e = slotType(elem, maxElemSize, arch);
  // "If keys and elems have no pointers, the map implementation can keep a list of overflow
  // pointers on the side so that buckets can be marked as having no pointers."
  const pointers = layoutOf(k.slot, arch).ptrdata > 0 || layoutOf(e.slot, arch).ptrdata > 0;
  const struct = bmapStruct(k.slot, e.slot, pointers);
  checkBucketInvariants(k.slot, e.slot, struct, arch);
  return { keySlot: k.slot, elemSlot: e.slot, indirectkey: k.indirect, indirectelem: e.indirect, struct };
}

/** The invariants MapBucketType checks with base.Fatalf ("bad offset of overflow in bmap", ...). */
function checkBucketInvariants(keySlot: GoType, elemSlot: GoType, struct: GoType, arch: GoArch): void {
  const b = structLayout(struct, arch);
  const k = layoutOf(keySlot, arch);
  const e = layoutOf(elemSlot, arch);
  const [, keys, elems, overflow] = b.fields;
  const fatal = (what: string) => {
    throw new Error(`MapBucketType invariant failed: ${what} for map[${typeString(keySlot)}]${typeString(elemSlot)} on ${arch}`);
  };
  if (k.align > bucketCnt) fatal('key align too big');
  if (e.align > bucketCnt) fatal('elem align too big');
  if (k.size > maxKeySize) fatal('key size too large');
  if (e.size > maxElemSize) fatal('elem size too large');
  if (k.size % k.align !== 0) fatal('key size not a multiple of key align');
  if (e.size % e.align !== 0) fatal('elem size not a multiple of elem align');
  if (b.align % k.align !== 0) fatal('bucket align not multiple of key align');
  if (b.align % e.align !== 0) fatal('bucket align not multiple of elem align');
  if (keys.offset % k.align !== 0) fatal('bad alignment of keys in bmap');
  if (elems.offset % e.align !== 0) fatal('bad alignment of elems in bmap');
  // "Double-check that overflow field is final memory in struct, with no padding at end."
  if (overflow.offset !== b.size - ptrSizeOf(arch)) fatal('bad offset of overflow in bmap');
}

/** The runtime's `maptype` for `map[key]elem` on `arch`. Throws `GoTypeError` for a key type
 * that is not comparable. */
export function mapTypeOf(key: GoType, elem: GoType, arch: GoArch): MapTypeInfo {
  const b = buildBucket(key, elem, arch);
  const bl = layoutOf(b.struct, arch);
  return {
    key: typeString(key),
    elem: typeString(elem),
    goarch: arch,
    ptrSize: ptrSizeOf(arch),
    keysize: layoutOf(b.keySlot, arch).size,
    elemsize: layoutOf(b.elemSlot, arch).size,
    bucketsize: bl.size,
    indirectkey: b.indirectkey,
    indirectelem: b.indirectelem,
    bucketPtrdata: bl.ptrdata,
    reflexivekey: isReflexive(key),
    needkeyupdate: needkeyupdate(key),
  };
}

/** `maptype.flags` as `writeType` sets them. */
export function mapTypeFlags(key: GoType, elem: GoType, arch: GoArch): number {
  const t = mapTypeOf(key, elem, arch);
  return (
    (t.indirectkey ? mapFlagIndirectKey : 0) |
    (t.indirectelem ? mapFlagIndirectElem : 0) |
    (t.reflexivekey ? mapFlagReflexiveKey : 0) |
    (t.needkeyupdate ? mapFlagNeedKeyUpdate : 0) |
    (hashMightPanic(key) ? mapFlagHashMightPanic : 0)
  );
}

const paddings: Record<GoArch, WeakMap<GoType, number>> = { amd64: new WeakMap(), arm64: new WeakMap(), '386': new WeakMap(), arm: new WeakMap() };

/** Padding bytes inside a value of `t` (between and after struct fields, at every depth); kept per
 * type, so a type that holds another many times (`struct{ a, b T1 }`, forty levels) counts it once. */
export function internalPadding(t: GoType, arch: GoArch): number {
  const known = paddings[arch].get(t);
  if (known !== undefined) return known;
  const u = underlying(t);
  let p = 0;
  if (u.kind === 'array') p = u.len * internalPadding(u.elem, arch);
  else if (u.kind === 'struct') p = structLayout(u, arch).padding + u.fields.reduce((sum, f) => sum + internalPadding(f.type, arch), 0);
  paddings[arch].set(t, p);
  return p;
}

export interface BucketRegion {
  /** gc's field name: topbits (the runtime's tophash), keys, elems, overflow. */
  name: 'topbits' | 'keys' | 'elems' | 'overflow';
  /** The field's type, e.g. `[8]int64`, `[8]*[200]byte`, `uintptr`. */
  type: string;
  offset: number;
  size: number;
  /** Bytes of padding between the previous region and this one. */
  paddingBefore: number;
}

export interface SlotInfo {
  /** The key or elem type as written. */
  type: string;
  /** Its own size, alignment and ptrdata (also when stored indirectly). */
  layout: TypeLayout;
  /** The slot's type: the type itself or a pointer to it. */
  slotType: string;
  /** Bytes per slot in the bucket (`maptype.keysize`/`elemsize`). */
  slotSize: number;
  indirect: boolean;
  /** Heap bytes of the object an indirect key/elem lives in (its size rounded to a size class). */
  indirectObjectBytes: number;
  /** Padding inside the type itself (struct fields), per value. */
  internalPadding: number;
}

export interface InterleavedLayout {
  /** `struct{ key K; elem V }` with the slot types. */
  pairType: string;
  pairSize: number;
  /** Padding bytes in each pair (between key and elem, and after elem). */
  pairPadding: number;
  bucketsize: number;
  /** All padding in the interleaved bucket. */
  paddingBytes: number;
  /** interleaved bucketsize - real bucketsize: what grouping keys and elems saves per bucket. */
  savedPerBucket: number;
}

export interface ReorderSuggestion {
  /** `key` or `elem`. */
  role: 'key' | 'elem';
  /** The struct type as written (a name for a named type). */
  type: string;
  /** Field names in the suggested order. */
  order: string[];
  /** The reordered struct type, e.g. `struct{ b int64; a int8; c int8 }`. */
  reordered: string;
  size: number;
  optimalSize: number;
  ptrdata: number;
  optimalPtrdata: number;
  /** Bytes saved per key/elem value (size - optimalSize). */
  savedPerSlot: number;
  /** bucketsize - bucketsize with the reordered type (8 slots, and maybe no longer indirect). */
  savedPerBucket: number;
  /** The bucket size with the reordered type. */
  bucketsize: number;
  /** For a key/elem stored indirectly (its own heap object per entry): object bytes saved per entry,
   * after size-class rounding (0 when stored inline). */
  savedPerObject: number;
}

export interface BucketLayout {
  info: MapTypeInfo;
  /** `maptype.flags`. */
  flags: number;
  hashMightPanic: boolean;
  key: SlotInfo;
  elem: SlotInfo;
  /** The bucket type's alignment (`_type.align` of the bmap). */
  bucketAlign: number;
  regions: BucketRegion[];
  /** Padding bytes in the bmap struct itself (between regions and at the end). */
  paddingBytes: number;
  /** Padding inside the 8 keys and 8 elems stored directly (their own struct padding). */
  slotPaddingBytes: number;
  interleaved: InterleavedLayout;
  /** fieldalignment-style reorderings of a struct key or elem that shrink it or its pointer prefix. */
  reorder: ReorderSuggestion[];
}

function slotInfo(t: GoType, slot: GoType, indirect: boolean, arch: GoArch): SlotInfo {
  const layout = layoutOf(t, arch);
  return {
    type: typeString(t),
    layout,
    slotType: typeString(slot),
    slotSize: layoutOf(slot, arch).size,
    indirect,
    indirectObjectBytes: indirect ? roundupsize(layout.size) : 0,
    internalPadding: internalPadding(t, arch),
  };
}

/** The bucket of `map[key]elem` on `arch`, region by region, with the comparisons the views show. */
export function bucketLayout(key: GoType, elem: GoType, arch: GoArch): BucketLayout {
  const info = mapTypeOf(key, elem, arch);
  const b = buildBucket(key, elem, arch);
  const s = structLayout(b.struct, arch);
  const regions: BucketRegion[] = s.fields.map((f) => ({
    name: f.name as BucketRegion['name'],
    type: f.name === 'overflow' ? (f.type === 'uintptr' ? 'uintptr' : '*bmap') : f.type,
    offset: f.offset,
    size: f.size,
    paddingBefore: f.paddingBefore,
  }));
  const k = slotInfo(key, b.keySlot, b.indirectkey, arch);
  const e = slotInfo(elem, b.elemSlot, b.indirectelem, arch);
  return {
    info,
    flags: mapTypeFlags(key, elem, arch),
    hashMightPanic: hashMightPanic(key),
    key: k,
    elem: e,
    bucketAlign: s.align,
    regions,
    paddingBytes: s.padding,
    slotPaddingBytes: bucketCnt * ((b.indirectkey ? 0 : k.internalPadding) + (b.indirectelem ? 0 : e.internalPadding)),
    interleaved: interleavedLayout(b, info.bucketsize, arch),
    reorder: [reorderSuggestion('key', key, elem, arch, info), reorderSuggestion('elem', key, elem, arch, info)].filter(
      (r): r is ReorderSuggestion => r !== undefined,
    ),
  };
}

/** The bucket as key/elem pairs: struct{ topbits [8]uint8; pairs [8]struct{ key K; elem V }; overflow }. */
function interleavedLayout(b: Bucket, bucketsize: number, arch: GoArch): InterleavedLayout {
  const pair: GoType = {
    kind: 'struct',
    fields: [
      { name: 'key', type: b.keySlot, embedded: false },
      { name: 'elem', type: b.elemSlot, embedded: false },
    ],
  };
  const real = structLayout(b.struct, arch);
  const overflow = real.fields[3];
  const bucket: GoType = {
    kind: 'struct',
    fields: [
      { name: 'topbits', type: { kind: 'array', len: bucketCnt, elem: uint8T }, embedded: false },
      { name: 'pairs', type: { kind: 'array', len: bucketCnt, elem: pair }, embedded: false },
      { name: 'overflow', type: overflow.type === 'uintptr' ? uintptrT : unsafePointerT, embedded: false },
    ],
  };
  const p = structLayout(pair, arch);
  const il = structLayout(bucket, arch);
  return {
    pairType: typeString(pair),
    pairSize: p.size,
    pairPadding: p.padding,
    bucketsize: il.size,
    paddingBytes: il.padding + bucketCnt * p.padding,
    savedPerBucket: il.size - bucketsize,
  };
}

/**
 * fieldalignment's `optimalOrder`: zero-size fields first, then by alignment (largest first), then
 * fields with pointers before those without, among those with pointers the ones with fewer
 * trailing non-pointer bytes first, and last by size (largest first); ties keep declaration order.
 */
export function optimalFieldOrder(t: GoType, arch: GoArch): StructField[] {
  const u = underlying(t);
  if (u.kind !== 'struct') throw GoTypeError.unplaced(`${typeString(t)} is not a struct type`);
  const elems = u.fields.map((f, index) => ({ f, index, l: layoutOf(f.type, arch) }));
  elems.sort((a, b) => {
    const za = a.l.size === 0;
    const zb = b.l.size === 0;
    if (za !== zb) return za ? -1 : 1;
    if (a.l.align !== b.l.align) return b.l.align - a.l.align;
    const na = a.l.ptrdata === 0;
    const nb = b.l.ptrdata === 0;
    if (na !== nb) return na ? 1 : -1;
    if (!na) {
      const ta = a.l.size - a.l.ptrdata;
      const tb = b.l.size - b.l.ptrdata;
      if (ta !== tb) return ta - tb;
    }
    if (a.l.size !== b.l.size) return b.l.size - a.l.size;
    return a.index - b.index;
  });
  return elems.map((e) => e.f);
}

function reorderSuggestion(
  role: 'key' | 'elem',
  key: GoType,
  elem: GoType,
  arch: GoArch,
  info: MapTypeInfo,
): ReorderSuggestion | undefined {
  const t = role === 'key' ? key : elem;
  // Types of other packages (time.Time, ...) are not the user's to reorder.
  if (t.kind === 'named' && t.name.includes('.')) return undefined;
  const u = underlying(t);
  if (u.kind !== 'struct' || u.fields.length < 2) return undefined;
  const fields = optimalFieldOrder(t, arch);
  const reorderedT: GoType = { kind: 'struct', fields };
  const before = layoutOf(t, arch);
  const after = layoutOf(reorderedT, arch);
  if (after.size === before.size && after.ptrdata === before.ptrdata) return undefined;
  const other = mapTypeOf(role === 'key' ? reorderedT : key, role === 'elem' ? reorderedT : elem, arch);
  const indirect = role === 'key' ? info.indirectkey : info.indirectelem;
  const stillIndirect = role === 'key' ? other.indirectkey : other.indirectelem;
  const savedPerObject = indirect ? roundupsize(before.size) - (stillIndirect ? roundupsize(after.size) : 0) : 0;
  // Inside a bucket only the size matters: a bucket with pointers is scanned to its overflow
  // pointer at the end, whatever the order of fields. A smaller ptrdata helps only an indirect
  // key/elem, which is an object of its own.
  const savedPerBucket = info.bucketsize - other.bucketsize;
  if (savedPerBucket === 0 && savedPerObject === 0 && !(indirect && after.ptrdata !== before.ptrdata)) return undefined;
  return {
    role,
    type: typeString(t),
    order: fields.map((f) => f.name),
    reordered: typeString(reorderedT),
    size: before.size,
    optimalSize: after.size,
    ptrdata: before.ptrdata,
    optimalPtrdata: after.ptrdata,
    savedPerSlot: before.size - after.size,
    savedPerBucket,
    bucketsize: other.bucketsize,
    savedPerObject,
  };
}
