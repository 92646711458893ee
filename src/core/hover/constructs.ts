/**
 * What is under the cursor, in map terms. `constructAt` climbs from the smallest syntax node at the
 * position to the first construct a hover can explain:
 *
 * - a goroutine's write to a shared map (`m[k] = v`, `m[k]++`, `delete(m, k)` inside `go func`),
 * - a map variable declared with `var` and never made in this file (a nil map), and a map field of
 *   a struct declared here that this file never assigns (`s.pending[k]++` with no
 *   `s.pending = make(...)` and no `pending:` in a literal of the struct),
 * - `make(map[K]V[, n])` (on `make` or inside its type) and map composite literals,
 * - a map type anywhere else, or a type name whose underlying type is a map,
 * - `delete(m, k)`, `clear(m)`, `for ... range m`,
 * - `sync.Map`.
 *
 * Each construct carries the syntax nodes and resolved types the renderer needs; nothing here
 * computes sizes.
 */
import type { SyntaxNode } from '../go/parser';
import { GoType, GoTypeError, constValue } from '../types';
import { kids } from '../types/fromnode';
import type { GoDocument } from './document';
import { Binding, Resolver, asMap, bindingOf, isAncestor } from './resolve';

export type MapT = Extract<GoType, { kind: 'map' }>;

/** A map expression and what is known about it. */
export interface MapRef {
  /** The expression as written (`m`, `s.index`). */
  expr: SyntaxNode;
  /** The resolved map type, when the file says it. */
  map?: MapT;
  /** The map's own type as written or named (`Index` for `type Index map[string]int`). */
  type?: GoType;
  /** Where the variable is declared, for an identifier. */
  binding?: Binding;
  /** The hint of the `make` (or literal length) that created it, when constant. */
  madeWithHint?: number;
}

export type Construct =
  | { kind: 'mapType'; node: SyntaxNode; type: GoType; map: MapT }
  | {
      kind: 'unresolvedMapType';
      node: SyntaxNode;
      error: GoTypeError;
      /** The type parameter the layout depends on, when that is why it cannot be laid out. */
      typeParam?: string;
      /** The constant hint of the `make` around it, if any. */
      hint?: number;
    }
  | {
      kind: 'make';
      node: SyntaxNode;
      type: GoType;
      map: MapT;
      /** A constant hint, when there is one. */
      hint?: number;
      /** The hint expression when it is not a constant. */
      dynamicHint?: SyntaxNode;
      /** A composite literal `map[K]V{...}`: the compiler makes it with hint = its length. */
      literal: boolean;
    }
  | { kind: 'delete'; node: SyntaxNode; ref: MapRef; goroutine?: GoroutineWrite }
  | { kind: 'clear'; node: SyntaxNode; ref: MapRef & { map: MapT } }
  | { kind: 'range'; node: SyntaxNode; ref: MapRef & { map: MapT }; clause: string; deleteLoop: boolean }
  | { kind: 'nilMap'; node: SyntaxNode; ref: MapRef & { map: MapT; binding: Binding }; writes: SyntaxNode[]; packageLevel: boolean }
  | {
      kind: 'nilField';
      node: SyntaxNode;
      ref: MapRef & { map: MapT };
      /** The field's name and the struct type declared in this file that has it. */
      field: string;
      struct: string;
      /** The field's declaration line as written (`pending map[string]int`). */
      decl: string;
      writes: SyntaxNode[];
    }
  | { kind: 'syncMap'; node: SyntaxNode }
  | { kind: 'goroutineWrite'; node: SyntaxNode; ref: MapRef; write: GoroutineWrite };

/** A map write inside the function literal of a `go` statement. */
export interface GoroutineWrite {
  /** The `go` statement. */
  go: SyntaxNode;
  /** The write: assignment, inc/dec statement or `delete` call. */
  stmt: SyntaxNode;
  /** The receiver of a `.Lock()` call earlier in the goroutine's function, if any (`mu`). */
  lockedBy?: string;
  /** The map is a parameter of the literal (passed in by the `go` statement) rather than captured. */
  viaParameter: boolean;
}

/** Is `call` a call of the predeclared function `name` (not shadowed in this file)? */
export function isBuiltinCall(call: SyntaxNode | null, name: string): boolean {
  if (call?.type !== 'call_expression') return false;
  const fn = call.childForFieldName('function');
  return fn?.type === 'identifier' && fn.text === name && bindingOf(fn) === undefined;
}

export function callArgs(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName('arguments');
  return args ? kids(args, true) : [];
}

export class ConstructFinder {
  readonly resolver: Resolver;

  constructor(readonly doc: GoDocument) {
    this.resolver = new Resolver(doc);
  }

  /** The construct at a node, climbing at most to the enclosing statement's function. */
  at(start: SyntaxNode): Construct | undefined {
    // The innermost map type around the cursor wins over statements around it.
    for (let n: SyntaxNode | null = start; n; n = n.parent) {
      if (n.type === 'map_type') return this.mapTypeConstruct(n);
      if (/(_statement|_declaration|block|source_file)$/.test(n.type)) break;
    }
    for (let n: SyntaxNode | null = start, depth = 0; n && depth < 6; n = n.parent, depth++) {
      const c = this.direct(n, start);
      if (c) return c;
      if (/(_statement|block|source_file|func_literal)$/.test(n.type)) break;
    }
    return undefined;
  }

  private direct(n: SyntaxNode, start: SyntaxNode): Construct | undefined {
    const parent = n.parent;
    switch (n.type) {
      case 'identifier': {
        if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === n.id) {
          if (n.text === 'make' && isBuiltinCall(parent, 'make')) return this.makeConstruct(parent);
          if (n.text === 'delete' && isBuiltinCall(parent, 'delete')) return this.deleteConstruct(parent);
          if (n.text === 'clear' && isBuiltinCall(parent, 'clear')) return this.clearConstruct(parent);
        }
        return this.identifierConstruct(n);
      }
      case 'type_identifier': {
        if (parent?.type === 'qualified_type') return this.direct(parent, start);
        const t = this.resolver.typeOfTypeNode(n);
        const map = asMap(t);
        if (t && map) {
          if (parent?.type === 'argument_list' && isBuiltinCall(parent.parent, 'make') && kids(parent, true)[0]?.id === n.id) {
            return this.makeConstruct(parent.parent!);
          }
          if (parent?.type === 'composite_literal') return this.literalConstruct(parent, t, map);
          return { kind: 'mapType', node: n, type: t, map };
        }
        return undefined;
      }
      case 'qualified_type':
        return n.text.replace(/\s/g, '') === 'sync.Map' ? { kind: 'syncMap', node: n } : undefined;
      case 'selector_expression':
        return n.text.replace(/\s/g, '') === 'sync.Map' ? { kind: 'syncMap', node: n } : undefined;
      case 'field_identifier':
        // `s.m[k] = v` in a goroutine, hovered on `m`; else a map field never made.
        if (parent?.type === 'selector_expression' && parent.childForFieldName('field')?.id === n.id) return this.writeConstruct(parent) ?? this.nilFieldConstruct(n, parent);
        if (parent?.type === 'field_declaration') return this.nilFieldConstruct(n, undefined);
        return undefined;
      case 'package_identifier':
        return undefined;
      case 'range':
      case 'for':
      case 'range_clause':
      case 'for_statement': {
        const stmt = n.type === 'for_statement' ? n : n.type === 'for' ? parent : n.type === 'range_clause' ? parent : parent?.parent;
        return stmt?.type === 'for_statement' ? this.rangeConstruct(stmt) : undefined;
      }
    }
    return undefined;
  }

  private mapTypeConstruct(node: SyntaxNode): Construct | undefined {
    const t = this.resolver.typeOfTypeNode(node);
    const map = asMap(t);
    if (!t || !map) {
      const parent = node.parent;
      if (parent?.type === 'argument_list' && isBuiltinCall(parent.parent, 'make') && kids(parent, true)[0]?.id === node.id) {
        return this.makeConstruct(parent.parent!);
      }
      return this.unresolved(node);
    }
    const parent = node.parent;
    if (parent?.type === 'argument_list' && isBuiltinCall(parent.parent, 'make') && kids(parent, true)[0]?.id === node.id) {
      return this.makeConstruct(parent.parent!);
    }
    if (parent?.type === 'composite_literal' && parent.childForFieldName('type')?.id === node.id) {
      return this.literalConstruct(parent, t, map);
    }
    return { kind: 'mapType', node, type: t, map };
  }

  private literalConstruct(lit: SyntaxNode, type: GoType, map: MapT): Construct {
    const body = lit.childForFieldName('body');
    const hint = body ? kids(body, true).filter((c) => c.type === 'keyed_element' || c.type === 'literal_element').length : 0;
    return { kind: 'make', node: lit, type, map, hint, literal: true };
  }

  makeConstruct(call: SyntaxNode): Construct | undefined {
    const [typeNode, hintNode] = callArgs(call);
    if (!typeNode) return undefined;
    const type = this.resolver.typeOfTypeNode(typeNode);
    const map = asMap(type);
    if (!type || !map) {
      if (typeNode.type !== 'map_type') return undefined;
      const u = this.unresolved(typeNode);
      const hint = hintNode ? this.constant(hintNode) : 0;
      return u && { ...u, hint };
    }
    if (!hintNode) return { kind: 'make', node: call, type, map, hint: undefined, literal: false };
    const hint = this.constant(hintNode);
    return hint === undefined
      ? { kind: 'make', node: call, type, map, dynamicHint: hintNode, literal: false }
      : { kind: 'make', node: call, type, map, hint, literal: false };
  }

  /** A map type that does not resolve: why, and whether a type parameter is the reason. */
  private unresolved(node: SyntaxNode): Extract<Construct, { kind: 'unresolvedMapType' }> | undefined {
    const error = this.resolver.lastError;
    if (!error) return undefined;
    const name = /^undefined: (\w+)$/.exec(error.message)?.[1];
    const typeParam = name !== undefined && typeParamsAround(node).has(name) ? name : undefined;
    return { kind: 'unresolvedMapType', node, error, typeParam };
  }

  /** The value of an integer constant expression, or undefined. */
  constant(node: SyntaxNode): number | undefined {
    try {
      const v = constValue(node, this.doc.scopeAt(node), { file: this.doc.file });
      return Number(v);
    } catch (e) {
      if (e instanceof GoTypeError) return undefined;
      throw e;
    }
  }

  /** What is known about a map expression. */
  mapRef(expr: SyntaxNode): MapRef {
    const type = this.resolver.typeOfExpr(expr);
    const ref: MapRef = { expr, type, map: asMap(type) };
    if (expr.type === 'identifier') {
      ref.binding = bindingOf(expr);
      const v = ref.binding?.valueNode;
      if (v && isBuiltinCall(v, 'make')) {
        const hintNode = callArgs(v)[1];
        ref.madeWithHint = hintNode ? this.constant(hintNode) : 0;
      } else if (v?.type === 'composite_literal') {
        const body = v.childForFieldName('body');
        ref.madeWithHint = body ? kids(body, true).length : 0;
      }
    }
    return ref;
  }

  private deleteConstruct(call: SyntaxNode): Construct | undefined {
    const [m] = callArgs(call);
    if (!m) return undefined;
    const ref = this.mapRef(m);
    return { kind: 'delete', node: call, ref, goroutine: this.goroutineWrite(call, ref) };
  }

  private clearConstruct(call: SyntaxNode): Construct | undefined {
    const [m] = callArgs(call);
    if (!m) return undefined;
    const ref = this.mapRef(m);
    return ref.map ? { kind: 'clear', node: call, ref: { ...ref, map: ref.map } } : undefined;
  }

  private rangeConstruct(stmt: SyntaxNode): Construct | undefined {
    const clause = kids(stmt, true).find((c) => c.type === 'range_clause');
    const right = clause?.childForFieldName('right');
    if (!clause || !right) return undefined;
    const ref = this.mapRef(right);
    if (!ref.map) return undefined;
    return { kind: 'range', node: stmt, ref: { ...ref, map: ref.map }, clause: clause.text, deleteLoop: isDeleteAllLoop(stmt) };
  }

  /** `m[k] = v` / `m[k]++` / `delete(m, k)` inside a goroutine, for the map expression `expr`. */
  private writeConstruct(expr: SyntaxNode): Construct | undefined {
    const write = writeStatementOf(expr);
    if (!write) return undefined;
    const ref = this.mapRef(expr);
    if (!ref.map) return undefined;
    const g = this.goroutineWrite(write, ref);
    const parent = expr.parent;
    return g && { kind: 'goroutineWrite', node: parent?.type === 'index_expression' ? parent : expr, ref, write: g };
  }

  private identifierConstruct(id: SyntaxNode): Construct | undefined {
    const write = this.writeConstruct(id);
    if (write) return write;
    const b = bindingOf(id);
    if (b && b.kind === 'var' && !b.valueNode && b.typeNode) {
      const ref = this.mapRef(id);
      if (ref.map && !this.isEverAssigned(b)) {
        const writes = this.doc
          .identifiers(b.name)
          .filter((o) => writeStatementOf(o) && o.parent?.type === 'index_expression' && bindingOf(o)?.ident.id === b.ident.id);
        return {
          kind: 'nilMap',
          node: id,
          ref: { ...ref, map: ref.map, binding: b },
          writes,
          packageLevel: b.scopeNode.type === 'source_file',
        };
      }
    }
    if (b?.typeNode && /^\*?sync\.Map$/.test(b.typeNode.text.replace(/\s/g, '')) && b.ident.id === id.id) {
      return { kind: 'syncMap', node: id };
    }
    return undefined;
  }

  /**
   * A map field `f` (hovered in `x.f` or in its declaration) of a struct type declared in this file
   * that the file never assigns: every struct value made here has a nil map there.
   */
  private nilFieldConstruct(field: SyntaxNode, sel: SyntaxNode | undefined): Construct | undefined {
    const name = field.text;
    const owner = structDeclaring(this.doc.tree.rootNode, name);
    if (!owner) return undefined;
    const ref = sel ? this.mapRef(sel) : { expr: field, type: this.resolver.typeOfTypeNode(owner.fieldType), map: asMap(this.resolver.typeOfTypeNode(owner.fieldType)) };
    if (!ref.map || fieldEverSet(this.doc.tree.rootNode, name, owner.structNames)) return undefined;
    const writes = selectorsOf(this.doc.tree.rootNode, name).filter((s) => writeStatementOf(s) && s.parent?.type === 'index_expression');
    return { kind: 'nilField', node: sel ?? field, ref: { ...ref, map: ref.map }, field: name, struct: owner.structNames[0], decl: owner.decl, writes };
  }

  /** Is the variable ever assigned (`m = ...`, `m, x = ...`) or its address taken (`&m`) in this file? */
  private isEverAssigned(b: Binding): boolean {
    const scope = b.scopeNode;
    for (const o of this.doc.identifiers(b.name)) {
      if (o.startIndex < scope.startIndex || o.endIndex > scope.endIndex || o.id === b.ident.id) continue;
      const p = o.parent;
      const assigned =
        (p?.type === 'expression_list' && p.parent?.type === 'assignment_statement' && p.parent.childForFieldName('left')?.id === p.id) ||
        (p?.type === 'unary_expression' && p.childForFieldName('operator')?.type === '&') ||
        (p?.type === 'expression_list' && p.parent?.type === 'range_clause' && p.parent.childForFieldName('left')?.id === p.id);
      if (assigned && bindingOf(o)?.ident.id === b.ident.id) return true;
    }
    return false;
  }

  /** The goroutine a map write happens in, when the map is shared with other goroutines. */
  goroutineWrite(stmt: SyntaxNode, ref: MapRef): GoroutineWrite | undefined {
    const lit = enclosingGoLiteral(stmt);
    if (!lit) return undefined;
    const b = ref.binding;
    const viaParameter = b?.kind === 'param' && b.scopeNode.id === lit.literal.id;
    // A map declared (and so made) inside the goroutine is its own.
    if (b && !viaParameter && isAncestor(lit.literal, b.ident)) return undefined;
    return { go: lit.go, stmt, viaParameter, lockedBy: lockBefore(lit.literal, stmt) };
  }
}

/** The statement that writes to the map expression `id` (a name or `x.f`): `id[k] = v`,
 * `id[k] op= v`, `id[k]++`, or `delete(id, k)`. */
export function writeStatementOf(id: SyntaxNode): SyntaxNode | undefined {
  const p = id.parent;
  if (!p) return undefined;
  if (p.type === 'index_expression' && p.childForFieldName('operand')?.id === id.id) {
    const q = p.parent;
    if (q?.type === 'inc_statement' || q?.type === 'dec_statement') return q;
    if (q?.type === 'expression_list' && q.parent?.type === 'assignment_statement' && q.parent.childForFieldName('left')?.id === q.id) {
      return q.parent;
    }
    return undefined;
  }
  if (p.type === 'argument_list' && kids(p, true)[0]?.id === id.id && isBuiltinCall(p.parent, 'delete')) return p.parent!;
  return undefined;
}

/** Names of the type parameters of the generic functions and types around `node`. */
function typeParamsAround(node: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (let p = node.parent; p; p = p.parent) {
    const params = p.childForFieldName('type_parameters');
    if (!params) continue;
    for (const decl of kids(params, true)) {
      for (const n of decl.childrenForFieldName('name')) if (n) out.add(n.text);
    }
  }
  return out;
}

/** The innermost `go func(...) {...}(...)` literal around a node, with its `go` statement. */
function enclosingGoLiteral(n: SyntaxNode): { go: SyntaxNode; literal: SyntaxNode } | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'func_literal') {
      const call = p.parent;
      if (call?.type === 'call_expression' && call.childForFieldName('function')?.id === p.id && call.parent?.type === 'go_statement') {
        return { go: call.parent, literal: p };
      }
    }
    if (p.type === 'function_declaration' || p.type === 'method_declaration') return undefined;
  }
  return undefined;
}

/** `x` of the last `x.Lock()` call in `fn`'s body before `stmt`. */
function lockBefore(fn: SyntaxNode, stmt: SyntaxNode): string | undefined {
  let found: string | undefined;
  const visit = (n: SyntaxNode): void => {
    if (n.startIndex >= stmt.startIndex) return;
    if (n.type === 'call_expression') {
      const f = n.childForFieldName('function');
      const name = f?.type === 'selector_expression' ? f.childForFieldName('field')?.text : undefined;
      if (name === 'Lock') found = f!.childForFieldName('operand')?.text;
    }
    if (n.type !== 'func_literal' || n.id === fn.id) for (const c of kids(n, true)) visit(c);
  };
  visit(fn);
  return found;
}

/** `for k := range m { delete(m, k) }`: the whole body is one delete of the loop's key. */
export function isDeleteAllLoop(stmt: SyntaxNode): boolean {
  const clause = kids(stmt, true).find((c) => c.type === 'range_clause');
  const body = stmt.childForFieldName('body');
  const left = clause?.childForFieldName('left');
  const right = clause?.childForFieldName('right');
  const key = left ? (left.type === 'expression_list' ? kids(left, true)[0] : left) : undefined;
  if (!clause || !body || !key || !right || key.text === '_') return false;
  const list = kids(body, true).find((c) => c.type === 'statement_list');
  const stmts = list ? kids(list, true).filter((c) => c.type !== 'comment') : [];
  if (stmts.length !== 1 || stmts[0].type !== 'expression_statement') return false;
  const call = kids(stmts[0], true)[0];
  if (!isBuiltinCall(call, 'delete')) return false;
  const [m, k] = callArgs(call);
  return m?.text === right.text && k?.text === key.text;
}

/** Every node under `root` of one of `types`. */
function nodesOf(root: SyntaxNode, types: string[]): SyntaxNode[] {
  return root.descendantsOfType(types).filter((n): n is SyntaxNode => n !== null);
}

/** `x.name` selector expressions under `root`. */
function selectorsOf(root: SyntaxNode, name: string): SyntaxNode[] {
  return nodesOf(root, ['selector_expression']).filter((s) => s.childForFieldName('field')?.text === name);
}

/**
 * The struct types declared at the top of the file with a field `name` whose type is written here,
 * the field's type node and its declaration as written. Undefined when no such struct is declared
 * in this file (a field of another package's type: this file cannot know whether it is made).
 */
function structDeclaring(root: SyntaxNode, name: string): { structNames: string[]; fieldType: SyntaxNode; decl: string } | undefined {
  const names: string[] = [];
  let fieldType: SyntaxNode | undefined;
  let decl = '';
  for (const spec of nodesOf(root, ['type_spec'])) {
    const st = spec.childForFieldName('type');
    if (st?.type !== 'struct_type') continue;
    for (const fd of nodesOf(st, ['field_declaration'])) {
      if (fd.parent?.parent?.id !== st.id) continue; // not a nested struct's field
      if (!fd.childrenForFieldName('name').some((n) => n?.text === name)) continue;
      names.push(spec.childForFieldName('name')?.text ?? '');
      fieldType ??= fd.childForFieldName('type') ?? undefined;
      decl ||= fd.text.replace(/\s+/g, ' ');
    }
  }
  return fieldType && names.length > 0 ? { structNames: names, fieldType, decl } : undefined;
}

/**
 * Whether this file may set field `name`: `x.name = …` (or `x.name, y = …`), `&x.name`, a `name:`
 * key in a composite literal, or a literal of one of `structs` whose elements are not keyed.
 */
function fieldEverSet(root: SyntaxNode, name: string, structs: string[]): boolean {
  for (const s of selectorsOf(root, name)) {
    const p = s.parent;
    if (p?.type === 'expression_list' && p.parent?.type === 'assignment_statement' && p.parent.childForFieldName('left')?.id === p.id) return true;
    if (p?.type === 'unary_expression' && p.childForFieldName('operator')?.type === '&') return true;
  }
  for (const ke of nodesOf(root, ['keyed_element'])) {
    if (kids(ke, true)[0]?.text === name) return true;
  }
  for (const lit of nodesOf(root, ['composite_literal'])) {
    const t = lit.childForFieldName('type')?.text;
    const body = lit.childForFieldName('body');
    if (t && structs.includes(t) && body && kids(body, true).some((e) => e.type !== 'keyed_element')) return true;
  }
  return false;
}
