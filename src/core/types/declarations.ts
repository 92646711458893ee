/**
 * A package block from Go source: the `type` and `const` declarations directly inside a node
 * (the `source_file`, or a function body's block for local declarations), declared in a
 * `TypeScope` whose parent is the universe (or the given outer scope).
 *
 * Declarations may come in any order and refer to each other. Every `type T ...` becomes one
 * `named` object first; then each is resolved (`type T U` takes U's underlying type, so U is
 * resolved before T); then two checks gc also makes: invalid recursive types (a struct or array
 * that contains itself other than through a pointer, slice, map, channel or func) and map key types
 * that are not comparable; and one of ours: no type nests deeper than `maxTypeNesting` levels
 * through the types it refers to (`typegraph.ts`), so nothing that walks a type can exhaust the
 * stack. A failing declaration is marked broken (see `scope.ts`) and the rest of the file stays
 * usable, as an editor needs while the user types.
 */
import { Parser } from 'web-tree-sitter';
import { SyntaxNode, loadGoParser } from '../go/parser';
import { GoTypeError } from './errors';
import { constValue, kids, maxTypeNesting, typeFromNode } from './fromnode';
import { GoType } from './gotype';
import { comparable } from './predicates';
import { typeString } from './print';
import { TypeScope, brokenTypeError, markBroken, markDeclared, universe } from './scope';
import { Named, nestingDepths, recursiveCycles } from './typegraph';

export interface ScopeOptions {
  /** The file name used in error positions. */
  file?: string;
  /** The enclosing scope (default: the universe). */
  parent?: TypeScope;
}

interface TypeDecl {
  name: string;
  spec: SyntaxNode;
  typeNode: SyntaxNode;
  named: Extract<GoType, { kind: 'named' }>;
  state: 'pending' | 'resolving' | 'done';
}

/** The type and const declarations directly inside `root`, as a scope. Never throws for bad
 * declarations: they are reported where used. */
export function scopeFromTree(root: SyntaxNode, opts: ScopeOptions = {}): TypeScope {
  const scope = new TypeScope(opts.parent ?? universe, opts.file);
  const file = opts.file;
  const decls: TypeDecl[] = [];
  /** Aliases and constants resolve on first use; all are forced before returning, so the scope
   * keeps no reference to the syntax tree (the caller may delete it). */
  const lazies: Array<() => unknown> = [];
  const declOf = new Map<GoType, TypeDecl>();

  const resolve = (d: TypeDecl, depth = 0): void => {
    if (d.state === 'done') return;
    if (d.state === 'resolving') throw GoTypeError.at(d.spec, `invalid recursive type ${d.name}`, file);
    d.state = 'resolving';
    try {
      if (depth >= maxTypeNesting) throw GoTypeError.at(d.spec, `type ${d.name} nested more than ${maxTypeNesting} levels deep`, file);
      const t = typeFromNode(d.typeNode, scope, { file });
      if (t.kind === 'named') {
        // `type T U`: T gets U's underlying type, so U must be resolved first.
        const u = declOf.get(t);
        if (u) resolve(u, depth + 1);
        if (t.underlying === undefined) {
          throw brokenTypeError(t) ?? GoTypeError.at(d.typeNode, `invalid recursive type ${d.name}`, file);
        }
        d.named.underlying = t.underlying;
      } else {
        d.named.underlying = t;
      }
    } catch (e) {
      if (!(e instanceof GoTypeError)) throw e;
      markBroken(d.named, e);
    } finally {
      d.state = 'done';
    }
  };

  // A block's declarations sit in its statement_list.
  const top = kids(root, true).flatMap((c) => (c.type === 'statement_list' ? kids(c, true) : [c]));
  for (const decl of top) {
    if (decl.type === 'type_declaration') {
      for (const spec of kids(decl, true)) declareType(spec);
    } else if (decl.type === 'const_declaration') {
      declareConsts(decl);
    }
  }

  function declareType(spec: SyntaxNode): void {
    const nameNode = spec.childForFieldName('name');
    const typeNode = spec.childForFieldName('type');
    if (!nameNode || !typeNode || nameNode.text === '_') return;
    const name = nameNode.text;
    if (spec.childForFieldName('type_parameters')) {
      const err = GoTypeError.at(nameNode, `generic type ${name} is not supported (instantiate it by hand)`, file);
      scope.declareType(name, { get: () => { throw err; } });
      return;
    }
    if (spec.type === 'type_alias') {
      // `type A = B`: A denotes B itself; resolved on first use.
      const entry = {
        get: once(
          () => typeFromNode(typeNode, scope, { file }),
          () => GoTypeError.at(nameNode, `invalid recursive type alias ${name}`, file),
        ),
      };
      scope.declareType(name, entry);
      lazies.push(entry.get);
      return;
    }
    const named: TypeDecl['named'] = { kind: 'named', name, underlying: undefined };
    markDeclared(named, { line: nameNode.startPosition.row + 1, column: nameNode.startPosition.column + 1, file });
    const d: TypeDecl = { name, spec, typeNode, named, state: 'pending' };
    if (!scope.declareType(name, { get: () => named })) {
      markBroken(named, GoTypeError.at(nameNode, `${name} redeclared in this block`, file));
      return;
    }
    decls.push(d);
    declOf.set(named, d);
  }

  function declareConsts(decl: SyntaxNode): void {
    let previous: SyntaxNode[] = [];
    kids(decl, true)
      .filter((s) => s.type === 'const_spec')
      .forEach((spec, index) => {
        const names = spec.childrenForFieldName('name').filter((n): n is SyntaxNode => n?.type === 'identifier');
        const list = spec.childForFieldName('value');
        // A spec without values repeats the previous spec's expressions (with its own iota).
        const values = list ? kids(list, true) : previous;
        previous = values;
        names.forEach((n, i) => {
          const expr = values[i];
          if (n.text === '_') return;
          const entry = {
            value: once(
              () => {
                if (!expr) throw GoTypeError.at(n, `missing init expr for const ${n.text}`, file);
                return constValue(expr, scope, { file, iota: BigInt(index) });
              },
              () => GoTypeError.at(n, `initialization cycle: ${n.text} refers to itself`, file),
            ),
          };
          scope.declareConst(n.text, entry);
          lazies.push(entry.value);
        });
      });
  }

  for (const d of decls) resolve(d);
  checkRecursion();
  checkNesting();
  for (const d of decls) checkMapKeys(d);
  for (const force of lazies) {
    try {
      force();
    } catch (e) {
      if (!(e instanceof GoTypeError)) throw e; // remembered by the entry, raised where used
    }
  }
  return scope;

  function resolved(): Named[] {
    return decls.filter((d) => d.named.underlying !== undefined).map((d) => d.named);
  }

  function breakDecl(named: GoType, e: GoTypeError): void {
    markBroken(named, e);
    (named as Named).underlying = undefined;
  }

  /** gc's "invalid recursive type": T contains T by value (through struct fields or array
   * elements); one error per cycle, at its first declared member, raised wherever one is used. */
  function checkRecursion(): void {
    for (const cycle of recursiveCycles(resolved())) {
      const first = declOf.get(cycle[0])!;
      const e = GoTypeError.at(first.spec, `invalid recursive type ${first.name}`, file);
      for (const n of cycle) breakDecl(n, e);
    }
  }

  /** Types nesting deeper than `maxTypeNesting` through the declared types they refer to. */
  function checkNesting(): void {
    // A chain of 10^5 declarations breaks 10^5 types: their errors need no stack traces.
    const traces = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      for (const [n, depth] of nestingDepths(resolved())) {
        if (depth <= maxTypeNesting) continue;
        const d = declOf.get(n)!;
        breakDecl(n, GoTypeError.at(d.spec, `type ${d.name} nested more than ${maxTypeNesting} levels deep`, file));
      }
    } finally {
      Error.stackTraceLimit = traces;
    }
  }

  /** Map key types declared later than the map type could not be checked while resolving. */
  function checkMapKeys(d: TypeDecl): void {
    if (d.named.underlying === undefined) return;
    const visit = (n: SyntaxNode): void => {
      if (n.type === 'map_type') {
        const keyNode = n.childForFieldName('key');
        if (keyNode) {
          try {
            const key = typeFromNode(keyNode, scope, { file });
            const c = comparable(key);
            if (!c.ok) {
              markBroken(d.named, GoTypeError.at(keyNode, `invalid map key type ${typeString(key)}: ${c.reason}`, file));
              d.named.underlying = undefined;
              return;
            }
          } catch (e) {
            if (!(e instanceof GoTypeError)) throw e;
            markBroken(d.named, e);
            d.named.underlying = undefined;
            return;
          }
        }
      }
      for (const c of kids(n, true)) visit(c);
    };
    visit(d.typeNode);
  }
}

/**
 * A computation run at most once: its value or its `GoTypeError` is remembered; a call while it is
 * running (the declaration refers to itself) throws `cycle()`.
 */
function once<T>(compute: () => T, cycle: () => GoTypeError): () => T {
  let state: 'pending' | 'running' | 'done' = 'pending';
  let result: { ok: T } | { err: GoTypeError } | undefined;
  return () => {
    if (state === 'running') throw cycle();
    if (state === 'pending') {
      state = 'running';
      try {
        result = { ok: compute() };
      } catch (e) {
        if (!(e instanceof GoTypeError)) throw e;
        result = { err: e };
      } finally {
        state = 'done';
      }
    }
    if ('err' in result!) throw result.err;
    return result!.ok;
  };
}

/** Parses Go source with a loaded parser and returns its top-level declarations as a scope. */
export function scopeFromSourceWith(parser: Parser, source: string, opts: ScopeOptions = {}): TypeScope {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return scopeFromTree(tree.rootNode, opts);
  } finally {
    tree.delete();
  }
}

/** The top-level `type` and `const` declarations of a Go file, as a scope. */
export async function scopeFromSource(source: string, opts: ScopeOptions = {}): Promise<TypeScope> {
  return scopeFromSourceWith(await loadGoParser(), source, opts);
}

/**
 * The first syntax error under `root`, from how tree-sitter recovered: a MISSING node (something
 * the grammar needed: "missing type"), or an ERROR node (text it could not place). An ERROR that
 * holds a complete declaration followed by more tokens points at the first stray token
 * ("unexpected ]"); one that runs to the end of the source means the text stopped early
 * (`endMessage`, at the end of the source); any other points at its own start.
 */
export function firstSyntaxError(
  root: SyntaxNode,
  file?: string,
  endMessage = 'syntax error: unexpected end of file',
): GoTypeError | undefined {
  if (!root.hasError) return undefined;
  const source = root.text;
  const end = source.trimEnd().length;
  let found: GoTypeError | undefined;
  const visit = (n: SyntaxNode): void => {
    if (found) return;
    if (n.isMissing) {
      const what = n.type === 'type_identifier' ? 'type' : n.type === 'identifier' ? 'name' : n.type;
      found = GoTypeError.at(n, `syntax error: missing ${what}`, file);
      return;
    }
    if (n.type === 'ERROR') {
      const cs = kids(n);
      const complete = cs.findIndex((c) => c.isNamed && !c.hasError && /_declaration$|_statement$/.test(c.type));
      const stray = complete >= 0 ? cs.slice(complete + 1).find((c) => !c.isNamed || c.type === 'ERROR') : undefined;
      if (stray) {
        found = GoTypeError.at(stray, `syntax error: unexpected ${stray.text.split('\n')[0]}`, file);
      } else if (n.endIndex - root.startIndex >= end) {
        const before = source.slice(0, end).split('\n');
        const line = root.startPosition.row + before.length;
        const column = (before.length === 1 ? root.startPosition.column : 0) + before[before.length - 1].length + 1;
        found = new GoTypeError(endMessage, line, column, file);
      } else {
        const first = cs[0];
        found = GoTypeError.at(n, `syntax error: unexpected ${first ? first.text.split('\n')[0] : 'text'}`, file);
      }
      return;
    }
    if (n.hasError) for (const c of kids(n)) visit(c);
  };
  visit(root);
  return found;
}
