/**
 * Go values as a map literal makes them, and their JSON value form.
 *
 * A GoValue is what the runtime would hold after the literal is evaluated: integers exactly
 * (BigInt, whatever the width), floats already rounded to their type (a float32 is the double of
 * its float32 value), strings as bytes, aggregates element by element. An interface holds its
 * dynamic type beside the value, because `map[any]int{1: 1, int8(1): 2}` has two keys.
 *
 * The JSON value form (`toJson`) is what `gomap literal --json` prints and what the corpus
 * stores: integers as numbers (decimal strings beyond ±2^53), floats as numbers ("NaN", "+Inf",
 * "-Inf" as strings), complex as [re, im], strings and bools as themselves, arrays and slices as
 * arrays, structs as objects keyed by field name in declaration order (blank fields left out),
 * maps as [[k, v], ...], pointers as what they point to, nil as null, and a non-nil interface as
 * `{ "$type": "int64", "value": 1 }`, its dynamic type beside its value (`../go/value.ts`), so
 * that the 4 keys of `map[any]int{1: 1, int64(1): 2, int8(1): 3, 1.0: 4}` stay 4 keys.
 */
import type { GoType } from '../types/gotype';
import type { ByteString } from './constant';
import { toText } from './gostring';
import { under } from './gotypes';
import { runtimeTypeString } from './rtype';

export type GoValue =
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex'; re: number; im: number }
  | { kind: 'string'; bytes: ByteString }
  | { kind: 'array'; elems: GoValue[] }
  | { kind: 'slice'; elems: GoValue[] }
  | { kind: 'struct'; fields: GoValue[] }
  | { kind: 'map'; entries: [GoValue, GoValue][] }
  | { kind: 'pointer'; elem: GoValue }
  | { kind: 'interface'; type: GoType; value: GoValue }
  | { kind: 'nil' };

export type JsonValue = null | boolean | number | string | JsonValue[] | { [field: string]: JsonValue };

const maxExactInt = 2n ** 53n;

/**
 * The JSON value form of v, read with its static type t (for struct field names); `pkg` qualifies
 * the named types of the file in interfaces' dynamic types (`main.T`).
 */
export function toJson(v: GoValue, t: GoType, pkg = 'main'): JsonValue {
  switch (v.kind) {
    case 'bool': return v.value;
    case 'int': return v.value <= maxExactInt && v.value >= -maxExactInt ? Number(v.value) : v.value.toString();
    case 'float': return floatJson(v.value);
    case 'complex': return [floatJson(v.re), floatJson(v.im)];
    case 'string': return toText(v.bytes);
    case 'nil': return null;
    case 'interface': return { $type: runtimeTypeString(v.type, pkg), value: toJson(v.value, v.type, pkg) };
    case 'pointer': {
      const u = under(t);
      return toJson(v.elem, u?.kind === 'pointer' ? u.elem : t, pkg);
    }
    case 'array': case 'slice': {
      const u = under(t);
      const elem = u?.kind === 'array' || u?.kind === 'slice' ? u.elem : t;
      return v.elems.map((e) => toJson(e, elem, pkg));
    }
    case 'map': {
      const u = under(t);
      const [kt, et] = u?.kind === 'map' ? [u.key, u.elem] : [t, t];
      return v.entries.map(([k, e]) => [toJson(k, kt, pkg), toJson(e, et, pkg)]);
    }
    case 'struct': {
      const u = under(t);
      const out: { [field: string]: JsonValue } = {};
      if (u?.kind !== 'struct') return out;
      u.fields.forEach((f, i) => {
        if (f.name !== '_') out[f.name] = toJson(v.fields[i], f.type, pkg);
      });
      return out;
    }
  }
}

/** A float64 (or float32) as JSON: a number, or "NaN", "+Inf", "-Inf". */
export function floatJson(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return x;
}

/** Most scalar values a composite value may hold before we decline to show it. */
export const maxCells = 1 << 16;

/**
 * How many scalar values a value of type t holds (arrays multiply, structs add), counted up to
 * just past maxCells: `[1 << 40]int` is a valid type whose values we do not build.
 */
export function cellCount(t: GoType): number {
  const u = under(t);
  // Each element is a value to show, even of a zero-size type (`[1 << 62]struct{}`).
  if (u?.kind === 'array') return Math.min(maxCells + 1, u.len * Math.max(1, cellCount(u.elem)));
  if (u?.kind === 'struct') return Math.min(maxCells + 1, u.fields.reduce((n, f) => n + cellCount(f.type), 0));
  return 1;
}

/**
 * The zero value of t: what a struct field or array element left out of a literal holds. The
 * caller checks `cellCount(t) <= maxCells` first.
 */
export function zeroValue(t: GoType): GoValue {
  const u = under(t);
  if (!u || u.kind === 'untyped') return { kind: 'nil' };
  switch (u.kind) {
    case 'basic':
      switch (u.name) {
        case 'bool': return { kind: 'bool', value: false };
        case 'string': return { kind: 'string', bytes: '' };
        case 'float32': case 'float64': return { kind: 'float', value: 0 };
        case 'complex64': case 'complex128': return { kind: 'complex', re: 0, im: 0 };
        case 'unsafe.Pointer': return { kind: 'nil' };
        default: return { kind: 'int', value: 0n };
      }
    case 'array': return { kind: 'array', elems: Array.from({ length: u.len }, () => zeroValue(u.elem)) };
    case 'struct': return { kind: 'struct', fields: u.fields.map((f) => zeroValue(f.type)) };
    default: return { kind: 'nil' };
  }
}
