/**
 * Which runtime function the compiler calls for `m[k] = v` on a Swiss map: gc's `walk.mapfast`
 * (Go 1.26/1.27 `cmd/compile/internal/walk/walk.go`), which decides by the key's *algorithm kind*
 * (`types.AlgType`, `cmd/compile/internal/types/alg.go` and `size.go`; refined to the fixed-width
 * AMEMxx kinds by `reflectdata.AlgType` in 1.26, `walk.algType` in 1.27).
 *
 * The algorithm kind says how gc compares and hashes a type:
 * - AMEM: as plain memory (integers, bool, pointers, channels, unsafe.Pointer, and arrays and
 *   structs made only of those with no padding and no blank fields); refined by size to AMEM0,
 *   AMEM8, AMEM16, AMEM32, AMEM64 or AMEM128, unless the type is less aligned than the target
 *   requires for such a load (`Arch.Alignment`: 4 on arm, 1 elsewhere; issue 46283);
 * - ASTRING, AINTER (non-empty interface), ANILINTER (`interface{}`), AFLOAT32, AFLOAT64,
 *   ACPLX64, ACPLX128 for those types; a one-field struct or one-element array is its element;
 * - ASPECIAL: needs a generated function (padding, blank fields, floats or strings inside a
 *   larger aggregate);
 * - ANOEQ: not comparable (slices, maps, funcs and aggregates holding them).
 *
 * `mapfast` then picks: elem over 128 bytes → the generic `mapassign` ("slow"); AMEM32 without
 * pointers → `mapassign_fast32` (with pointers, on 32-bit targets, `fast32ptr`); AMEM64 without
 * pointers → `fast64` (with pointers: `fast64ptr` on 64-bit, else slow: two words, one a
 * pointer); ASTRING → `faststr`; anything else → slow. The path matters to the model: only the
 * fast paths prune tombstones before growing.
 */
import { GoArch, ptrSizeOf } from '../maptype';
import { GoType } from '../types/gotype';
import { typeString } from '../types/print';
import { underlying } from '../types/scope';
import { TypeLayout, layoutOf, structLayout } from '../types/size';
import { maxElemBytes } from './constants';
import { AssignPath } from './types';

/** `types.AlgKind` (without ANOALG/AUNK, which user types never have). */
export type AlgKind =
  | 'NOEQ'
  | 'MEM'
  | 'MEM0'
  | 'MEM8'
  | 'MEM16'
  | 'MEM32'
  | 'MEM64'
  | 'MEM128'
  | 'STRING'
  | 'INTER'
  | 'NILINTER'
  | 'FLOAT32'
  | 'FLOAT64'
  | 'CPLX64'
  | 'CPLX128'
  | 'SPECIAL';

/** `algPriority`: a struct's kind is its fields' highest-priority kind (AMEM lowest, then the
 * specific kinds, ASPECIAL, ANOEQ). */
function priority(a: AlgKind): number {
  if (a === 'MEM') return -1;
  if (a === 'SPECIAL') return 1;
  if (a === 'NOEQ') return 2;
  return 0;
}

/** `Arch.Alignment` (`cmd/internal/sys/arch.go`): the alignment the target needs for any load. */
export function archAlignment(arch: GoArch): number {
  return arch === 'arm' ? 4 : 1;
}

const algKinds: Record<GoArch, WeakMap<GoType, AlgKind>> = { amd64: new WeakMap(), arm64: new WeakMap(), '386': new WeakMap(), arm: new WeakMap() };

/** `types.AlgType`: the target-independent kind (AMEM is not refined by size); kept per type, as
 * gc keeps it, so `struct{ a, b T1 }` forty levels deep asks about T1 once, not 2^40 times. */
export function typesAlgType(t: GoType, arch: GoArch): AlgKind {
  let a = algKinds[arch].get(t);
  if (a === undefined) algKinds[arch].set(t, (a = algTypeOf(t, arch)));
  return a;
}

function algTypeOf(t: GoType, arch: GoArch): AlgKind {
  const u = underlying(t);
  switch (u.kind) {
    case 'basic':
      switch (u.name) {
        case 'float32':
          return 'FLOAT32';
        case 'float64':
          return 'FLOAT64';
        case 'complex64':
          return 'CPLX64';
        case 'complex128':
          return 'CPLX128';
        case 'string':
          return 'STRING';
        default:
          return 'MEM';
      }
    case 'pointer':
    case 'chan':
      return 'MEM';
    case 'map':
    case 'func':
    case 'slice':
      return 'NOEQ';
    case 'interface':
      return isEmptyInterface(u) ? 'NILINTER' : 'INTER';
    case 'array': {
      // CalcArraySize: AMEM and ANOEQ elements pass through; other kinds survive only in [0]T
      // (AMEM: nothing to compare) and [1]T (the lone element).
      const e = typesAlgType(u.elem, arch);
      if (e === 'MEM' || e === 'NOEQ') return e;
      if (u.len === 0) return 'MEM';
      return u.len === 1 ? e : 'SPECIAL';
    }
    case 'struct':
      return structAlg(t, u, arch);
  }
  throw new Error(`no algorithm kind for ${typeString(t)}`);
}

function isEmptyInterface(u: Extract<GoType, { kind: 'interface' }>): boolean {
  return u.methods.length === 0 && u.embeds.every((e) => e === 'any' || e === 'interface{}');
}

/** CalcStructSize's kind: a one-field (non-blank) struct is its field; otherwise AMEM unless a
 * field needs more (a blank or padded memory field, or any non-memory field, needs ASPECIAL). */
function structAlg(t: GoType, u: Extract<GoType, { kind: 'struct' }>, arch: GoArch): AlgKind {
  if (u.fields.length === 1 && u.fields[0].name !== '_') return typesAlgType(u.fields[0].type, arch);
  const s = structLayout(t, arch);
  let alg: AlgKind = 'MEM';
  u.fields.forEach((f, i) => {
    let a = typesAlgType(f.type, arch);
    if (a === 'MEM') {
      // IsPaddedField: the field does not end where the next one (or the struct) begins.
      const end = i + 1 < s.fields.length ? s.fields[i + 1].offset : s.size;
      if (f.name === '_' || s.fields[i].offset + s.fields[i].size !== end) a = 'SPECIAL';
    } else if (a !== 'NOEQ') {
      a = 'SPECIAL';
    }
    if (priority(a) > priority(alg)) alg = a;
  });
  return alg;
}

const memBySize: Record<number, AlgKind> = { 0: 'MEM0', 1: 'MEM8', 2: 'MEM16', 4: 'MEM32', 8: 'MEM64', 16: 'MEM128' };

/** `reflectdata.AlgType` (1.26) / `walk.algType` (1.27): AMEM refined to its fixed-width kind. */
export function algType(t: GoType, arch: GoArch): AlgKind {
  const a = typesAlgType(t, arch);
  if (a !== 'MEM') return a;
  const l: TypeLayout = layoutOf(t, arch);
  // "we can't treat [2]int16 as an int32 if int32s require 4-byte alignment" (issue 46283).
  if (l.align < archAlignment(arch) && l.align < l.size) return a;
  return memBySize[l.size] ?? a;
}

/** `walk.mapfast`: the runtime entry point for `m[k] = v` on `map[key]elem`. */
export function assignPath(key: GoType, elem: GoType, arch: GoArch): AssignPath {
  if (layoutOf(elem, arch).size > maxElemBytes) return 'slow';
  const pointers = layoutOf(key, arch).ptrdata > 0;
  const ptrSize = ptrSizeOf(arch);
  switch (algType(key, arch)) {
    case 'MEM32':
      if (!pointers) return 'fast32';
      if (ptrSize === 4) return 'fast32ptr';
      throw new Error('mapfast: small pointer'); // base.Fatalf: a 4-byte key cannot hold an 8-byte pointer
    case 'MEM64':
      if (!pointers) return 'fast64';
      // "Two-word object, at least one of which is a pointer. Use the slow path."
      return ptrSize === 8 ? 'fast64ptr' : 'slow';
    case 'STRING':
      return 'faststr';
    default:
      return 'slow';
  }
}
