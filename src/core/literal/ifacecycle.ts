/**
 * Interfaces that embed themselves (`type I interface{ I }`, or `J` embeds `K` embeds `J`): gc
 * (types2) reports `invalid recursive type J` at the first type of the cycle it walks into,
 * checking declarations in source order. Struct and array cycles are found where types are
 * declared (`types/declarations.ts`); an interface's embedded types are kept there as written, so
 * its cycles are found here, from the syntax of the file's type declarations (package level and
 * each block alike, by name: a local declaration shadows an outer one only within its block,
 * which a cycle inside one declaration group never crosses).
 *
 * As for other broken declarations, the error is reported where the literal uses such a type.
 */
import type { SyntaxNode } from '../go/parser';
import type { GoType } from '../types';
import { kids } from './nodes';

interface IfaceDecl {
  name: SyntaxNode;
  embeds: string[];
}

/** For each interface type name that is or reaches a cycle: the name node the error is reported at. */
export function recursiveInterfaces(root: SyntaxNode): Map<string, SyntaxNode> {
  const decls = new Map<string, IfaceDecl>();
  for (const spec of root.descendantsOfType('type_spec')) {
    const name = spec?.childForFieldName('name');
    const type = spec?.childForFieldName('type');
    if (!name || type?.type !== 'interface_type' || decls.has(name.text)) continue;
    const embeds = kids(type)
      .filter((c) => c.type === 'type_elem')
      .flatMap((c) => kids(c))
      .filter((c) => c.type === 'type_identifier')
      .map((c) => c.text);
    decls.set(name.text, { name, embeds });
  }
  const result = new Map<string, SyntaxNode>();
  const done = new Set<string>();
  // Iterative depth-first walk in declaration order, with the path kept to name the cycle start.
  for (const start of decls.keys()) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    path.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const d = decls.get(top.name)!;
      if (top.next >= d.embeds.length) {
        stack.pop();
        path.pop();
        done.add(top.name);
        continue;
      }
      const e = d.embeds[top.next++];
      if (!decls.has(e) || done.has(e)) {
        const hit = result.get(e);
        if (hit) for (const n of path) if (!result.has(n)) result.set(n, hit);
        continue;
      }
      const at = path.indexOf(e);
      if (at >= 0) {
        const cycleStart = decls.get(e)!.name;
        for (const n of path) if (!result.has(n)) result.set(n, cycleStart);
        continue;
      }
      stack.push({ name: e, next: 0 });
      path.push(e);
    }
  }
  return result;
}

/** The first named type inside t (t itself, its elements, fields, key and elem) in `names`. */
export function namedIn(t: GoType, names: Map<string, SyntaxNode>, seen = new Set<GoType>()): SyntaxNode | undefined {
  if (seen.has(t)) return undefined;
  seen.add(t);
  switch (t.kind) {
    case 'named': return names.get(t.name) ?? (t.underlying && namedIn(t.underlying, names, seen));
    case 'pointer': case 'slice': case 'array': case 'chan': return namedIn(t.elem, names, seen);
    case 'map': return namedIn(t.key, names, seen) ?? namedIn(t.elem, names, seen);
    case 'struct': {
      for (const f of t.fields) {
        const n = namedIn(f.type, names, seen);
        if (n) return n;
      }
      return undefined;
    }
    case 'interface': {
      for (const e of t.embeds) {
        const n = names.get(e);
        if (n) return n;
      }
      return undefined;
    }
    default: return undefined;
  }
}
