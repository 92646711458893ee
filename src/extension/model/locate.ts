/**
 * Finds what to build from the source around the cursor. No `vscode` import.
 *
 * Go map literals and JSON objects are evaluated by the core's literal evaluator
 * (`src/core/literal`: values, types and errors as the Go compiler and encoding/json give them);
 * this module adds what is not a literal: a `make(map[K]V[, hint])` call, and the explanation for
 * a `sync.Map`. For JSON it picks the innermost object around the cursor.
 */
import { Node as JsonNode, findNodeAtOffset, parseTree } from 'jsonc-parser';
import { loadGoParser, SyntaxNode } from '../../core/go/parser';
import { EvaluatedMap, evaluateJsonMap, evaluateMapLiteral } from '../../core/literal';
import type { GoArch } from '../../core/maptype';
import { TypeScope, constValue, scopeFromSourceWith, universe } from '../../core/types';

export interface FoundMap {
  key: string;
  elem: string;
  hint: number;
  /** Entries in insertion order, values in JSON value form (normalized later against the types). */
  entries: { key: unknown; elem: unknown }[];
  /** Where it was found, for the panel title: `literals.go:8`. */
  line: number;
  /** The declared types of the file, to resolve named key/elem types. */
  scope?: TypeScope;
  /** Go source whose declarations name the key/elem types. */
  declarations?: string;
}

export class NotAMapError extends Error {}

/** A `make(map[K]V[, hint])` call around `offset` (map literals go to the literal evaluator). */
export async function findGoMake(source: string, offset: number): Promise<FoundMap> {
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
      if (node.type === 'call_expression' && node.childForFieldName('function')?.text === 'make') {
        const args = node.childForFieldName('arguments');
        const kids = args ? args.namedChildren.filter((c): c is SyntaxNode => c !== null) : [];
        if (kids[0]?.type === 'map_type') {
          const hint = kids[1] ? Number(constValue(kids[1], scope ?? universe)) : 0;
          return { ...mapTypeOf(kids[0]), hint, entries: [], line: node.startPosition.row + 1, scope, declarations: source };
        }
      }
    }
    if (/sync\.Map/.test(lineAt(source, offset))) {
      throw new NotAMapError('sync.Map is not a hash map of buckets: there is no single hmap to show');
    }
    throw new NotAMapError('no map literal, make(map[K]V) call or JSON object at the cursor');
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

/** The innermost JSON object around `offset`, as its text and where it starts. */
export function jsonObjectAt(text: string, offset: number): { text: string; offset: number } {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) throw new NotAMapError('no JSON value here');
  let node: JsonNode | undefined = findNodeAtOffset(root, offset, true) ?? root;
  while (node && node.type !== 'object') node = node.parent;
  if (!node) {
    if (root.type !== 'object') throw new NotAMapError('no JSON object at the cursor');
    node = root;
  }
  return { text: text.slice(node.offset, node.offset + node.length), offset: node.offset };
}

/**
 * The map at `offset`: for JSON the object around it (as encoding/json decodes it into a map, types
 * inferred by the core); for Go the map literal around it (evaluated as gc would), else a
 * `make(map[K]V, hint)` call. Errors carry the compiler's `line:col` in this text.
 */
export async function mapAt(text: string, offset: number, json: boolean, goarch: GoArch): Promise<FoundMap> {
  if (json) {
    const obj = jsonObjectAt(text, offset);
    const r = evaluateJsonMap(obj.text);
    const lineAt = (o: number): number => text.slice(0, obj.offset + o).split('\n').length;
    if (!r.ok) {
      const e = r.errors[0];
      throw new NotAMapError(`line ${lineAt(e.offset)}: ${e.message}`);
    }
    return fromEvaluated(r.map, lineAt(r.map.span.offset));
  }
  const r = await evaluateMapLiteral(text, { at: offset, goarch });
  if (r.ok) return { ...fromEvaluated(r.map, text.slice(0, r.map.span.offset).split('\n').length), declarations: text };
  const e = r.errors[0];
  if (r.errors.length === 1 && /^no map literal/.test(e.message)) return findGoMake(text, offset);
  throw new NotAMapError(`${e.line}:${e.col}: ${e.message}${r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : ''}`);
}

function fromEvaluated(m: EvaluatedMap, line: number): FoundMap {
  return {
    key: m.keyText,
    elem: m.elemText,
    hint: m.hint,
    entries: m.insertionOrder.map((i) => ({ key: m.entries[i][0], elem: m.entries[i][1] })),
    line,
  };
}
