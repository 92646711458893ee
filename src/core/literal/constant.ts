/**
 * Untyped Go constants, exact as the compiler keeps them: a port of Go 1.19 `go/constant`.
 *
 * A Value is one of the package's representations, with the same names:
 *   - unknown: the result of an operation that went wrong (an error was reported for it);
 *   - bool, string (the string's bytes, see ByteString);
 *   - int: any size, as a BigInt (Go's int64Val and intVal in one);
 *   - rat: a Float kept as an exact fraction while numerator and denominator stay below
 *     maxExp bits (Go's ratVal);
 *   - float: a Float that no longer fits a reasonable fraction, rounded to prec = 512 mantissa
 *     bits like a `big.Float` (Go's floatVal): mant * 2**exp;
 *   - complex: a pair of int/rat/float values.
 *
 * Once a value is a `float` it stays one (no pretending to be exact again), as in Go. Operations
 * follow `BinaryOp`, `UnaryOp`, `Shift` and `Compare`; `String()` gives the short form the
 * compiler prints in messages (`1e+100`, `(0 + 1i)`, strings cut after 72 runes).
 */
import { goQuote } from './gostring';

/**
 * A Go string as its bytes: a JS string whose every code unit is one byte (0..255). Comparison,
 * concatenation and length are then Go's byte-wise ones.
 */
export type ByteString = string;

export type Value =
  | { kind: 'unknown' }
  | { kind: 'bool'; b: boolean }
  | { kind: 'string'; s: ByteString }
  | { kind: 'int'; v: bigint }
  | { kind: 'rat'; num: bigint; den: bigint }
  | { kind: 'float'; mant: bigint; exp: number }
  | { kind: 'complex'; re: RealValue; im: RealValue };

export type RealValue = Extract<Value, { kind: 'int' | 'rat' | 'float' }>;

/** The kinds a client sees (`constant.Kind`): rat and float are both Float. */
export type Kind = 'Unknown' | 'Bool' | 'String' | 'Int' | 'Float' | 'Complex';

/** Maximum mantissa precision of a floatVal, as in the compiler (the spec asks for >= 256). */
export const prec = 512;
/** Fractions keep numerator and denominator below this many bits before switching to floats. */
export const maxExp = 4 << 10;
/** A big.Float's exponent is an int32: beyond it the value is infinite (an unknown constant). */
const maxFloatExp = 2 ** 31 - 1;

export const unknown: Value = { kind: 'unknown' };

export function kindOf(x: Value): Kind {
  switch (x.kind) {
    case 'unknown': return 'Unknown';
    case 'bool': return 'Bool';
    case 'string': return 'String';
    case 'int': return 'Int';
    case 'rat': case 'float': return 'Float';
    case 'complex': return 'Complex';
  }
}

export const makeBool = (b: boolean): Value => ({ kind: 'bool', b });
export const makeString = (s: ByteString): Value => ({ kind: 'string', s });
export const makeInt = (v: bigint): RealValue => ({ kind: 'int', v });

// ---------------------------------------------------------------------------------------------
// BigInt helpers

export function bitLen(x: bigint): number {
  if (x < 0n) x = -x;
  if (x === 0n) return 0;
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Number of trailing zero bits of x != 0. */
function trailingZeros(x: bigint): number {
  x = abs(x);
  let n = 0;
  while ((x & 0xffffffffn) === 0n) { x >>= 32n; n += 32; }
  while ((x & 1n) === 0n) { x >>= 1n; n++; }
  return n;
}

function pow2(n: number): bigint {
  return 1n << BigInt(n);
}

// ---------------------------------------------------------------------------------------------
// Rounding fractions to binary floating point

/** A finite binary float: mant * 2**exp, mant having at most `bits` bits. */
interface Rounded { mant: bigint; exp: number }

/**
 * num/den rounded to `bits` significant bits, to nearest with ties to even (big.ToNearestEven).
 * den > 0. Returns mant = 0 for num = 0.
 */
export function roundFraction(num: bigint, den: bigint, bits: number): Rounded {
  if (num === 0n) return { mant: 0n, exp: 0 };
  const neg = num < 0n;
  const a = abs(num);
  // Choose shift so that the quotient a * 2**shift / den has exactly `bits` bits.
  let shift = bits - (bitLen(a) - bitLen(den));
  for (;;) {
    const n = shift >= 0 ? a << BigInt(shift) : a;
    const d = shift >= 0 ? den : den << BigInt(-shift);
    let q = n / d;
    const r = n % d;
    const ql = bitLen(q);
    if (ql > bits) { shift--; continue; }
    if (ql < bits) { shift++; continue; }
    const twice = 2n * r;
    if (twice > d || (twice === d && (q & 1n) === 1n)) q++;
    if (bitLen(q) > bits) { q >>= 1n; shift--; }
    return { mant: neg ? -q : q, exp: -shift };
  }
}

/** An IEEE 754 binary format: float64 or float32. */
interface IEEEFormat { mantBits: number; emin: number; emax: number }
const float64Format: IEEEFormat = { mantBits: 53, emin: -1022, emax: 1023 };
const float32Format: IEEEFormat = { mantBits: 24, emin: -126, emax: 127 };

/** mant * 2**exp as an exact JS number (the caller guarantees it is representable). */
function scale(mant: bigint, exp: number): number {
  let x = Number(mant);
  // Two steps keep every intermediate power of two representable.
  const half = Math.trunc(exp / 2);
  x *= 2 ** half;
  x *= 2 ** (exp - half);
  return x;
}

/**
 * The value of the format nearest to num/den (den > 0), ties to even, with subnormals, and
 * ±Infinity past the largest finite value: what `big.Float.Float64()`/`Float32()` return.
 */
function roundToFormat(num: bigint, den: bigint, f: IEEEFormat): number {
  if (num === 0n) return 0;
  const neg = num < 0n;
  const a = abs(num);
  // e: exponent of the leading bit, 2**e <= a/den < 2**(e+1).
  let e = bitLen(a) - bitLen(den);
  if (e >= 0 ? a < den << BigInt(e) : a << BigInt(-e) < den) e--;
  const inf = neg ? -Infinity : Infinity;
  const zero = neg ? -0 : 0;
  if (e > f.emax) return inf;
  const minExp = f.emin - (f.mantBits - 1); // exponent of the smallest subnormal
  // Bits kept: full precision for normals, fewer for subnormals.
  const keep = e >= f.emin ? f.mantBits : e - minExp + 1;
  if (keep < 0) return zero;
  if (keep === 0) {
    // In [2**(minExp-1), 2**minExp): rounds up unless exactly the half (then to even, 0).
    const exactHalf = a << BigInt(-(minExp - 1)) === den;
    return exactHalf ? zero : scale(neg ? -1n : 1n, minExp);
  }
  const k = keep - 1 - e; // q = a/den * 2**k has `keep` bits
  const n = k >= 0 ? a << BigInt(k) : a;
  const d = k >= 0 ? den : den << BigInt(-k);
  let q = n / d;
  const r2 = 2n * (n % d);
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) q++;
  if (-k + bitLen(q) - 1 > f.emax) return inf;
  return scale(neg ? -q : q, -k);
}

/** mant * 2**exp rounded to the format, without building huge numbers for far-away exponents. */
function binaryToFormat(mant: bigint, exp: number, f: IEEEFormat): number {
  if (mant === 0n) return 0;
  const e = exp + bitLen(mant) - 1;
  if (e > f.emax + 1) return mant < 0n ? -Infinity : Infinity;
  if (e < f.emin - f.mantBits - 2) return mant < 0n ? -0 : 0;
  return exp >= 0 ? roundToFormat(mant << BigInt(exp), 1n, f) : roundToFormat(mant, pow2(-exp), f);
}

/** mant * 2**exp rounded to `bits` bits (ties to even), without fractions. */
function shiftRound(mant: bigint, exp: number, bits: number): Rounded {
  const len = bitLen(mant);
  if (len <= bits) return { mant, exp };
  const drop = len - bits;
  const neg = mant < 0n;
  const a = abs(mant);
  let q = a >> BigInt(drop);
  const rem = a - (q << BigInt(drop));
  const half = 1n << BigInt(drop - 1);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
  let e = exp + drop;
  if (bitLen(q) > bits) { q >>= 1n; e++; }
  return { mant: neg ? -q : q, exp: e };
}

// ---------------------------------------------------------------------------------------------
// Constructors that pick the representation, as Go's makeRat/makeFloat do

function normRat(num: bigint, den: bigint): { num: bigint; den: bigint } {
  if (den < 0n) { num = -num; den = -den; }
  const g = gcd(num, den);
  if (g > 1n) { num /= g; den /= g; }
  return { num, den };
}

/** `makeRat`: a fraction while its parts are small, else a 512-bit float. */
export function makeRat(num: bigint, den: bigint): Value {
  const r = normRat(num, den);
  if (bitLen(r.num) < maxExp && bitLen(r.den) < maxExp) return { kind: 'rat', num: r.num, den: r.den };
  return ratToFloat(r.num, r.den);
}

function ratToFloat(num: bigint, den: bigint): Value {
  const r = roundFraction(num, den, prec);
  return makeFloat(r.mant, r.exp);
}

/** `makeFloat`: a floatVal, normalized (odd mantissa); unknown when the exponent overflows. */
function makeFloat(mant: bigint, exp: number): Value {
  if (mant === 0n) return { kind: 'float', mant: 0n, exp: 0 };
  const r = shiftRound(mant, exp, prec);
  const tz = trailingZeros(r.mant);
  const m = r.mant >> BigInt(tz);
  const e = r.exp + tz;
  if (e + bitLen(m) > maxFloatExp) return unknown;
  if (e + bitLen(m) < -maxFloatExp) return { kind: 'float', mant: 0n, exp: 0 };
  return { kind: 'float', mant: m, exp: e };
}

/** `smallFloat`: would this float make a reasonably sized fraction? */
function smallFloat(mant: bigint, exp: number): boolean {
  if (mant === 0n) return true;
  const e = exp + bitLen(mant); // MantExp: 0.5 <= mant' < 1
  return -maxExp < e && e < maxExp;
}

/**
 * A Float from a decimal literal's parts, `digits` * 10**exp10 (digits may be 0), as
 * `makeFloatFromLiteral`: exact when the value's binary exponent is reasonable, else 512 bits.
 */
export function makeDecimalFloat(digits: bigint, exp10: number): Value {
  if (digits === 0n) return { kind: 'rat', num: 0n, den: 1n };
  // log2 of the value, roughly, decides between a fraction and a float without huge powers.
  const log2 = bitLen(digits) + exp10 * Math.log2(10);
  if (Math.abs(log2) < maxExp + 64) {
    const v = exp10 >= 0 ? makeRatExact(digits * 10n ** BigInt(exp10), 1n) : makeRatExact(digits, 10n ** BigInt(-exp10));
    if (v.kind === 'rat' && smallFloatRat(v.num, v.den)) return v;
    return ratToFloat(v.num, v.den);
  }
  if (log2 > maxFloatExp) return unknown;
  if (log2 < -maxFloatExp) return { kind: 'rat', num: 0n, den: 1n };
  // Far outside: digits * 10**exp10 with 10**exp10 computed in rounded binary arithmetic.
  const p = pow10Binary(Math.abs(exp10));
  if (exp10 >= 0) return makeFloat(digits * p.mant, p.exp);
  const q = roundFraction(digits << BigInt(prec), p.mant, prec + 64);
  return makeFloat(q.mant, q.exp - prec - p.exp);
}

/** A fraction without the bit-size check (callers decide). */
function makeRatExact(num: bigint, den: bigint): { kind: 'rat'; num: bigint; den: bigint } {
  const r = normRat(num, den);
  return { kind: 'rat', num: r.num, den: r.den };
}

function smallFloatRat(num: bigint, den: bigint): boolean {
  if (num === 0n) return true;
  const e = bitLen(num) - bitLen(den) + 1;
  return -maxExp < e && e < maxExp;
}

/** 10**n rounded to prec+64 bits, by repeated squaring with rounding. */
function pow10Binary(n: number): Rounded {
  let result: Rounded = { mant: 1n, exp: 0 };
  let base: Rounded = { mant: 10n, exp: 0 };
  const work = prec + 64;
  while (n > 0) {
    if (n & 1) result = shiftRound(result.mant * base.mant, result.exp + base.exp, work);
    n = Math.floor(n / 2);
    if (n > 0) base = shiftRound(base.mant * base.mant, base.exp * 2, work);
  }
  return result;
}

/** A Float from a hexadecimal literal's parts: mant * 2**exp2. */
export function makeBinaryFloat(mant: bigint, exp2: number): Value {
  if (mant === 0n) return { kind: 'rat', num: 0n, den: 1n };
  const e = exp2 + bitLen(mant);
  if (e > maxFloatExp) return unknown;
  if (e < -maxFloatExp) return { kind: 'rat', num: 0n, den: 1n };
  if (-maxExp < e && e < maxExp) {
    return exp2 >= 0 ? makeRatExact(mant << BigInt(exp2), 1n) : makeRatExact(mant, pow2(-exp2));
  }
  return makeFloat(mant, exp2);
}

/** `MakeFloat64`: an exact fraction of a finite float64 (-0 becomes 0); unknown for Inf/NaN. */
export function makeFloat64(x: number): Value {
  if (!Number.isFinite(x)) return unknown;
  if (x === 0) return { kind: 'rat', num: 0n, den: 1n };
  const { mant, exp } = float64Parts(x);
  return makeBinaryFloat(mant, exp);
}

/** A finite float64 as mant * 2**exp with an integer mant. */
export function float64Parts(x: number): { mant: bigint; exp: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const bexp = (hi >>> 20) & 0x7ff;
  let frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (bexp === 0) exp = -1074;
  else { frac |= 1n << 52n; exp = bexp - 1075; }
  return { mant: sign * frac, exp };
}

export function makeComplex(re: Value, im: Value): Value {
  if (re.kind === 'unknown' || im.kind === 'unknown') return unknown;
  return { kind: 'complex', re: re as RealValue, im: im as RealValue };
}

/** `MakeImag`: x*i. */
export function makeImag(x: Value): Value {
  if (x.kind === 'unknown') return x;
  return makeComplex(makeInt(0n), x);
}

// ---------------------------------------------------------------------------------------------
// Accessors

/** `Sign`: -1, 0 or 1; for complex, 0 iff both parts are 0; 1 for unknown. */
export function sign(x: Value): number {
  switch (x.kind) {
    case 'int': return x.v < 0n ? -1 : x.v > 0n ? 1 : 0;
    case 'rat': return x.num < 0n ? -1 : x.num > 0n ? 1 : 0;
    case 'float': return x.mant < 0n ? -1 : x.mant > 0n ? 1 : 0;
    case 'complex': return sign(x.re) | sign(x.im);
    case 'unknown': return 1;
    default: throw new Error(`sign of non-numeric ${x.kind}`);
  }
}

/** `Float64Val`: the nearest float64 (±Infinity when too large, as big.Float does). */
export function float64Val(x: Value): number {
  return toFormat(x, float64Format);
}

/** `Float32Val`: the nearest float32, as the (exactly representable) JS number. */
export function float32Val(x: Value): number {
  return toFormat(x, float32Format);
}

function toFormat(x: Value, f: IEEEFormat): number {
  switch (x.kind) {
    case 'int': return binaryToFormat(x.v, 0, f);
    case 'rat': return roundToFormat(x.num, x.den, f);
    case 'float': return binaryToFormat(x.mant, x.exp, f);
    case 'unknown': return 0;
    default: throw new Error(`float value of ${x.kind}`);
  }
}

/** Is x an Int, or a Float/Complex with an integral value? (for messages and keys) */
export function isIntegral(x: Value): boolean {
  return toInt(x).kind === 'int';
}

// ---------------------------------------------------------------------------------------------
// Numeric conversions

/** `ToInt`: the Int value of x if it is integral (allowing for float rounding); else unknown. */
export function toInt(x: Value): Value {
  switch (x.kind) {
    case 'int': return x;
    case 'rat': return x.den === 1n ? makeInt(x.num) : unknown;
    case 'float': {
      if (!smallFloat(x.mant, x.exp)) return unknown;
      if (x.exp >= 0) return makeInt(x.mant << BigInt(x.exp));
      // If rounding to prec-4 bits, down or up, gives an integer, call it one: x is not an
      // integer only because of rounding errors in prior computations.
      const delta = 4;
      for (const mode of ['down', 'up'] as const) {
        const r = roundDirected(x.mant, x.exp, prec - delta, mode);
        if (r.exp >= 0) return makeInt(r.mant << BigInt(r.exp));
        const tz = r.mant === 0n ? Infinity : trailingZeros(r.mant);
        if (tz >= -r.exp) return makeInt(r.mant >> BigInt(-r.exp));
      }
      return unknown;
    }
    case 'complex': {
      const re = toFloat(x);
      return re.kind === 'unknown' ? unknown : toInt(re);
    }
    default: return unknown;
  }
}

/** Rounding toward zero ('down') or away from zero ('up') to `bits` bits. */
function roundDirected(mant: bigint, exp: number, bits: number, mode: 'down' | 'up'): Rounded {
  const len = bitLen(mant);
  if (len <= bits) return { mant, exp };
  const drop = BigInt(len - bits);
  const a = abs(mant);
  let q = a >> drop;
  if (mode === 'up' && (q << drop) !== a) q++;
  let e = exp + Number(drop);
  if (bitLen(q) > bits) { q >>= 1n; e++; }
  return { mant: mant < 0n ? -q : q, exp: e };
}

/** `ToFloat`: x as a Float if representable (complex only with a zero imaginary part). */
export function toFloat(x: Value): Value {
  switch (x.kind) {
    case 'int': return bitLen(x.v) < maxExp ? { kind: 'rat', num: x.v, den: 1n } : makeFloat(x.v, 0);
    case 'rat': case 'float': return x;
    case 'complex': return sign(x.im) === 0 ? toFloat(x.re) : unknown;
    default: return unknown;
  }
}

/** `ToComplex`. */
export function toComplex(x: Value): Value {
  switch (x.kind) {
    case 'int': case 'rat': case 'float': return { kind: 'complex', re: x, im: makeInt(0n) };
    case 'complex': return x;
    default: return unknown;
  }
}

export function real(x: Value): Value {
  return x.kind === 'complex' ? x.re : x;
}

export function imag(x: Value): Value {
  if (x.kind === 'complex') return x.im;
  if (x.kind === 'unknown') return x;
  return makeInt(0n);
}

// ---------------------------------------------------------------------------------------------
// Operations

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '&^' | '&&' | '||';
/** Integer division forced (`token.QUO_ASSIGN` in go/constant). */
export type IntDiv = 'intdiv';
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

function ord(x: Value): number {
  switch (x.kind) {
    case 'unknown': return 0;
    case 'bool': case 'string': return 1;
    case 'int': return 2;
    case 'rat': return 4;
    case 'float': return 5;
    case 'complex': return 6;
  }
}

/** `match`: both operands in the representation of the more complex one. */
function match(x: Value, y: Value): [Value, Value] {
  const ox = ord(x);
  const oy = ord(y);
  if (ox < oy) return match0(x, y);
  if (ox > oy) { const [b, a] = match0(y, x); return [a, b]; }
  return [x, y];
}

function match0(x: Value, y: Value): [Value, Value] {
  switch (y.kind) {
    case 'rat':
      if (x.kind === 'int') return [{ kind: 'rat', num: x.v, den: 1n }, y];
      break;
    case 'float':
      if (x.kind === 'int') return [makeFloat(x.v, 0), y];
      if (x.kind === 'rat') return [ratToFloat(x.num, x.den), y];
      break;
    case 'complex':
      if (x.kind === 'int' || x.kind === 'rat' || x.kind === 'float') return [{ kind: 'complex', re: x, im: makeInt(0n) }, y];
      break;
  }
  return [x, x];
}

/**
 * `BinaryOp`: x op y for matching kinds. Division by zero is the caller's to prevent (the checker
 * reports it first). Comparisons and shifts have their own functions.
 */
export function binaryOp(x0: Value, op: BinaryOperator | IntDiv, y0: Value): Value {
  const [x, y] = match(x0, y0);
  switch (x.kind) {
    case 'unknown': return x;
    case 'bool': {
      const b = (y as typeof x).b;
      if (op === '&&') return makeBool(x.b && b);
      if (op === '||') return makeBool(x.b || b);
      break;
    }
    case 'int': return intOp(x.v, op, (y as typeof x).v);
    case 'rat': {
      const b = y as typeof x;
      switch (op) {
        case '+': return makeRat(x.num * b.den + b.num * x.den, x.den * b.den);
        case '-': return makeRat(x.num * b.den - b.num * x.den, x.den * b.den);
        case '*': return makeRat(x.num * b.num, x.den * b.den);
        case '/': return makeRat(x.num * b.den, x.den * b.num);
      }
      break;
    }
    case 'float': return floatOp(x, op, y as typeof x);
    case 'complex': return complexOp(x, op, y as typeof x);
    case 'string':
      if (op === '+') return makeString(x.s + (y as typeof x).s);
      break;
  }
  throw new Error(`invalid binary operation ${x0.kind} ${op} ${y0.kind}`);
}

function intOp(a: bigint, op: BinaryOperator | IntDiv, b: bigint): Value {
  switch (op) {
    case '+': return makeInt(a + b);
    case '-': return makeInt(a - b);
    case '*': return makeInt(a * b);
    case '/': return makeRat(a, b);
    case 'intdiv': return makeInt(a / b); // BigInt division truncates toward zero, as Go's
    case '%': return makeInt(a % b);
    case '&': return makeInt(a & b);
    case '|': return makeInt(a | b);
    case '^': return makeInt(a ^ b);
    case '&^': return makeInt(a & ~b);
  }
  throw new Error(`invalid integer operation ${op}`);
}

function floatOp(x: { mant: bigint; exp: number }, op: BinaryOperator | IntDiv, y: { mant: bigint; exp: number }): Value {
  switch (op) {
    case '+': case '-': {
      const ym = op === '-' ? -y.mant : y.mant;
      if (x.mant === 0n) return makeFloat(ym, y.exp);
      if (ym === 0n) return makeFloat(x.mant, x.exp);
      // A far smaller addend only nudges the sticky bits: it cannot change a 512-bit rounding.
      const tx = x.exp + bitLen(x.mant);
      const ty = y.exp + bitLen(ym);
      if (tx - ty > prec + 2 && Math.abs(x.exp - y.exp) > prec + 2) return makeFloat(x.mant, x.exp);
      if (ty - tx > prec + 2 && Math.abs(x.exp - y.exp) > prec + 2) return makeFloat(ym, y.exp);
      const e = Math.min(x.exp, y.exp);
      return makeFloat((x.mant << BigInt(x.exp - e)) + (ym << BigInt(y.exp - e)), e);
    }
    case '*': return makeFloat(x.mant * y.mant, x.exp + y.exp);
    case '/': {
      const r = roundFraction(x.mant, y.mant < 0n ? -y.mant : y.mant, prec);
      return makeFloat(y.mant < 0n ? -r.mant : r.mant, r.exp + x.exp - y.exp);
    }
  }
  throw new Error(`invalid float operation ${op}`);
}

function complexOp(x: { re: RealValue; im: RealValue }, op: BinaryOperator | IntDiv, y: { re: RealValue; im: RealValue }): Value {
  const [a, b, c, d] = [x.re, x.im, y.re, y.im];
  const add = (p: Value, q: Value) => binaryOp(p, '+', q);
  const sub = (p: Value, q: Value) => binaryOp(p, '-', q);
  const mul = (p: Value, q: Value) => binaryOp(p, '*', q);
  switch (op) {
    case '+': return makeComplex(add(a, c), add(b, d));
    case '-': return makeComplex(sub(a, c), sub(b, d));
    case '*': return makeComplex(sub(mul(a, c), mul(b, d)), add(mul(b, c), mul(a, d)));
    case '/': {
      const s = add(mul(c, c), mul(d, d));
      const re = binaryOp(add(mul(a, c), mul(b, d)), '/', s);
      const im = binaryOp(sub(mul(b, c), mul(a, d)), '/', s);
      return makeComplex(re, im);
    }
  }
  throw new Error(`invalid complex operation ${op}`);
}

/** `UnaryOp`: +x, -x, ^x (limited to `precBits` bits when > 0, for unsigned types), !x. */
export function unaryOp(op: '+' | '-' | '^' | '!', y: Value, precBits = 0): Value {
  if (y.kind === 'unknown') return y;
  switch (op) {
    case '+':
      if (y.kind !== 'bool' && y.kind !== 'string') return y;
      break;
    case '-':
      switch (y.kind) {
        case 'int': return makeInt(-y.v);
        case 'rat': return { kind: 'rat', num: -y.num, den: y.den };
        case 'float': return { kind: 'float', mant: -y.mant, exp: y.exp };
        case 'complex': return makeComplex(unaryOp('-', y.re), unaryOp('-', y.im));
      }
      break;
    case '^':
      if (y.kind === 'int') {
        let z = ~y.v;
        // For unsigned types the result is negative and thus too large: keep precBits bits.
        if (precBits > 0) z &= pow2(precBits) - 1n;
        return makeInt(z);
      }
      break;
    case '!':
      if (y.kind === 'bool') return makeBool(!y.b);
      break;
  }
  throw new Error(`invalid unary operation ${op}${y.kind}`);
}

/** `Shift`: x << s or x >> s for an Int x (>> rounds toward negative infinity, as big.Int.Rsh). */
export function shift(x: Value, op: '<<' | '>>', s: number): Value {
  if (x.kind === 'unknown') return x;
  if (x.kind !== 'int') throw new Error(`invalid shift of ${x.kind}`);
  return makeInt(op === '<<' ? x.v << BigInt(s) : x.v >> BigInt(s));
}

/** `Compare`: x op y for matching kinds; false when either is unknown. */
export function compare(x0: Value, op: ComparisonOperator, y0: Value): boolean {
  const [x, y] = match(x0, y0);
  switch (x.kind) {
    case 'unknown': return false;
    case 'bool': {
      const b = (y as typeof x).b;
      if (op === '==') return x.b === b;
      if (op === '!=') return x.b !== b;
      break;
    }
    case 'int': return cmpZero(x.v < (y as typeof x).v ? -1 : x.v > (y as typeof x).v ? 1 : 0, op);
    case 'rat': {
      const b = y as typeof x;
      const l = x.num * b.den;
      const r = b.num * x.den;
      return cmpZero(l < r ? -1 : l > r ? 1 : 0, op);
    }
    case 'float': {
      const d = floatOp(x, '-', y as typeof x);
      return cmpZero(sign(d), op);
    }
    case 'complex': {
      const b = y as typeof x;
      const re = compare(x.re, '==', b.re);
      const im = compare(x.im, '==', b.im);
      if (op === '==') return re && im;
      if (op === '!=') return !re || !im;
      break;
    }
    case 'string': {
      const a = x.s;
      const b = (y as typeof x).s;
      return cmpZero(a < b ? -1 : a > b ? 1 : 0, op);
    }
  }
  throw new Error(`invalid comparison ${x0.kind} ${op} ${y0.kind}`);
}

function cmpZero(c: number, op: ComparisonOperator): boolean {
  switch (op) {
    case '==': return c === 0;
    case '!=': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/**
 * `keyVal` of the compiler's duplicate-key check, as a string: constants that denote the same
 * Go value give the same key (1, 1.0 and 1+0i are all the integer 1; other floats compare as
 * float64, as the compiler does).
 */
export function representableKey(x: Value): string {
  let v = x;
  if (v.kind === 'complex') {
    const f = toFloat(v);
    if (f.kind === 'unknown') return `c:${float64Val(v.re)},${float64Val(v.im)}`;
    v = f;
  }
  if (v.kind === 'rat' || v.kind === 'float') {
    const i = toInt(v);
    if (i.kind !== 'int') return `f:${float64Val(v)}`;
    v = i;
  }
  switch (v.kind) {
    case 'int': return `i:${v.v}`;
    case 'string': return `s:${v.s}`;
    case 'bool': return `b:${v.b}`;
    default: return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// Printing

/** `String()`: the short, human-readable form the compiler prints in messages. */
export function valueString(x: Value): string {
  switch (x.kind) {
    case 'unknown': return 'unknown';
    case 'bool': return String(x.b);
    case 'string': return shortQuote(x.s);
    case 'int': return x.v.toString();
    case 'rat': return floatString(ratToFloat(x.num, x.den));
    case 'float': return floatString(x);
    case 'complex': return `(${valueString(x.re)} + ${valueString(x.im)}i)`;
  }
}

/** A string value quoted by strconv.Quote, cut to 72 runes with `...` as go/constant does. */
function shortQuote(s: ByteString): string {
  const maxLen = 72;
  const q = goQuote(s);
  const runes = Array.from(q);
  if (runes.length > maxLen) return runes.slice(0, maxLen - 3).join('') + '...';
  return q;
}

/** `floatVal.String`: %.6g of the float64 when in range, else an approximate decimal form. */
function floatString(x: Value): string {
  if (x.kind !== 'float') return valueString(x);
  if (x.mant === 0n) return '0';
  const f = binaryToFormat(x.mant, x.exp, float64Format);
  if (f !== 0 && Number.isFinite(f)) return formatG(f, 6);
  // f = mant * 2**exp with 0.5 <= |mant| < 1 (MantExp), approximated in float64.
  const bits = bitLen(x.mant);
  const exp = x.exp + bits;
  const top = shiftRound(x.mant, -bits, 53);
  let m = scale(top.mant, top.exp);
  const d = exp * (Math.LN2 / Math.LN10);
  let e = Math.trunc(d);
  m *= Math.pow(10, d - e);
  const am = Math.abs(m);
  if (am < 1 - 0.5e-6) { m *= 10; e--; } else if (am >= 10) { m /= 10; e++; }
  return `${formatG(m, 6)}e${e >= 0 ? '+' : '-'}${Math.abs(e)}`;
}

/**
 * Go's `%.<prec>g` of a finite float64: the value rounded to `prec` significant digits (ties to
 * even on the exact binary value), trailing zeros dropped, exponent form when the decimal exponent
 * is < -4 or >= prec, with at least two exponent digits.
 */
export function formatG(x: number, precDigits: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const neg = x < 0;
  const { digits, dp } = decimalDigits(Math.abs(x), precDigits);
  const exp = dp - 1;
  let body: string;
  if (exp < -4 || exp >= precDigits) {
    const frac = digits.slice(1);
    const e = Math.abs(exp);
    body = digits[0] + (frac ? '.' + frac : '') + 'e' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' : '') + e;
  } else if (dp <= 0) {
    body = '0.' + '0'.repeat(-dp) + digits;
  } else if (dp >= digits.length) {
    body = digits + '0'.repeat(dp - digits.length);
  } else {
    body = digits.slice(0, dp) + '.' + digits.slice(dp);
  }
  return (neg ? '-' : '') + body;
}

/** The first n significant decimal digits of positive x (exact, ties to even), without trailing zeros; value = 0.digits * 10**dp. */
function decimalDigits(x: number, n: number): { digits: string; dp: number } {
  const { mant, exp } = float64Parts(x);
  // x = num/den exactly.
  const num = exp >= 0 ? mant << BigInt(exp) : mant;
  const den = exp >= 0 ? 1n : pow2(-exp);
  // Find dp with 10**(dp-1) <= x < 10**dp.
  let dp = Math.floor(Math.log10(x)) + 1;
  const ge = (k: number) => (k >= 0 ? num >= 10n ** BigInt(k) * den : num * 10n ** BigInt(-k) >= den);
  while (ge(dp)) dp++;
  while (!ge(dp - 1)) dp--;
  // q = round(x * 10**(n - dp)).
  const k = n - dp;
  const sn = k >= 0 ? num * 10n ** BigInt(k) : num;
  const sd = k >= 0 ? den : den * 10n ** BigInt(-k);
  let q = sn / sd;
  const r2 = 2n * (sn % sd);
  if (r2 > sd || (r2 === sd && (q & 1n) === 1n)) q++;
  let digits = q.toString();
  if (digits.length > n) { digits = digits.slice(0, n); dp++; }
  digits = digits.replace(/0+$/, '');
  return { digits: digits || '0', dp };
}
