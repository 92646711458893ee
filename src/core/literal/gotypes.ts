/**
 * What the literal checker needs to know about Go types, after Go 1.19 `types2` (`predicates.go`,
 * `typestring.go`, `universe.go`): the untyped constant types, the predicates that classify a type
 * (`isInteger`, `isConstType`, `comparable`, `hasNil`, `identical`), default types, integer sizes per
 * GOARCH, and the type strings the compiler prints in its messages (`struct{X int; Y int}`).
 *
 * Types are the shared `GoType` objects; the checker adds `Untyped` for the types of untyped
 * constants and nil, which never leave this module's callers.
 */
import { GoArch, ptrSizeOf } from '../maptype';
import { BasicName, GoType } from '../types/gotype';

/** The type of an untyped constant (or of nil): `untyped int`, `untyped rune`, ... */
export interface Untyped {
  kind: 'untyped';
  name: 'bool' | 'int' | 'rune' | 'float' | 'complex' | 'string' | 'nil';
}

/** The type of an operand: a Go type, or untyped. */
export type OpType = GoType | Untyped;

type Underlying = Exclude<GoType, { kind: 'named' }>;

const untypedCache = new Map<Untyped['name'], Untyped>();
export function untyped(name: Untyped['name']): Untyped {
  let t = untypedCache.get(name);
  if (!t) untypedCache.set(name, (t = { kind: 'untyped', name }));
  return t;
}

export function basic(name: BasicName, alias?: 'byte' | 'rune'): GoType {
  return alias ? { kind: 'basic', name, alias } : { kind: 'basic', name };
}

/** `under`: the underlying type; a named type whose declaration failed has none. */
export function under(t: OpType): Underlying | Untyped | undefined {
  let u: GoType | Untyped | undefined = t;
  for (let i = 0; u?.kind === 'named' && i < 100; i++) u = u.underlying;
  return u?.kind === 'named' ? undefined : u;
}

export function isUntyped(t: OpType): t is Untyped {
  return t.kind === 'untyped';
}

export function isNamed(t: OpType): boolean {
  return t.kind === 'named' || t.kind === 'basic';
}

const integerNames = new Set<string>(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);
const unsignedNames = new Set<string>(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

function basicOf(t: OpType): string | undefined {
  const u = under(t);
  if (u?.kind === 'basic') return u.name;
  if (u?.kind === 'untyped') return 'untyped ' + u.name;
  return undefined;
}

export function isInteger(t: OpType): boolean {
  const b = basicOf(t);
  return b !== undefined && (integerNames.has(b) || b === 'untyped int' || b === 'untyped rune');
}

export function isUnsigned(t: OpType): boolean {
  const b = basicOf(t);
  return b !== undefined && unsignedNames.has(b);
}

export function isFloat(t: OpType): boolean {
  const b = basicOf(t);
  return b === 'float32' || b === 'float64' || b === 'untyped float';
}

export function isComplex(t: OpType): boolean {
  const b = basicOf(t);
  return b === 'complex64' || b === 'complex128' || b === 'untyped complex';
}

export function isNumeric(t: OpType): boolean {
  return isInteger(t) || isFloat(t) || isComplex(t);
}

export function isString(t: OpType): boolean {
  const b = basicOf(t);
  return b === 'string' || b === 'untyped string';
}

export function isBoolean(t: OpType): boolean {
  const b = basicOf(t);
  return b === 'bool' || b === 'untyped bool';
}

/** Ordered types: integers, floats and strings (`<` is defined). */
export function isOrdered(t: OpType): boolean {
  return isInteger(t) || isFloat(t) || isString(t);
}

/** `isConstType`: can a constant have this type? (booleans, numbers and strings) */
export function isConstType(t: OpType): boolean {
  const u = under(t);
  return (u?.kind === 'basic' && u.name !== 'unsafe.Pointer') || u?.kind === 'untyped';
}

export function isInterface(t: OpType): boolean {
  return under(t)?.kind === 'interface';
}

/** An interface without methods or constraints: `interface{}`/`any`. */
export function isEmptyInterface(t: OpType): boolean {
  const u = under(t);
  return u?.kind === 'interface' && u.methods.length === 0 && u.embeds.length === 0;
}

/** `hasNil`: pointers, slices, maps, channels, functions, interfaces and unsafe.Pointer. */
export function hasNil(t: OpType): boolean {
  const u = under(t);
  if (!u) return false;
  switch (u.kind) {
    case 'pointer': case 'slice': case 'map': case 'chan': case 'func': case 'interface': return true;
    case 'basic': return u.name === 'unsafe.Pointer';
    case 'untyped': return u.name === 'nil';
    default: return false;
  }
}

/** `comparable`: may values of t be compared with == (and so be map keys)? */
export function comparable(t: OpType, seen = new Set<GoType>()): boolean {
  if (t.kind === 'named') {
    if (seen.has(t)) return true;
    seen.add(t);
  }
  const u = under(t);
  if (!u) return true; // broken declaration: reported elsewhere
  switch (u.kind) {
    case 'basic': case 'pointer': case 'chan': case 'interface': return true;
    case 'untyped': return u.name !== 'nil';
    case 'struct': return u.fields.every((f) => comparable(f.type, seen));
    case 'array': return comparable(u.elem, seen);
    default: return false;
  }
}

/** `Identical`: the same type (named types by identity, the rest by structure). */
export function identical(a: OpType, b: OpType): boolean {
  if (a === b) return true;
  if (a.kind === 'named' || b.kind === 'named') return false;
  switch (a.kind) {
    case 'untyped': return b.kind === 'untyped' && a.name === b.name;
    case 'basic': return b.kind === 'basic' && a.name === b.name;
    case 'pointer': case 'slice': return b.kind === a.kind && identical(a.elem, (b as typeof a).elem);
    case 'array': return b.kind === 'array' && a.len === b.len && identical(a.elem, b.elem);
    case 'map': return b.kind === 'map' && identical(a.key, b.key) && identical(a.elem, b.elem);
    case 'chan': return b.kind === 'chan' && a.dir === b.dir && identical(a.elem, b.elem);
    case 'func': return b.kind === 'func' && a.signature === b.signature;
    case 'interface':
      return b.kind === 'interface' && sameSet(a.methods.map((m) => m.name + m.signature), b.methods.map((m) => m.name + m.signature)) && sameSet(a.embeds, b.embeds);
    case 'struct':
      return b.kind === 'struct' && a.fields.length === b.fields.length &&
        a.fields.every((f, i) => f.name === b.fields[i].name && f.embedded === b.fields[i].embedded && identical(f.type, b.fields[i].type));
  }
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** `Default`: the type an untyped constant gets where no type is asked for. */
export function defaultType(t: OpType): OpType {
  if (t.kind !== 'untyped') return t;
  switch (t.name) {
    case 'bool': return basic('bool');
    case 'int': return basic('int');
    case 'rune': return basic('int32', 'rune');
    case 'float': return basic('float64');
    case 'complex': return basic('complex128');
    case 'string': return basic('string');
    case 'nil': return t;
  }
}

/** `unsafe.Sizeof` of the sized basic types, and of int/uint/uintptr on the given GOARCH. */
export function basicSize(name: BasicName, arch: GoArch): number {
  switch (name) {
    case 'bool': case 'int8': case 'uint8': return 1;
    case 'int16': case 'uint16': return 2;
    case 'int32': case 'uint32': case 'float32': return 4;
    case 'int64': case 'uint64': case 'float64': case 'complex64': return 8;
    case 'complex128': return 16;
    case 'string': return 2 * ptrSizeOf(arch);
    case 'int': case 'uint': case 'uintptr': case 'unsafe.Pointer': return ptrSizeOf(arch);
  }
}

/**
 * `TypeString` as the compiler prints types in messages: `int8`, `[]int`, `map[string]P`,
 * `struct{X int; Y int}`, `interface{}`, `any`; named types by their (unqualified) name.
 */
export function typeString(t: OpType): string {
  switch (t.kind) {
    case 'untyped': return 'untyped ' + t.name;
    case 'basic': return t.alias ?? t.name;
    case 'named': return t.name;
    case 'pointer': return '*' + typeString(t.elem);
    case 'slice': return '[]' + typeString(t.elem);
    case 'array': return `[${t.len}]${typeString(t.elem)}`;
    case 'map': return `map[${typeString(t.key)}]${typeString(t.elem)}`;
    case 'chan': {
      const prefix = t.dir === 'send' ? 'chan<- ' : t.dir === 'recv' ? '<-chan ' : 'chan ';
      const paren = t.dir === 'both' && t.elem.kind === 'chan' && t.elem.dir === 'recv';
      return prefix + (paren ? `(${typeString(t.elem)})` : typeString(t.elem));
    }
    case 'func': return 'func' + t.signature;
    case 'interface': {
      if (t.alias === 'any' && t.methods.length === 0 && t.embeds.length === 0) return 'any';
      const parts = [...t.embeds, ...t.methods.map((m) => m.name + m.signature)];
      return `interface{${parts.join('; ')}}`;
    }
    case 'struct': {
      const fields = t.fields.map((f) => (f.embedded ? typeString(f.type) : `${f.name} ${typeString(f.type)}`));
      return `struct{${fields.join('; ')}}`;
    }
  }
}
