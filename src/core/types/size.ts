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
 * - Nothing may outgrow the target (`MaxWidth`: 1<<50 on amd64 and arm64, 1<<32 - 1 on 386 and
 *   arm). `CalcSize` refuses an array of n elements of width w when `n > (MaxWidth - 1) / w`
 *   (`type [N]T larger than address space`); on 32-bit targets any type of 2^31 bytes or more
 *   (`type T too large`: reflect's tables hold sizes in 31 bits), and `calcStructOffset` a struct
 *   whose fields end at or beyond MaxWidth (2^31 - 1 on 32-bit targets). Sizes are computed from
 *   the inside out, so the innermost offender is the one named, and `base.Pos` is then the
 *   declaration of the innermost named type being sized: the error is placed there (Go 1.19 and
 *   1.26 print the same words; both crash on the struct case with `internal compiler error: bad
 *   type: struct {...}`, since a struct literal type has no position: we print what gc means to).
 */
import { GoArch, ptrSizeOf } from '../maptype';
import { GoTypeError, TypeTooLargeError } from './errors';
import { GoType } from './gotype';
import { gcTypeString, typeString } from './print';
import { declarationSite, underlying } from './scope';

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

/** `MaxWidth`, the most bytes a value may span on the target (`ssagen.Arch.MAXWIDTH`). */
function maxWidth(arch: GoArch): number {
  return ptrSizeOf(arch) === 4 ? 2 ** 32 - 1 : 2 ** 50;
}

/** The largest size a 32-bit target's reflect tables can hold (`w != int64(int32(w))`). */
const maxInt32 = 2 ** 31 - 1;

/** `calcStructOffset`'s limit on a field's end: MaxWidth, or 2^31 - 1 on 32-bit targets. */
function maxStructWidth(arch: GoArch): number {
  return ptrSizeOf(arch) === 4 ? maxInt32 : maxWidth(arch);
}

/**
 * types2's refusal of an array length that is not an `int` on a 32-bit target, kept by `fromnode.ts`
 * for lengths above 2^31 - 1 written in source: types2 runs before any layout, so on 386 and arm
 * this, at the length, is gc's answer (`array length 1 << 40 (untyped int constant 1099511627776)
 * must be integer`).
 */
const notInt32 = new WeakMap<GoType, TypeTooLargeError>();

export function noteLengthNotInt32(array: GoType, error: TypeTooLargeError): void {
  notInt32.set(array, error);
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
  let l: TypeLayout;
  try {
    // A named type is sized through its underlying type, as CalcSize sizes both.
    l = t.kind === 'named' ? layoutIn(underlying(t), arch, visiting) : compute(t, arch, visiting);
    if (ptrSizeOf(arch) === 4 && l.size > maxInt32) throw new TypeTooLargeError(`type ${gcTypeString(t)} too large`);
  } catch (e) {
    throw placedAtDeclaration(e, t);
  }
  visiting.delete(t);
  cache.set(t, l);
  return l;
}

/** An unplaced too-large error found while sizing named type t, placed at t's declaration. */
function placedAtDeclaration(e: unknown, t: GoType): unknown {
  if (!(e instanceof TypeTooLargeError) || e.line !== 0) return e;
  const site = declarationSite(t);
  return site ? new TypeTooLargeError(e.message, site.line, site.column, site.file) : e;
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
      const bad = ptrSizeOf(arch) === 4 ? notInt32.get(u) : undefined;
      if (bad) throw bad;
      const e = layoutIn(u.elem, arch, visiting);
      if (e.size !== 0 && u.len > Math.floor((maxWidth(arch) - 1) / e.size)) {
        throw new TypeTooLargeError(`type ${gcTypeString(u)} larger than address space`);
      }
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
  const known = structCaches[arch].get(u);
  if (known) return known;
  layoutOf(t, arch); // throws for invalid recursion
  const s = structLayoutIn(u, arch, new Set());
  structCaches[arch].set(u, s);
  return s;
}

const structCaches: Record<GoArch, WeakMap<GoType, StructLayout>> = { amd64: new WeakMap(), arm64: new WeakMap(), '386': new WeakMap(), arm: new WeakMap() };

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
    if (o >= maxStructWidth(arch)) throw new TypeTooLargeError(`type ${gcTypeString(u)} too large`);
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
