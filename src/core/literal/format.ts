/**
 * Go values written for people: numbers as Go's `%v` prints them (shortest digits, exponent form
 * below 1e-4 and from 1e21, `+Inf`, `NaN`), strings quoted as `strconv.Quote` does, aggregates as
 * composite literals with their types elided (`{X: 1, Y: 2}`, `{1, 2, 3}`), and an interface's
 * dynamic type shown where an untyped constant would not have had it (`int8(1)`, not `1`).
 */
import type { GoType } from '../types';
import { goQuote } from './gostring';
import { typeString, under } from './gotypes';
import { GoValue } from './value';

export function formatGoValue(v: GoValue, t: GoType): string {
  const u = under(t);
  switch (v.kind) {
    case 'bool': return String(v.value);
    case 'int': return v.value.toString();
    case 'float': return formatFloat(v.value, isFloat32(t) ? 32 : 64);
    case 'complex': {
      const bits = u?.kind === 'basic' && u.name === 'complex64' ? 32 : 64;
      const im = formatFloat(v.im, bits);
      return `(${formatFloat(v.re, bits)}${/^[-+]/.test(im) ? '' : '+'}${im}i)`;
    }
    case 'string': return goQuote(v.bytes);
    case 'nil': return 'nil';
    case 'pointer': return '&' + formatGoValue(v.elem, u?.kind === 'pointer' ? u.elem : t);
    case 'interface': return dynamic(v.value, v.type);
    case 'array': case 'slice': {
      const elem = u?.kind === 'array' || u?.kind === 'slice' ? u.elem : t;
      return `{${v.elems.map((e) => formatGoValue(e, elem)).join(', ')}}`;
    }
    case 'map': {
      const [kt, et] = u?.kind === 'map' ? [u.key, u.elem] : [t, t];
      return `{${v.entries.map(([k, e]) => `${formatGoValue(k, kt)}: ${formatGoValue(e, et)}`).join(', ')}}`;
    }
    case 'struct': {
      if (u?.kind !== 'struct') return '{}';
      const parts = u.fields.map((f, i) => (f.name === '_' ? '' : `${f.name}: ${formatGoValue(v.fields[i], f.type)}`)).filter((p) => p !== '');
      return `{${parts.join(', ')}}`;
    }
  }
}

/**
 * A value in an interface: with its type unless an untyped constant written the same way would
 * have that type by default (`1` is an int, `1.5` a float64, but a float64 1 is `float64(1)`).
 */
function dynamic(v: GoValue, t: GoType): string {
  const text = formatGoValue(v, t);
  const defaultOf = t.kind === 'basic' && !t.alias && (['int', 'string', 'bool', 'complex128'].includes(t.name) || (t.name === 'float64' && /[.eNI]/.test(text)));
  if (defaultOf) return text;
  if (v.kind === 'nil') return `(${typeString(t)})(nil)`;
  if (t.kind === 'named' || t.kind === 'basic') return `${typeString(t)}(${text})`;
  return typeString(t) + text;
}

function isFloat32(t: GoType): boolean {
  const u = under(t);
  return u?.kind === 'basic' && u.name === 'float32';
}

/** `%v` of a float64 (bits 64) or float32 (bits 32): shortest digits that read back exactly. */
export function formatFloat(x: number, bits: 32 | 64): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let digits = x.toExponential(); // shortest for float64
  if (bits === 32) {
    for (let p = 1; p <= 9; p++) {
      const d = x.toExponential(p - 1);
      if (Math.fround(Number(d)) === x) { digits = d; break; }
    }
  }
  const [mant, expText] = digits.split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const ds = mant.replace(/^-/, '').replace('.', '');
  let body: string;
  if (exp < -4 || exp >= 21) {
    body = ds[0] + (ds.length > 1 ? '.' + ds.slice(1) : '') + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  } else if (exp < 0) {
    body = '0.' + '0'.repeat(-exp - 1) + ds;
  } else if (ds.length <= exp + 1) {
    body = ds + '0'.repeat(exp + 1 - ds.length);
  } else {
    body = ds.slice(0, exp + 1) + '.' + ds.slice(exp + 1);
  }
  return (neg ? '-' : '') + body;
}
