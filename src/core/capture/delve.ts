/**
 * Reading Delve's text. Delve answers `evaluate` with a value formatted for people: integers as
 * `70` or `70 = 0x46`, pointers as `unsafe.Pointer(0xc000012000)` or `*(*runtime.bmap)(0x…)`,
 * structs as `runtime.hmap {count: 3, flags: 0, …}`, strings Go-quoted (`"a\x01\""`), and values
 * it did not load in full end in `...+N more`. These functions take that text apart; they never
 * guess a number that is not written out.
 */

/** A failed capture, with a one-line message meant for the user. */
export class CaptureError extends Error {}

/** The integer in `70`, `70 = 0x46`, `-3` or `0x46` (as a bigint, so 64-bit values stay exact). */
export function parseInteger(text: string): bigint {
  const m = /^\s*(-?(?:0x[0-9a-fA-F]+|\d+))(?:\s*=\s*0x[0-9a-fA-F]+)?\s*$/.exec(text);
  if (!m) throw new CaptureError(`Delve printed ${JSON.stringify(text)} where an integer was expected`);
  return BigInt(m[1]);
}

/** A small integer (a count, a shift, a length), as a number. */
export function parseSmall(text: string): number {
  const v = parseInteger(text);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new CaptureError(`Delve printed ${JSON.stringify(text)} where a small integer was expected`);
  }
  return Number(v);
}

/**
 * The address a pointer's text names: `unsafe.Pointer(0x…)`, `*(*T)(0x…)`, `(*T)(0x…)`; 0 for
 * `nil` or `unsafe.Pointer(0x0)`. An unreadable value is an error.
 */
export function parsePointer(text: string): bigint {
  if (text.startsWith('(unreadable')) throw new CaptureError(`Delve could not read a pointer: ${text}`);
  const m = /\((0x[0-9a-fA-F]+)\)\s*$/.exec(text);
  if (m) return BigInt(m[1]);
  if (/(^|\s)nil$/.test(text)) return 0n;
  throw new CaptureError(`Delve printed ${JSON.stringify(text)} where a pointer was expected`);
}

export function parseBool(text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new CaptureError(`Delve printed ${JSON.stringify(text)} where a bool was expected`);
}

/** `0x` and lower-case hex digits, the form addresses are written to Delve in. */
export function hexAddr(a: bigint): string {
  return '0x' + a.toString(16);
}

/**
 * The top-level fields of a struct's text, `T {a: 1, b: unsafe.Pointer(0x…), c: *T {…}}`, by
 * name, each the text of its value (nested braces, brackets, parentheses and quotes kept whole).
 */
export function structFields(text: string): Map<string, string> {
  if (text.startsWith('(unreadable')) throw new CaptureError(`Delve could not read the struct: ${text}`);
  const open = text.indexOf('{');
  if (open < 0 || !text.endsWith('}')) throw new CaptureError(`Delve printed ${JSON.stringify(text.slice(0, 80))} where a struct was expected`);
  const out = new Map<string, string>();
  const body = text.slice(open + 1, -1);
  for (const part of splitTopLevel(body, ',')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue; // the `len: 2, cap: 2, [...]` of a slice field is split here too
    const name = part.slice(0, colon).trim();
    if (/^[A-Za-z_]\w*$/.test(name) && !out.has(name)) out.set(name, part.slice(colon + 1).trim());
  }
  return out;
}

/** One field of `structFields`, or an error naming the field and the struct. */
export function field(fields: Map<string, string>, name: string, what: string): string {
  const v = fields.get(name);
  if (v === undefined) throw new CaptureError(`${what} has no field ${name}`);
  if (v.startsWith('(unreadable')) throw new CaptureError(`${what}.${name}: ${v}`);
  return v;
}

/** Splits at `sep` outside brackets, braces, parentheses, angle-bracketed type names and quotes. */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = skipQuoted(text, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || c === '>') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The index of the closing quote of the Go string starting at `i`. */
function skipQuoted(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return text.length;
}

/** `map[K]V` split into K and V (brackets matched, so `map[[16]uint8]map[string]int` works). */
export function splitMapType(type: string): { key: string; elem: string } | undefined {
  if (!type.startsWith('map[')) return undefined;
  let depth = 0;
  for (let i = 3; i < type.length; i++) {
    if (type[i] === '[') depth++;
    else if (type[i] === ']' && --depth === 0) return { key: type.slice(4, i), elem: type.slice(i + 1) };
  }
  return undefined;
}

/** The `N more` of a value Delve cut short (`"abc...+12 more"`, `[1,2,...+36 more]`), else 0. */
export function moreCount(text: string): number {
  const m = /\.\.\.\+(\d+) more"?\]?\}?$/.exec(text);
  return m ? Number(m[1]) : 0;
}

const simpleEscapes: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34 };

/**
 * The bytes of a Go-quoted string as Delve prints it (`strconv.Quote` escapes: `\x01`, `\u00e9`,
 * `\"`), without a trailing `...+N more` marker. Bytes, not text: a chunk may end inside a UTF-8
 * sequence, and the chunks are joined before decoding.
 */
export function unquoteBytes(text: string): Buffer {
  let body = text.trim();
  const cut = /\.\.\.\+\d+ more"$/.exec(body);
  if (cut) body = body.slice(0, cut.index) + '"';
  if (body.length < 2 || body[0] !== '"' || body[body.length - 1] !== '"') {
    throw new CaptureError(`Delve printed ${JSON.stringify(text.slice(0, 80))} where a string was expected`);
  }
  const out: number[] = [];
  const pushText = (s: string) => { for (const b of Buffer.from(s, 'utf8')) out.push(b); };
  for (let i = 1; i < body.length - 1; i++) {
    const c = body[i];
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      pushText(s);
      i += s.length - 1;
      continue;
    }
    const e = body[++i];
    if (e in simpleEscapes) out.push(simpleEscapes[e]);
    else if (e === 'x') { out.push(parseInt(body.slice(i + 1, i + 3), 16)); i += 2; }
    else if (e === 'u') { pushText(String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16))); i += 4; }
    else if (e === 'U') { pushText(String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16))); i += 8; }
    else if (e >= '0' && e <= '7') { out.push(parseInt(body.slice(i, i + 3), 8)); i += 2; }
    else throw new CaptureError(`unknown escape \\${e} in ${JSON.stringify(text.slice(0, 80))}`);
  }
  return Buffer.from(out);
}
