/**
 * Keys and elems as Go source writes them, for every view: `Profile{Admin: true, Quota: 1024}`,
 * `[]byte{1, 2}`, `map[string]int{"eu": 1}`, `"text"` quoted as `strconv.Quote` does, floats as
 * `%v` prints them.
 *
 * The conventions (so the classic and Swiss views write the same text):
 * - A value stands where the map's key or elem type is known, so an untyped constant is enough
 *   (`42` for a `UserID` key); a composite value names its type (`Profile{…}`), and elements
 *   inside a composite elide it, as a composite literal may (`[]Point{{1, 2}}`).
 * - Fields holding their zero value are left out of a struct (`Profile{Admin: true}`): the literal
 *   means the same value, and reads in a slot; arrays longer than 4 drop their trailing zeros
 *   (`[16]byte{42}`).
 * - An interface shows its dynamic type where an untyped constant would not have it: `int8(1)`,
 *   `float64(2)`, `"s"` (string), `1` (int).
 * - Pointers: in keys a pointer (or channel) is an address, `(*T)(0xc000012340)`; in elems it is
 *   what it points to, `&Session{…}` (`new(42)` for a pointer to a basic value, Go 1.26's `new`).
 *   A non-nil func or channel elem is written `func(…)` / `make(chan T)`.
 * - NaN and ±Inf are `math.NaN()`, `math.Inf(1)`; -0 is `math.Copysign(0, -1)`.
 * Every text is bounded: past `max` characters it stops and ends with `…`.
 */
import { formatFloat } from '../literal/format';
import { GoType, typeString, underlying } from '../types';

export interface GoText {
  text: string;
  /** The text was cut at the budget and ends with `…`. */
  cut: boolean;
}

class Budget extends Error {}

class Writer {
  private parts: string[] = [];
  private length = 0;

  constructor(private readonly max: number) {}

  put(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    if (this.length > this.max) throw new Budget();
  }

  result(cut: boolean): GoText {
    const text = this.parts.join('');
    if (!cut) return { text, cut: false };
    return { text: cutAt(text, this.max) + '…', cut: true };
  }
}

/** `s` cut to at most n UTF-16 units, never between the halves of a surrogate pair. */
function cutAt(s: string, n: number): string {
  if (s.length <= n) return s;
  const c = s.charCodeAt(n - 1);
  return s.slice(0, c >= 0xd800 && c < 0xdc00 ? n - 1 : n);
}

/**
 * `v` (the model's value form) of Go type `t` as Go source, at most `max` characters.
 * `addresses`: pointers and channels are addresses (keys) rather than what they point to (elems).
 */
export function goText(t: GoType, v: unknown, max = Infinity, addresses = false): GoText {
  const w = new Writer(max);
  try {
    write(w, t, v, true, addresses, 0);
    return w.result(false);
  } catch (e) {
    if (e instanceof Budget) return w.result(true);
    throw e;
  }
}

/** The same, as a string (cut with `…` past `max`). */
export function goString(t: GoType, v: unknown, max = Infinity, addresses = false): string {
  return goText(t, v, max, addresses).text;
}

const maxDepth = 64;

function write(w: Writer, t: GoType, v: unknown, top: boolean, addr: boolean, depth: number): void {
  if (depth > maxDepth) {
    w.put('…');
    return;
  }
  const u = underlying(t);
  switch (u.kind) {
    case 'basic':
      w.put(basicText(u.name, v));
      return;
    case 'pointer':
      if (v === null || v === undefined) return w.put('nil');
      if (addr) return w.put(`(${typeString(t)})(${address(v)})`);
      if (isComposite(u.elem)) {
        w.put('&');
        write(w, u.elem, v, true, addr, depth + 1);
        return;
      }
      w.put('new(');
      write(w, u.elem, v, true, addr, depth + 1);
      w.put(')');
      return;
    case 'chan':
      if (v === null || v === undefined) return w.put('nil');
      return w.put(addr ? `(${typeString(t)})(${address(v)})` : `make(${typeString(t)})`);
    case 'func':
      if (v === null || v === undefined) return w.put('nil');
      return w.put(`func${u.signature} {…}`);
    case 'interface':
      return writeIface(w, v, addr, depth);
    case 'slice':
      if (v === null || v === undefined) return w.put('nil');
      if (top) w.put(typeString(t));
      return writeElems(w, u.elem, Array.isArray(v) ? v : [], addr, depth, false);
    case 'array': {
      if (top) w.put(typeString(t));
      const e = underlying(u.elem);
      if (!Array.isArray(v) && e.kind === 'basic' && e.name === 'uint8') return writeElems(w, u.elem, leBytes(v, u.len), addr, depth, true);
      return writeElems(w, u.elem, Array.isArray(v) ? v : [], addr, depth, u.len > 4);
    }
    case 'map': {
      if (v === null || v === undefined) return w.put('nil');
      if (top) w.put(typeString(t));
      w.put('{');
      const entries = Array.isArray(v) ? v : [];
      entries.forEach((kv, i) => {
        if (i > 0) w.put(', ');
        const [k, e] = Array.isArray(kv) ? kv : [undefined, undefined];
        write(w, u.key, k, false, true, depth + 1);
        w.put(': ');
        write(w, u.elem, e, false, addr, depth + 1);
      });
      w.put('}');
      return;
    }
    case 'struct': {
      if (top) w.put(typeString(t));
      w.put('{');
      const obj = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
      let first = true;
      for (const f of u.fields) {
        if (f.name === '_' || !(f.name in obj) || isZero(f.type, obj[f.name], addr)) continue;
        if (!first) w.put(', ');
        first = false;
        w.put(`${f.name}: `);
        write(w, f.type, obj[f.name], true, addr, depth + 1);
      }
      w.put('}');
      return;
    }
  }
}

function writeElems(w: Writer, elem: GoType, xs: unknown[], addr: boolean, depth: number, trimZeros: boolean): void {
  let n = xs.length;
  if (trimZeros) while (n > 0 && isZero(elem, xs[n - 1], addr)) n--;
  w.put('{');
  for (let i = 0; i < n; i++) {
    if (i > 0) w.put(', ');
    write(w, elem, xs[i], false, addr, depth + 1);
  }
  w.put('}');
}

/** The bytes of a `[N]byte` stored as one little-endian integer (the oracle's convention). */
function leBytes(v: unknown, len: number): number[] {
  let x: bigint;
  try {
    x = BigInt(typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string' ? v : 0);
  } catch {
    x = 0n;
  }
  const out: number[] = [];
  for (let i = 0; i < Math.min(len, 8); i++) out.push(Number((x >> BigInt(8 * i)) & 0xffn));
  return out;
}

function isComposite(t: GoType): boolean {
  const u = underlying(t);
  return u.kind === 'struct' || u.kind === 'array' || u.kind === 'slice' || u.kind === 'map';
}

function address(v: unknown): string {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? `0x${Math.abs(Math.trunc(n)).toString(16)}` : '0x0';
}

/** Whether v is the zero value of t (a struct field that a literal may leave out). */
export function isZero(t: GoType, v: unknown, addr = false): boolean {
  if (v === null || v === undefined) return true;
  const u = underlying(t);
  switch (u.kind) {
    case 'basic':
      if (u.name === 'string') return v === '';
      if (u.name === 'bool') return v === false;
      if (u.name === 'complex64' || u.name === 'complex128') return Array.isArray(v) && v.every((p) => p === 0 && !Object.is(p, -0));
      return (v === 0 && !Object.is(v, -0)) || v === '0' || v === 0n;
    case 'array': {
      const e = underlying(u.elem);
      if (!Array.isArray(v) && e.kind === 'basic' && e.name === 'uint8') return v === 0 || v === '0' || v === 0n;
      return Array.isArray(v) && v.every((x) => isZero(u.elem, x, addr));
    }
    case 'struct': {
      if (typeof v !== 'object') return false;
      const o = v as Record<string, unknown>;
      return u.fields.every((f) => f.name === '_' || isZero(f.type, o[f.name], addr));
    }
    default:
      return false;
  }
}

function basicText(name: string, v: unknown): string {
  switch (name) {
    case 'string':
      return typeof v === 'string' ? goQuote(v) : String(v);
    case 'bool':
      return String(v === true);
    case 'float32':
    case 'float64':
      return floatText(toNumber(v), name === 'float32' ? 32 : 64);
    case 'complex64':
    case 'complex128': {
      const bits = name === 'complex64' ? 32 : 64;
      const [re, im] = Array.isArray(v) ? v.map(toNumber) : [0, 0];
      const imText = floatText(im, bits);
      if (!Number.isFinite(re) || !Number.isFinite(im)) return `complex(${floatText(re, bits)}, ${imText})`;
      return `(${floatText(re, bits)}${/^[-+]/.test(imText) ? '' : '+'}${imText}i)`;
    }
    case 'unsafe.Pointer':
      return v === null ? 'nil' : `unsafe.Pointer(${address(v)})`;
    default:
      return typeof v === 'bigint' ? v.toString() : String(v);
  }
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

/** A float as a Go expression: `%v` digits, or the `math` call for values no constant has. */
export function floatText(x: number, bits: 32 | 64): string {
  if (Number.isNaN(x)) return 'math.NaN()';
  if (x === Infinity) return 'math.Inf(1)';
  if (x === -Infinity) return 'math.Inf(-1)';
  if (Object.is(x, -0)) return 'math.Copysign(0, -1)';
  return formatFloat(x, bits);
}

const defaultTypes = new Set(['int', 'string', 'bool']);

/** An interface value `{ $type, value }` (or nil), with its dynamic type where needed. */
function writeIface(w: Writer, v: unknown, addr: boolean, depth: number): void {
  if (v === null || v === undefined) return w.put('nil');
  if (typeof v !== 'object' || Array.isArray(v) || typeof (v as { $type?: unknown }).$type !== 'string') {
    // A value without its dynamic type (JSON input): as JSON reads it.
    return w.put(untypedText(v));
  }
  const { $type: dynamic, value } = v as { $type: string; value: unknown };
  // reflect names the user's types `main.T`; inside the package the source writes `T`.
  const type = dynamic.replace(/\bmain\./g, '');
  const basic = basicOfName(type);
  if (basic) {
    const text = basicText(basic, value);
    if (defaultTypes.has(type)) return w.put(text);
    // A float64 or complex128 constant needs no conversion unless it reads as an integer.
    if ((type === 'float64' && !/^-?\d+$/.test(text)) || (type === 'complex128' && text.startsWith('('))) return w.put(text);
    return w.put(`${type}(${text})`);
  }
  if (depth > maxDepth) return w.put('…');
  const composite = typeof value === 'object' && value !== null;
  w.put(composite ? `${type}${untypedText(value, addr)}` : `${type}(${untypedText(value, addr)})`);
}

function basicOfName(type: string): string | undefined {
  if (type === 'byte') return 'uint8';
  if (type === 'rune') return 'int32';
  return /^(bool|string|u?int(8|16|32|64)?|uintptr|float(32|64)|complex(64|128))$/.test(type) ? type : undefined;
}

/** A value known only by its shape (inside an interface whose dynamic type is a composite). */
function untypedText(v: unknown, addr = false): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return floatOrInt(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map((x) => untypedText(x, addr)).join(', ')}}`;
  if (typeof (v as { $type?: unknown }).$type === 'string') {
    const w = new Writer(Infinity);
    writeIface(w, v, addr, 0);
    return w.result(false).text;
  }
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${untypedText(x, addr)}`).join(', ')}}`;
}

function floatOrInt(x: number): string {
  return Number.isInteger(x) && !Object.is(x, -0) ? String(x) : floatText(x, 64);
}

/**
 * `strconv.Quote` of a string: `"` and `\` escaped, the C escapes, other non-printable runes as
 * `\x..` (below 0x80), `\u....` or `\U........`; a lone surrogate (bytes that are not UTF-8 in
 * Go) as `\ufffd`.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (c === 0x20 || !/[\p{C}\p{Z}]/u.test(ch)) out += ch;
    else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}
