/**
 * Generated Go map literals for the property tests and the differential run against Go 1.19
 * (fast-check arbitraries): a preamble of declarations, every literal form of every constant kind
 * (integers in each base, escaped strings, exact hexadecimal floats), nested expressions,
 * conversions and composite literals, valid or not; and random edits that break them.
 */
import fc from 'fast-check';
import { float64Parts } from '../../src/core/literal/constant';

export const preamble = `package main

type MyInt int16
type MyStr string
type P struct {
	X, Y int
	S    string
	_    bool
}
type Pair [2]int8

const (
	A = iota * 3
	B
	C, D = "c", 'd'
)

const F float32 = 1.5

var v = 1

func f() int { return 2 }

`;

// ---- literal forms of values ------------------------------------------------------------------

/** An integer in one of Go's forms (decimal, hex, octal old and new, binary, with separators). */
export function intForm(n: bigint): fc.Arbitrary<string> {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const sign = neg ? '-' : '';
  const sep = (digits: string) => digits.replace(/(\d|[a-f])(?=(\w{3})+$)/gi, '$1_');
  return fc.constantFrom(
    String(a),
    '0x' + a.toString(16),
    '0X' + a.toString(16).toUpperCase(),
    '0o' + a.toString(8),
    a === 0n ? '0' : '0' + a.toString(8),
    '0b' + a.toString(2),
    sep(String(a)),
    '0x_' + sep(a.toString(16)),
  ).map((s) => sign + s);
}

/** A Go interpreted string literal for the UTF-8 bytes of s, each character written its own way. */
export function stringForm(s: string): fc.Arbitrary<string> {
  const chars = Array.from(s);
  return fc.array(fc.constantFrom('plain', 'x', 'u', 'U', 'octal'), { minLength: chars.length, maxLength: chars.length }).map((ways) =>
    '"' + chars.map((ch, i) => escapeChar(ch, ways[i])).join('') + '"',
  );
}

function escapeChar(ch: string, way: string): string {
  const cp = ch.codePointAt(0)!;
  const bytes = Array.from(new TextEncoder().encode(ch));
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  switch (way) {
    case 'x': return bytes.map((b) => '\\x' + hex(b, 2)).join('');
    case 'octal': return bytes.map((b) => '\\' + b.toString(8).padStart(3, '0')).join('');
    case 'u': return cp < 0x10000 ? '\\u' + hex(cp, 4) : '\\U' + hex(cp, 8);
    case 'U': return '\\U' + hex(cp, 8);
    default:
      if (ch === '"' || ch === '\\') return '\\' + ch;
      if (ch === '\n') return '\\n';
      if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
      // gc refuses a BOM anywhere but at the start of the file, even inside a string literal
      // ("invalid BOM in the middle of the file"): written as an escape, the string still holds it.
      if (cp === 0xfeff) return '\\ufeff';
      return ch;
  }
}

/** A float64 exactly, as a hexadecimal float (or its shortest decimal, which reads back to it). */
export function floatForm(x: number): fc.Arbitrary<string> {
  const { mant, exp } = float64Parts(Math.abs(x));
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return fc.constantFrom(`${sign}0x${mant.toString(16)}p${exp}`, String(x).replace(/^-?/, sign));
}

export function exactHex(x: number): string {
  const { mant, exp } = float64Parts(Math.abs(x));
  return `${x < 0 ? '-' : ''}0x${mant.toString(16)}p${exp}`;
}

// ---- generated literals ------------------------------------------------------------------------

/** Map types over the preamble's types: basic, named, struct, array, interface keys. */
export const mapTypes = [
  'map[int]string', 'map[int8]int', 'map[uint16]bool', 'map[float64]bool', 'map[string]any', 'map[P]int',
  'map[Pair]string', 'map[any]int', 'map[complex128]MyInt', 'map[rune]MyStr', 'map[MyStr]float32',
  'map[bool][]int', 'map[uint]P', 'map[[2]string][3]float64', 'map[string]*P', 'map[MyInt]uint8',
];

/**
 * A Go file: the preamble's declarations, then `var m = map[K]V{...}` with generated entries, one
 * a line. With `opaque`, expressions also use the preamble's variable and function (and an
 * undeclared name), which we name rather than type-check; without, gc and we see the same things.
 */
export function literalArbitrary(opaque = true): fc.Arbitrary<string> {
  const names = ['true', 'false', 'nil', 'iota', 'A', 'B', 'C', 'D', 'F', 'len("héllo")', 'real(1i)', 'complex(1, 2)', 'cap([3]int{})'];
  const simpleLiteral = fc.oneof(
    fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }).chain(intForm),
    fc.double({ noNaN: true, noDefaultInfinity: true }).chain(floatForm),
    fc.string({ maxLength: 6 }).chain(stringForm),
    fc.constantFrom("'a'", "'\\n'", "'\\u00e9'", "'\\x41'", "'\\101'", "'\\''", "'😀'", '`raw\nstring`', '1i', '0x1p-2i', '.5', '1e400', '0123i'),
    fc.constantFrom(...names, ...(opaque ? ['v', 'f()', 'undeclared'] : [])),
  );
  // Constant expressions of every kind, valid or not, nested up to three levels.
  const { expr } = fc.letrec((tie) => ({
    expr: fc.oneof({ maxDepth: 3, depthSize: 'small' }, simpleLiteral, tie('unary'), tie('binary'), tie('paren'), tie('conv'), tie('composite')),
    unary: fc.tuple(fc.constantFrom('-', '+', '^', '!', '&'), tie('expr')).map(([o, e]) => `${o}${e}`),
    binary: fc
      .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '%', '<<', '>>', '&', '|', '^', '&^', '==', '!=', '<', '<=', '>', '>=', '&&', '||'), tie('expr'))
      .map(([x, o, y]) => `${x} ${o} ${y}`),
    paren: tie('expr').map((e) => `(${e})`),
    conv: fc
      .tuple(fc.constantFrom('int8', 'uint', 'float32', 'complex64', 'string', 'MyInt', 'MyStr', 'rune', 'byte', 'any', '[]byte', 'P', 'int'), tie('expr'))
      .map(([t, e]) => `${t}(${e})`),
    composite: fc
      .tuple(fc.constantFrom('', 'P', 'Pair', '[...]int', '[2]string', '[]int', 'map[int]int', '[1 << 40]int', 'struct{ A [1 << 30]byte }'), fc.array(fc.tuple(fc.option(tie('expr'), { nil: undefined }), tie('expr')), { maxLength: 3 }))
      .map(([t, elems]) => `${t}{${elems.map(([k, e]) => (k === undefined ? e : `${k}: ${e}`)).join(', ')}}`),
  }));
  return fc
    .tuple(fc.constantFrom(...mapTypes), fc.array(fc.tuple(expr, expr), { maxLength: 5 }))
    .map(([t, entries]) => `${preamble}var m = ${t}{\n${entries.map(([k, e]) => `\t${k}: ${e},\n`).join('')}}\n`);
}

/** Generated literals, opaque names included. */
export const literal = literalArbitrary();

const tokens = ['', '{', '}', ':', ',', '"', '`', "'", '\\', '(', ')', '[', ']', 'map', '0x', '1e', '.', '_', '\n', '/*', '//', 'iota', 'nil', '...', 'map[int]int{', '\u00e9', '\r'];

/**
 * A source with random edits (deletions and insertions of Go-ish tokens), in the literal or, with
 * `anywhere`, also in the declarations it uses.
 */
export function mangled(source: fc.Arbitrary<string>, anywhere = false): fc.Arbitrary<string> {
  return fc.tuple(source, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom(...tokens)), { minLength: 1, maxLength: 4 })).map(([s, edits]) => {
    let out = s;
    const from = anywhere ? 0 : preamble.length;
    for (const [pos, del, ins] of edits) {
      const at = from + (pos % Math.max(1, out.length - from));
      out = out.slice(0, at) + ins + out.slice(at + del);
    }
    return out;
  });
}
