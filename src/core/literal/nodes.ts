/**
 * Small helpers over tree-sitter Go nodes shared by the checker.
 */
import type { SyntaxNode } from '../go/parser';

/** The named children that are not comments. */
export function kids(n: SyntaxNode): SyntaxNode[] {
  return n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
}

/** Strips literal_element wrappers and parentheses (`unparen`). */
export function unparen(n: SyntaxNode): SyntaxNode {
  while (n.type === 'parenthesized_expression' || n.type === 'literal_element') {
    const c = kids(n)[0];
    if (!c) break;
    n = c;
  }
  return n;
}
