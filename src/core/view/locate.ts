/**
 * Finds what to build from the source around the cursor. No `vscode` import.
 *
 * Go map literals and JSON objects are evaluated by the core's literal evaluator
 * (`src/core/literal`: values, types and errors as the Go compiler and encoding/json give them);
 * this module adds what is not a literal: a `make(map[K]V[, hint])` call, the variable the map is
 * assigned to (for the panel's title), the explanation for a `sync.Map`, and the package around
 * the file: declarations from the other files of the package and the types of imported packages
 * (`packages.ts`). The evaluator reads one file and a few standard packages' constants, so a type
 * it cannot see (`time.Time` in a struct field) is handed to it under a name of the same length
 * (`time_Time`, so every position in the file stays where it was), declared after the file from
 * the resolved declaration.
 */
import { Node as JsonNode, findNodeAtOffset, parseTree } from 'jsonc-parser';
import type { Parser } from 'web-tree-sitter';
import { loadGoParser, SyntaxNode } from '../go/parser';
import { EvaluatedMap, evaluateJsonMap, evaluateMapLiteral } from '../literal';
import { stdPackageEnv } from '../literal/stdpkg';
import type { GoArch } from '../maptype';
import { GoType, TypeScope, constValue, typeString } from '../types';
import { kids } from '../types/fromnode';
import { GoFile, PackageResolver, buildMatches, declsNeeded } from './packages';
import { AddressSpace, fromGoValue } from './values';

export interface FoundMap {
  key: string;
  elem: string;
  hint: number;
  /** Entries in insertion order, in the value form (normalized later against the types). */
  entries: [unknown, unknown][];
  /** The line the map is on (1-based), for the panel title: `literals.go:8`. */
  line: number;
  /** The variable or field the map is assigned to, when the source says (`profiles`). */
  name?: string;
  /** Where the literal starts (UTF-16 offset): the same literal inspected again has the same. */
  offset: number;
}

export class NotAMapError extends Error {}

/** The package around the active file: its sibling files and a resolver for imports. */
export interface PackageContext {
  /** The other `.go` files of the package (not the active one). */
  siblings: GoFile[];
  resolver: PackageResolver;
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
 * The map at `offset`: for JSON the object around it (as encoding/json decodes it into a map);
 * for Go the map literal around it (evaluated as gc would), else a `make(map[K]V, hint)` call.
 * Errors carry the compiler's `line:col` in this text. Also returns the scope the key and elem
 * type names resolve in.
 */
export async function mapAt(text: string, offset: number, json: boolean, goarch: GoArch, pkg: PackageContext): Promise<{ found: FoundMap; scope: TypeScope }> {
  const addresses = new AddressSpace();
  if (json) {
    const obj = jsonObjectAt(text, offset);
    const r = evaluateJsonMap(obj.text);
    const lineAt = (o: number): number => text.slice(0, obj.offset + o).split('\n').length;
    if (!r.ok) throw new NotAMapError(`line ${lineAt(r.errors[0].offset)}: ${r.errors[0].message}`);
    const scope = await pkg.resolver.scopeFor([]);
    return { found: fromEvaluated(r.map, lineAt(r.map.span.offset), obj.offset + r.map.span.offset, addresses, new Map()), scope };
  }
  const parser = await loadGoParser();
  const qualified = qualifiedTypesIn(parser, [text, ...pkg.siblings.map((f) => f.text)]);
  const scope = await pkg.resolver.scopeFor([{ name: 'active.go', text }, ...pkg.siblings.filter((f) => buildMatches(f, goarch))], [...qualified]);
  // Types the evaluator's few standard packages do not declare, by their same-length stand-in.
  const imports = importsOf(parser, text);
  const renamed = new Map<string, string>();
  const extra: GoType[] = [];
  for (const q of qualified) {
    const [p, name] = q.split('.');
    const path = imports.get(p);
    if (path !== undefined && stdPackageEnv(parser, path)?.types.lookupType(name)) continue;
    const entry = scope.lookupType(q);
    if (!entry) continue;
    try {
      extra.push(entry.get());
      renamed.set(q, q.replace('.', '_'));
    } catch {
      // broken or opaque: the evaluator reports it where it is used
    }
  }
  // The types those refer to (time.Time holds a *time.Location) get stand-ins too.
  for (const d of declsNeeded(extra)) if (d.name.includes('.')) renamed.set(d.name, d.name.replace('.', '_'));
  const source = renamed.size === 0 && pkg.siblings.length === 0 ? text : evaluatorSource(parser, text, pkg.siblings, renamed, extra);
  const back = (s: string): string => {
    let out = s;
    for (const [q, local] of renamed) out = out.split(local).join(q);
    return out;
  };
  const r = await evaluateMapLiteral(source, { at: offset, goarch });
  if (r.ok) {
    const found = fromEvaluated(r.map, text.slice(0, r.map.span.offset).split('\n').length, r.map.span.offset, addresses, renamed);
    return { found: { ...found, key: back(found.key), elem: back(found.elem), name: nameAt(parser, text, r.map.span.offset) }, scope };
  }
  const e = r.errors[0];
  if (r.errors.length === 1 && /^no map literal/.test(e.message)) return { found: findGoMake(parser, text, offset, scope), scope };
  throw new NotAMapError(`${e.line}:${e.col}: ${back(e.message)}${r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : ''}`);
}

/** The file with `pkg.Name` types renamed in place, then the siblings' and the stand-ins' declarations. */
function evaluatorSource(parser: Parser, text: string, siblings: GoFile[], renamed: Map<string, string>, extra: GoType[]): string {
  const parts = [renameQualified(parser, text, renamed)];
  for (const f of siblings) {
    const tree = parser.parse(f.text);
    if (!tree) continue;
    try {
      for (const top of kids(tree.rootNode, true)) {
        if (top.type === 'type_declaration' || top.type === 'const_declaration') parts.push(renameQualified(parser, top.text, renamed));
      }
    } finally {
      tree.delete();
    }
  }
  for (const d of declsNeeded(extra)) {
    if (!renamed.has(d.name)) continue;
    let type = d.type ?? 'struct{}';
    for (const [q, local] of renamed) type = type.split(q).join(local);
    parts.push(`type ${renamed.get(d.name)} ${type}`);
  }
  return `${parts.join('\n')}\n`;
}

/** `text` with each `pkg.Name` type of `renamed` written as its stand-in (same length). */
function renameQualified(parser: Parser, text: string, renamed: Map<string, string>): string {
  if (renamed.size === 0) return text;
  const tree = parser.parse(text.startsWith('package') ? text : `package p\n${text}`);
  if (!tree) return text;
  const shift = text.startsWith('package') ? 0 : 'package p\n'.length;
  const edits: [number, string][] = [];
  const visit = (n: SyntaxNode): void => {
    if (n.type === 'qualified_type' || (n.type === 'selector_expression' && n.parent?.type === 'composite_literal')) {
      const local = renamed.get(n.text.replace(/\s/g, ''));
      if (local !== undefined && n.text.length === local.length) edits.push([n.startIndex - shift, local]);
      return;
    }
    for (const c of kids(n, true)) visit(c);
  };
  try {
    visit(tree.rootNode);
  } finally {
    tree.delete();
  }
  let out = text;
  for (const [at, local] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, at) + local + out.slice(at + local.length);
  return out;
}

function qualifiedTypesIn(parser: Parser, texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    const tree = parser.parse(text);
    if (!tree) continue;
    const visit = (n: SyntaxNode): void => {
      if (n.type === 'qualified_type') out.add(n.text.replace(/\s/g, ''));
      for (const c of kids(n, true)) visit(c);
    };
    try {
      visit(tree.rootNode);
    } finally {
      tree.delete();
    }
  }
  return out;
}

function importsOf(parser: Parser, text: string): Map<string, string> {
  const out = new Map<string, string>();
  const tree = parser.parse(text);
  if (!tree) return out;
  try {
    for (const spec of tree.rootNode.descendantsOfType('import_spec')) {
      if (!spec) continue;
      const path = spec.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '');
      if (path) out.set(spec.childForFieldName('name')?.text ?? path.split('/').at(-1)!, path);
    }
  } finally {
    tree.delete();
  }
  return out;
}

/** The variable, field or key a map at `offset` is assigned to: `profiles`, `cfg.Limits`. */
export function nameAt(parser: Parser, text: string, offset: number): string | undefined {
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    let n: SyntaxNode | null = tree.rootNode.descendantForIndex(offset);
    for (let depth = 0; n && depth < 8; n = n.parent, depth++) {
      switch (n.type) {
        case 'var_spec': case 'const_spec':
          return n.childForFieldName('name')?.text;
        case 'short_var_declaration': case 'assignment_statement':
          return n.childForFieldName('left')?.text.split(',')[0].trim();
        case 'keyed_element':
          return kids(n, true)[0]?.text;
        case 'function_declaration': case 'method_declaration': case 'block':
          return undefined;
      }
    }
    return undefined;
  } finally {
    tree.delete();
  }
}

/** A `make(map[K]V[, hint])` call around `offset` (map literals go to the literal evaluator). */
function findGoMake(parser: Parser, source: string, offset: number, scope: TypeScope): FoundMap {
  const tree = parser.parse(source);
  if (!tree) throw new Error('the Go parser returned no tree');
  try {
    let node: SyntaxNode | null = tree.rootNode.descendantForIndex(Math.max(0, Math.min(offset, source.length - 1)));
    for (; node; node = node.parent) {
      if (node.type === 'qualified_type' && node.text.replace(/\s/g, '') === 'sync.Map') {
        throw new NotAMapError('sync.Map is not a hash map of buckets (it is a read-only map plus a dirty map[any]*entry behind a mutex): there is no single hmap to show');
      }
      if (node.type === 'call_expression' && node.childForFieldName('function')?.text === 'make') {
        const args = node.childForFieldName('arguments');
        const ks = args ? args.namedChildren.filter((c): c is SyntaxNode => c !== null) : [];
        if (ks[0]?.type === 'map_type') {
          let hint = 0;
          if (ks[1]) {
            try {
              hint = Number(constValue(ks[1], scope));
            } catch {
              throw new NotAMapError(`make(${ks[0].text}, ${ks[1].text}): the hint is not a constant; inspect make(${ks[0].text}) or New Map… with a hint instead`);
            }
          }
          const key = ks[0].childForFieldName('key');
          const value = ks[0].childForFieldName('value');
          if (!key || !value) throw new NotAMapError(`cannot read the map type ${ks[0].text}`);
          return { key: key.text, elem: value.text, hint, entries: [], line: node.startPosition.row + 1, name: nameAt(parser, source, node.startIndex), offset: node.startIndex };
        }
      }
    }
    if (/sync\.Map/.test(lineAt(source, offset))) throw new NotAMapError('sync.Map is not a hash map of buckets: there is no single hmap to show');
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

function fromEvaluated(m: EvaluatedMap, line: number, offset: number, addresses: AddressSpace, renamed: Map<string, string>): FoundMap {
  const fixTypes = (v: unknown): unknown => {
    if (renamed.size === 0 || typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) return v.map(fixTypes);
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = k === '$type' && typeof x === 'string' ? [...renamed].reduce((s, [q, l]) => s.split(l).join(q), x) : fixTypes(x);
    return o;
  };
  return {
    key: m.keyText,
    elem: m.elemText,
    hint: m.hint,
    entries: m.insertionOrder.map((i) => [
      fixTypes(fromGoValue(m.values[i][0], m.key, true, addresses)),
      fixTypes(fromGoValue(m.values[i][1], m.elem, false, addresses)),
    ]),
    line,
    offset,
  };
}

export { typeString };
