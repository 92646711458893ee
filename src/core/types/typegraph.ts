/**
 * The graph of one scope's declared types: which named type refers to which, and how deep. Two
 * checks a declaration pass needs over the whole graph, linear in its size and without recursion
 * along it (a file may chain 10^5 declarations, `type T0 [1]T1`, `type T1 [1]T2`, ...):
 *
 * - `recursiveCycles`: gc's "invalid recursive type": the named types that hold themselves by
 *   value (through struct fields and array elements, never behind a pointer, slice, map, channel
 *   or func) are the strongly connected components of the "holds by value" graph with more than
 *   one member, or holding themselves. gc reports each cycle once, at its first declared member.
 * - `nestingDepths`: how many levels deep each named type nests, counting the levels of the named
 *   types it refers to in any way (a reference met again inside itself counts as one level): what
 *   the limit on nesting (`maxTypeNesting`) bounds, so no walk over a type can exhaust the stack.
 */
import { GoType } from './gotype';

export type Named = Extract<GoType, { kind: 'named' }>;

interface Ref {
  to: Named;
  /** Levels from the referring type down to the reference (1 for `type T U`'s U in a field). */
  level: number;
}

/** The named types of `members` that `t` refers to, walking its unnamed structure (at most
 * `maxTypeNesting` levels deep, as `typeFromNode` built it). */
function refsOf(t: GoType | undefined, members: ReadonlySet<GoType>, byValue: boolean, level = 1, out: Ref[] = []): Ref[] {
  if (t === undefined) return out;
  switch (t.kind) {
    case 'named':
      if (members.has(t)) out.push({ to: t, level });
      break;
    case 'array':
      refsOf(t.elem, members, byValue, level + 1, out);
      break;
    case 'struct':
      for (const f of t.fields) refsOf(f.type, members, byValue, level + 1, out);
      break;
    case 'pointer':
    case 'slice':
    case 'chan':
      if (!byValue) refsOf(t.elem, members, byValue, level + 1, out);
      break;
    case 'map':
      if (!byValue) {
        refsOf(t.key, members, byValue, level + 1, out);
        refsOf(t.elem, members, byValue, level + 1, out);
      }
      break;
  }
  return out;
}

/** Levels of `t`'s own unnamed structure. */
function ownDepth(t: GoType | undefined): number {
  if (t === undefined) return 0;
  switch (t.kind) {
    case 'array': case 'pointer': case 'slice': case 'chan': return 1 + ownDepth(t.elem);
    case 'map': return 1 + Math.max(ownDepth(t.key), ownDepth(t.elem));
    case 'struct': return 1 + t.fields.reduce((m, f) => Math.max(m, ownDepth(f.type)), 0);
    default: return 1;
  }
}

/**
 * The cycles of named types holding themselves by value: each as its members, first declared
 * first (`named` is in declaration order). Tarjan's algorithm with an explicit stack.
 */
export function recursiveCycles(named: readonly Named[]): Named[][] {
  const members = new Set<GoType>(named);
  const order = new Map(named.map((n, i) => [n, i]));
  const edges = new Map<Named, Named[]>();
  const edgesOf = (n: Named): Named[] => {
    let e = edges.get(n);
    if (!e) edges.set(n, (e = refsOf(n.underlying, members, true).map((r) => r.to)));
    return e;
  };
  const index = new Map<Named, number>();
  const low = new Map<Named, number>();
  const onStack = new Set<Named>();
  const stack: Named[] = [];
  const cycles: Named[][] = [];
  const visit = (n: Named, work: Array<{ n: Named; i: number }>) => {
    index.set(n, index.size);
    low.set(n, index.get(n)!);
    stack.push(n);
    onStack.add(n);
    work.push({ n, i: 0 });
  };
  for (const root of named) {
    if (index.has(root)) continue;
    const work: Array<{ n: Named; i: number }> = [];
    visit(root, work);
    while (work.length > 0) {
      const f = work[work.length - 1];
      const next = edgesOf(f.n);
      if (f.i < next.length) {
        const w = next[f.i++];
        if (!index.has(w)) visit(w, work);
        else if (onStack.has(w)) low.set(f.n, Math.min(low.get(f.n)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].n;
        low.set(parent, Math.min(low.get(parent)!, low.get(f.n)!));
      }
      if (low.get(f.n) !== index.get(f.n)) continue;
      const component: Named[] = [];
      let w: Named;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== f.n);
      if (component.length > 1 || edgesOf(f.n).includes(f.n)) cycles.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
    }
  }
  return cycles;
}

/** How deep each of `named` nests through the named types it refers to (see the header). */
export function nestingDepths(named: readonly Named[]): Map<Named, number> {
  const members = new Set<GoType>(named);
  const depth = new Map<Named, number>();
  const active = new Set<Named>();
  for (const root of named) {
    if (depth.has(root)) continue;
    const work: Array<{ n: Named; refs: Ref[]; i: number }> = [{ n: root, refs: refsOf(root.underlying, members, false), i: 0 }];
    active.add(root);
    while (work.length > 0) {
      const f = work[work.length - 1];
      if (f.i < f.refs.length) {
        const r = f.refs[f.i++];
        if (!depth.has(r.to) && !active.has(r.to)) {
          active.add(r.to);
          work.push({ n: r.to, refs: refsOf(r.to.underlying, members, false), i: 0 });
        }
        continue;
      }
      work.pop();
      active.delete(f.n);
      // A reference still being walked (a cycle, behind a pointer) counts as its own level only.
      depth.set(f.n, f.refs.reduce((m, r) => Math.max(m, r.level + (depth.get(r.to) ?? 0)), ownDepth(f.n.underlying)));
    }
  }
  return depth;
}
