/**
 * Expressions printed the way the compiler quotes them in messages: `syntax.String` (Go 1.19
 * `cmd/compile/internal/syntax/printer.go`, ShortForm) over tree-sitter nodes. Binary operators get
 * one blank on each side (`1 << 10`), unary ones none (`-5`), literals are shown as written, and a
 * composite literal's elements are elided (`P{…}`, `{}` when empty).
 */
import type { SyntaxNode } from '../go/parser';

/** Deeper than this, a message shows `…`: it names an expression, it need not spell it out. */
const maxShown = 50;

export function exprString(n: SyntaxNode, depth = 0): string {
  if (depth > maxShown) return '…';
  const sub = (c: SyntaxNode) => exprString(c, depth + 1);
  switch (n.type) {
    case 'parenthesized_expression':
    case 'parenthesized_type':
      return `(${inner(n, depth)})`;
    case 'unary_expression': {
      // The parser drops the parentheses of &(x).
      let operand = n.childForFieldName('operand')!;
      while (field(n, 'operator') === '&' && operand.type === 'parenthesized_expression' && operand.namedChildren[0]) operand = operand.namedChildren[0];
      return field(n, 'operator') + sub(operand);
    }
    case 'binary_expression':
      return `${sub(n.childForFieldName('left')!)} ${field(n, 'operator')} ${sub(n.childForFieldName('right')!)}`;
    case 'call_expression': {
      const args = n.childForFieldName('arguments');
      return sub(n.childForFieldName('function')!) + (args ? argumentList(args, depth) : '()');
    }
    case 'type_conversion_expression':
      return `${sub(n.childForFieldName('type')!)}(${sub(n.childForFieldName('operand')!)})`;
    case 'selector_expression':
      return `${sub(n.childForFieldName('operand')!)}.${field(n, 'field')}`;
    case 'index_expression':
      return `${sub(n.childForFieldName('operand')!)}[${sub(n.childForFieldName('index')!)}]`;
    case 'composite_literal': {
      const type = n.childForFieldName('type');
      return (type ? sub(type) : '') + elided(n.childForFieldName('body'));
    }
    case 'literal_value':
      return elided(n);
    case 'literal_element':
      return inner(n, depth);
    case 'keyed_element':
      return `${sub(n.namedChildren[0]!)}: ${sub(n.namedChildren[1]!)}`;
    case 'func_literal': {
      const body = n.childForFieldName('body');
      const hasStmts = body !== null && body.namedChildren.some((c) => c !== null && c.type !== 'comment');
      return `func${signature(n)} {${hasStmts ? '…' : ''}}`;
    }
    case 'map_type':
      return `map[${sub(n.childForFieldName('key')!)}]${sub(n.childForFieldName('value')!)}`;
    case 'array_type':
      return `[${sub(n.childForFieldName('length')!)}]${sub(n.childForFieldName('element')!)}`;
    case 'implicit_length_array_type':
      return `[...]${sub(n.childForFieldName('element')!)}`;
    case 'slice_type':
      return `[]${sub(n.childForFieldName('element')!)}`;
    case 'pointer_type':
      return '*' + sub(n.namedChildren[0]!);
    case 'qualified_type':
      return `${field(n, 'package')}.${field(n, 'name')}`;
    case 'generic_type':
      return sub(n.childForFieldName('type')!) + `[${(n.childForFieldName('type_arguments')?.namedChildren ?? []).map((c) => sub(c!)).join(', ')}]`;
    case 'type_elem':
      return n.namedChildren.map((c) => sub(c!)).join(' | ');
    case 'func_type':
      return 'func' + signature(n);
    case 'struct_type': {
      // struct{A, B int; C string}: the printer's field list, without blanks inside the braces.
      const list = n.namedChildren.find((c) => c?.type === 'field_declaration_list');
      const fields = (list?.namedChildren ?? []).filter((c): c is SyntaxNode => c?.type === 'field_declaration').map((f) => {
        const names = f.childrenForFieldName('name').filter((x): x is SyntaxNode => x !== null).map((x) => x.text);
        const type = f.childForFieldName('type');
        const star = f.children.some((c) => c?.type === '*') ? '*' : '';
        const typeText = type ? star + sub(type) : '';
        const tag = f.childForFieldName('tag');
        return (names.length > 0 ? `${names.join(', ')} ${typeText}` : typeText) + (tag ? ' ' + tag.text : '');
      });
      return `struct{${fields.join('; ')}}`;
    }
    case 'int_literal': case 'float_literal': case 'imaginary_literal': case 'rune_literal':
    case 'interpreted_string_literal': case 'raw_string_literal':
      return n.text; // as written, newlines of raw strings included
    default:
      return n.text.replace(/\s+/g, ' ');
  }
}

function inner(n: SyntaxNode, depth = 0): string {
  const c = n.namedChildren.find((x) => x !== null && x.type !== 'comment');
  return c ? exprString(c, depth + 1) : '';
}

function field(n: SyntaxNode, name: string): string {
  return n.childForFieldName(name)?.text ?? '';
}

function argumentList(args: SyntaxNode, depth: number): string {
  const items = args.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const dots = items.length > 0 && items[items.length - 1].type === 'variadic_argument';
  const parts = items.map((c) => (c.type === 'variadic_argument' ? inner(c, depth) : exprString(c, depth + 1)));
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
