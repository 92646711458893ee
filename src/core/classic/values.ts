/**
 * Values of Go types in the model's "JSON value form" (the literal evaluator's output form):
 * integers as JSON numbers, or decimal strings beyond ±2^53; floats as numbers (NaN and ±Inf as
 * the numbers themselves inside the model, written as "NaN", "+Inf", "-Inf" in JSON); strings and
 * bools as themselves; arrays as arrays, structs as objects. Byte arrays in oracle traces are one
 * unsigned integer stored little-endian in the first 8 bytes (`shared/oracle/FORMAT.md`).
 *
 * An interface holds `{ "$type": "int64", "value": 5 }`, its dynamic type beside its value
 * (`../go/value.ts`); null is a nil interface.
 *
 * `normalizeValue` checks that a value fits its type and gives it its one canonical form, so that
 * equal Go values are equal model values (`5`, never `"5"`, for an int64 5).
 */
import { GoType } from '../types/gotype';
import { ModelValue, dynamicTypeComparable, goString, iface, isIface, unhashable } from '../go/value';

export class ValueError extends Error {}

const intRanges: Record<string, [bigint, bigint]> = {
  int8: [-(1n << 7n), (1n << 7n) - 1n],
  int16: [-(1n << 15n), (1n << 15n) - 1n],
  int32: [-(1n << 31n), (1n << 31n) - 1n],
  int64: [-(1n << 63n), (1n << 63n) - 1n],
  uint8: [0n, (1n << 8n) - 1n],
  uint16: [0n, (1n << 16n) - 1n],
  uint32: [0n, (1n << 32n) - 1n],
  uint64: [0n, (1n << 64n) - 1n],
};

/** The range of an integer type on a platform with `ptrSize`-byte int/uint/uintptr. */
export function intRange(name: string, ptrSize: 4 | 8): [bigint, bigint] | undefined {
  if (name === 'int') return intRanges[ptrSize === 8 ? 'int64' : 'int32'];
  if (name === 'uint' || name === 'uintptr') return intRanges[ptrSize === 8 ? 'uint64' : 'uint32'];
  return intRanges[name];
}

const two53 = 1n << 53n;

/** An exact integer in canonical form: a number when |v| <= 2^53 (exact in a double), else a decimal string. */
export function canonicalInt(v: bigint): number | string {
  return v >= -two53 && v <= two53 ? Number(v) : v.toString();
}

function toBigInt(v: unknown, what: string): bigint {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new ValueError(`${v} is not an integer (${what})`);
    return BigInt(v);
  }
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  throw new ValueError(`${JSON.stringify(v)} is not an integer (${what})`);
}

function underlyingOf(t: GoType): Exclude<GoType, { kind: 'named' }> {
  let u: GoType = t;
  for (let i = 0; u.kind === 'named'; i++) {
    if (u.underlying === undefined || i > 100) throw new ValueError(`type ${u.name} is not resolved`);
    u = u.underlying;
  }
  return u;
}

export interface NormalizeOptions {
  /** The GoType of a dynamic type name (`int64`, `[2]string`), for interface values; throws if unknown. */
  resolve?: (typeText: string) => GoType;
  /** The value is a map key: an interface in it must hold a hashable dynamic type. */
  isKey?: boolean;
}

/** Checks `v` against Go type `t` and returns its canonical form; throws `ValueError` if it does not fit. */
export function normalizeValue(t: GoType, v: unknown, ptrSize: 4 | 8 = 8, opts: NormalizeOptions = {}): unknown {
  const u = underlyingOf(t);
  switch (u.kind) {
    case 'basic': {
      const name = u.name;
      const range = intRange(name, ptrSize);
      if (range) {
        const x = toBigInt(v, name);
        if (x < range[0] || x > range[1]) throw new ValueError(`${x} does not fit in ${name} (overflows)`);
        return canonicalInt(x);
      }
      if (name === 'bool') {
        if (typeof v !== 'boolean') throw new ValueError(`${JSON.stringify(v)} is not a bool`);
        return v;
      }
      if (name === 'string') {
        if (typeof v !== 'string') throw new ValueError(`${JSON.stringify(v)} is not a string`);
        return goString(v);
      }
      if (name === 'float32' || name === 'float64') {
        if (typeof v === 'number') return name === 'float32' ? Math.fround(v) : v;
        if (v === 'NaN') return NaN;
        if (v === '+Inf') return Infinity;
        if (v === '-Inf') return -Infinity;
        throw new ValueError(`${JSON.stringify(v)} is not a ${name}`);
      }
      if (name === 'complex64' || name === 'complex128') {
        if (!Array.isArray(v) || v.length !== 2) throw new ValueError(`${JSON.stringify(v)} is not a ${name} ([re, im])`);
        const part = name === 'complex64' ? 'float32' : 'float64';
        return v.map((p) => normalizeValue({ kind: 'basic', name: part }, p, ptrSize, opts));
      }
      throw new ValueError(`values of type ${name} are not supported here`);
    }
    case 'array': {
      const elem = underlyingOf(u.elem);
      if (elem.kind === 'basic' && elem.name === 'uint8' && !Array.isArray(v)) {
        // Oracle convention: an unsigned integer in the first 8 bytes, little-endian.
        const x = toBigInt(v, `[${u.len}]byte`);
        const max = u.len >= 8 ? (1n << 64n) - 1n : (1n << BigInt(8 * u.len)) - 1n;
        if (x < 0n || x > max) throw new ValueError(`${x} does not fit in the first bytes of [${u.len}]byte`);
        return canonicalInt(x);
      }
      if (!Array.isArray(v) || v.length !== u.len) throw new ValueError(`${JSON.stringify(v)} is not a [${u.len}] array`);
      return v.map((e) => normalizeValue(u.elem, e, ptrSize, opts));
    }
    case 'struct': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValueError(`${JSON.stringify(v)} is not a struct value`);
      const out: Record<string, unknown> = {};
      const obj = v as Record<string, unknown>;
      for (const f of u.fields) {
        if (f.name === '_') continue;
        if (!(f.name in obj)) throw new ValueError(`struct value lacks field ${f.name}`);
        out[f.name] = normalizeValue(f.type, obj[f.name], ptrSize, opts);
      }
      return out;
    }
    case 'pointer':
    case 'chan':
    case 'func':
    case 'map':
    case 'slice':
      if (v !== null) throw new ValueError(`only nil is supported for ${u.kind} values here`);
      return null;
    case 'interface':
      return normalizeInterface(v, ptrSize, opts);
  }
}

/** The dynamic type a bare JSON value stands for inside an interface (as `gomap literal` infers JSON). */
function bareDynamicType(v: unknown): string | undefined {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  return undefined;
}

/**
 * An interface value in canonical form `{ $type, value }` (`../go/value.ts`), or null for nil.
 * A bare bool, string or number stands for that value with the type an untyped constant would
 * get (`1` is `{ $type: 'int', value: 1 }`). The value is normalized against its dynamic type
 * when that type can be resolved. In a key, an uncomparable dynamic type is the runtime's panic.
 */
function normalizeInterface(v: unknown, ptrSize: 4 | 8, opts: NormalizeOptions): unknown {
  if (v === null) return null;
  let type: string | undefined;
  let inner: unknown;
  if (isIface(v)) {
    type = v.$type.trim();
    inner = v.value;
  } else {
    type = bareDynamicType(v);
    inner = v;
    if (type === undefined) {
      if (opts.isKey) throw new ValueError(unhashable(Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}').goText);
      return v; // an element: kept as written
    }
  }
  if (!dynamicTypeComparable(type)) {
    if (opts.isKey) throw new ValueError(unhashable(type).goText);
    return iface(type, inner as ModelValue); // a slice or map in an element: kept as written
  }
  let dyn: GoType | undefined = basicNames.has(type) ? ({ kind: 'basic', name: type } as GoType) : undefined;
  if (!dyn && opts.resolve) {
    try {
      dyn = opts.resolve(type);
    } catch {
      dyn = undefined; // a named type of the user's program: kept as written
    }
  }
  return iface(type, (dyn ? normalizeValue(dyn, inner, ptrSize, opts) : inner) as ModelValue);
}

const basicNames = new Set([
  'bool', 'string', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
  'float32', 'float64', 'complex64', 'complex128',
]);
