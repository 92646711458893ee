/**
 * The names visible at a map literal, block by block as the Go spec scopes them: the universe,
 * the package block (every top-level declaration of the file, in any order), then each enclosing
 * function block with what is declared before the literal (parameters and results, `const`,
 * `type`, `var`, `:=`, `range` and `for` clause variables).
 *
 * Constants keep their syntax (type, initializer, iota, and whether the initializer was inherited
 * from the previous spec) and are evaluated by the checker on first use. Types come from the
 * types module's `scopeFromTree`, so a named type here is the same object the layout code sees.
 * Everything else is only named: a variable or function is something we must not guess.
 */
import type { SyntaxNode } from '../go/parser';
import { TypeScope, scopeFromTree, universe } from '../types';
import { ancestorsOf } from './nodes';

export interface ConstDecl {
  kind: 'const';
  /** The identifier in the const spec (errors of inherited initializers point here). */
  name: SyntaxNode;
  typeNode: SyntaxNode | undefined;
  init: SyntaxNode | undefined;
  /** The initializer was repeated from an earlier spec (`const ( A = iota; B )`). */
  inherited: boolean;
  iota: number;
  /** The scope the initializer is evaluated in. */
  env: Env;
}

export type Decl =
  | ConstDecl
  | { kind: 'type' }
  | { kind: 'var' }
  | { kind: 'func' }
  | { kind: 'package'; path: string };

export class Env {
  readonly decls = new Map<string, Decl>();

  constructor(
    readonly parent: Env | undefined,
    /** The type declarations visible here (this block's and the enclosing ones'). */
    readonly types: TypeScope,
  ) {}

  lookup(name: string): Decl | undefined {
    return this.decls.get(name) ?? this.parent?.lookup(name);
  }

  declare(name: string, d: Decl): void {
    if (name !== '_' && !this.decls.has(name)) this.decls.set(name, d);
  }
}

function kids(n: SyntaxNode): SyntaxNode[] {
  return n.namedChildren.filter((c): c is SyntaxNode => c !== null);
}

/** The package block of a file: all its top-level declarations. */
export function packageEnv(root: SyntaxNode): Env {
  const env = new Env(undefined, scopeFromTree(root, { parent: universe }));
  for (const d of kids(root)) declareFrom(d, env);
  return env;
}

/**
 * The innermost scope at `node`: the package block, then one block per enclosing function body
 * or statement, holding what is declared there before `node` starts.
 */
export function envAt(node: SyntaxNode, pkg: Env): Env {
  const path = ancestorsOf(node).filter((a) => a.type !== 'source_file');
  let env = pkg;
  for (const a of path) {
    const earlier = kids(a).filter((c) => c.endIndex <= node.startIndex);
    if (earlier.length === 0) continue;
    const hasTypes = earlier.some((c) => c.type === 'type_declaration');
    const types = hasTypes ? scopeFromTree(a, { parent: env.types }) : env.types;
    const local = new Env(env, types);
    for (const c of earlier) declareFrom(c, local);
    if (local.decls.size > 0 || types !== env.types) env = local;
  }
  return env;
}

/** Declares the names one declaration, statement or clause introduces. */
function declareFrom(n: SyntaxNode, env: Env): void {
  switch (n.type) {
    case 'const_declaration': declareConsts(n, env); break;
    case 'type_declaration':
      for (const spec of kids(n)) {
        const name = spec.childForFieldName('name');
        if (name) env.declare(name.text, { kind: 'type' });
      }
      break;
    case 'var_declaration':
      for (const id of n.descendantsOfType('var_spec').flatMap((s) => s ? s.childrenForFieldName('name') : [])) {
        if (id) env.declare(id.text, { kind: 'var' });
      }
      break;
    case 'short_var_declaration':
    case 'range_clause': {
      const left = n.childForFieldName('left');
      for (const id of left ? kids(left) : []) if (id.type === 'identifier') env.declare(id.text, { kind: 'var' });
      break;
    }
    case 'for_clause': {
      const init = n.childForFieldName('initializer');
      if (init) declareFrom(init, env);
      break;
    }
    case 'parameter_list':
      for (const p of kids(n)) for (const id of p.childrenForFieldName('name')) if (id) env.declare(id.text, { kind: 'var' });
      break;
    case 'function_declaration': {
      const name = n.childForFieldName('name');
      if (name) env.declare(name.text, { kind: 'func' });
      break;
    }
    case 'import_declaration':
      for (const spec of n.descendantsOfType('import_spec')) {
        if (!spec) continue;
        const path = spec.childForFieldName('path')?.text.slice(1, -1) ?? '';
        const alias = spec.childForFieldName('name')?.text;
        const name = alias ?? path.split('/').pop() ?? path;
        if (name !== '.' && name !== '_') env.declare(name, { kind: 'package', path });
      }
      break;
    default:
      // A type switch guard (`switch v := x.(type)`) declares v.
      if (n.type === 'type_switch_statement') {
        const alias = n.childForFieldName('alias');
        for (const id of alias ? kids(alias) : []) env.declare(id.text, { kind: 'var' });
      }
  }
}

/** The constants of one `const` declaration, with iota and implicit repetition of initializers. */
function declareConsts(decl: SyntaxNode, env: Env): void {
  let prevType: SyntaxNode | undefined;
  let prevValues: SyntaxNode[] = [];
  kids(decl)
    .filter((s) => s.type === 'const_spec')
    .forEach((spec, iota) => {
      const names = spec.childrenForFieldName('name').filter((n): n is SyntaxNode => n?.type === 'identifier');
      const list = spec.childForFieldName('value');
      const inherited = !list;
      if (list) {
        prevValues = kids(list).filter((c) => c.type !== 'comment');
        prevType = spec.childForFieldName('type') ?? undefined;
      }
      names.forEach((name, i) => {
        env.declare(name.text, { kind: 'const', name, typeNode: prevType, init: prevValues[i], inherited, iota, env });
      });
    });
}
