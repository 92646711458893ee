/**
 * Finds the map under the cursor in Go or JSON source and says what to build: the map type, the
 * `make` hint and the entries in the model's value form. No `vscode` import.
 *
 * Go: a composite literal `map[K]V{...}` or a `make(map[K]V[, hint])` call around the cursor,
 * parsed with the core's tree-sitter Go parser; declared types of the file are resolved with its
 * scope. Entry values are taken from basic literals (numbers, strings, runes, bools, negated
 * numbers, integer constant expressions).
 * TODO(core/literal): evaluate any element expression (composite keys, typed constants, struct
 * values) with the literal evaluator of `src/core/literal` when it lands.
 *
 * JSON: the object around the cursor (or the selection) becomes `map[string]V` with V float64,
 * string or bool as `encoding/json` would decode it into such a map.
 */
import { Node as JsonNode, findNodeAtOffset, parseTree } from 'jsonc-parser';
import { loadGoParser, SyntaxNode } from '../../core/go/parser';
import { literalValue } from '../../core/literal/lexical';
import { toText } from '../../core/literal/gostring';
import { TypeScope, constValue, scopeFromSourceWith, universe } from '../../core/types';

export interface FoundMap {
  key: string;
  elem: string;
  hint: number;
  /** Entries in source order, values in JSON value form (normalized later against the types). */
  entries: { key: unknown; elem: unknown }[];
  /** Where it was found, for the panel title: `literals.go:8`. */
  line: number;
  /** The declared types of the file, to resolve named key/elem types. */
  scope?: TypeScope;
}

export class NotAMapError extends Error {}

export async function findGoMap(source: string, offset: number): Promise<FoundMap> {
  const parser = await loadGoParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('the Go parser returned no tree');
  try {
    let scope: TypeScope | undefined;
    try {
      scope = scopeFromSourceWith(parser, source);
    } catch {
      scope = undefined;
    }
    let node: SyntaxNode | null = tree.rootNode.descendantForIndex(Math.max(0, Math.min(offset, source.length - 1)));
    for (; node; node = node.parent) {
      if (node.type === 'qualified_type' && node.text.replace(/\s/g, '') === 'sync.Map') {
        throw new NotAMapError('sync.Map is not a hash map of buckets (it is a read-only map plus a dirty map[any]*entry behind a mutex): there is no single hmap to show');
      }
      if (node.type === 'composite_literal') {
        const type = node.childForFieldName('type');
        if (type?.type === 'map_type') return fromLiteral(node, type, scope);
      }
      if (node.type === 'call_expression' && node.childForFieldName('function')?.text === 'make') {
        const args = node.childForFieldName('arguments');
        const kids = args ? args.namedChildren.filter((c): c is SyntaxNode => c !== null) : [];
        if (kids[0]?.type === 'map_type') {
          const hint = kids[1] ? Number(constValue(kids[1], scope ?? universe)) : 0;
          return { ...mapTypeOf(kids[0]), hint, entries: [], line: node.startPosition.row + 1, scope };
        }
      }
    }
    if (/sync\.Map/.test(lineAt(source, offset))) {
      throw new NotAMapError('sync.Map is not a hash map of buckets: there is no single hmap to show');
    }
    throw new NotAMapError('no map literal or make(map[K]V) call at the cursor');
  } finally {
    tree.delete();
  }
}

function lineAt(source: string, offset: number): string {
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  const end = source.indexOf('\n', offset);
  return source.slice(start, end < 0 ? undefined : end);
}

function mapTypeOf(t: SyntaxNode): { key: string; elem: string } {
  const key = t.childForFieldName('key');
  const value = t.childForFieldName('value');
  if (!key || !value) throw new Error(`cannot read the map type ${t.text}`);
  return { key: key.text, elem: value.text };
}

function fromLiteral(lit: SyntaxNode, type: SyntaxNode, scope: TypeScope | undefined): FoundMap {
  const body = lit.childForFieldName('body');
  const entries: { key: unknown; elem: unknown }[] = [];
  for (const el of body?.namedChildren ?? []) {
    if (!el || el.type !== 'keyed_element') continue;
    const parts = el.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    if (parts.length !== 2) throw new Error(`cannot read the element ${el.text}`);
    entries.push({ key: elementValue(parts[0], scope), elem: elementValue(parts[1], scope) });
  }
  return { ...mapTypeOf(type), hint: entries.length, entries, line: lit.startPosition.row + 1, scope };
}

/** The JSON value form of a basic-literal element; throws for what needs the literal evaluator. */
function elementValue(n: SyntaxNode, scope: TypeScope | undefined): unknown {
  if (n.type === 'literal_element') {
    const inner = n.namedChild(0);
    if (inner) return elementValue(inner, scope);
  }
  switch (n.type) {
    case 'interpreted_string_literal':
    case 'raw_string_literal': {
      const r = literalValue('string', n.text);
      if ('error' in r || r.value.kind !== 'string') throw new Error(`bad string literal ${n.text}`);
      return toText(r.value.s);
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'float_literal':
      return Number(n.text.replace(/_/g, ''));
    case 'rune_literal':
    case 'int_literal':
    case 'unary_expression':
    case 'binary_expression':
    case 'parenthesized_expression':
    case 'identifier': {
      if (n.type === 'unary_expression' && n.namedChild(0)?.type === 'float_literal') return -Number(n.namedChild(0)!.text.replace(/_/g, ''));
      const v = constValue(n, scope ?? universe);
      return v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v.toString();
    }
    default:
      throw new Error(`the element ${n.text} is not a basic literal; evaluating it needs the Go literal evaluator (not available yet)`);
  }
}

/** The JSON object at `offset` (innermost enclosing object) or the whole selection's object. */
export function findJsonMap(text: string, offset: number, line = 1): FoundMap {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) throw new NotAMapError('no JSON value here');
  let node: JsonNode | undefined = findNodeAtOffset(root, offset, true) ?? root;
  while (node && node.type !== 'object') node = node.parent;
  if (!node) {
    if (root.type !== 'object') throw new NotAMapError('no JSON object at the cursor');
    node = root;
  }
  const entries: { key: unknown; elem: unknown }[] = [];
  const kinds = new Set<string>();
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    kinds.add(v.type);
    entries.push({ key: k.value, elem: v.value });
  }
  if (kinds.size > 1) {
    throw new NotAMapError(`the object's values have different JSON types (${[...kinds].join(', ')}): map[string]any needs interface values, which the inspector does not simulate yet`);
  }
  const kind = [...kinds][0] ?? 'number';
  const elem = kind === 'number' ? 'float64' : kind === 'string' ? 'string' : kind === 'boolean' ? 'bool' : undefined;
  if (!elem) throw new NotAMapError(`the object's values are JSON ${kind}s: only numbers, strings and bools are simulated as map values yet`);
  const lineOfNode = line + text.slice(0, node.offset).split('\n').length - 1;
  return { key: 'string', elem, hint: entries.length, entries, line: lineOfNode };
}
