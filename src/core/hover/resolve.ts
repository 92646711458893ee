/**
 * Just enough name resolution for hovers, inside one file: which declaration an identifier refers
 * to (walking out through blocks, `for`/`if`/`switch` headers, function parameters and results,
 * the receiver, then the file's top level), and the type of an expression when the file says it:
 * a declared type, `make(T, ...)`, `new(T)`, a composite literal, `&T{}`, `x.f` on a struct,
 * `m[k]`, a range variable, or the result of a function declared in the file.
 *
 * It is not a type checker: anything it cannot see (other files, imported packages, generics,
 * multi-value calls) is "unknown", and the hover says less rather than guessing.
 */
import type { SyntaxNode } from '../go/parser';
import { GoType, GoTypeError, typeFromNode, underlying } from '../types';
import { kids } from '../types/fromnode';
import type { GoDocument } from './document';

export type BindingKind = 'var' | 'short' | 'param' | 'result' | 'receiver' | 'range' | 'const' | 'func';

/** Where a name is declared. */
export interface Binding {
  name: string;
  kind: BindingKind;
  /** The identifier node in the declaration. */
  ident: SyntaxNode;
  /** The declared type, when written. */
  typeNode?: SyntaxNode;
  /** The initial value, when there is one (`x := make(...)`, `var x = ...`). */
  valueNode?: SyntaxNode;
  /** The node the declaration is visible in (block, function, `for` statement, or the file). */
  scopeNode: SyntaxNode;
  /** For `range` variables: the ranged expression and which of key (0) / value (1) this is. */
  range?: { expr: SyntaxNode; index: number };
  /** The declaration statement or spec. */
  decl: SyntaxNode;
}

function names(list: SyntaxNode | null): SyntaxNode[] {
  if (!list) return [];
  if (list.type === 'identifier') return [list];
  return kids(list, true).filter((n) => n.type === 'identifier');
}

/** The i-th expression of an expression list (or the node itself when it is not a list). */
function nth(list: SyntaxNode | null, i: number): SyntaxNode | undefined {
  if (!list) return undefined;
  if (list.type !== 'expression_list') return i === 0 ? list : undefined;
  return kids(list, true)[i];
}

/** Bindings a `var`/`const` declaration introduces. */
function specBindings(decl: SyntaxNode, scopeNode: SyntaxNode): Binding[] {
  const out: Binding[] = [];
  const isConst = decl.type === 'const_declaration';
  const specs = kids(decl, true).flatMap((c) => (c.type === 'var_spec_list' ? kids(c, true) : [c]));
  for (const spec of specs) {
    if (spec.type !== 'var_spec' && spec.type !== 'const_spec') continue;
    const typeNode = spec.childForFieldName('type') ?? undefined;
    const values = spec.childForFieldName('value');
    spec.childrenForFieldName('name').forEach((n, i) => {
      if (!n || n.type !== 'identifier') return;
      out.push({
        name: n.text,
        kind: isConst ? 'const' : 'var',
        ident: n,
        typeNode,
        valueNode: nth(values, i),
        scopeNode,
        decl: spec,
      });
    });
  }
  return out;
}

function shortBindings(stmt: SyntaxNode, scopeNode: SyntaxNode): Binding[] {
  const left = stmt.childForFieldName('left');
  const right = stmt.childForFieldName('right');
  const rights = right ? (right.type === 'expression_list' ? kids(right, true) : [right]) : [];
  return names(left).map((n, i) => ({
    name: n.text,
    kind: 'short' as const,
    ident: n,
    // `a, b := f()` has one expression for two names: its type is not the name's.
    valueNode: rights.length === names(left).length ? rights[i] : undefined,
    scopeNode,
    decl: stmt,
  }));
}

function paramBindings(list: SyntaxNode | null, kind: BindingKind, scopeNode: SyntaxNode): Binding[] {
  const out: Binding[] = [];
  for (const p of list ? kids(list, true) : []) {
    if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
    const typeNode = p.childForFieldName('type') ?? undefined;
    for (const n of p.childrenForFieldName('name')) {
      if (n?.type === 'identifier') {
        out.push({
          name: n.text,
          kind,
          ident: n,
          typeNode: p.type === 'variadic_parameter_declaration' ? undefined : typeNode,
          scopeNode,
          decl: p,
        });
      }
    }
  }
  return out;
}

/** The declarations of one statement (`var`, `const`, `x := ...`, a labeled `x := ...`). */
function statementDecls(s: SyntaxNode, scopeNode: SyntaxNode): Binding[] {
  if (s.type === 'var_declaration' || s.type === 'const_declaration') return specBindings(s, scopeNode);
  if (s.type === 'short_var_declaration') return shortBindings(s, scopeNode);
  if (s.type === 'labeled_statement') {
    const inner = kids(s, true).find((c) => c.type !== 'label_name');
    if (inner?.type === 'short_var_declaration') return shortBindings(inner, scopeNode);
  }
  return [];
}

/** Per tree, per statement list: each statement's start and declarations (lists are long in
 * generated code, and every lookup of a name walks them). */
const statementCache = new WeakMap<object, Map<number, Array<{ start: number; bindings: Binding[] }>>>();

/** The declarations directly in a statement list that come before `at`. */
function statementBindings(list: SyntaxNode, at: SyntaxNode): Binding[] {
  let perTree = statementCache.get(list.tree);
  if (!perTree) {
    perTree = new Map();
    statementCache.set(list.tree, perTree);
  }
  let entries = perTree.get(list.id);
  if (!entries) {
    entries = kids(list, true)
      .map((s) => ({ start: s.startIndex, bindings: statementDecls(s, list) }))
      .filter((e) => e.bindings.length > 0);
    perTree.set(list.id, entries);
  }
  const out: Binding[] = [];
  for (const e of entries) {
    if (e.start >= at.startIndex) break;
    out.push(...e.bindings);
  }
  return out;
}

/** Per tree: the file's top-level declarations. */
const fileCache = new WeakMap<object, Binding[]>();

/** What an ancestor node declares that is visible at `at` (a descendant of it). */
function bindingsIn(scope: SyntaxNode, at: SyntaxNode): Binding[] {
  switch (scope.type) {
    case 'statement_list':
      return statementBindings(scope, at);
    case 'for_statement': {
      const out: Binding[] = [];
      for (const c of kids(scope, true)) {
        if (c.type === 'range_clause' && c.id !== at.id) {
          const left = c.childForFieldName('left');
          const right = c.childForFieldName('right');
          if (right && kids(c).some((t) => t.type === ':=')) {
            names(left).forEach((n, index) =>
              out.push({ name: n.text, kind: 'range', ident: n, scopeNode: scope, range: { expr: right, index }, decl: c }),
            );
          }
        } else if (c.type === 'for_clause') {
          const init = c.childForFieldName('initializer');
          if (init?.type === 'short_var_declaration' && init.id !== at.id) out.push(...shortBindings(init, scope));
        }
      }
      return out;
    }
    case 'if_statement':
    case 'expression_switch_statement':
    case 'type_switch_statement': {
      const init = scope.childForFieldName('initializer');
      if (init?.type === 'short_var_declaration' && init.id !== at.id) return shortBindings(init, scope);
      return [];
    }
    case 'function_declaration':
    case 'method_declaration':
    case 'func_literal': {
      const out = paramBindings(scope.childForFieldName('parameters'), 'param', scope);
      const result = scope.childForFieldName('result');
      if (result?.type === 'parameter_list') out.push(...paramBindings(result, 'result', scope));
      if (scope.type === 'method_declaration') out.push(...paramBindings(scope.childForFieldName('receiver'), 'receiver', scope));
      return out;
    }
    case 'source_file': {
      const cached = fileCache.get(scope.tree);
      if (cached) return cached;
      const out: Binding[] = [];
      for (const d of kids(scope, true)) {
        if (d.type === 'var_declaration' || d.type === 'const_declaration') out.push(...specBindings(d, scope));
        else if (d.type === 'function_declaration') {
          const n = d.childForFieldName('name');
          if (n) out.push({ name: n.text, kind: 'func', ident: n, scopeNode: scope, decl: d });
        }
      }
      fileCache.set(scope.tree, out);
      return out;
    }
  }
  return [];
}

/** Is `a` a proper ancestor of `b`? */
export function isAncestor(a: SyntaxNode, b: SyntaxNode): boolean {
  for (let p = b.parent; p; p = p.parent) if (p.id === a.id) return true;
  return false;
}

/** The binding `ident` declares, when it is the name in a declaration. */
function selfBinding(ident: SyntaxNode): Binding | undefined {
  for (let d: SyntaxNode | null = ident.parent, i = 0; d && i < 3; d = d.parent, i++) {
    let scope: SyntaxNode | null = d.parent;
    switch (d.type) {
      case 'short_var_declaration':
        while (scope && !['block', 'statement_list', 'source_file', 'for_statement', 'if_statement', 'expression_switch_statement', 'type_switch_statement', 'expression_case', 'default_case', 'communication_case'].includes(scope.type)) scope = scope.parent;
        return scope ? shortBindings(d, scope).find((b) => b.ident.id === ident.id) : undefined;
      case 'range_clause':
        return scope ? bindingsIn(scope, ident).find((b) => b.ident.id === ident.id) : undefined;
      case 'var_spec':
      case 'const_spec': {
        const decl = d.parent?.type === 'var_spec_list' ? d.parent.parent : d.parent;
        return decl?.parent ? specBindings(decl, decl.parent).find((b) => b.ident.id === ident.id) : undefined;
      }
      case 'parameter_declaration':
      case 'variadic_parameter_declaration': {
        const fn = d.parent?.parent;
        return fn ? bindingsIn(fn, ident).find((b) => b.ident.id === ident.id) : undefined;
      }
      case 'expression_list':
        continue;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** The declaration `ident` refers to, or undefined (imported, predeclared, or not found). */
export function bindingOf(ident: SyntaxNode): Binding | undefined {
  const self = selfBinding(ident);
  if (self) return self;
  const name = ident.text;
  let child = ident;
  for (let scope = ident.parent; scope; child = scope, scope = scope.parent) {
    const found = bindingsIn(scope, child).filter((b) => b.name === name);
    if (found.length > 0) return found[found.length - 1];
  }
  return undefined;
}

/** Resolves types; keeps the document for its scope. */
export class Resolver {
  constructor(readonly doc: GoDocument) {}

  /** The type a type node denotes, or undefined (with the reason in `lastError`). */
  typeOfTypeNode(node: SyntaxNode): GoType | undefined {
    try {
      return typeFromNode(node, this.doc.scopeAt(node), { file: this.doc.file });
    } catch (e) {
      if (e instanceof GoTypeError) {
        this.lastError = e;
        return undefined;
      }
      throw e;
    }
  }

  lastError?: GoTypeError;

  /** The type of a binding, when the file says it. */
  typeOfBinding(b: Binding, depth = 0): GoType | undefined {
    if (b.typeNode) return this.typeOfTypeNode(b.typeNode);
    if (b.range) {
      const t = this.typeOfExpr(b.range.expr, depth + 1);
      const u = t && safeUnderlying(t);
      if (!u) return undefined;
      if (u.kind === 'map') return b.range.index === 0 ? u.key : u.elem;
      if (u.kind === 'slice' || u.kind === 'array') return b.range.index === 0 ? intType : u.elem;
      return undefined;
    }
    if (b.valueNode) return this.typeOfExpr(b.valueNode, depth + 1);
    return undefined;
  }

  /** The type of an expression, when the file says it; undefined otherwise. */
  typeOfExpr(e: SyntaxNode, depth = 0): GoType | undefined {
    if (depth > 20) return undefined;
    switch (e.type) {
      case 'identifier': {
        const b = bindingOf(e);
        return b && b.kind !== 'func' && b.kind !== 'const' ? this.typeOfBinding(b, depth) : undefined;
      }
      case 'parenthesized_expression': {
        const inner = kids(e, true)[0];
        return inner && this.typeOfExpr(inner, depth + 1);
      }
      case 'composite_literal': {
        const tn = e.childForFieldName('type');
        return tn ? this.typeOfTypeNode(tn) : undefined;
      }
      case 'unary_expression': {
        const op = e.childForFieldName('operator')?.type;
        const operand = e.childForFieldName('operand');
        if (op === '&' && operand) {
          const t = this.typeOfExpr(operand, depth + 1);
          return t && { kind: 'pointer', elem: t };
        }
        if (op === '*' && operand) {
          const t = this.typeOfExpr(operand, depth + 1);
          const u = t && safeUnderlying(t);
          return u?.kind === 'pointer' ? u.elem : undefined;
        }
        return undefined;
      }
      case 'call_expression':
        return this.typeOfCall(e, depth);
      case 'selector_expression': {
        const operand = e.childForFieldName('operand');
        const fieldName = e.childForFieldName('field')?.text;
        if (!operand || !fieldName) return undefined;
        let t = this.typeOfExpr(operand, depth + 1);
        let u = t && safeUnderlying(t);
        if (u?.kind === 'pointer') {
          t = u.elem;
          u = safeUnderlying(t);
        }
        if (u?.kind === 'struct') return fieldType(u, fieldName);
        // The struct may not resolve as a whole (a field of an imported type): read the one field.
        return this.fieldTypeBySyntax(operand, fieldName);
      }
      case 'index_expression': {
        const operand = e.childForFieldName('operand');
        const t = operand && this.typeOfExpr(operand, depth + 1);
        const u = t && safeUnderlying(t);
        if (u?.kind === 'map' || u?.kind === 'slice' || u?.kind === 'array') return u.elem;
        return undefined;
      }
    }
    return undefined;
  }

  /** `x.f` where x's type is a struct declared in this file: the type of field f alone. */
  private fieldTypeBySyntax(operand: SyntaxNode, fieldName: string): GoType | undefined {
    if (operand.type !== 'identifier') return undefined;
    const b = bindingOf(operand);
    let typeNode = b?.typeNode;
    let v = b?.valueNode;
    if (!typeNode && v?.type === 'unary_expression') v = v.childForFieldName('operand') ?? undefined;
    if (!typeNode && v?.type === 'composite_literal') typeNode = v.childForFieldName('type') ?? undefined;
    if (typeNode?.type === 'pointer_type') typeNode = kids(typeNode, true)[0];
    if (typeNode?.type !== 'type_identifier') return undefined;
    const spec = this.doc.typeSpec(typeNode.text);
    const st = spec?.childForFieldName('type');
    const list = st?.type === 'struct_type' ? kids(st, true).find((c) => c.type === 'field_declaration_list') : undefined;
    for (const f of list ? kids(list, true) : []) {
      if (f.type === 'field_declaration' && f.childrenForFieldName('name').some((n) => n?.text === fieldName)) {
        const tn = f.childForFieldName('type');
        return tn ? this.typeOfTypeNode(tn) : undefined;
      }
    }
    return undefined;
  }

  private typeOfCall(e: SyntaxNode, depth: number): GoType | undefined {
    const fn = e.childForFieldName('function');
    const args = e.childForFieldName('arguments');
    const first = args ? kids(args, true)[0] : undefined;
    if (fn?.type === 'identifier' && !bindingOf(fn)) {
      if (fn.text === 'make' && first) return this.typeOfTypeNode(first);
      if (fn.text === 'new' && first) {
        const t = this.typeOfTypeNode(first);
        return t && { kind: 'pointer', elem: t };
      }
    }
    if (fn?.type === 'identifier') {
      const b = bindingOf(fn);
      if (b?.kind === 'func') {
        const result = b.decl.childForFieldName('result');
        if (!result) return undefined;
        if (result.type !== 'parameter_list') return this.typeOfTypeNode(result);
        const ps = kids(result, true).filter((p) => p.type === 'parameter_declaration');
        const names = ps.length === 1 ? ps[0].childrenForFieldName('name').length : 0;
        if (ps.length === 1 && names <= 1) {
          const tn = ps[0].childForFieldName('type');
          return tn ? this.typeOfTypeNode(tn) : undefined;
        }
      }
      return undefined;
    }
    // A conversion `T(x)` to a type written as a parenthesized or composite type.
    if (fn && /_type$/.test(fn.type)) return this.typeOfTypeNode(fn);
    void depth;
    return undefined;
  }
}

const intType: GoType = { kind: 'basic', name: 'int' };

function fieldType(s: Extract<GoType, { kind: 'struct' }>, name: string): GoType | undefined {
  const direct = s.fields.find((f) => f.name === name);
  if (direct) return direct.type;
  // Promoted through embedded structs (one level is what real code mostly needs).
  for (const f of s.fields) {
    if (!f.embedded) continue;
    let u = safeUnderlying(f.type);
    if (u?.kind === 'pointer') u = safeUnderlying(u.elem);
    if (u?.kind === 'struct') {
      const inner = u.fields.find((g) => g.name === name);
      if (inner) return inner.type;
    }
  }
  return undefined;
}

/** `underlying`, or undefined for a broken type. */
export function safeUnderlying(t: GoType): Exclude<GoType, { kind: 'named' }> | undefined {
  try {
    return underlying(t);
  } catch (e) {
    if (e instanceof GoTypeError) return undefined;
    throw e;
  }
}

/** The map type of `t` (named map types through their underlying type). */
export function asMap(t: GoType | undefined): Extract<GoType, { kind: 'map' }> | undefined {
  const u = t && safeUnderlying(t);
  return u?.kind === 'map' ? u : undefined;
}
