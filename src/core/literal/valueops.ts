/**
 * Operations on evaluated (non-constant) Go values, as the program would compute them at run
 * time: `==` and `!=` on comparable values (interfaces by dynamic type and value, structs field by
 * field, arrays element by element), ordering of strings, `&&`, `||`, `!` on bools and `+` on
 * strings. A non-constant operand arises from a conversion (`any(1)`, `string(b)`) or a composite
 * literal; numbers never are non-constant here.
 *
 * Each function answers the value, or why it cannot: comparing two pointers to distinct
 * composite literals is false, but pointers to zero-size values may or may not be equal (the spec
 * leaves it open), and comparing interfaces holding uncomparable values panics.
 */
import type { GoType } from '../types';
import { identical, under } from './gotypes';
import { GoValue } from './value';

export type Outcome<T> = { ok: true; value: T } | { ok: false; why: string };

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const no = (why: string): Outcome<never> => ({ ok: false, why });

/** `a == b` for two values of the same (comparable) type, or of an interface and its dynamic value. */
export function equal(a: GoValue, b: GoValue): Outcome<boolean> {
  if (a.kind === 'nil' || b.kind === 'nil') return ok(a.kind === b.kind);
  if (a.kind === 'interface' || b.kind === 'interface') {
    if (a.kind !== 'interface' || b.kind !== 'interface') return ok(false);
    if (!identical(a.type, b.type)) return ok(false);
    if (!comparableValue(a.value)) return no(`comparing values of uncomparable type ${a.type.kind} panics`);
    return equal(a.value, b.value);
  }
  switch (a.kind) {
    case 'bool': case 'int': case 'float': return ok(a.value === (b as typeof a).value);
    case 'string': return ok(a.bytes === (b as typeof a).bytes);
    case 'complex': return ok(a.re === (b as typeof a).re && a.im === (b as typeof a).im);
    case 'array': return all(a.elems, (b as typeof a).elems);
    case 'struct': return all(a.fields, (b as typeof a).fields);
    case 'pointer': return no('whether two pointers are equal (they point to distinct composite literals)');
    default: return no(`comparing ${a.kind} values`);
  }
}

function all(xs: GoValue[], ys: GoValue[]): Outcome<boolean> {
  for (let i = 0; i < xs.length; i++) {
    const r = equal(xs[i], ys[i]);
    if (!r.ok || !r.value) return r;
  }
  return ok(true);
}

/** Slices, maps and funcs inside an interface make `==` panic at run time. */
function comparableValue(v: GoValue): boolean {
  switch (v.kind) {
    case 'slice': case 'map': return false;
    case 'array': return v.elems.every(comparableValue);
    case 'struct': return v.fields.every(comparableValue);
    default: return true;
  }
}

/** A comparison of two evaluated values. */
export function compareValues(a: GoValue, b: GoValue, op: '==' | '!=' | '<' | '<=' | '>' | '>='): Outcome<boolean> {
  if (op === '==' || op === '!=') {
    const r = equal(a, b);
    return r.ok && op === '!=' ? ok(!r.value) : r;
  }
  if (a.kind === 'string' && b.kind === 'string') {
    const c = a.bytes < b.bytes ? -1 : a.bytes > b.bytes ? 1 : 0;
    return ok(op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0);
  }
  return no(`ordering ${a.kind} values`);
}

/** `&&`, `||` on bools and `+` on strings, for evaluated values. */
export function binaryValue(a: GoValue, op: string, b: GoValue): Outcome<GoValue> {
  if (a.kind === 'bool' && b.kind === 'bool' && (op === '&&' || op === '||')) {
    return ok({ kind: 'bool', value: op === '&&' ? a.value && b.value : a.value || b.value });
  }
  if (a.kind === 'string' && b.kind === 'string' && op === '+') return ok({ kind: 'string', bytes: a.bytes + b.bytes });
  return no(`${a.kind} ${op} ${b.kind} at run time`);
}

/** The value of `x` as an operand of type `t` beside one of type `other`: wrapped if other is an interface. */
export function asOperandOf(v: GoValue, t: GoType, other: GoType): GoValue {
  const isIface = (x: GoType) => under(x)?.kind === 'interface';
  if (v.kind !== 'nil' && v.kind !== 'interface' && isIface(other) && !isIface(t)) return { kind: 'interface', type: t, value: v };
  return v;
}
