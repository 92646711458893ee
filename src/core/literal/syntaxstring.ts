/**
 * Expressions printed the way the compiler quotes them in messages: `syntax.String` (Go 1.19
 * `cmd/compile/internal/syntax/printer.go`, ShortForm) over tree-sitter nodes. Binary operators get
 * one blank on each side (`1 << 10`), unary ones none (`-5`), literals are shown as written, and a
 * composite literal's elements are elided (`P{…}`, `{}` when empty).
 */
import type { SyntaxNode } from '../go/parser';

export function exprString(n: SyntaxNode): string {
  switch (n.type) {
    case 'parenthesized_expression':
    case 'parenthesized_type':
      return `(${inner(n)})`;
    case 'unary_expression':
      return field(n, 'operator') + exprString(n.childForFieldName('operand')!);
    case 'binary_expression':
      return `${exprString(n.childForFieldName('left')!)} ${field(n, 'operator')} ${exprString(n.childForFieldName('right')!)}`;
    case 'call_expression': {
      const args = n.childForFieldName('arguments');
      return exprString(n.childForFieldName('function')!) + (args ? argumentList(args) : '()');
    }
    case 'type_conversion_expression':
      return `${exprString(n.childForFieldName('type')!)}(${exprString(n.childForFieldName('operand')!)})`;
    case 'selector_expression':
      return `${exprString(n.childForFieldName('operand')!)}.${field(n, 'field')}`;
    case 'index_expression':
      return `${exprString(n.childForFieldName('operand')!)}[${exprString(n.childForFieldName('index')!)}]`;
    case 'composite_literal': {
      const type = n.childForFieldName('type');
      return (type ? exprString(type) : '') + elided(n.childForFieldName('body'));
    }
    case 'literal_value':
      return elided(n);
    case 'literal_element':
      return inner(n);
    case 'keyed_element':
      return `${exprString(n.namedChildren[0]!)}: ${exprString(n.namedChildren[1]!)}`;
    case 'func_literal': {
      const body = n.childForFieldName('body');
      const hasStmts = body !== null && body.namedChildren.some((c) => c !== null && c.type !== 'comment');
      return `func${signature(n)} {${hasStmts ? '…' : ''}}`;
    }
    case 'map_type':
      return `map[${exprString(n.childForFieldName('key')!)}]${exprString(n.childForFieldName('value')!)}`;
    case 'array_type':
      return `[${exprString(n.childForFieldName('length')!)}]${exprString(n.childForFieldName('element')!)}`;
    case 'implicit_length_array_type':
      return `[...]${exprString(n.childForFieldName('element')!)}`;
    case 'slice_type':
      return `[]${exprString(n.childForFieldName('element')!)}`;
    case 'pointer_type':
      return '*' + exprString(n.namedChildren[0]!);
    case 'qualified_type':
      return `${field(n, 'package')}.${field(n, 'name')}`;
    case 'generic_type':
      return exprString(n.childForFieldName('type')!) + `[${(n.childForFieldName('type_arguments')?.namedChildren ?? []).map((c) => exprString(c!)).join(', ')}]`;
    case 'type_elem':
      return n.namedChildren.map((c) => exprString(c!)).join(' | ');
    case 'func_type':
      return 'func' + signature(n);
    default:
      return n.text.replace(/\s+/g, ' ');
  }
}

function inner(n: SyntaxNode): string {
  const c = n.namedChildren.find((x) => x !== null && x.type !== 'comment');
  return c ? exprString(c) : '';
}

function field(n: SyntaxNode, name: string): string {
  return n.childForFieldName(name)?.text ?? '';
}

function argumentList(args: SyntaxNode): string {
  const items = args.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const dots = items.length > 0 && items[items.length - 1].type === 'variadic_argument';
  const parts = items.map((c) => (c.type === 'variadic_argument' ? inner(c) : exprString(c)));
  return `(${parts.join(', ')}${dots ? '...' : ''})`;
}

function elided(body: SyntaxNode | null): string {
  const hasElems = body !== null && body.namedChildren.some((c) => c !== null && c.type !== 'comment');
  return hasElems ? '{…}' : '{}';
}

function signature(n: SyntaxNode): string {
  const params = n.childForFieldName('parameters')?.text ?? '()';
  const result = n.childForFieldName('result');
  return params.replace(/\s+/g, ' ') + (result ? ' ' + result.text.replace(/\s+/g, ' ') : '');
}
