/**
 * Sizes, alignments and pointer prefixes of Go types exactly as the gc compiler computes them for
 * one GOARCH (Go 1.19 `cmd/compile/internal/types/size.go`: `CalcSize`, `calcStructOffset`,
 * `PtrDataSize`).
 *
 * The rules worth knowing:
 * - `int`, `uint`, `uintptr` and pointers are `PtrSize` (8 on amd64/arm64, 4 on 386/arm).
 * - 64-bit integers, `float64` and `complex128` align to `RegSize`, which is 4 on 386 and arm:
 *   `struct{ a int8; b int64 }` is 16 bytes on amd64 and 12 on 386. `complex64` aligns to 4.
 * - Strings are {ptr, len} (ptrdata 1 word), slices {ptr, len, cap} (ptrdata 1 word), interfaces
 *   {tab/type, data} (ptrdata 2 words); maps, channels and funcs are one pointer.
 * - Arrays align like their element; `[0]T` has size 0 and no pointers, but T's alignment.
 * - Structs: fields at increasing offsets rounded to their alignment, the size rounded to the
 *   largest field alignment (at least 1). A struct of nonzero size whose last field(s) have size 0
 *   gets one more byte before the rounding (issue 9401: `&s.last` must not point past `s` into the
 *   next object). Blank `_` and embedded fields take space like any other field.
 * - `ptrdata` is the length of the prefix that holds pointers: the GC scans no further. For a
 *   struct it ends after the last field with pointers; for an array after the last element's.
 */
import { GoArch, ptrSizeOf } from '../maptype';
import { GoTypeError } from './errors';
import { GoType } from './gotype';
import { typeString } from './print';
import { underlying } from './scope';

export interface TypeLayout {
  /** `unsafe.Sizeof`, `_type.size`. */
  size: number;
  /** `unsafe.Alignof`, `_type.align` (gc's field alignment is the same). */
  align: number;
  /** `_type.ptrdata`: bytes of the prefix that can hold pointers; 0 = no pointers. */
  ptrdata: number;
}

/** `RegSize` of the target: the alignment of 64-bit values. */
export function regSizeOf(arch: GoArch): 4 | 8 {
  return arch === '386' || arch === 'arm' ? 4 : 8;
}

/** `types.Rnd`: o rounded up to a multiple of r (a power of two). */
export function rnd(o: number, r: number): number {
  return Math.ceil(o / r) * r;
}

/** The largest size gc accepts: 2^31-1 on 32-bit targets, `MaxWidth` = 2^50 on 64-bit ones. */
function maxWidth(arch: GoArch): number {
  return ptrSizeOf(arch) === 4 ? 2 ** 31 - 1 : 2 ** 50;
}

const caches: Record<GoArch, WeakMap<GoType, TypeLayout>> = {
  amd64: new WeakMap(),
  arm64: new WeakMap(),
  '386': new WeakMap(),
  arm: new WeakMap(),
};

/** Size, alignment and ptrdata of `t` on `arch`. Throws `GoTypeError` for an invalid recursive
 * type or a type too large for the target. */
export function layoutOf(t: GoType, arch: GoArch): TypeLayout {
  return layoutIn(t, arch, new Set());
}

export function sizeof(t: GoType, arch: GoArch): number {
  return layoutOf(t, arch).size;
}

export function alignof(t: GoType, arch: GoArch): number {
  return layoutOf(t, arch).align;
}

export function ptrdata(t: GoType, arch: GoArch): number {
  return layoutOf(t, arch).ptrdata;
}

/** `HasPointers`: does a value of `t` hold pointers the GC must scan? */
export function hasPointers(t: GoType, arch: GoArch): boolean {
  return layoutOf(t, arch).ptrdata > 0;
}

function layoutIn(t: GoType, arch: GoArch, visiting: Set<GoType>): TypeLayout {
  const cache = caches[arch];
  const hit = cache.get(t);
  if (hit) return hit;
  if (visiting.has(t)) {
    throw GoTypeError.unplaced(`invalid recursive type ${typeString(t)}`);
  }
  visiting.add(t);
  const l = compute(t, arch, visiting);
  visiting.delete(t);
  if (l.size > maxWidth(arch)) throw GoTypeError.unplaced(`type ${typeString(t)} too large for ${arch}`);
  cache.set(t, l);
  return l;
}

function compute(t: GoType, arch: GoArch, visiting: Set<GoType>): TypeLayout {
  const ptr = ptrSizeOf(arch);
  const reg = regSizeOf(arch);
  const u = underlying(t);
  switch (u.kind) {
    case 'basic':
      switch (u.name) {
        case 'bool':
        case 'int8':
        case 'uint8':
          return { size: 1, align: 1, ptrdata: 0 };
        case 'int16':
        case 'uint16':
          return { size: 2, align: 2, ptrdata: 0 };
        case 'int32':
        case 'uint32':
        case 'float32':
          return { size: 4, align: 4, ptrdata: 0 };
        case 'int64':
        case 'uint64':
        case 'float64':
          return { size: 8, align: reg, ptrdata: 0 };
        case 'complex64':
          return { size: 8, align: 4, ptrdata: 0 };
        case 'complex128':
          return { size: 16, align: reg, ptrdata: 0 };
        case 'int':
        case 'uint':
        case 'uintptr':
          // SimType: int is int64 on 64-bit targets (align RegSize = 8), int32 on 32-bit ones.
          return { size: ptr, align: ptr, ptrdata: 0 };
        case 'string':
          return { size: 2 * ptr, align: ptr, ptrdata: ptr };
        case 'unsafe.Pointer':
          return { size: ptr, align: ptr, ptrdata: ptr };
      }
      break;
    case 'pointer':
    case 'chan':
    case 'map':
    case 'func':
      return { size: ptr, align: ptr, ptrdata: ptr };
    case 'slice':
      return { size: 3 * ptr, align: ptr, ptrdata: ptr };
    case 'interface':
      return { size: 2 * ptr, align: ptr, ptrdata: 2 * ptr };
    case 'array': {
      const e = layoutIn(u.elem, arch, visiting);
      const ptrdata = u.len === 0 || e.ptrdata === 0 ? 0 : (u.len - 1) * e.size + e.ptrdata;
      return { size: u.len * e.size, align: e.align, ptrdata };
    }
    case 'struct': {
      const s = structLayoutIn(u, arch, visiting);
      return { size: s.size, align: s.align, ptrdata: s.ptrdata };
    }
  }
  throw GoTypeError.unplaced(`no layout for ${typeString(t)}`);
}

export interface FieldLayout {
  name: string;
  /** The field's type as Go writes it. */
  type: string;
  embedded: boolean;
  offset: number;
  size: number;
  align: number;
  ptrdata: number;
  /** Bytes of padding inserted before this field to align it. */
  paddingBefore: number;
}

export interface StructLayout extends TypeLayout {
  fields: FieldLayout[];
  /** Bytes after the last field: the zero-size-final-field byte plus rounding to `align`. */
  trailingPadding: number;
  /** The struct ends in a zero-size field and got gc's extra byte (issue 9401). */
  zeroSizeFinalByte: boolean;
  /** All padding bytes: between fields and at the end. */
  padding: number;
}

/** Field offsets and padding of a struct (or a named struct type), as `calcStructOffset` lays them out. */
export function structLayout(t: GoType, arch: GoArch): StructLayout {
  const u = underlying(t);
  if (u.kind !== 'struct') throw GoTypeError.unplaced(`${typeString(t)} is not a struct type`);
  layoutOf(t, arch); // throws for invalid recursion
  return structLayoutIn(u, arch, new Set());
}

function structLayoutIn(u: Extract<GoType, { kind: 'struct' }>, arch: GoArch, visiting: Set<GoType>): StructLayout {
  let o = 0;
  let maxalign = 1;
  let lastzero = 0;
  let ptrdata = 0;
  const fields: FieldLayout[] = [];
  for (const f of u.fields) {
    const l = layoutIn(f.type, arch, visiting);
    maxalign = Math.max(maxalign, l.align);
    const offset = rnd(o, l.align);
    fields.push({
      name: f.name,
      type: typeString(f.type),
      embedded: f.embedded,
      offset,
      size: l.size,
      align: l.align,
      ptrdata: l.ptrdata,
      paddingBefore: offset - o,
    });
    if (l.size === 0) lastzero = offset;
    if (l.ptrdata > 0) ptrdata = offset + l.ptrdata;
    o = offset + l.size;
  }
  const end = o;
  // For nonzero-sized structs which end in a zero-sized thing, gc adds a byte of padding so that
  // the address of the final field cannot point to the next object in the heap (issue 9401).
  const zeroSizeFinalByte = o > 0 && o === lastzero;
  if (zeroSizeFinalByte) o++;
  const size = rnd(o, maxalign);
  const between = fields.reduce((s, f) => s + f.paddingBefore, 0);
  return {
    size,
    align: maxalign,
    ptrdata,
    fields,
    trailingPadding: size - end,
    zeroSizeFinalByte,
    padding: between + size - end,
  };
}
