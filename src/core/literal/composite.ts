/**
 * Composite literals, as types2 checks them (the `*syntax.CompositeLit` case of `exprInternal`,
 * `indexedElts`, `index`), evaluated as they are checked: struct literals keyed or positional
 * (missing fields zero), arrays with optional constant indices and `[...]` lengths, slices, and
 * maps, whose keys and values must fit the key and element types and whose constant keys must not
 * repeat. Each value also records whether it is a static composite literal, which decides when gc
 * inserts a map entry (see `MapEntry.static`).
 *
 * The functions take the Checker whose errors they report.
 */
import type { SyntaxNode } from '../go/parser';
import type { GoType } from '../types';
import type { Checker } from './check';
import { representableKey, sign, valueString } from './constant';
import type { Env } from './env';
import { OpType, basic, identical, isInteger, isInterface, typeString, under } from './gotypes';
import { kids } from './nodes';
import { Operand, failed, invalidArg } from './operand';
import { exprString } from './syntaxstring';
import { GoValue, cellCount, maxCells, zeroValue } from './value';

/** One evaluated entry of a map literal. */
export interface MapEntry {
  key: GoValue;
  elem: GoValue;
  /** The keyed element in the source. */
  node: SyntaxNode;
  /** Key and value are static composite literals: the entry is inserted before the dynamic ones. */
  static: boolean;
}

/**
 * Is x, used as a value of type T, not a static composite literal after the order pass? A
 * non-nil value converted to an interface (OCONVIFACE) never is: order.go moves its operand to a
 * temporary (`addrTemp`).
 */
function isDynamicIn(x: Operand, T: OpType): boolean {
  if (x.mode === 'nil') return false;
  // any(nil) is a nil of interface type (static); any((*T)(nil)) is a conversion (dynamic).
  if (isInterface(T)) return !(isInterface(x.type) && x.value?.kind === 'nil');
  return x.dynamic === true;
}

/** An element without its literal_element wrapper (parentheses stay). */
function unwrap(n: SyntaxNode): SyntaxNode {
  return n.type === 'literal_element' ? kids(n)[0] ?? n : n;
}

/** The key and value of a keyed element. */
function keyedParts(el: SyntaxNode): [SyntaxNode, SyntaxNode] {
  const key = el.childForFieldName('key') ?? kids(el)[0];
  const value = el.childForFieldName('value') ?? kids(el)[1];
  return [key, value];
}

/**
 * A composite literal `T{...}`, or `{...}` with its type elided (taken from `hint`, the element
 * type of the enclosing literal; `*T` there means `&T{...}`).
 */
export function compositeLit(c: Checker, e: SyntaxNode, typeNode: SyntaxNode | null, body: SyntaxNode | null, env: Env, hint: GoType | undefined): Operand {
  let typ: GoType | undefined;
  let base: GoType | undefined;
  let pointer = false;
  if (typeNode) {
    if (typeNode.type === 'implicit_length_array_type') {
      const elem = c.resolveType(typeNode.childForFieldName('element')!, env);
      typ = elem && { kind: 'array', len: -1, elem };
    } else {
      typ = c.resolveType(typeNode, env);
    }
    base = typ;
    if (!typ) {
      useElements(c, body, env);
      return c.invalid(e);
    }
  } else if (hint) {
    // base, _ = deref(coreType(typ)): the underlying type, or for *T the (possibly named) T.
    typ = hint;
    const u = under(hint);
    pointer = u?.kind === 'pointer';
    base = u?.kind === 'pointer' ? u.elem : (u as GoType | undefined);
  } else {
    c.error(e, 'missing type in composite literal');
    return c.invalid(e);
  }
  const elems = body ? kids(body) : [];
  const rbrace = body ? body.endIndex - 1 : e.endIndex - 1;
  const u = under(base!);
  // A valid type may be too big to build a value of (`[1 << 40]int{}`): checked, not shown.
  const showable = u?.kind !== 'struct' || cellCount(u) <= maxCells;
  if (!showable) c.cannotEvaluate(e, `${exprString(e)} (too large to show)`);
  let value: GoValue | undefined;
  let dynamic = true;
  switch (u?.kind) {
    case 'struct': ({ value, dynamic } = structElts(c, elems, u, base!, rbrace, env, showable)); break;
    case 'array': {
      const r = indexedElts(c, elems, u.elem, u.len, env);
      dynamic = r.dynamic;
      if (u.len < 0) {
        typ = { kind: 'array', len: r.max, elem: u.elem };
        base = typ;
      }
      value = r.elems && arrayValue(c, r.elems, Math.max(u.len, r.max), u.elem, e);
      break;
    }
    case 'slice': {
      const r = indexedElts(c, elems, u.elem, -1, env);
      value = r.elems && arrayValue(c, r.elems, r.max, u.elem, e);
      if (value) value = { kind: 'slice', elems: (value as { elems: GoValue[] }).elems };
      break;
    }
    case 'map': {
      const entries = mapElts(c, elems, u.key, u.elem, env);
      value = entries && { kind: 'map', entries: entries.map((en) => [en.key, en.elem]) };
      break;
    }
    default:
      useElements(c, body, env);
      if (u) c.error(e, `invalid composite literal type ${typeString(typ!)}`);
      return c.invalid(e);
  }
  if (pointer && value) value = { kind: 'pointer', elem: value };
  return { ...c.operand('value', e, typ!), value, dynamic: dynamic || pointer };
}

/** Checks elements whose literal is invalid, so their own problems still show. */
function useElements(c: Checker, body: SyntaxNode | null, env: Env): void {
  for (const el of body ? kids(body) : []) {
    const v = el.type === 'keyed_element' ? el.childForFieldName('value') ?? kids(el)[1] : el;
    if (v) c.rawExpr(v, env, undefined);
  }
}

function structElts(c: Checker, elems: SyntaxNode[], u: Extract<GoType, { kind: 'struct' }>, base: GoType, rbrace: number, env: Env, showable: boolean): { value: GoValue | undefined; dynamic: boolean } {
  const fields = showable ? u.fields.map((f) => zeroValue(f.type)) : [];
  let complete = showable;
  let dynamic = false;
  if (elems.length === 0) return { value: complete ? { kind: 'struct', fields } : undefined, dynamic };
  if (elems[0].type === 'keyed_element') {
    const visited = new Set<number>();
    for (const el of elems) {
      if (el.type !== 'keyed_element') {
        c.error(el, 'mixture of field:value and value elements in struct literal');
        continue;
      }
      const [keyEl, valEl] = keyedParts(el);
      const x = c.expr(valEl, env);
      const key = unwrap(keyEl); // (X) is not a field name; true, false, nil and iota are names
      if (!['identifier', 'true', 'false', 'nil', 'iota'].includes(key.type)) {
        c.error(el, `invalid field name ${exprString(key)} in struct literal`);
        continue;
      }
      const i = u.fields.findIndex((f) => f.name === key.text && f.name !== '_');
      if (i < 0) {
        c.error(key, `unknown field '${key.text}' in struct literal of type ${typeString(base)}`);
        continue;
      }
      c.assignment(x, u.fields[i].type, 'struct literal');
      if (visited.has(i)) {
        c.error(el, `duplicate field name ${key.text} in struct literal`);
        continue;
      }
      visited.add(i);
      dynamic ||= isDynamicIn(x, u.fields[i].type);
      const v = c.materialize(x, u.fields[i].type);
      if (v && (x.mode === 'constant' || x.mode === 'value' || x.mode === 'nil')) fields[i] = v;
      else complete = false;
    }
  } else {
    for (let i = 0; i < elems.length; i++) {
      const el = elems[i];
      if (el.type === 'keyed_element') {
        c.error(el, 'mixture of field:value and value elements in struct literal');
        continue;
      }
      const x = c.expr(el, env);
      if (i >= u.fields.length) {
        c.error(x, `too many values in ${typeString(base)}{…}`);
        break;
      }
      c.assignment(x, u.fields[i].type, 'struct literal');
      dynamic ||= isDynamicIn(x, u.fields[i].type);
      const v = c.materialize(x, u.fields[i].type);
      if (v && (x.mode === 'constant' || x.mode === 'value' || x.mode === 'nil')) fields[i] = v;
      else complete = false;
    }
    if (elems.length < u.fields.length) c.error(rbrace, `too few values in ${typeString(base)}{…}`);
  }
  return { value: complete ? { kind: 'struct', fields } : undefined, dynamic };
}

/** `indexedElts`: array and slice elements, with optional constant indices. */
function indexedElts(c: Checker, elems: SyntaxNode[], elemType: GoType, length: number, env: Env): { max: number; elems?: Map<number, GoValue>; dynamic: boolean } {
  const visited = new Set<number>();
  const values = new Map<number, GoValue>();
  let complete = true;
  let dynamic = false;
  let index = 0;
  let max = 0;
  for (const el of elems) {
    let validIndex = false;
    let valEl = el;
    if (el.type === 'keyed_element') {
      const [keyEl, v] = keyedParts(el);
      const i = constantIndex(c, keyEl, length, env);
      if (i !== undefined && i >= 0) {
        index = i;
        validIndex = true;
      } else if (i === -1) {
        c.error(el, `index ${exprString(unwrap(keyEl))} must be integer constant`);
      }
      if (i === undefined) complete = false;
      valEl = v;
    } else if (length >= 0 && index >= length) {
      c.error(el, `index ${index} is out of bounds (>= ${length})`);
    } else {
      validIndex = true;
    }
    if (validIndex) {
      if (visited.has(index)) c.error(el, `duplicate index ${index} in array or slice literal`);
      visited.add(index);
    }
    index++;
    if (index > max) max = index;
    const x = rawExprHinted(c, valEl, env, elemType);
    c.assignment(x, elemType, 'array or slice literal');
    dynamic ||= isDynamicIn(x, elemType);
    const v = c.materialize(x, elemType);
    if (v && validIndex && (x.mode === 'constant' || x.mode === 'value' || x.mode === 'nil')) values.set(index - 1, v);
    else complete = false;
  }
  return { max, elems: complete ? values : undefined, dynamic };
}

/** `index`: a constant index in [0, max); -1 for a valid non-constant index, undefined after an error. */
function constantIndex(c: Checker, e: SyntaxNode, max: number, env: Env): number | undefined {
  const x = c.expr(e, env);
  if (x.mode === 'invalid' || x.mode === 'unknown') return undefined;
  c.convertUntyped(x, basic('int'));
  if (failed(x)) return undefined;
  if (!isInteger(x.type)) {
    c.error(x, `${invalidArg}index ${c.operandString(x)} must be integer`);
    return undefined;
  }
  if (x.mode !== 'constant') return -1;
  if (sign(x.val) < 0) {
    c.error(x, `${invalidArg}index ${c.operandString(x)} must not be negative`);
    return undefined;
  }
  const v = c.representableConst(x.val, basic('int'));
  if (v === undefined) {
    c.error(x, `${invalidArg}index ${c.operandString(x)} overflows int`);
    return undefined;
  }
  if (v.kind !== 'int') return undefined;
  if (max >= 0 && v.v >= BigInt(max)) {
    c.error(x, `${invalidArg}index ${valueString(v)} out of bounds [0:${max}]`);
    return undefined;
  }
  return Number(v.v);
}

function arrayValue(c: Checker, values: Map<number, GoValue>, len: number, elemType: GoType, e: SyntaxNode): GoValue | undefined {
  if (len * Math.max(1, cellCount(elemType)) > maxCells) {
    c.cannotEvaluate(e, `${exprString(e)} (too large to show)`);
    return undefined;
  }
  const zero = zeroValue(elemType);
  return { kind: 'array', elems: Array.from({ length: len }, (_, i) => values.get(i) ?? zero) };
}

/** `exprWithHint`: an element whose composite literal type may be elided. */
function rawExprHinted(c: Checker, e: SyntaxNode, env: Env, hint: GoType): Operand {
  const x = c.rawExpr(e, env, hint);
  c.exclude(x, ['novalue', 'builtin', 'typexpr']);
  return x;
}

/**
 * The map case: every element keyed; keys and values assigned to the key and element types;
 * constant keys must not repeat (for interface keys, a repeat needs the same dynamic type).
 * Returns the entries in source order when all evaluated.
 */
export function mapElts(c: Checker, elems: SyntaxNode[], keyType: GoType, elemType: GoType, env: Env): MapEntry[] | undefined {
  const keyIsInterface = isInterface(keyType);
  const visited = new Map<string, OpType[]>();
  const entries: MapEntry[] = [];
  let complete = true;
  for (const el of elems) {
    if (el.type !== 'keyed_element') {
      c.error(el, 'missing key in map literal');
      complete = false;
      continue;
    }
    const [keyEl, valEl] = keyedParts(el);
    const x = rawExprHinted(c, keyEl, env, keyType);
    c.assignment(x, keyType, 'map literal');
    if (x.mode === 'invalid') {
      complete = false;
      continue;
    }
    if (x.mode === 'constant') {
      const k = representableKey(x.val);
      const seen = visited.get(k) ?? [];
      const duplicate = keyIsInterface ? seen.some((t) => identical(t, x.type)) : seen.length > 0;
      visited.set(k, [...seen, x.type]);
      if (duplicate) {
        c.error(x, `duplicate key ${valueString(x.val)} in map literal`);
        complete = false;
        continue;
      }
    }
    const y = rawExprHinted(c, valEl, env, elemType);
    c.assignment(y, elemType, 'map literal');
    const key = c.materialize(x, keyType);
    const elem = c.materialize(y, elemType);
    if (key && elem && y.mode !== 'invalid' && y.mode !== 'unknown' && x.mode !== 'unknown') {
      entries.push({ key, elem, node: el, static: !isDynamicIn(x, keyType) && !isDynamicIn(y, elemType) });
    } else {
      complete = false;
    }
  }
  return complete ? entries : undefined;
}
