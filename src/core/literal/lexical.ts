/**
 * The values of Go's literal tokens, as `go/constant.MakeFromLiteral` and the compiler's scanner
 * (Go 1.19 `cmd/compile/internal/syntax/scanner.go`) read them: integers in every base with `_`
 * separators (and old-style octal `017`), decimal and hexadecimal floats, imaginary literals (whose
 * all-decimal integer part stays decimal even with a leading 0), runes and interpreted strings
 * with every escape, raw strings without their carriage returns.
 *
 * The tree-sitter grammar already refuses malformed numbers and runes; string escapes it accepts
 * loosely, so they are checked here with the scanner's messages (`unknown escape`, `octal escape
 * value 256 > 255`, `escape is invalid Unicode code point U+D800`) at the scanner's offsets.
 */
import {
  ByteString, Value, makeBinaryFloat, makeDecimalFloat, makeImag, makeInt, makeString, unknown,
} from './constant';
import { encodeRune, fromText, maxRune } from './gostring';

export type LiteralKind = 'int' | 'float' | 'imag' | 'rune' | 'string';

/** A literal's value, or the scanner's error at `offset` (UTF-16 units into the literal's text). */
export type LexResult = { value: Value } | { error: string; offset: number };

export function literalValue(kind: LiteralKind, text: string): LexResult {
  switch (kind) {
    case 'int': return { value: intValue(text) };
    case 'float': return { value: floatValue(text) };
    case 'imag': return { value: imagValue(text) };
    case 'rune': return runeValue(text);
    case 'string': return text.startsWith('`') ? { value: makeString(rawString(text)) } : interpretedString(text);
  }
}

/** An integer literal: 0x/0o/0b prefixes, old-style octal with a leading 0, `_` separators. */
export function intValue(text: string): Value {
  const s = text.replace(/_/g, '');
  try {
    if (/^0[0-7]+$/.test(s)) return makeInt(BigInt('0o' + s.slice(1)));
    return makeInt(BigInt(s.replace(/^0O/, '0o').replace(/^0X/, '0x').replace(/^0B/, '0b')));
  } catch {
    return unknown;
  }
}

/** A floating-point literal, decimal (`1.5e3`) or hexadecimal (`0x1.8p-2`). */
export function floatValue(text: string): Value {
  const s = text.replace(/_/g, '');
  if (/^0[xX]/.test(s)) return hexFloat(s.slice(2));
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return unknown;
  const [, intPart, frac = '', exp = '0'] = m;
  const digits = BigInt((intPart + frac) || '0');
  return makeDecimalFloat(digits, clampExponent(exp) - frac.length);
}

function hexFloat(s: string): Value {
  const m = /^([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (!m) return unknown;
  const [, intPart, frac = '', exp] = m;
  const mant = BigInt('0x' + ((intPart + frac) || '0'));
  return makeBinaryFloat(mant, clampExponent(exp) - 4 * frac.length);
}

/** An exponent's digits as a number; absurd exponents are clamped far beyond any float's range. */
function clampExponent(digits: string): number {
  const e = Number(digits);
  const limit = 2 ** 40;
  return Math.max(-limit, Math.min(limit, e));
}

/** An imaginary literal: x i, where an all-decimal x with a leading 0 is still decimal. */
export function imagValue(text: string): Value {
  const body = text.slice(0, -1);
  const s = body.replace(/_/g, '');
  let v: Value;
  if (/^\d+$/.test(s)) v = makeInt(BigInt(s));
  else if (/^0[xXoObB]/.test(s) && !/[.pP]/.test(s)) v = intValue(body);
  else v = floatValue(body);
  return makeImag(v);
}

/** A rune literal: one character or one escape between single quotes. */
function runeValue(text: string): LexResult {
  const inner = text.slice(1, -1);
  if (inner.startsWith('\\')) {
    const e = escape(inner, 1, "'");
    if ('error' in e) return { error: e.error, offset: e.offset + 1 };
    return { value: makeInt(BigInt(e.rune)) };
  }
  const cp = inner.codePointAt(0);
  return cp === undefined ? { error: 'empty rune literal or unescaped \'', offset: 1 } : { value: makeInt(BigInt(cp)) };
}

/** A raw string: its UTF-8 bytes, with carriage returns removed as the spec says. */
export function rawString(text: string): ByteString {
  return fromText(text.slice(1, -1).replace(/\r/g, ''));
}

/** An interpreted string: characters as UTF-8, escapes decoded (\x and octal escapes are bytes). */
function interpretedString(text: string): LexResult {
  let out = '';
  const inner = text.slice(1, -1);
  for (let i = 0; i < inner.length;) {
    if (inner[i] !== '\\') {
      // The run up to the next escape, as UTF-8 bytes in one piece (a 10 MB literal is one run).
      const next = inner.indexOf('\\', i);
      const end = next < 0 ? inner.length : next;
      out += fromText(inner.slice(i, end));
      i = end;
      continue;
    }
    const e = escape(inner, i + 1, '"');
    if ('error' in e) return { error: e.error, offset: e.offset + 1 };
    out += e.byte ? String.fromCharCode(e.rune) : encodeRune(e.rune);
    i = e.next;
  }
  return { value: makeString(out) };
}

type Escape = { rune: number; byte: boolean; next: number } | { error: string; offset: number };

/**
 * The escape whose letter is at s[i] (just after the backslash), as the scanner's `escape`:
 * errors point at the offending character, or just past the digits for a value out of range.
 */
function escape(s: string, i: number, quote: string): Escape {
  const c = s[i];
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (c === quote) return { rune: quote.charCodeAt(0), byte: false, next: i + 1 };
  if (c !== undefined && c in simple) return { rune: simple[c], byte: false, next: i + 1 };
  let n: number;
  let base: number;
  let max: number;
  let start = i;
  if (c !== undefined && c >= '0' && c <= '7') { n = 3; base = 8; max = 255; }
  else if (c === 'x') { n = 2; base = 16; max = 255; start++; }
  else if (c === 'u') { n = 4; base = 16; max = maxRune; start++; }
  else if (c === 'U') { n = 8; base = 16; max = maxRune; start++; }
  else return { error: 'unknown escape', offset: i };
  let x = 0;
  for (let k = 0; k < n; k++) {
    const ch = s[start + k];
    const d = ch === undefined ? base : parseInt(ch, 16);
    if (Number.isNaN(d) || d >= base) {
      const what = base === 8 ? 'octal' : 'hexadecimal';
      return { error: `invalid character ${quoteChar(ch)} in ${what} escape`, offset: start + k };
    }
    x = x * base + d;
  }
  const end = start + n;
  if (x > max && base === 8) return { error: `octal escape value ${x} > 255`, offset: end };
  if (x > max || (x >= 0xd800 && x < 0xe000)) {
    return { error: `escape is invalid Unicode code point ${unicodeName(x)}`, offset: end };
  }
  return { rune: x, byte: c === 'x' || base === 8, next: end };
}

/** `%q` of a character, as the scanner prints the one it did not expect. */
function quoteChar(ch: string | undefined): string {
  if (ch === undefined) return "'\\x00'";
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  if (ch === '\n') return "'\\n'";
  return `'${ch}'`;
}

/** `%#U`: U+0041 'A' for printable runes, U+D800 otherwise. */
function unicodeName(x: number): string {
  return 'U+' + x.toString(16).toUpperCase().padStart(4, '0');
}
