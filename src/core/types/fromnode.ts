/**
 * From tree-sitter Go syntax to `GoType`: `typeFromNode` reads any type node of the grammar
 * (`type_identifier`, `qualified_type`, `pointer_type`, `array_type`, `slice_type`, `map_type`,
 * `channel_type`, `function_type`, `interface_type`, `struct_type`, `parenthesized_type`) and
 * looks names up in a `TypeScope`. Array lengths are integer constant expressions, evaluated
 * exactly (BigInt) by `constValue`, with the file's `const` declarations and `iota`.
 *
 * What the gc compiler would reject is rejected here with its message ("undefined: T",
 * "invalid map key type K", "invalid array length"), at the node's position. An array too large
 * for the target is refused where it is laid out for one GOARCH (`size.ts`).
 */
import type { SyntaxNode } from '../go/parser';
import { GoTypeError, TypeTooLargeError } from './errors';
import { noteLengthNotInt32 } from './size';
import { GoType, InterfaceMethod, StructField } from './gotype';
import { comparable } from './predicates';
import { TypeScope, brokenTypeError, universe } from './scope';
import { typeString } from './print';
import { exprString } from '../literal/syntaxstring';

export interface FromNodeOptions {
  /** The file the node's positions refer to, for errors (undefined: the tree the caller parsed). */
  file?: string;
  /** The value of `iota` inside a const declaration. */
  iota?: bigint;
  /** Maps a position in the tree to the one errors report (a type expression's own column), for
   * errors kept to be raised later. */
  reposition?: (e: GoTypeError) => GoTypeError;
}

/** The non-null children of a node (web-tree-sitter may hand out nulls). */
export function kids(node: SyntaxNode, namedOnly = false): SyntaxNode[] {
  return (namedOnly ? node.namedChildren : node.children).filter((c): c is SyntaxNode => c !== null);
}

function field(node: SyntaxNode, name: string, opts: FromNodeOptions): SyntaxNode {
  const c = node.childForFieldName(name);
  if (!c) throw GoTypeError.at(node, `malformed ${node.type}: no ${name}`, opts.file);
  return c;
}

/** Re-throws an error without a position at `node`. */
function placed<T>(node: SyntaxNode, opts: FromNodeOptions, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof GoTypeError && e.line === 0) throw GoTypeError.at(node, e.message, opts.file);
    throw e;
  }
}

/** Looks a type name up; a declared type whose declaration failed throws that declaration's error. */
function lookupTypeName(name: string, node: SyntaxNode, scope: TypeScope, opts: FromNodeOptions): GoType {
  const entry = scope.lookupType(name);
  if (!entry) throw GoTypeError.at(node, `undefined: ${name}`, opts.file);
  const t = placed(node, opts, () => entry.get());
  const broken = brokenTypeError(t);
  if (broken) throw broken;
  return t;
}

/** types2 wants an array length representable as `int`: at most `max int64`, and on 386 and arm
 * `max int32`, which only the layout for such a target can check (`noteLengthNotInt32`). */
const maxInt64 = (1n << 63n) - 1n;
const maxInt32 = (1n << 31n) - 1n;

/**
 * The GoType a tree-sitter type node denotes in `scope`. Throws `GoTypeError` positioned at the
 * offending node (unknown names, non-constant or negative array lengths, non-comparable map keys,
 * generic instantiations, constraint interfaces used as types).
 */
export function typeFromNode(node: SyntaxNode, scope: TypeScope = universe, opts: FromNodeOptions = {}): GoType {
  return nested(node, opts, 'type', () => typeAt(node, scope, opts));
}

/**
 * The deepest nesting read (types, and constant expressions inside array lengths): a type or an
 * expression 10^5 levels deep is refused where it crosses this, instead of exhausting the stack
 * (README, "Limits on input"; the literal evaluator's `maxNesting` is the same 400).
 */
export const maxTypeNesting = 400;
let depth = 0;

/** Runs `f` one level deeper, refusing at `node` past `maxTypeNesting`. */
function nested<T>(node: SyntaxNode, opts: FromNodeOptions, what: string, f: () => T): T {
  if (depth >= maxTypeNesting) throw GoTypeError.at(node, `${what} nested more than ${maxTypeNesting} levels deep`, opts.file);
  depth++;
  try {
    return f();
  } finally {
    depth--;
  }
}

function typeAt(node: SyntaxNode, scope: TypeScope, opts: FromNodeOptions): GoType {
  switch (node.type) {
    case 'type_identifier':
      return lookupTypeName(node.text, node, scope, opts);
    case 'qualified_type':
      return lookupTypeName(
        `${field(node, 'package', opts).text}.${field(node, 'name', opts).text}`,
        node,
        scope,
        opts,
      );
    case 'parenthesized_type': {
      const inner = kids(node, true)[0];
      if (!inner) throw GoTypeError.at(node, 'missing type in parentheses', opts.file);
      return typeFromNode(inner, scope, opts);
    }
    case 'pointer_type': {
      const inner = kids(node, true)[0];
      if (!inner) throw GoTypeError.at(node, 'missing pointer element type', opts.file);
      return { kind: 'pointer', elem: typeFromNode(inner, scope, opts) };
    }
    case 'slice_type':
      return { kind: 'slice', elem: typeFromNode(field(node, 'element', opts), scope, opts) };
    case 'array_type': {
      const lenNode = field(node, 'length', opts);
      const n = constValue(lenNode, scope, opts);
      if (n < 0n) {
        const value = lenNode.text === String(n) ? '' : ` (${n})`;
        throw GoTypeError.at(lenNode, `invalid array length ${lenNode.text}${value}: must not be negative`, opts.file);
      }
      // types2 (Go 1.19's words; 1.26 says `invalid array length 1 << 63 (untyped int constant ...)`).
      const notInt = () => `array length ${exprString(lenNode)} (untyped int constant ${n}) must be integer`;
      if (n > maxInt64) throw GoTypeError.at(lenNode, notInt(), opts.file);
      const t: GoType = { kind: 'array', len: Number(n), elem: typeFromNode(field(node, 'element', opts), scope, opts) };
      if (n > maxInt32) {
        const at = (opts.reposition ?? ((e) => e))(GoTypeError.at(lenNode, '', opts.file));
        noteLengthNotInt32(t, new TypeTooLargeError(notInt(), at.line, at.column, at.file));
      }
      return t;
    }
    case 'implicit_length_array_type':
      throw GoTypeError.at(node, 'invalid use of [...] array (outside a composite literal)', opts.file);
    case 'map_type': {
      const keyNode = field(node, 'key', opts);
      const key = typeFromNode(keyNode, scope, opts);
      const elem = typeFromNode(field(node, 'value', opts), scope, opts);
      checkMapKey(key, keyNode, opts);
      return { kind: 'map', key, elem };
    }
    case 'channel_type': {
      const tokens = kids(node).map((c) => c.type);
      const dir = tokens[0] === '<-' ? 'recv' : tokens[1] === '<-' ? 'send' : 'both';
      return { kind: 'chan', dir, elem: typeFromNode(field(node, 'value', opts), scope, opts) };
    }
    case 'function_type':
      return { kind: 'func', signature: collapse(node.text.replace(/^func\s*/, '')) };
    case 'interface_type':
      return interfaceFromNode(node, scope, opts);
    case 'struct_type':
      return structFromNode(node, scope, opts);
    case 'generic_type':
      throw GoTypeError.at(node, `generic type ${node.text} is not supported (instantiate it by hand)`, opts.file);
    case 'negated_type':
      throw GoTypeError.at(node, `${node.text} is a type constraint, not a type`, opts.file);
    default:
      throw GoTypeError.at(node, `expected a type, found ${describeNode(node)}`, opts.file);
  }
}

/** Go rejects `map[K]V` with a K that is not comparable; so do we, at the key's position. */
function checkMapKey(key: GoType, keyNode: SyntaxNode, opts: FromNodeOptions): void {
  let c;
  try {
    c = comparable(key);
  } catch {
    return; // a named type still being declared: the declaration pass checks it afterwards
  }
  if (!c.ok) throw GoTypeError.at(keyNode, `invalid map key type ${typeString(key)}: ${c.reason}`, opts.file);
}

function describeNode(node: SyntaxNode): string {
  if (node.isMissing) return `nothing (missing ${node.type})`;
  return node.text.length <= 20 ? `${node.text}` : node.type;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function structFromNode(node: SyntaxNode, scope: TypeScope, opts: FromNodeOptions): GoType {
  const fields: StructField[] = [];
  const seen = new Set<string>();
  const list = kids(node, true).find((c) => c.type === 'field_declaration_list');
  for (const decl of list ? kids(list, true) : []) {
    if (decl.type !== 'field_declaration') continue;
    const typeNode = field(decl, 'type', opts);
    const names = decl.childrenForFieldName('name').filter((n): n is SyntaxNode => n?.type === 'field_identifier');
    const type = typeFromNode(typeNode, scope, opts);
    const add = (name: string, at: SyntaxNode, f: StructField) => {
      if (name !== '_' && seen.has(name)) throw GoTypeError.at(at, `duplicate field ${name}`, opts.file);
      seen.add(name);
      fields.push(f);
    };
    if (names.length === 0) {
      // Embedded field `T`, `*T` or `pkg.T`: its name is the type's name without package.
      const pointer = kids(decl).some((c) => c.type === '*');
      const name = typeNode.type === 'qualified_type' ? field(typeNode, 'name', opts).text : typeNode.text;
      add(name, typeNode, { name, type: pointer ? { kind: 'pointer', elem: type } : type, embedded: true });
    } else {
      for (const n of names) add(n.text, n, { name: n.text, type, embedded: false });
    }
  }
  return { kind: 'struct', fields };
}

function interfaceFromNode(node: SyntaxNode, scope: TypeScope, opts: FromNodeOptions): GoType {
  const methods: InterfaceMethod[] = [];
  const embeds: string[] = [];
  for (const elem of kids(node, true)) {
    if (elem.type === 'method_elem') {
      const name = field(elem, 'name', opts).text;
      methods.push({ name, signature: collapse(elem.text.slice(elem.text.indexOf(name) + name.length)) });
    } else if (elem.type === 'type_elem') {
      const terms = kids(elem, true);
      const t = terms.length === 1 ? typeFromNode(terms[0], scope, opts) : undefined;
      const isInterface = t !== undefined && (t.kind === 'interface' || (t.kind === 'named' && (t.underlying === undefined || t.underlying.kind === 'interface')));
      if (!isInterface) {
        throw GoTypeError.at(elem, `interface contains type constraints (${collapse(elem.text)}); it can only be used as a constraint`, opts.file);
      }
      embeds.push(collapse(elem.text));
    }
  }
  return { kind: 'interface', methods, embeds };
}

// ---- constant expressions (array lengths) ----

const binaryOps: Record<string, (a: bigint, b: bigint) => bigint> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b, // BigInt division truncates toward zero, like Go's integer division
  '%': (a, b) => a % b,
  '<<': (a, b) => a << b,
  '>>': (a, b) => a >> b,
  '&': (a, b) => a & b,
  '|': (a, b) => a | b,
  '^': (a, b) => a ^ b,
  '&^': (a, b) => a & ~b,
};

/** Go integer literal text (`1_000`, `0x1F`, `0o17`, `017`, `0b101`) to its value. */
export function parseIntLiteral(text: string): bigint {
  const s = text.replace(/_/g, '');
  if (/^0[0-7]+$/.test(s)) return BigInt('0o' + s.slice(1)); // legacy octal
  return BigInt(s);
}

const runeEscapes: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39 };

function runeValue(text: string): bigint | undefined {
  const body = text.slice(1, -1);
  if ([...body].length === 1 && body !== '\\') return BigInt(body.codePointAt(0)!);
  if (body.length === 2 && body[0] === '\\' && body[1] in runeEscapes) return BigInt(runeEscapes[body[1]]);
  const m = /^\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{3}))$/.exec(body);
  if (m) return m[4] !== undefined ? BigInt('0o' + m[4]) : BigInt('0x' + (m[1] ?? m[2] ?? m[3]));
  return undefined;
}

/**
 * The value of an integer constant expression: literals, `const` names of the scope, `iota`,
 * parentheses, unary `+ - ^` and the binary integer operators.
 */
export function constValue(node: SyntaxNode, scope: TypeScope, opts: FromNodeOptions = {}): bigint {
  return nested(node, opts, 'constant expression', () => constAt(node, scope, opts));
}

function constAt(node: SyntaxNode, scope: TypeScope, opts: FromNodeOptions): bigint {
  const fail = (msg: string): never => {
    throw GoTypeError.at(node, msg, opts.file);
  };
  switch (node.type) {
    case 'int_literal':
      return parseIntLiteral(node.text);
    case 'float_literal': {
      const v = Number(node.text.replace(/_/g, ''));
      if (!Number.isInteger(v)) fail(`${node.text} (untyped float constant) truncated to integer`);
      return BigInt(v);
    }
    case 'rune_literal':
      return runeValue(node.text) ?? fail(`unsupported rune literal ${node.text}`);
    case 'iota':
      return opts.iota ?? fail('cannot use iota outside constant declaration');
    case 'identifier': {
      const c = scope.lookupConst(node.text);
      if (!c) return fail(`undefined: ${node.text} (array lengths must be constants declared in the same file)`);
      return placed(node, opts, () => c.value());
    }
    case 'parenthesized_expression': {
      const inner = kids(node, true)[0];
      return inner ? constValue(inner, scope, opts) : fail('empty parentheses');
    }
    case 'unary_expression': {
      const op = field(node, 'operator', opts).type;
      const v = constValue(field(node, 'operand', opts), scope, opts);
      if (op === '-') return -v;
      if (op === '+') return v;
      if (op === '^') return ~v;
      return fail(`operator ${op} not defined on integer constants`);
    }
    case 'binary_expression': {
      const op = field(node, 'operator', opts).type;
      const f = binaryOps[op];
      if (!f) return fail(`operator ${op} does not give an integer constant`);
      const a = constValue(field(node, 'left', opts), scope, opts);
      const b = constValue(field(node, 'right', opts), scope, opts);
      if ((op === '/' || op === '%') && b === 0n) fail('invalid operation: division by zero');
      if ((op === '<<' || op === '>>') && (b < 0n || b > 1024n)) fail(`invalid shift count ${b}`);
      return f(a, b);
    }
    default:
      return fail(`array length ${node.text} must be an integer constant expression`);
  }
}
