/**
 * Type expressions typed by a user (`map[string][]Order`, `[16]byte`): tree-sitter parses them
 * wrapped as `package p\ntype _ <expr>`, and every error is mapped back to the 1-based column
 * within the expression (line 1; later lines of a multi-line expression keep their own columns).
 */
import { Parser } from 'web-tree-sitter';
import { SyntaxNode, loadGoParser } from '../go/parser';
import { firstSyntaxError } from './declarations';
import { GoTypeError } from './errors';
import { kids, typeFromNode } from './fromnode';
import { GoType } from './gotype';
import { TypeScope, universe } from './scope';

const prefix = 'package p\ntype _ ';
/** The expression starts on tree row 1 (0-based), after `type _ `. */
const exprRow = 1;
const exprColumn = 'type _ '.length;

/** Maps a tree position inside the wrapper back into the user's expression. */
function toExpr(e: GoTypeError): GoTypeError {
  if (e.file !== undefined || e.line === 0) return e; // a declaration's error: keep its file position
  const row = e.line - 1;
  const line = row - exprRow + 1;
  const column = row === exprRow ? Math.max(1, e.column - exprColumn) : e.column;
  return new GoTypeError(e.message, Math.max(1, line), column);
}

/** An error at a character offset of the expression. */
function errorAtOffset(expr: string, offset: number, message: string): GoTypeError {
  const before = expr.slice(0, offset).split('\n');
  return new GoTypeError(message, before.length, before[before.length - 1].length + 1);
}

/** Finds the type node of `type _ <expr>`, or explains what is wrong with the syntax. */
function typeNodeOf(root: SyntaxNode, expr: string): SyntaxNode {
  const end = prefix.length + expr.trimEnd().length;
  const endError = () => errorAtOffset(expr, expr.trimEnd().length, 'unexpected end of type expression');
  if (expr.trim() === '') throw new GoTypeError('empty type expression', 1, 1);
  const decl = kids(root, true).find((c) => c.type === 'type_declaration');
  const spec = decl && kids(decl, true)[0];
  const typeNode = spec?.childForFieldName('type') ?? undefined;
  if (typeNode && !spec!.hasError && typeNode.endIndex < end) {
    // A complete type followed by more text: `map[int]int)`, `[]int{}`.
    const rest = expr.slice(typeNode.endIndex - prefix.length);
    const at = typeNode.endIndex - prefix.length + (rest.length - rest.trimStart().length);
    throw errorAtOffset(expr, at, `syntax error: unexpected ${rest.trim().split(/\s/)[0]} after type`);
  }
  const err = firstSyntaxError(root, undefined, 'unexpected end of type expression');
  if (err) throw toExpr(err);
  if (!typeNode) throw endError();
  return typeNode;
}

/** Parses a type expression with a loaded parser. Throws `GoTypeError` with the column in `expr`. */
export function parseTypeExprWith(parser: Parser, expr: string, scope: TypeScope = universe): GoType {
  const tree = parser.parse(prefix + expr + '\n');
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const node = typeNodeOf(tree.rootNode, expr);
    try {
      return typeFromNode(node, scope, { reposition: toExpr });
    } catch (e) {
      throw e instanceof GoTypeError ? toExpr(e) : e;
    }
  } finally {
    tree.delete();
  }
}

/** Parses a type expression such as `map[string][]int`, names resolved in `scope`. */
export async function parseTypeExpr(expr: string, scope: TypeScope = universe): Promise<GoType> {
  return parseTypeExprWith(await loadGoParser(), expr, scope);
}
