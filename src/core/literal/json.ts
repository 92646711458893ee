/**
 * A JSON selection read as a Go map, the way a Go developer would declare it:
 *   - an object `{"a": 1}` is a `map[string]V` (or, with an integer key type, keys parsed as
 *     integers, as encoding/json does);
 *   - an array of pairs `[[1, "x"], [2, "y"]]` is a `map[K]V`.
 * K and V are inferred from the data (all integers that fit int64 → int, any other number →
 * float64, all strings → string, all booleans → bool, anything mixed, null or nested → any) unless
 * the caller gives them; then every key and value must fit its type, or the answer is an error at
 * the offending JSON value (`cannot use 300 (JSON number) as int8 value (overflows)`).
 *
 * Parsing is jsonc-parser's: comments and trailing commas are tolerated, offsets kept. Numbers
 * are read from their text, exactly (a 20-digit integer stays exact as int64 or uint64).
 */
import { Node as JsonNode, ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { GoType, typeString } from '../types';
import { Value, float32Val, float64Val, toInt, unaryOp, unknown } from './constant';
import { fromText } from './gostring';
import { basic, comparable, isEmptyInterface, under } from './gotypes';
import { floatValue, intValue } from './lexical';
import { EvaluatedMap, LiteralResult } from './evaluate';
import { LiteralError, SourceText } from './position';
import { GoValue, cellCount, maxCells, toJson, zeroValue } from './value';

export interface JsonMapOptions {
  /** The key type (default: inferred). */
  keyType?: GoType;
  /** The element type (default: inferred). */
  elemType?: GoType;
}

/** `any`, as the inferred type of mixed or nested data. */
export const anyType: GoType = { kind: 'interface', methods: [], embeds: [], alias: 'any' };
const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);

/** Thrown inside this module for data that does not fit; turned into a positioned error. */
class Misfit extends Error {
  constructor(message: string, readonly node: JsonNode) {
    super(message);
  }
}

/** A JSON document as a Go map. Never throws for bad input. */
export function evaluateJsonMap(text: string, opts: JsonMapOptions = {}): LiteralResult {
  const src = new SourceText(text);
  const deep = tooDeep(text);
  if (deep !== undefined) return { ok: false, errors: [src.error(`cannot evaluate: JSON nested more than ${maxJsonDepth} levels deep`, deep)] };
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length > 0 || !root) {
    const e = parseErrors[0] ?? { error: 0, offset: 0, length: 0 };
    return { ok: false, errors: [src.error(`invalid JSON: ${printParseErrorCode(e.error)}`, e.offset, e.offset + e.length)] };
  }
  try {
    return { ok: true, map: readMap(root, src, opts) };
  } catch (e) {
    if (!(e instanceof Misfit)) throw e;
    return { ok: false, errors: [errorAt(src, e.message, e.node)] };
  }
}

/** Arrays and objects nested deeper than this are refused before parsing (the parser recurses). */
export const maxJsonDepth = 400;

/** The offset where nesting first exceeds maxJsonDepth (outside strings and comments), if it does. */
export function tooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '[' || c === '{') {
      if (++depth > maxJsonDepth) return i;
    } else if (c === ']' || c === '}') {
      depth--;
    }
  }
  return undefined;
}

function errorAt(src: SourceText, message: string, node: JsonNode): LiteralError {
  return src.error(message, node.offset, node.offset + node.length);
}

/** The pairs of the document: object properties, or [key, value] arrays. */
function readMap(root: JsonNode, src: SourceText, opts: JsonMapOptions): EvaluatedMap {
  let pairs: [JsonNode, JsonNode, JsonNode][];
  let keyType: GoType;
  if (root.type === 'object') {
    pairs = (root.children ?? []).map((p) => [p.children![0], p.children![1], p]);
    keyType = opts.keyType ?? basic('string');
  } else if (root.type === 'array') {
    pairs = (root.children ?? []).map((el) => {
      if (el.type !== 'array' || el.children?.length !== 2) throw new Misfit('expected a [key, value] pair', el);
      return [el.children[0], el.children[1], el];
    });
    keyType = opts.keyType ?? inferType(pairs.map((p) => p[0]), src);
  } else {
    throw new Misfit('a JSON map is an object, or an array of [key, value] pairs', root);
  }
  const elemType = opts.elemType ?? inferType(pairs.map((p) => p[1]), src);
  if (!comparable(keyType)) throw new Misfit(`invalid map key type ${typeString(keyType)}`, root);
  const values: [GoValue, GoValue][] = pairs.map(([k, v]) => [
    root.type === 'object' ? propertyKey(k, keyType, src) : fit(k, keyType, src, true),
    fit(v, elemType, src, false),
  ]);
  return {
    key: keyType,
    elem: elemType,
    keyText: typeString(keyType),
    elemText: typeString(elemType),
    entries: values.map(([k, v]) => [toJson(k, keyType), toJson(v, elemType)]),
    values,
    hint: 0,
    insertionOrder: values.map((_, i) => i),
    span: { offset: root.offset, end: root.offset + root.length },
    entrySpans: pairs.map(([, , n]) => ({ offset: n.offset, end: n.offset + n.length })),
  };
}

/** An object's property name as a key: a string, or an integer for integer key types. */
function propertyKey(k: JsonNode, keyType: GoType, src: SourceText): GoValue {
  const u = under(keyType);
  if (u?.kind === 'basic' && u.name === 'string') return { kind: 'string', bytes: fromText(String(k.value)) };
  if (u?.kind === 'basic' && isIntegerName(u.name)) {
    const s = String(k.value);
    if (!/^-?\d+$/.test(s)) throw new Misfit(`cannot use ${JSON.stringify(s)} (JSON object key) as ${typeString(keyType)} value`, k);
    return fitInteger(BigInt(s), s, keyType, k);
  }
  if (isEmptyInterface(keyType)) return { kind: 'interface', type: basic('string'), value: fit(k, basic('string'), src, true) };
  throw new Misfit(`object keys are strings: cannot use them as ${typeString(keyType)} keys (use [key, value] pairs)`, k);
}

/** The number's text as an exact constant (JSON has a sign where Go has a unary minus). */
function numberValue(n: JsonNode, src: SourceText): Value {
  const text = src.text.slice(n.offset, n.offset + n.length);
  const neg = text.startsWith('-');
  const digits = neg ? text.slice(1) : text;
  const v = isIntegerText(digits) ? intValue(digits) : floatValue(digits);
  return neg && v !== unknown ? unaryOp('-', v) : v;
}

function isIntegerText(text: string): boolean {
  return /^-?\d+$/.test(text);
}

/** Inference: the one type all the values share, else any. */
export function inferType(nodes: JsonNode[], src: SourceText): GoType {
  if (nodes.length === 0) return anyType;
  if (nodes.every((n) => n.type === 'number')) {
    const ints = nodes.every((n) => {
      const text = src.text.slice(n.offset, n.offset + n.length);
      if (!isIntegerText(text)) return false;
      const v = BigInt(text);
      return v >= minInt64 && v <= maxInt64;
    });
    return basic(ints ? 'int' : 'float64');
  }
  if (nodes.every((n) => n.type === 'string')) return basic('string');
  if (nodes.every((n) => n.type === 'boolean')) return basic('bool');
  return anyType;
}

/** The Go value of a JSON value as type t, or a Misfit. `isKey`: it will be hashed. */
function fit(n: JsonNode, t: GoType, src: SourceText, isKey: boolean): GoValue {
  const u = under(t);
  const misfit = (suffix = ''): never => {
    const shown = n.type === 'string' ? JSON.stringify(n.value) : n.type === 'object' || n.type === 'array' ? n.type : src.text.slice(n.offset, n.offset + n.length);
    throw new Misfit(`cannot use ${shown} (JSON ${n.type}) as ${typeString(t)} value${suffix}`, n);
  };
  if (n.type === 'null') {
    if (u?.kind === 'pointer' || u?.kind === 'slice' || u?.kind === 'map' || u?.kind === 'interface') return { kind: 'nil' };
    return misfit();
  }
  if (!u || u.kind === 'untyped') return misfit();
  if (cellCount(t) > maxCells) throw new Misfit(`cannot evaluate: a value of type ${typeString(t)} is too large to show`, n);
  switch (u.kind) {
    case 'interface':
      if (!isEmptyInterface(t)) return misfit(' (an interface with methods)');
      return dynamic(n, src, isKey);
    case 'basic': return fitBasic(n, t, u.name, src, misfit);
    case 'pointer': return { kind: 'pointer', elem: fit(n, u.elem, src, false) };
    case 'array': case 'slice': {
      if (n.type !== 'array') return misfit();
      const elems = (n.children ?? []).map((c) => fit(c, u.elem, src, isKey));
      if (u.kind === 'slice') return { kind: 'slice', elems };
      if (elems.length > u.len) return misfit(` (${elems.length} elements, more than ${u.len})`);
      return { kind: 'array', elems: [...elems, ...Array.from({ length: u.len - elems.length }, () => zeroValue(u.elem))] };
    }
    case 'struct': return fitStruct(n, t, u, src, isKey, misfit);
    case 'map': {
      if (n.type !== 'object' && n.type !== 'array') return misfit();
      const inner = readMap(n, src, { keyType: u.key, elemType: u.elem });
      return { kind: 'map', entries: inner.values };
    }
    default: return misfit();
  }
}

function fitBasic(n: JsonNode, t: GoType, name: string, src: SourceText, misfit: (suffix?: string) => never): GoValue {
  if (name === 'bool') return n.type === 'boolean' ? { kind: 'bool', value: n.value === true } : misfit();
  if (name === 'string') return n.type === 'string' ? { kind: 'string', bytes: fromText(String(n.value)) } : misfit();
  if (name.startsWith('complex') && n.type === 'array' && n.children?.length === 2) {
    const [re, im] = n.children.map((c) => fit(c, basic(name === 'complex64' ? 'float32' : 'float64'), src, false));
    return { kind: 'complex', re: (re as { value: number }).value, im: (im as { value: number }).value };
  }
  if (n.type !== 'number') return misfit();
  const v = numberValue(n, src);
  if (isIntegerName(name)) {
    const i = toInt(v);
    if (i.kind !== 'int') return misfit(' (truncated)');
    return fitInteger(i.v, src.text.slice(n.offset, n.offset + n.length), t, n);
  }
  const f = name === 'float32' || name === 'complex64' ? float32Val(v) : float64Val(v);
  if (!Number.isFinite(f) || v === unknown) return misfit(' (overflows)');
  return name.startsWith('complex') ? { kind: 'complex', re: f, im: 0 } : { kind: 'float', value: f };
}

function fitInteger(v: bigint, text: string, t: GoType, n: JsonNode): GoValue {
  const u = under(t);
  const name = u?.kind === 'basic' ? u.name : 'int';
  const bits = /\d+$/.exec(name)?.[0];
  const size = bits ? Number(bits) : 64; // int, uint, uintptr: 64-bit targets
  const unsigned = name.startsWith('u');
  const lo = unsigned ? 0n : -(1n << BigInt(size - 1));
  const hi = unsigned ? (1n << BigInt(size)) - 1n : (1n << BigInt(size - 1)) - 1n;
  if (v < lo || v > hi) throw new Misfit(`cannot use ${text} (JSON number) as ${typeString(t)} value (overflows)`, n);
  return { kind: 'int', value: v };
}

function fitStruct(n: JsonNode, t: GoType, u: Extract<GoType, { kind: 'struct' }>, src: SourceText, isKey: boolean, misfit: () => never): GoValue {
  if (n.type !== 'object') return misfit();
  const fields = u.fields.map((f) => zeroValue(f.type));
  for (const prop of n.children ?? []) {
    const [k, v] = prop.children!;
    const name = String(k.value);
    // encoding/json: an exact match first, then a case-insensitive one.
    let i = u.fields.findIndex((f) => f.name === name && f.name !== '_');
    if (i < 0) i = u.fields.findIndex((f) => f.name !== '_' && f.name.toLowerCase() === name.toLowerCase());
    if (i < 0) throw new Misfit(`unknown field ${JSON.stringify(name)} in struct of type ${typeString(t)}`, k);
    fields[i] = fit(v, u.fields[i].type, src, isKey);
  }
  return { kind: 'struct', fields };
}

/** A value of type any: its dynamic type chosen as inference does. */
function dynamic(n: JsonNode, src: SourceText, isKey: boolean): GoValue {
  let t: GoType;
  switch (n.type) {
    case 'number': t = inferType([n], src); break;
    case 'string': t = basic('string'); break;
    case 'boolean': t = basic('bool'); break;
    case 'array':
      if (isKey) throw new Misfit('a JSON array cannot be a key of type any (runtime error: hash of unhashable type []interface {})', n);
      t = { kind: 'slice', elem: anyType };
      break;
    case 'object':
      if (isKey) throw new Misfit('a JSON object cannot be a key of type any (runtime error: hash of unhashable type map[string]interface {})', n);
      t = { kind: 'map', key: basic('string'), elem: anyType };
      break;
    default: return { kind: 'nil' };
  }
  return { kind: 'interface', type: t, value: fit(n, t, src, isKey) };
}

function isIntegerName(name: string): boolean {
  return /^u?int(8|16|32|64)?$|^uintptr$/.test(name);
}
