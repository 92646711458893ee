/**
 * Code actions on Go map code, computed without an editor (the VS Code provider in
 * `src/extension/codeActions.ts` only converts ranges and edits):
 *
 * - "Reorder fields of T to save N bytes per bucket": T is a struct declared in this file and used
 *   as a map's key or elem, and fieldalignment's order (`optimalFieldOrder` of the types module)
 *   makes the bucket smaller. The edit rewrites the field list of T's declaration, keeping each
 *   field's tag and comments.
 * - "Rebuild map to release memory" on a `for ... range m` loop that deletes from m. A map never
 *   gives buckets back (golang/go#20135), so:
 *   - a loop that deletes every key (`for k := range m { delete(m, k) }`, which the compiler turns
 *     into mapclear) is replaced by `m = make(map[K]V)`: a fresh map with no buckets yet;
 *   - a loop that deletes some keys is followed by a copy of the survivors into a map sized for
 *     them (`make(map[K]V, len(m))`), which then replaces m.
 *   Other variables that hold the same map keep the old one alive: the action cannot know them.
 */
import type { SyntaxNode } from '../go/parser';
import { GoArch } from '../maptype';
import { GoType, StructField, typeString, underlying } from '../types';
import { bucketLayout, optimalFieldOrder } from '../types/bucket';
import { kids } from '../types/fromnode';
import { Construct, ConstructFinder, MapT, callArgs, isBuiltinCall, isDeleteAllLoop } from './constructs';
import { GoDocument, Range, rangeOf } from './document';
import { structReorders } from './figures';
import { Resolver, asMap, bindingOf, safeUnderlying } from './resolve';
import { fmt1 } from './format';
import type { RuntimeChoice } from '../runtime/pick';
import { swissGroupLayout } from '../swiss/layout';
import { maxAvgGroupLoad } from '../swiss/constants';
import { swissRebuildEstimate, swissRebuildTitle } from './swissRebuild';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface CodeActionResult {
  title: string;
  /** The LSP code action kind. */
  kind: 'refactor.rewrite';
  edits: TextEdit[];
}

export interface CodeActionOptions {
  goarch: GoArch;
  /** The module's runtime (`runtime/pick.ts`): a Swiss module's reorder titles count bytes per group. */
  runtime?: RuntimeChoice;
}

/** The code actions for a cursor or selection in a parsed document. */
export function codeActionsInDocument(doc: GoDocument, range: Range, opts: CodeActionOptions): CodeActionResult[] {
  const node = doc.nodeAt(range.start);
  if (!node) return [];
  const finder = new ConstructFinder(doc);
  const out: CodeActionResult[] = [];
  const construct = finder.at(node);
  const map = construct && mapOf(construct);
  if (map) out.push(...(opts.runtime?.runtime === 'swiss' ? swissReorderActions(doc, map, opts.goarch, opts.runtime) : reorderActions(doc, map, opts.goarch)));
  const loop = enclosingRangeLoop(node);
  if (loop) {
    const a = rebuildAction(doc, finder, loop, opts);
    if (a) out.push(a);
  }
  return out;
}

function mapOf(c: Construct): MapT | undefined {
  switch (c.kind) {
    case 'mapType':
    case 'make':
      return c.map;
    case 'delete':
    case 'goroutineWrite':
      return c.ref.map;
    case 'clear':
    case 'range':
    case 'nilMap':
    case 'nilField':
      return c.ref.map;
    default:
      return undefined;
  }
}

// ---- reorder fields ----

function reorderActions(doc: GoDocument, map: MapT, arch: GoArch): CodeActionResult[] {
  let layout;
  try {
    layout = bucketLayout(map.key, map.elem, arch);
  } catch {
    return [];
  }
  const out: CodeActionResult[] = [];
  for (const r of structReorders(layout, map.key, map.elem, arch)) {
    const spec = r.type.kind === 'named' ? doc.typeSpec(r.type.name) : undefined;
    const structNode = spec?.childForFieldName('type');
    if (!spec || structNode?.type !== 'struct_type') continue;
    const edit = reorderEdit(doc, structNode, optimalFieldOrder(r.type, arch), underlying(r.type));
    if (!edit) continue;
    out.push({
      title: `Reorder fields of ${typeString(r.type)} to save ${r.savedPerBucket} bytes per bucket`,
      kind: 'refactor.rewrite',
      edits: [edit],
    });
  }
  return out;
}

/**
 * The Swiss module's version: the saving per group (8 slots of struct{key; elem}) and per entry at
 * the 7/8 maximum load; a struct that crosses the 128-byte inline limit changes how it is stored
 * (a pointer to its own object above 128 bytes, inline at or below), which the title says.
 */
function swissReorderActions(doc: GoDocument, map: MapT, arch: GoArch, rt: RuntimeChoice): CodeActionResult[] {
  let classic;
  try {
    classic = bucketLayout(map.key, map.elem, arch);
  } catch {
    return [];
  }
  const out: CodeActionResult[] = [];
  const seen = new Set<string>();
  for (const r of classic.reorder) {
    const type = r.role === 'key' ? map.key : map.elem;
    if (r.optimalSize >= r.size || seen.has(typeString(type))) continue;
    seen.add(typeString(type));
    const spec = type.kind === 'named' ? doc.typeSpec(type.name) : undefined;
    const structNode = spec?.childForFieldName('type');
    if (!spec || structNode?.type !== 'struct_type') continue;
    const order = optimalFieldOrder(type, arch);
    const edit = reorderEdit(doc, structNode, order, underlying(type));
    if (!edit) continue;
    const reordered: GoType = { kind: 'struct', fields: order };
    const swap = (t: GoType) => (typeString(t) === typeString(type) ? reordered : t);
    const before = swissGroupLayout(map.key, map.elem, arch, rt.swissVersion, { splitGroup: rt.splitGroup });
    const after = swissGroupLayout(swap(map.key), swap(map.elem), arch, rt.swissVersion, { splitGroup: rt.splitGroup });
    const role = r.role === 'key' ? 'key' : 'elem';
    const wasIndirect = before[role].indirect;
    const isIndirect = after[role].indirect;
    const group = before.type.groupsize - after.type.groupsize;
    const object = before[role].indirectObjectBytes - after[role].indirectObjectBytes;
    const perEntry = group / maxAvgGroupLoad + object;
    let title: string;
    if (wasIndirect && !isIndirect) {
      title = `Reorder fields of ${typeString(type)} (${r.size} → ${r.optimalSize} bytes, now stored inline in the slot): the group grows by ${-group} bytes, and each entry no longer allocates its own ${before[role].indirectObjectBytes}-byte object`;
    } else if (group > 0) {
      title = `Reorder fields of ${typeString(type)} to save ${group} bytes per group (${fmt1(perEntry)} per entry at 7/8 load, ${rt.runtime} · Go ${rt.goVersion})`;
    } else if (object > 0) {
      title = `Reorder fields of ${typeString(type)} to save ${object} bytes per entry (its own object: over 128 bytes, it is stored indirectly)`;
    } else {
      continue;
    }
    out.push({ title, kind: 'refactor.rewrite', edits: [edit] });
  }
  return out;
}

interface FieldSyntax {
  decl: SyntaxNode;
  /** The name as written, '' for an embedded field. */
  name: string;
  typeText: string;
  tag: string;
  leading: string[];
  trailing: string;
}

/** The fields of a struct_type node, one entry per field (as `structFromNode` flattens them). */
function fieldSyntax(doc: GoDocument, list: SyntaxNode): FieldSyntax[] | undefined {
  const out: FieldSyntax[] = [];
  let pendingComments: string[] = [];
  let lastDecl: SyntaxNode | undefined;
  let lastFields: FieldSyntax[] = [];
  for (const c of kids(list, true)) {
    if (c.type === 'comment') {
      if (lastDecl && c.startPosition.row === lastDecl.endPosition.row) {
        for (const f of lastFields) f.trailing = c.text;
      } else {
        pendingComments.push(c.text);
      }
      continue;
    }
    if (c.type !== 'field_declaration') return undefined;
    const names = c.childrenForFieldName('name').filter((n): n is SyntaxNode => n?.type === 'field_identifier');
    const tagNode = c.childForFieldName('tag');
    const typeStart = names.length ? names[names.length - 1].endIndex : c.startIndex;
    const typeEnd = tagNode ? tagNode.startIndex : c.endIndex;
    const typeText = doc.text.slice(typeStart, typeEnd).trim().replace(/^,\s*/, '');
    const tag = tagNode?.text ?? '';
    const fields = (names.length ? names.map((n) => n.text) : ['']).map((name) => ({
      decl: c,
      name,
      typeText,
      tag,
      leading: [] as string[],
      trailing: '',
    }));
    fields[0].leading = pendingComments;
    pendingComments = [];
    out.push(...fields);
    lastDecl = c;
    lastFields = fields;
  }
  if (pendingComments.length) return undefined; // a comment after the last field: keep it simple
  return out;
}

function reorderEdit(doc: GoDocument, structNode: SyntaxNode, order: StructField[], u: GoType): TextEdit | undefined {
  if (u.kind !== 'struct') return undefined;
  const list = kids(structNode, true).find((c) => c.type === 'field_declaration_list');
  if (!list) return undefined;
  const fields = fieldSyntax(doc, list);
  if (!fields || fields.length !== u.fields.length) return undefined;
  const indexOrder = order.map((f) => u.fields.indexOf(f));
  if (indexOrder.some((i) => i < 0)) return undefined;
  const ordered = indexOrder.map((i) => fields[i]);
  // Names declared together (`X, Y int8`) that stay next to each other stay on one line.
  const lines: Array<{ names: string; typeText: string; tag: string; leading: string[]; trailing: string }> = [];
  for (const f of ordered) {
    const prev = lines[lines.length - 1];
    const prevField = ordered[ordered.indexOf(f) - 1];
    if (prev && prevField && prevField.decl.id === f.decl.id && f.name !== '') {
      prev.names += `, ${f.name}`;
      continue;
    }
    lines.push({ names: f.name, typeText: f.typeText, tag: f.tag, leading: [...f.leading], trailing: f.trailing });
  }
  const singleLine = list.startPosition.row === list.endPosition.row;
  const start = { line: list.startPosition.row, character: list.startPosition.column + 1 };
  const end = { line: list.endPosition.row, character: list.endPosition.column - 1 };
  if (singleLine) {
    if (lines.some((l) => l.leading.length || l.trailing)) return undefined;
    const body = lines.map((l) => [l.names, l.typeText, l.tag].filter((s) => s !== '').join(' ')).join('; ');
    return { range: { start, end }, newText: ` ${body} ` };
  }
  const lineText = doc.lineTexts()[structNode.startPosition.row];
  const outer = /^\s*/.exec(lineText)![0];
  const inner = outer + '\t';
  const nameWidth = Math.max(...lines.map((l) => l.names.length));
  const typeWidth = Math.max(...lines.map((l) => l.typeText.length));
  const hasTags = lines.some((l) => l.tag);
  const text: string[] = [];
  for (const l of lines) {
    for (const c of l.leading) text.push(inner + c);
    let s = l.names === '' ? l.typeText : `${l.names.padEnd(nameWidth)} ${l.typeText}`;
    if (l.tag || l.trailing) {
      // Embedded fields have no name column: gofmt aligns their type with the names.
      const pad = hasTags && l.names !== '' ? typeWidth - l.typeText.length : 0;
      s += ' '.repeat(pad) + [l.tag ? ' ' + l.tag : '', l.trailing ? ' ' + l.trailing : ''].join('');
    }
    text.push(inner + s.trimEnd());
  }
  return { range: { start, end }, newText: '\n' + text.join('\n') + '\n' + outer };
}

// ---- rebuild after deletes ----

/** The innermost `for ... range` statement whose header or body contains the position. */
function enclosingRangeLoop(node: SyntaxNode): SyntaxNode | undefined {
  for (let p: SyntaxNode | null = node; p; p = p.parent) {
    if (p.type === 'for_statement' && kids(p, true).some((c) => c.type === 'range_clause')) return p;
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return undefined;
  }
  return undefined;
}

/** Does the loop body call `delete(<expr>, ...)` with the ranged expression? */
function deletesFrom(body: SyntaxNode, expr: string): boolean {
  let found = false;
  const visit = (n: SyntaxNode): void => {
    if (found) return;
    if (n.type === 'call_expression' && isBuiltinCall(n, 'delete') && callArgs(n)[0]?.text === expr) {
      found = true;
      return;
    }
    if (n.type === 'func_literal') return;
    for (const c of kids(n, true)) visit(c);
  };
  visit(body);
  return found;
}

/** The map type as the user would write it in `make`: the declared type's text when known. */
function makeTypeText(resolver: Resolver, expr: SyntaxNode): string | undefined {
  const t = resolver.typeOfExpr(expr);
  const map = asMap(t);
  if (!t || !map) return undefined;
  if (expr.type === 'identifier') {
    const b = bindingOf(expr);
    if (b?.typeNode && asMap(resolver.typeOfTypeNode(b.typeNode))) return b.typeNode.text.replace(/\s+/g, ' ');
    const v = b?.valueNode;
    if (v && isBuiltinCall(v, 'make')) return callArgs(v)[0]?.text.replace(/\s+/g, ' ');
    if (v?.type === 'composite_literal') return v.childForFieldName('type')?.text.replace(/\s+/g, ' ');
  }
  return typeString(t.kind === 'named' ? t : map);
}

/** A name not used as an identifier anywhere in `scope`. */
function freshName(doc: GoDocument, scope: SyntaxNode, base: string): string {
  for (let i = 0; ; i++) {
    const name = i === 0 ? base : `${base}${i + 1}`;
    if (!doc.identifiers(name).some((n) => n.startIndex >= scope.startIndex && n.endIndex <= scope.endIndex)) return name;
  }
}

function rebuildAction(doc: GoDocument, finder: ConstructFinder, loop: SyntaxNode, opts: CodeActionOptions): CodeActionResult | undefined {
  const resolver = finder.resolver;
  const clause = kids(loop, true).find((c) => c.type === 'range_clause');
  const expr = clause?.childForFieldName('right');
  const body = loop.childForFieldName('body');
  if (!expr || !body || !/^(identifier|selector_expression)$/.test(expr.type)) return undefined;
  const u = resolver.typeOfExpr(expr);
  if (!u || safeUnderlying(u)?.kind !== 'map') return undefined;
  if (!deletesFrom(body, expr.text)) return undefined;
  const ty = makeTypeText(resolver, expr);
  if (!ty) return undefined;
  const m = expr.text;
  const indent = /^\s*/.exec(doc.lineTexts()[loop.startPosition.row])![0];
  // A Swiss module's title says what the rebuild frees: the tables kept against make + copy.
  let title = 'Rebuild map to release memory';
  const map = asMap(u);
  if (opts.runtime?.runtime === 'swiss' && map) {
    const e = swissRebuildEstimate(map, opts.goarch, opts.runtime, finder.mapRef(expr).madeWithHint, isDeleteAllLoop(loop));
    if (e) title = swissRebuildTitle(e, opts.runtime);
  }
  if (isDeleteAllLoop(loop)) {
    return {
      title,
      kind: 'refactor.rewrite',
      edits: [{ range: rangeOf(loop), newText: `${m} = make(${ty})` }],
    };
  }
  let fn: SyntaxNode = loop;
  while (fn.parent && !/^(function_declaration|method_declaration|func_literal)$/.test(fn.type)) fn = fn.parent;
  const rebuilt = freshName(doc, fn, 'rebuilt');
  const end = rangeOf(loop).end;
  const lines = [
    `// Copy the survivors into a map sized for them: delete never gives ${opts.runtime?.runtime === 'swiss' ? 'tables' : 'buckets'} back (golang/go#20135).`,
    `${rebuilt} := make(${ty}, len(${m}))`,
    `for k, v := range ${m} {`,
    `\t${rebuilt}[k] = v`,
    '}',
    `${m} = ${rebuilt}`,
  ];
  return {
    title,
    kind: 'refactor.rewrite',
    edits: [{ range: { start: end, end }, newText: lines.map((l) => '\n' + indent + l).join('') }],
  };
}
