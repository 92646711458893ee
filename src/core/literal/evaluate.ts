/**
 * Evaluating the map literal a user points at, as the compiler would: find the map literal
 * enclosing a position (`map[K]V{...}`, a named map type `Table{...}`, or an elided `{...}` whose
 * element type is a map), or the first one in the file; check it with the names visible there;
 * and return its entries in source order with gc's make hint and insertion order. Or the errors
 * `go build` would print for it (the first syntax error; else the type errors, filtered and
 * sorted as gc prints them), or, when the literal is valid Go but needs something we do not
 * evaluate (a variable, a call), what that is, where it is.
 */
import type { Parser } from 'web-tree-sitter';
import { SyntaxNode, loadGoParser } from '../go/parser';
import type { GoArch } from '../maptype';
import { GoType, typeString as gofmtTypeString } from '../types';
import { Checker } from './check';
import { mapElts } from './composite';
import { Env, envAt, packageEnv } from './env';
import { under } from './gotypes';
import { stdPackageEnv } from './stdpkg';
import { syntaxErrors } from './syntaxerrors';
import { encodingErrors } from './sourcebytes';
import { LiteralError, SourceText } from './position';
import { GoValue, JsonValue, toJson } from './value';
import { runtimeTypeString, unhashableIn } from './rtype';
import { namedIn, recursiveInterfaces } from './ifacecycle';
import { tooLarge, tooLargeAt } from './addrspace';
import { ancestorsOf } from './nodes';
import { unhashable } from '../go/value';

export interface EvaluateOptions {
  /** Where the literal is: a UTF-16 offset (editors) or a compiler position (1-based line, byte column). */
  at?: number | { line: number; col: number };
  /** Sizes of int, uint and uintptr (overflow checks). Default amd64. */
  goarch?: GoArch;
}

/** A span of source text, as UTF-16 offsets. */
export interface Span {
  offset: number;
  end: number;
}

/** An evaluated map: its type and its entries in source order (duplicates of non-constant keys kept). */
export interface EvaluatedMap {
  key: GoType;
  elem: GoType;
  /** The key and element types as Go source writes them (`map[${keyText}]${elemText}`). */
  keyText: string;
  elemText: string;
  /** The entries in the JSON value form (see value.ts). */
  entries: [JsonValue, JsonValue][];
  /** The same entries as typed Go values (interface keys keep their dynamic types). */
  values: [GoValue, GoValue][];
  /**
   * How the program builds the map: `make(map[K]V, hint)`, then the entries inserted in this order
   * (indices into `entries`). For a literal, gc's: hint = number of entries, the static entries
   * first and the dynamic ones (slices, maps, pointers, interfaces: walk/order.go) after them,
   * each group in source order. For JSON, encoding/json's: no hint, document order.
   */
  hint: number;
  insertionOrder: number[];
  /** Where the literal and each of its entries are in the source. */
  span: Span;
  entrySpans: Span[];
}

export type LiteralResult = { ok: true; map: EvaluatedMap } | { ok: false; errors: LiteralError[] };

/** Evaluates the map literal at `opts.at` (or the first) in Go source. Never throws for bad input. */
export async function evaluateMapLiteral(source: string, opts: EvaluateOptions = {}): Promise<LiteralResult> {
  return evaluateMapLiteralWith(await loadGoParser(), source, opts);
}

/** As `evaluateMapLiteral`, with a loaded parser (synchronous). */
export function evaluateMapLiteralWith(parser: Parser, source: string, opts: EvaluateOptions = {}): LiteralResult {
  const encoding = encodingErrors(source);
  if (encoding.length > 0) return { ok: false, errors: encoding };
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const src = new SourceText(source);
  try {
    return evaluateInTree(tree.rootNode, src, opts, (path) => stdPackageEnv(parser, path));
  } catch (e) {
    // Nesting is limited where it is read (400 levels); a walk that still exhausts the stack is
    // bad input all the same, said in one line instead of thrown at the editor.
    if (!(e instanceof RangeError && /call stack/i.test(e.message))) throw e;
    return { ok: false, errors: [src.error('cannot evaluate: the input is nested too deeply to read', 0)] };
  } finally {
    tree.delete();
  }
}

function evaluateInTree(root: SyntaxNode, src: SourceText, opts: EvaluateOptions, packages: (path: string) => Env | undefined): LiteralResult {
  const at = opts.at === undefined ? undefined : typeof opts.at === 'number' ? opts.at : src.offsetOf(opts.at.line, opts.at.col);
  const pkg = packageEnv(root);
  const arch = opts.goarch ?? 'amd64';
  const target = findMapLiteral(root, at, pkg, src, arch, packages);
  if (!target) {
    const syntax = root.hasError ? syntaxErrors(root, src) : [];
    if (syntax.length > 0) return { ok: false, errors: syntax };
    const where = at ?? 0;
    const message = at === undefined ? 'no map literal in this file' : 'no map literal here';
    return { ok: false, errors: [src.error(message, where)] };
  }
  const syntax = syntaxErrors(target.outer, src);
  if (syntax.length > 0) return { ok: false, errors: syntax };
  return checkMapLiteral(target, envAt(target.node, pkg), new Checker(src, arch, packages), src);
}

/**
 * The literal to evaluate: a typed `map[K]V{...}` (or `Table{...}`), or an elided `{...}` inside
 * an enclosing typed literal whose element type there is a map (`[]map[string]int{{"a": 1}}`).
 */
export interface MapTarget {
  /** The composite_literal, or the literal_value of an elided one. */
  node: SyntaxNode;
  /** The nearest enclosing typed composite literal (the node itself when typed). */
  outer: SyntaxNode;
}

function checkMapLiteral(target: MapTarget, env: Env, checker: Checker, src: SourceText): LiteralResult {
  const { node } = target;
  const t = typeAt(target, checker, env);
  const u = t && under(t);
  let entries;
  if (u?.kind === 'map') {
    const body = node.type === 'literal_value' ? node : node.childForFieldName('body');
    const elems = body ? body.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : [];
    entries = mapElts(checker, elems, u.key, u.elem, env);
  }
  const errors = sortErrors(checker.errors);
  if (errors.length > 0) return { ok: false, errors };
  if (checker.unevaluable.length > 0) return { ok: false, errors: sortErrors(checker.unevaluable) };
  if (u?.kind !== 'map' || !entries) {
    return { ok: false, errors: [src.error('cannot evaluate this map literal', node.startIndex, node.endIndex)] };
  }
  const { key, elem } = u;
  const cycles = recursiveInterfaces(node.tree.rootNode);
  const cycle = namedIn(key, cycles) ?? namedIn(elem, cycles);
  if (cycle) return { ok: false, errors: [src.error(`invalid recursive type ${cycle.text}`, cycle.startIndex, cycle.endIndex)] };
  const big = tooLarge([key, elem], checker.arch);
  if (big) {
    if (big.line > 0) return { ok: false, errors: [src.error(big.message, src.offsetOfUtf16(big.line, big.column))] };
    const at = tooLargeAt(target.outer);
    return { ok: false, errors: [src.error(big.message, at.startIndex, at.endIndex)] };
  }
  const pkg = packageName(node);
  const insertionOrder = [...entries.keys()].sort((a, b) => Number(entries[b].static) - Number(entries[a].static) || a - b);
  // A key whose dynamic type has no hash function compiles, and panics when the program inserts
  // it (`interhash`): the first such insert is where the literal stops.
  for (const i of insertionOrder) {
    const bad = unhashableIn(entries[i].key);
    if (!bad) continue;
    const k = entries[i].node.childForFieldName('key') ?? entries[i].node;
    return { ok: false, errors: [src.error(unhashable(runtimeTypeString(bad, pkg)).goText, k.startIndex, k.endIndex)] };
  }
  return {
    ok: true,
    map: {
      key,
      elem,
      keyText: gofmtTypeString(key),
      elemText: gofmtTypeString(elem),
      entries: entries.map((e) => [toJson(e.key, key, pkg), toJson(e.elem, elem, pkg)]),
      values: entries.map((e) => [e.key, e.elem]),
      hint: entries.length,
      insertionOrder,
      span: { offset: node.startIndex, end: node.endIndex },
      entrySpans: entries.map((e) => ({ offset: e.node.startIndex, end: e.node.endIndex })),
    },
  };
}

/** The name in the package clause of the file holding `node` (`main` when there is none). */
function packageName(node: SyntaxNode): string {
  const clause = node.tree.rootNode.namedChildren.find((c) => c?.type === 'package_clause');
  return clause?.namedChildren.find((c) => c?.type === 'package_identifier')?.text ?? 'main';
}

/**
 * The type of the target literal: its own type, or for an elided literal the element type the
 * enclosing literals give it, step by step down from the outer typed one (map keys and values,
 * struct fields by name or position, array and slice elements; `*T` elements mean `&T{...}`).
 */
function typeAt(target: MapTarget, checker: Checker, env: Env): GoType | undefined {
  const { node, outer } = target;
  const typeNode = outer.childForFieldName('type')!;
  let t: GoType | undefined;
  if (typeNode.type === 'implicit_length_array_type') {
    const elem = checker.resolveType(typeNode.childForFieldName('element')!, env);
    t = elem && { kind: 'array', len: -1, elem };
  } else {
    t = checker.resolveType(typeNode, env);
  }
  if (!t || node.id === outer.id) return t;
  const path = [...ancestorsOf(node), node];
  const chain = path.slice(path.findIndex((n) => n.id === outer.id) + 1);
  for (let i = 0; t && i < chain.length; i++) {
    const n = chain[i];
    if (n.type === 'literal_element' && n.parent?.type === 'literal_value') t = elementType(t, n.parent, n, undefined);
    else if (n.type === 'literal_element' && n.parent?.type === 'keyed_element') t = elementType(t, n.parent.parent!, n.parent, n);
  }
  return t;
}

/** The type of one element of a literal of type t (`side`: the key or value of a keyed element). */
function elementType(t: GoType, body: SyntaxNode, element: SyntaxNode, side: SyntaxNode | undefined): GoType | undefined {
  let u = under(t);
  if (u?.kind === 'pointer') u = under(u.elem);
  const keyNode = element.type === 'keyed_element' ? element.childForFieldName('key') : null;
  const isKey = side !== undefined && keyNode !== null && side.id === keyNode.id;
  switch (u?.kind) {
    case 'map': return isKey ? u.key : u.elem;
    case 'array': case 'slice': return isKey ? undefined : u.elem;
    case 'struct': {
      if (isKey) return undefined;
      if (keyNode) return u.fields.find((f) => f.name === keyNode.text.trim())?.type;
      const index = body.namedChildren.filter((c) => c !== null && c.type !== 'comment').findIndex((c) => c!.id === element.id);
      return u.fields[index]?.type;
    }
    default: return undefined;
  }
}

/**
 * The errors as gc prints them: it drops an error repeating the last one reported on the same line
 * (`base.ErrorfAt`: "only one of multiple equal non-syntax errors per line"), sorts the rest by
 * position, stably, and skips a printed line equal to the one before. Its positions keep 8 bits of
 * column: from 255 on, columns compare equal (and are not printed), so such errors stay in the
 * order they were found.
 */
function sortErrors(errors: LiteralError[]): LiteralError[] {
  const col = (e: LiteralError) => Math.min(e.col, colMax);
  const reported: LiteralError[] = [];
  for (const e of errors) {
    const last = reported[reported.length - 1];
    if (!last || last.line !== e.line || last.message !== e.message) reported.push(e);
  }
  const sorted = reported.sort((a, b) => a.line - b.line || col(a) - col(b));
  return sorted.filter((e, i) => {
    const p = sorted[i - 1];
    return i === 0 || e.line !== p.line || col(e) !== col(p) || e.message !== p.message;
  });
}

/** The largest column gc's positions can tell apart (cmd/internal/src: colBits = 8). */
export const colMax = 255;

/**
 * The map literal at `at`: the innermost one enclosing it, typed (`map[K]V{...}`, `Table{...}`)
 * or elided inside a typed literal whose element type there is a map; without `at`, the first
 * typed map literal in the file.
 */
export function findMapLiteral(
  root: SyntaxNode,
  at: number | undefined,
  pkg: Env,
  src: SourceText,
  arch: GoArch,
  packages: (path: string) => Env | undefined = () => undefined,
): MapTarget | undefined {
  const scratch = () => new Checker(src, arch, packages);
  const isMap = (target: MapTarget): boolean => {
    const t = typeAt(target, scratch(), envAt(target.node, pkg));
    return t !== undefined && under(t)?.kind === 'map';
  };
  const typedMap = (n: SyntaxNode): boolean => {
    const typeNode = n.childForFieldName('type');
    if (!typeNode) return false;
    if (typeNode.type === 'map_type') return true;
    return (typeNode.type === 'type_identifier' || typeNode.type === 'identifier') && isMap({ node: n, outer: n });
  };
  if (at === undefined) {
    for (const n of root.descendantsOfType('composite_literal')) if (n && typedMap(n)) return { node: n, outer: n };
    return undefined;
  }
  const start = root.descendantForIndex(at, at);
  if (!start) return undefined;
  // The position and what encloses it, innermost first (parents found once, by a cursor).
  const up = [start, ...ancestorsOf(start).reverse()];
  for (let i = 0; i < up.length; i++) {
    const n = up[i];
    if (n.type !== 'composite_literal') continue;
    // Elided literals between the position and this typed one, innermost first.
    for (let j = 0; j < i; j++) {
      const m = up[j];
      if (m.type === 'literal_value' && up[j + 1]?.type === 'literal_element' && isMap({ node: m, outer: n })) return { node: m, outer: n };
    }
    if (typedMap(n)) return { node: n, outer: n };
  }
  return undefined;
}
