/**
 * Evaluating the map literal a user points at, as the compiler would: find the `map[K]V{...}`
 * composite literal enclosing a position (or the first one in the file), check it with the
 * names visible there, and return its entries in source order, or the errors `go build` would
 * print (sorted by position, as gc prints them), or, when the literal is valid Go but needs
 * something we do not evaluate (a variable, a call), what that is.
 */
import type { Parser } from 'web-tree-sitter';
import { SyntaxNode, loadGoParser } from '../go/parser';
import type { GoArch } from '../maptype';
import { GoType, typeString as gofmtTypeString } from '../types';
import { Checker } from './check';
import { Env, envAt, packageEnv } from './env';
import { under } from './gotypes';
import { stdPackageEnv } from './stdpkg';
import { LiteralError, SourceText } from './position';
import { GoValue, JsonValue, toJson } from './value';

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
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return evaluateInTree(tree.rootNode, new SourceText(source), opts, (path) => stdPackageEnv(parser, path));
  } finally {
    tree.delete();
  }
}

function evaluateInTree(root: SyntaxNode, src: SourceText, opts: EvaluateOptions, packages: (path: string) => Env | undefined): LiteralResult {
  const at = opts.at === undefined ? undefined : typeof opts.at === 'number' ? opts.at : src.offsetOf(opts.at.line, opts.at.col);
  const pkg = packageEnv(root);
  const arch = opts.goarch ?? 'amd64';
  const literal = findMapLiteral(root, at, pkg, src, arch, packages);
  if (!literal) {
    const where = at ?? 0;
    const message = at === undefined ? 'no map literal in this file' : 'no map literal here';
    return { ok: false, errors: [src.error(message, where)] };
  }
  const syntax = firstSyntaxError(literal, src);
  if (syntax) return { ok: false, errors: [syntax] };
  return checkMapLiteral(literal, envAt(literal, pkg), new Checker(src, arch, packages), src);
}

function checkMapLiteral(literal: SyntaxNode, env: Env, checker: Checker, src: SourceText): LiteralResult {
  const typeNode = literal.childForFieldName('type')!;
  const t = checker.resolveType(typeNode, env);
  const u = t && under(t);
  let entries;
  if (u?.kind === 'map') {
    const body = literal.childForFieldName('body');
    const elems = body ? body.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : [];
    entries = checker.mapElts(elems, u.key, u.elem, env);
  }
  const errors = sortErrors(checker.errors);
  if (errors.length > 0) return { ok: false, errors };
  if (checker.unevaluable.length > 0) return { ok: false, errors: sortErrors(checker.unevaluable) };
  if (u?.kind !== 'map' || !entries) {
    return { ok: false, errors: [src.error('cannot evaluate this map literal', literal.startIndex, literal.endIndex)] };
  }
  const { key, elem } = u;
  return {
    ok: true,
    map: {
      key,
      elem,
      keyText: gofmtTypeString(key),
      elemText: gofmtTypeString(elem),
      entries: entries.map((e) => [toJson(e.key, key), toJson(e.elem, elem)]),
      values: entries.map((e) => [e.key, e.elem]),
      hint: entries.length,
      insertionOrder: [...entries.keys()].sort((a, b) => Number(entries[b].static) - Number(entries[a].static) || a - b),
      span: { offset: literal.startIndex, end: literal.endIndex },
      entrySpans: entries.map((e) => ({ offset: e.node.startIndex, end: e.node.endIndex })),
    },
  };
}

/** gc prints errors sorted by position, one per line and message. */
function sortErrors(errors: LiteralError[]): LiteralError[] {
  const sorted = [...errors].sort((a, b) => a.line - b.line || a.col - b.col);
  return sorted.filter((e, i) => i === 0 || e.line !== sorted[i - 1].line || e.message !== sorted[i - 1].message);
}

/**
 * The map literal at `at`: the innermost composite literal enclosing it whose type is a map type
 * (`map[K]V{...}` or a named map type `Table{...}`); without `at`, the first in the file.
 */
export function findMapLiteral(
  root: SyntaxNode,
  at: number | undefined,
  pkg: Env,
  src: SourceText,
  arch: GoArch,
  packages: (path: string) => Env | undefined = () => undefined,
): SyntaxNode | undefined {
  const isMap = (n: SyntaxNode): boolean => {
    const typeNode = n.childForFieldName('type');
    if (!typeNode) return false;
    if (typeNode.type === 'map_type') return true;
    if (typeNode.type !== 'type_identifier' && typeNode.type !== 'identifier') return false;
    const scratch = new Checker(src, arch, packages);
    const t = scratch.resolveType(typeNode, envAt(n, pkg));
    return t !== undefined && under(t)?.kind === 'map';
  };
  if (at === undefined) {
    for (const n of root.descendantsOfType('composite_literal')) if (n && isMap(n)) return n;
    return undefined;
  }
  for (let n: SyntaxNode | null = root.descendantForIndex(at, at); n; n = n.parent) {
    if (n.type === 'composite_literal' && isMap(n)) return n;
  }
  return undefined;
}

/** The first syntax error in a subtree, as `syntax error: unexpected X` / `missing X`. */
function firstSyntaxError(root: SyntaxNode, src: SourceText): LiteralError | undefined {
  if (!root.hasError) return undefined;
  // Depth first, with an explicit stack: literals may nest deeper than the JS stack allows.
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!n.hasError) continue;
    if (n.isMissing) return src.error(`syntax error: missing ${n.type}`, n.startIndex);
    if (n.type === 'ERROR') {
      const first = n.text.trim().split(/\s+/)[0] ?? '';
      const shown = first.length > 20 ? first.slice(0, 20) + '…' : first || 'end of literal';
      return src.error(`syntax error: unexpected ${shown}`, n.startIndex, n.endIndex);
    }
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  return src.error('syntax error', root.startIndex, root.endIndex);
}
