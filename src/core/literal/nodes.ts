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

/**
 * The nodes enclosing `node`, the root first (`node` not included). tree-sitter finds `parent` by
 * walking down from the root, so a loop of `.parent` costs the square of the depth (minutes for a
 * chain of 10^5 func literals); a cursor walks down once.
 */
export function ancestorsOf(node: SyntaxNode): SyntaxNode[] {
  const c = node.tree.rootNode.walk();
  const out: SyntaxNode[] = [];
  const isNode = () => c.startIndex === node.startIndex && c.endIndex === node.endIndex && c.nodeType === node.type;
  try {
    for (;;) {
      const here = c.currentNode;
      if (here.id === node.id) return out;
      out.push(here);
      // Down to the first child ending after node's start: it holds node, or is it.
      // (`gotoFirstChildForIndex` of this web-tree-sitter does not read its goal.)
      if (!c.gotoFirstChild()) return parentWalk(node);
      while (c.endIndex <= node.startIndex && !isNode()) {
        if (!c.gotoNextSibling()) return parentWalk(node);
      }
      if (c.startIndex > node.startIndex) return parentWalk(node);
    }
  } finally {
    c.delete();
  }
}

/** `.parent` up to the root (for the odd node the cursor cannot reach: a zero-width one). */
function parentWalk(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let a = node.parent; a; a = a.parent) out.unshift(a);
  return out;
}
