/**
 * The checker: Go 1.19 `types2` cut down to what a map literal can contain, evaluating as it
 * checks. It follows the compiler function by function (`exprInternal`, `unary`, `binary`,
 * `shift`, `comparison`, `conversion`, `assignment`, `implicitTypeAndValue`, `representable`;
 * composite literals in composite.ts) so that it accepts, rejects and words errors as `go build`
 * does (the gc compiler runs types2 with `CompilerErrorMessages`), at the same positions: an
 * operand's errors at the start of its expression, overflow of an operation at its operator, a
 * keyed element's at its colon, a missing struct value at the closing brace.
 *
 * Operands carry types2's modes (constant, value, nil, typexpr, builtin) plus our own `unknown`:
 * something valid Go we will not guess (a variable, a function call), named once where it occurs
 * and otherwise treated like an invalid operand so it causes no follow-on errors. A `value`
 * operand (a composite literal, a conversion) carries its evaluated GoValue, or none when a part
 * of it was unknown or wrong.
 */
import type { SyntaxNode } from '../go/parser';
import type { GoArch } from '../maptype';
import { GoType, GoTypeError, brokenTypeError, typeFromNode } from '../types';
import {
  BinaryOperator, ComparisonOperator, Value, binaryOp, bitLen, compare, float32Val, float64Val, imag,
  kindOf, makeBool, makeFloat64, makeImag, makeInt, makeString, real,
  shift as constShift, sign, toComplex, toFloat, toInt, unaryOp, unknown, valueString,
} from './constant';
import { ConstDecl, Env } from './env';
import { encodeRune, maxRune, runes } from './gostring';
import {
  OpType, Untyped, basic, basicSize, comparable, defaultType, hasNil, identical, isBoolean, isComplex,
  isConstType, isEmptyInterface, isFloat, isInteger, isInterface, isNamed, isNumeric, isOrdered, isString,
  isUnsigned, isUntyped, typeString, under, untyped,
} from './gotypes';
import { LiteralKind, literalValue } from './lexical';
import { compositeLit } from './composite';
import { LiteralError, SourceText } from './position';
import { kids, unparen } from './nodes';
import { Mode, Operand, failed, invalidArg, invalidOp, modeString } from './operand';
import { exprString } from './syntaxstring';
import { Outcome, asOperandOf, binaryValue, compareValues } from './valueops';
import { GoValue } from './value';

/** Constant shift counts beyond this are refused (so that 1<<1074 reaches the smallest float64). */
const shiftBound = 1023 - 1 + 52;
const numberLiteralLimit = 10000;
/** Expressions nested deeper than this are not evaluated (real code stays far below). */
export const maxNesting = 400;

const builtins = new Set([
  'append', 'cap', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'new', 'panic',
  'print', 'println', 'real', 'recover',
]);
const builtinArgs: Record<string, number> = { len: 1, cap: 1, real: 1, imag: 1, complex: 2 };

const literalKinds: Record<string, LiteralKind> = {
  int_literal: 'int', float_literal: 'float', imaginary_literal: 'imag', rune_literal: 'rune',
  interpreted_string_literal: 'string', raw_string_literal: 'string',
};
const literalTypes: Record<LiteralKind, Untyped['name']> = {
  int: 'int', float: 'float', imag: 'complex', rune: 'rune', string: 'string',
};

const typeNodes = new Set([
  'map_type', 'array_type', 'implicit_length_array_type', 'slice_type', 'pointer_type', 'struct_type',
  'interface_type', 'function_type', 'channel_type', 'qualified_type', 'type_identifier',
  'parenthesized_type', 'generic_type',
]);

export class Checker {
  /** The compiler's errors, in the order found. */
  readonly errors: LiteralError[] = [];
  /** What we would not evaluate (a variable, a call), each named where it occurs. */
  readonly unevaluable: LiteralError[] = [];
  /** The value of iota while a constant declaration is evaluated. */
  private iota: number | undefined;
  /** Where errors go while an inherited initializer is evaluated: the constant's name. */
  private errpos: number | undefined;
  private readonly consts = new Map<ConstDecl, Operand | 'active'>();
  /** How deep rawExpr is nested now: beyond maxNesting we stop rather than exhaust the stack. */
  private depth = 0;

  constructor(
    private readonly src: SourceText,
    readonly arch: GoArch,
    /** The package blocks of the standard packages we know (stdpkg.ts), by import path. */
    private readonly packages: (path: string) => Env | undefined = () => undefined,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Errors

  /** Reports a compiler error at the start of a node, at an offset, or at an operand's expression. */
  error(at: SyntaxNode | Operand | number, message: string): void {
    const node = typeof at === 'number' ? undefined : 'mode' in at ? at.expr : at;
    const offset = this.errpos ?? (node ? startPos(node) : (at as number));
    const end = node ? node.endIndex : offset;
    this.errors.push(this.src.error(message, offset, end));
  }

  /** Records something we will not evaluate and returns the operand standing for it. */
  cannotEvaluate(e: SyntaxNode, what: string): Operand {
    this.unevaluable.push(this.src.error(`cannot evaluate: ${what}`, e.startIndex, e.endIndex));
    return this.operand('unknown', e, untyped('nil'));
  }

  /**
   * A non-constant operation on evaluated values (valueops.ts): a value operand of its type whose
   * value is computed as the program would, or named as something we do not evaluate.
   */
  private runtimeValue(e: SyntaxNode, type: OpType, r: Outcome<GoValue> | undefined): Operand {
    if (r && !r.ok) this.unevaluable.push(this.src.error(`cannot evaluate: ${r.why}`, e.startIndex, e.endIndex));
    return { ...this.operand('value', e, type), value: r?.ok ? r.value : undefined, dynamic: true };
  }

  /** An operand's value beside the other operand of a binary operation (interfaces wrap the other side). */
  private operandValue(x: Operand, other: Operand): GoValue | undefined {
    const t = defaultType(x.type) as GoType;
    const v = x.mode === 'nil' ? ({ kind: 'nil' } as GoValue) : x.mode === 'constant' ? constantValue(x.val, x.type) : x.value;
    return v && asOperandOf(v, t, other.type as GoType);
  }

  operand(mode: Mode, expr: SyntaxNode, type: OpType, val: Value = unknown): Operand {
    return { mode, expr, type, val };
  }

  invalid(e: SyntaxNode): Operand {
    return this.operand('invalid', e, untyped('nil'));
  }

  /** `operandString`: how the compiler shows an operand, e.g. `300 (untyped int constant)`. */
  operandString(x: Operand): string {
    if (x.mode === 'nil') return x.type.kind === 'untyped' ? 'nil' : `nil (of type ${typeString(x.type)})`;
    const expr = exprString(x.expr);
    let s = expr + ' (';
    let hasType = false;
    if (x.mode !== 'invalid' && x.mode !== 'novalue' && x.mode !== 'builtin' && x.mode !== 'typexpr') {
      if (isUntyped(x.type)) s += typeString(x.type) + ' ';
      else hasType = true;
    }
    s += modeString[x.mode];
    if (x.mode === 'constant') {
      const v = valueString(x.val);
      if (v !== expr) s += ' ' + v;
    }
    if (hasType) s += ' of type ' + typeString(x.type);
    return s + ')';
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  /** `expr`: an expression that must be a single value (not a type, builtin or no value). */
  expr(e: SyntaxNode, env: Env, hint?: GoType): Operand {
    const x = this.rawExpr(e, env, hint);
    this.exclude(x, ['novalue', 'builtin', 'typexpr']);
    return x;
  }

  /** `exprOrType`: an expression or a type. */
  exprOrType(e: SyntaxNode, env: Env): Operand {
    const x = this.rawExpr(e, env, undefined);
    this.exclude(x, ['novalue']);
    return x;
  }

  exclude(x: Operand, modes: Mode[]): void {
    if (!modes.includes(x.mode)) return;
    const msg = x.mode === 'novalue' ? '%s used as value' : x.mode === 'builtin' ? '%s must be called' : '%s is not an expression';
    this.error(x, msg.replace('%s', this.operandString(x)));
    x.mode = 'invalid';
  }

  /** `rawExpr`/`exprInternal`: dispatch on the kind of expression. */
  rawExpr(e: SyntaxNode, env: Env, hint: GoType | undefined): Operand {
    if (this.depth >= maxNesting) return this.cannotEvaluate(e, `an expression nested more than ${maxNesting} levels deep`);
    this.depth++;
    try {
      return this.exprInternal(e, env, hint);
    } finally {
      this.depth--;
    }
  }

  private exprInternal(e: SyntaxNode, env: Env, hint: GoType | undefined): Operand {
    if (literalKinds[e.type]) return this.basicLit(e);
    if (typeNodes.has(e.type)) return this.typeOperand(e, env);
    switch (e.type) {
      case 'literal_element': {
        const inner = kids(e)[0];
        return inner ? this.rawExpr(inner, env, hint) : this.invalid(e);
      }
      case 'identifier': return this.ident(e, env);
      case 'true': case 'false': return this.operand('constant', e, untyped('bool'), makeBool(e.type === 'true'));
      case 'nil': return this.operand('nil', e, untyped('nil'));
      case 'iota':
        if (this.iota === undefined) {
          this.error(e, 'cannot use iota outside constant declaration');
          return this.invalid(e);
        }
        return this.operand('constant', e, untyped('int'), makeInt(BigInt(this.iota)));
      case 'parenthesized_expression': {
        const inner = kids(e)[0];
        if (!inner) return this.invalid(e);
        const x = this.rawExpr(inner, env, undefined);
        x.expr = e;
        return x;
      }
      case 'unary_expression': return this.unary(e, env);
      case 'binary_expression': return this.binary(e, env);
      case 'call_expression': return this.call(e, env);
      case 'type_conversion_expression': return this.conversionCall(e, e.childForFieldName('type')!, [e.childForFieldName('operand')!], env);
      case 'selector_expression': return this.selector(e, env);
      case 'composite_literal': return compositeLit(this, e, e.childForFieldName('type'), e.childForFieldName('body'), env, hint);
      case 'literal_value': return compositeLit(this, e, null, e, env, hint);
      case 'func_literal': return this.cannotEvaluate(e, `function literal ${exprString(e)}`);
      case 'ERROR': return this.invalid(e);
      default: return this.cannotEvaluate(e, `${describe(e)} ${exprString(e)}`);
    }
  }

  private basicLit(e: SyntaxNode): Operand {
    const kind = literalKinds[e.type];
    const text = e.text;
    if ((kind === 'int' || kind === 'float' || kind === 'imag') && text.length > numberLiteralLimit) {
      this.error(e, `excessively long constant: ${text.slice(0, 10)}... (${text.length} chars)`);
      return this.invalid(e);
    }
    const r = literalValue(kind, text);
    if ('error' in r) {
      this.error(e.startIndex + r.offset, r.error);
      return this.invalid(e);
    }
    if (r.value.kind === 'unknown') {
      this.error(e, `malformed constant: ${text}`);
      return this.invalid(e);
    }
    return this.operand('constant', e, untyped(literalTypes[kind]), r.value);
  }

  private ident(e: SyntaxNode, env: Env): Operand {
    const name = e.text;
    if (name === '_') {
      this.error(e, 'cannot use _ as value or type');
      return this.invalid(e);
    }
    const d = env.lookup(name);
    if (!d) {
      if (env.types.lookupType(name)) return this.typeOperand(e, env);
      if (builtins.has(name)) return { ...this.operand('builtin', e, untyped('nil')), builtin: name };
      return this.cannotEvaluate(e, `${name} is not declared in this file`);
    }
    switch (d.kind) {
      case 'const': {
        const c = this.constant(d);
        return { ...c, expr: e };
      }
      case 'type': return this.typeOperand(e, env);
      case 'var': return this.cannotEvaluate(e, `variable ${name}`);
      case 'func': return this.cannotEvaluate(e, `function ${name}`);
      case 'package':
        this.error(e, `use of package ${name} not in selector`);
        return this.invalid(e);
    }
  }

  /** A declared constant, evaluated once (`constDecl` and `initConst`). */
  private constant(d: ConstDecl): Operand {
    const cached = this.consts.get(d);
    if (cached === 'active') {
      this.error(d.name, `initialization cycle: ${d.name.text} refers to itself`);
      return this.invalid(d.name);
    }
    if (cached) return cached;
    this.consts.set(d, 'active');
    const saved = [this.iota, this.errpos] as const;
    this.iota = d.iota;
    this.errpos = d.inherited ? d.name.startIndex : undefined;
    let x: Operand;
    try {
      x = this.constDecl(d);
    } finally {
      [this.iota, this.errpos] = saved;
    }
    this.consts.set(d, x);
    return x;
  }

  private constDecl(d: ConstDecl): Operand {
    let T: GoType | undefined;
    if (d.typeNode) {
      const t = this.typeOperand(d.typeNode, d.env);
      if (t.mode !== 'typexpr') return t.mode === 'unknown' ? t : this.invalid(d.name);
      if (!isConstType(t.type)) {
        this.error(d.typeNode, `invalid constant type ${typeString(t.type)}`);
        return this.invalid(d.name);
      }
      T = t.type as GoType;
    }
    if (!d.init) {
      this.error(d.name, 'missing init expr for const declaration');
      return this.invalid(d.name);
    }
    const x = this.expr(d.init, d.env);
    if (x.mode === 'invalid' || x.mode === 'unknown') return x;
    if (x.mode !== 'constant') {
      this.error(x, `${this.operandString(x)} is not constant`);
      return this.invalid(d.name);
    }
    this.assignment(x, T ?? x.type, 'constant declaration');
    return x;
  }

  // -------------------------------------------------------------------------------------------
  // Types

  /** A type expression as an operand of mode typexpr (or why it is not one). */
  typeOperand(e: SyntaxNode, env: Env): Operand {
    const t = this.resolveType(e, env);
    return t ? this.operand('typexpr', e, t) : this.operand('invalid', e, untyped('nil'));
  }

  /**
   * The type a type expression denotes. Map, array, slice and pointer types are built here (array
   * lengths are constant expressions; non-comparable map keys are the compiler's `invalid map
   * key type`); names, structs, interfaces, funcs and channels come from the types module.
   */
  resolveType(e: SyntaxNode, env: Env): GoType | undefined {
    if (this.depth >= maxNesting) {
      this.cannotEvaluate(e, `a type nested more than ${maxNesting} levels deep`);
      return undefined;
    }
    this.depth++;
    try {
      return this.resolveTypeInternal(e, env);
    } finally {
      this.depth--;
    }
  }

  private resolveTypeInternal(e: SyntaxNode, env: Env): GoType | undefined {
    switch (e.type) {
      case 'parenthesized_type': case 'parenthesized_expression': {
        const inner = kids(e)[0];
        return inner ? this.resolveType(inner, env) : undefined;
      }
      case 'map_type': {
        const keyNode = e.childForFieldName('key')!;
        const key = this.resolveType(keyNode, env);
        const elem = this.resolveType(e.childForFieldName('value')!, env);
        if (!key || !elem) return undefined;
        if (!comparable(key)) this.error(keyNode, `invalid map key type ${typeString(key)}`);
        return { kind: 'map', key, elem };
      }
      case 'array_type': {
        const len = this.arrayLength(e.childForFieldName('length')!, env);
        const elem = this.resolveType(e.childForFieldName('element')!, env);
        return len === undefined || !elem ? undefined : { kind: 'array', len, elem };
      }
      case 'implicit_length_array_type':
        this.error(e, 'invalid use of [...] array (outside a composite literal)');
        return undefined;
      case 'slice_type': {
        const elem = this.resolveType(e.childForFieldName('element')!, env);
        return elem && { kind: 'slice', elem };
      }
      case 'pointer_type': case 'unary_expression': {
        const inner = e.type === 'pointer_type' ? kids(e)[0] : e.childForFieldName('operand');
        const elem = inner && this.resolveType(inner, env);
        return elem ? { kind: 'pointer', elem } : undefined;
      }
      case 'identifier': case 'type_identifier': {
        const d = env.lookup(e.text);
        if (d && d.kind !== 'type') {
          this.error(e, `${e.text} is not a type`);
          return undefined;
        }
        return this.fromTypesModule(e, env);
      }
      case 'qualified_type': case 'selector_expression': {
        const q = this.qualified(e, env);
        if (q?.path === 'unsafe' && q.name.text === 'Pointer') return basic('unsafe.Pointer');
        if (q) return this.packageType(q.path, q.name);
        this.cannotEvaluate(e, `type ${exprString(e)}`);
        return undefined;
      }
      case 'generic_type':
        this.cannotEvaluate(e, `generic type ${exprString(e)}`);
        return undefined;
      default:
        return this.fromTypesModule(e, env);
    }
  }

  /** A type from the types module, its errors turned into ours (positions in compiler columns). */
  private fromTypesModule(e: SyntaxNode, env: Env): GoType | undefined {
    try {
      if (e.type === 'identifier' || e.type === 'type_identifier') {
        const entry = env.types.lookupType(e.text);
        if (!entry) {
          this.cannotEvaluate(e, `${e.text} is not declared in this file`);
          return undefined;
        }
        const t = entry.get();
        const broken = brokenTypeError(t);
        if (broken) throw broken;
        return t;
      }
      return typeFromNode(e, env.types);
    } catch (err) {
      if (!(err instanceof GoTypeError)) throw err;
      const offset = err.line > 0 ? this.src.offsetOfUtf16(err.line, err.column) : e.startIndex;
      const undef = /^undefined: (.*)$/.exec(err.message);
      if (undef) this.unevaluable.push(this.src.error(`cannot evaluate: ${undef[1]} is not declared in this file`, offset));
      else this.errors.push(this.src.error(err.message, offset));
      return undefined;
    }
  }

  /** `arrayLength`: a non-negative constant representable as int. */
  private arrayLength(e: SyntaxNode, env: Env): number | undefined {
    if (e.type === 'identifier') {
      const d = env.lookup(e.text);
      if (!d && !env.types.lookupType(e.text)) {
        this.cannotEvaluate(e, `${e.text} is not declared in this file`);
        return undefined;
      }
      if (d && d.kind !== 'const') {
        if (d.kind === 'var') this.cannotEvaluate(e, `variable ${e.text}`);
        else this.error(e, `invalid array length ${e.text}`);
        return undefined;
      }
    }
    const x = this.expr(e, env);
    if (x.mode !== 'constant') {
      if (x.mode !== 'invalid' && x.mode !== 'unknown') this.error(x, `array length ${this.operandString(x)} must be constant`);
      return undefined;
    }
    if (isUntyped(x.type) || isInteger(x.type)) {
      const v = toInt(x.val);
      if (v.kind === 'int' && this.representableConst(v, basic('int')) !== undefined) {
        if (v.v >= 0n) return Number(v.v);
        this.error(x, `invalid array length ${this.operandString(x)}`);
        return undefined;
      }
    }
    this.error(x, `array length ${this.operandString(x)} must be integer`);
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Operators

  private unary(e: SyntaxNode, env: Env): Operand {
    const op = e.childForFieldName('operator')!.text;
    const operandNode = e.childForFieldName('operand')!;
    if (op === '*') {
      const x = this.exprOrType(operandNode, env);
      if (x.mode === 'typexpr') return this.operand('typexpr', e, { kind: 'pointer', elem: x.type as GoType });
      if (x.mode === 'invalid' || x.mode === 'unknown') return x;
      return this.cannotEvaluate(e, `pointer indirection ${exprString(e)}`);
    }
    if (op === '<-') return this.cannotEvaluate(e, `channel receive ${exprString(e)}`);
    // The parser drops the parentheses of &(x): errors name x, at x.
    let inner = operandNode;
    while (op === '&' && inner.type === 'parenthesized_expression' && kids(inner)[0]) inner = kids(inner)[0];
    const x = this.expr(inner, env);
    if (x.mode === 'invalid' || x.mode === 'unknown') return x;
    if (op === '&') {
      if (unparen(operandNode).type !== 'composite_literal') {
        this.error(x, `${invalidOp}cannot take address of ${this.operandString(x)}`);
        return this.invalid(e);
      }
      const value: GoValue | undefined = x.value && { kind: 'pointer', elem: x.value };
      return { ...this.operand('value', e, { kind: 'pointer', elem: x.type as GoType }), value, dynamic: true };
    }
    const ok = op === '^' ? isInteger(x.type) : op === '!' ? isBoolean(x.type) : isNumeric(x.type);
    if (!ok) {
      this.error(x, `${invalidOp}operator ${op} not defined on ${this.operandString(x)}`);
      return this.invalid(e);
    }
    if (x.mode !== 'constant') {
      const v = x.value;
      const r: Outcome<GoValue> | undefined = !v ? undefined : op === '!' && v.kind === 'bool' ? { ok: true, value: { kind: 'bool', value: !v.value } } : { ok: false, why: `${op}${v.kind} at run time` };
      return this.runtimeValue(e, x.type, r);
    }
    if (x.val.kind === 'unknown') return x;
    const prec = isUnsigned(x.type) ? this.sizeof(x.type) * 8 : 0;
    x.val = unaryOp(op as '+' | '-' | '^' | '!', x.val, prec);
    x.expr = e;
    this.overflow(x, e.startIndex, op === '^' ? 'bitwise complement' : '');
    return failed(x) ? x : { ...x, expr: e };
  }

  private binary(e: SyntaxNode, env: Env): Operand {
    const opNode = e.childForFieldName('operator')!;
    const op = opNode.text;
    const x = this.expr(e.childForFieldName('left')!, env);
    const y = this.expr(e.childForFieldName('right')!, env);
    if (x.mode === 'invalid') return x;
    if (y.mode === 'invalid') return { ...x, mode: 'invalid', expr: y.expr };
    if (x.mode === 'unknown') return x;
    if (y.mode === 'unknown') return y;
    let r: Operand;
    if (op === '<<' || op === '>>') r = this.shift(x, y, e, op, opNode.startIndex);
    else r = this.arithmetic(x, y, e, op, opNode.startIndex);
    if (r.mode !== 'invalid') r.expr = e;
    return r;
  }

  private canMix(x: Operand, y: Operand): boolean {
    if (isInterface(x.type) || isInterface(y.type)) return true;
    if (isBoolean(x.type) !== isBoolean(y.type)) return false;
    if (isString(x.type) !== isString(y.type)) return false;
    if (x.mode === 'nil' && !hasNil(y.type)) return false;
    if (y.mode === 'nil' && !hasNil(x.type)) return false;
    return true;
  }

  private arithmetic(x: Operand, y: Operand, e: SyntaxNode, op: string, opPos: number): Operand {
    if (this.canMix(x, y)) {
      this.convertUntyped(x, y.type);
      if (x.mode === 'invalid') return x;
      this.convertUntyped(y, x.type);
      if (y.mode === 'invalid') return { ...x, mode: 'invalid' };
    }
    if (['==', '!=', '<', '<=', '>', '>='].includes(op)) return this.comparison(x, y, op as ComparisonOperator, e);
    if (!identical(x.type, y.type)) {
      this.error(x, `${invalidOp}${exprString(e)} (mismatched types ${typeString(x.type)} and ${typeString(y.type)})`);
      return { ...x, mode: 'invalid' };
    }
    if (!binaryOpDefined(op, x.type)) {
      this.error(x, `${invalidOp}operator ${op} not defined on ${this.operandString(x)}`);
      return { ...x, mode: 'invalid' };
    }
    if (op === '/' || op === '%') {
      if ((x.mode === 'constant' || isInteger(x.type)) && y.mode === 'constant' && sign(y.val) === 0) {
        this.error(y, `${invalidOp}division by zero`);
        return { ...x, mode: 'invalid' };
      }
      if (x.mode === 'constant' && y.mode === 'constant' && isComplex(x.type)) {
        const re2 = binaryOp(real(y.val), '*', real(y.val));
        const im2 = binaryOp(imag(y.val), '*', imag(y.val));
        if (sign(re2) === 0 && sign(im2) === 0) {
          this.error(y, `${invalidOp}division by zero`);
          return { ...x, mode: 'invalid' };
        }
      }
    }
    if (x.mode !== 'constant' || y.mode !== 'constant') {
      const a = this.operandValue(x, y);
      const b = this.operandValue(y, x);
      return this.runtimeValue(e, x.type, a && b ? binaryValue(a, op, b) : undefined);
    }
    if (x.val.kind === 'unknown' || y.val.kind === 'unknown') return { ...x, val: unknown };
    const tok = op === '/' && isInteger(x.type) ? 'intdiv' : (op as BinaryOperator);
    const z: Operand = { ...x, val: binaryOp(x.val, tok, y.val), expr: e };
    this.overflow(z, opPos, opNames[op] ?? '');
    return z;
  }

  private comparison(x: Operand, y: Operand, op: ComparisonOperator, e: SyntaxNode): Operand {
    let errOp: Operand | undefined;
    let cause = '';
    if (!this.assignableTo(x, y.type) && !this.assignableTo(y, x.type)) {
      errOp = y;
      cause = `mismatched types ${typeString(x.type)} and ${typeString(y.type)}`;
    } else if (op === '==' || op === '!=') {
      if (x.mode === 'nil' || y.mode === 'nil') {
        if (!hasNil(x.mode === 'nil' ? y.type : x.type)) errOp = y;
      } else if (!comparable(x.type)) {
        errOp = x;
        cause = incomparableCause(x.type);
      } else if (!comparable(y.type)) {
        errOp = y;
        cause = incomparableCause(y.type);
      }
    } else if (!isOrdered(x.type)) errOp = x;
    else if (!isOrdered(y.type)) errOp = y;
    if (errOp) {
      if (cause === '') cause = `operator ${op} not defined on ${kindString(errOp.type)}`;
      this.error(errOp, `${invalidOp}${exprString(x.expr)} ${op} ${exprString(y.expr)} (${cause})`);
      return { ...x, mode: 'invalid' };
    }
    if (x.mode === 'constant' && y.mode === 'constant') {
      return { ...x, type: untyped('bool'), val: makeBool(compare(x.val, op, y.val)) };
    }
    // A comparison of values is an untyped bool value (not a constant), computed at run time.
    const a = this.operandValue(x, y);
    const b = this.operandValue(y, x);
    const r = a && b ? compareValues(a, b, op) : undefined;
    return this.runtimeValue(e, untyped('bool'), r && (r.ok ? { ok: true, value: { kind: 'bool', value: r.value } } : r));
  }

  private shift(x: Operand, y: Operand, e: SyntaxNode, op: '<<' | '>>', opPos: number): Operand {
    const xval = x.mode === 'constant' ? toInt(x.val) : undefined;
    if (!(isInteger(x.type) || (isUntyped(x.type) && xval?.kind === 'int'))) {
      this.error(x, `${invalidOp}shifted operand ${this.operandString(x)} must be integer`);
      return { ...x, mode: 'invalid' };
    }
    if (y.mode === 'constant') {
      const yval = toInt(y.val);
      if (yval.kind === 'int' && sign(yval) < 0) {
        this.error(y, `${invalidOp}negative shift count ${this.operandString(y)}`);
        return { ...x, mode: 'invalid' };
      }
      if (isUntyped(y.type)) {
        this.representable(y, basic('uint'));
        if (failed(y)) return { ...x, mode: 'invalid' };
      }
    } else if (isUntyped(y.type) && !isInteger(y.type)) {
      // An untyped non-constant count (nil, a comparison) must become a uint: `cannot convert nil to uint`.
      this.convertUntyped(y, basic('uint'));
      if (failed(y)) return { ...x, mode: 'invalid' };
    } else if (!isInteger(y.type)) {
      this.error(y, `${invalidOp}shift count ${this.operandString(y)} must be integer`);
      return { ...x, mode: 'invalid' };
    }
    if (x.mode !== 'constant' || y.mode !== 'constant') return this.cannotEvaluate(e, `${exprString(e)} (not a constant)`);
    const type = isInteger(x.type) ? x.type : untyped('int');
    if (x.val.kind === 'unknown' || y.val.kind === 'unknown') return { ...x, type, val: unknown };
    const s = y.val.kind === 'int' ? y.val.v : -1n;
    if (s < 0n || s > BigInt(shiftBound)) {
      this.error(y, `${invalidOp}invalid shift count ${this.operandString(y)}`);
      return { ...x, mode: 'invalid' };
    }
    const z: Operand = { ...x, type, val: constShift(xval!, op, Number(s)), expr: e };
    this.overflow(z, opPos, op === '<<' ? 'shift' : '');
    return z;
  }

  /**
   * `overflow`: a typed constant must stay representable in its type after each operation; an
   * untyped integer must stay within 512 bits. Errors go to the operator (`opPos`).
   */
  private overflow(x: Operand, opPos: number, opName: string): void {
    if (x.val.kind === 'unknown') {
      this.error(opPos, 'constant result is not representable');
      return;
    }
    if (!isUntyped(x.type)) {
      this.representable(x, x.type);
      return;
    }
    if (x.val.kind === 'int' && bitLen(x.val.v) > 512) {
      this.error(opPos, `constant ${opName} overflow`);
      x.val = unknown;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Representation of constants in types

  /**
   * `representableConst`: x's value in basic type t, rounded for floats and complex numbers, or
   * undefined when it does not fit. Unknown values fit anything (no follow-on errors).
   */
  representableConst(x: Value, t: OpType): Value | undefined {
    if (x.kind === 'unknown') return x;
    const u = under(t);
    const name = u?.kind === 'basic' ? u.name : u?.kind === 'untyped' ? 'untyped ' + u.name : '';
    if (isInteger(t)) {
      const v = toInt(x);
      if (v.kind !== 'int') return undefined;
      if (name === 'untyped int' || name === 'untyped rune') return v;
      const bits = this.sizeof(t) * 8;
      const [lo, hi] = isUnsigned(t) ? [0n, (1n << BigInt(bits)) - 1n] : [-(1n << BigInt(bits - 1)), (1n << BigInt(bits - 1)) - 1n];
      return v.v >= lo && v.v <= hi ? v : undefined;
    }
    if (isFloat(t)) {
      const v = toFloat(x);
      if (kindOf(v) !== 'Float') return undefined;
      if (name === 'untyped float') return x;
      const f = name === 'float32' ? float32Val(v) : float64Val(v);
      return Number.isFinite(f) ? makeFloat64(f) : undefined;
    }
    if (isComplex(t)) {
      const v = toComplex(x);
      if (v.kind !== 'complex') return undefined;
      if (name === 'untyped complex') return x;
      const round = name === 'complex64' ? float32Val : float64Val;
      const re = round(v.re);
      const im = round(v.im);
      if (!Number.isFinite(re) || !Number.isFinite(im)) return undefined;
      return binaryOp(makeFloat64(re), '+', makeImag(makeFloat64(im)));
    }
    if (isString(t)) return x.kind === 'string' ? x : undefined;
    if (isBoolean(t)) return x.kind === 'bool' ? x : undefined;
    return undefined;
  }

  /** `representation`: the value in t, or why not ('truncated', 'overflows', 'invalid'). */
  private representation(x: Operand, t: OpType): Value | 'truncated' | 'overflows' | 'invalid' {
    const v = this.representableConst(x.val, t);
    if (v !== undefined) return v;
    if (isNumeric(x.type) && isNumeric(t)) return !isInteger(x.type) && isInteger(t) ? 'truncated' : 'overflows';
    return 'invalid';
  }

  /** `representable`: x becomes its value in t, or an error `300 (...) overflows int8`. */
  representable(x: Operand, t: OpType): void {
    const v = this.representation(x, t);
    if (typeof v === 'string') {
      this.invalidConversion(v, x, t);
      x.mode = 'invalid';
      return;
    }
    x.val = v;
  }

  private invalidConversion(code: 'truncated' | 'overflows' | 'invalid', x: Operand, t: OpType): void {
    const target = typeString(under(t) ?? t);
    const what = this.operandString(x);
    const msg = code === 'truncated' ? `${what} truncated to ${target}` : code === 'overflows' ? `${what} overflows ${target}` : `cannot convert ${what} to ${target}`;
    this.error(x, msg);
  }

  sizeof(t: OpType): number {
    const u = under(t);
    return u?.kind === 'basic' ? basicSize(u.name, this.arch) : 8;
  }

  /** `convertUntyped`: an untyped operand takes the target's type (or an error). */
  convertUntyped(x: Operand, target: OpType): void {
    const r = this.implicitTypeAndValue(x, target);
    if (typeof r === 'string') {
      this.invalidConversion(r, x, target);
      x.mode = 'invalid';
      return;
    }
    if (r.val) x.val = r.val;
    if (r.type !== x.type) this.updateExprType(x, r.type);
    x.type = r.type;
  }

  /**
   * `updateExprType`, for constants: an untyped constant expression that gets its final, typed
   * type must be representable in it. types2 checks each level of parentheses, innermost first,
   * so `any((1 << 70))` is reported twice. (The operand stays valid: only the record fails.)
   */
  private updateExprType(x: Operand, typ: OpType): void {
    if (x.mode !== 'constant' || !isUntyped(x.type) || isUntyped(typ)) return;
    const levels = [x.expr];
    for (let e = x.expr; e.type === 'parenthesized_expression' && kids(e)[0]; ) levels.unshift((e = kids(e)[0]));
    for (const expr of levels) {
      const c = { ...x, expr };
      const v = this.representation(c, typ);
      if (typeof v === 'string') this.invalidConversion(v, c, typ);
    }
  }

  /**
   * `implicitTypeAndValue`: the type an untyped operand takes where `target` is expected, with its
   * constant value represented in it; or why it cannot.
   */
  implicitTypeAndValue(x: Operand, target: OpType): { type: OpType; val?: Value } | 'truncated' | 'overflows' | 'invalid' {
    if (x.mode === 'invalid' || !isUntyped(x.type)) return { type: x.type };
    if (isUntyped(target)) {
      if (isNumeric(x.type) && isNumeric(target)) {
        return untypedRank(x.type) < untypedRank(target) ? { type: target } : { type: x.type };
      }
      return x.type.name === target.name ? { type: x.type } : 'invalid';
    }
    if (x.mode === 'nil') return hasNil(target) ? { type: target } : 'invalid';
    const u = under(target);
    if (u?.kind === 'basic') {
      if (x.mode === 'constant') {
        const v = this.representation(x, target);
        return typeof v === 'string' ? v : { type: target, val: v };
      }
      const ok = x.type.name === 'bool' ? isBoolean(target) : x.type.name === 'string' ? isString(target) : isNumeric(target);
      return ok ? { type: target } : 'invalid';
    }
    if (u?.kind === 'interface') return isEmptyInterface(target) ? { type: defaultType(x.type) } : 'invalid';
    return 'invalid';
  }

  // -------------------------------------------------------------------------------------------
  // Assignment

  /**
   * `assignment`: x is used as a value of type T (`context` says where: "map literal", ...).
   * Untyped constants take T's type (or the default type for interfaces) and must be
   * representable in it; typed operands must be assignable.
   */
  assignment(x: Operand, T: OpType, context: string): void {
    if (x.mode === 'invalid' || x.mode === 'unknown') return;
    if (isUntyped(x.type)) {
      const target = x.mode !== 'nil' && isInterface(T) ? defaultType(x.type) : T;
      const r = this.implicitTypeAndValue(x, target);
      if (typeof r === 'string') {
        const suffix = r === 'truncated' ? ' (truncated)' : r === 'overflows' ? ' (overflows)' : '';
        this.error(x, `cannot use ${this.operandString(x)} as ${typeString(target)} value in ${context}${suffix}`);
        x.mode = 'invalid';
        return;
      }
      if (r.val) x.val = r.val;
      x.type = r.type;
    }
    const ok = this.assignableTo(x, T);
    if (ok === 'unknown') {
      this.cannotEvaluate(x.expr, `whether ${exprString(x.expr)} implements ${typeString(T)} (methods are not checked)`);
      x.mode = 'unknown';
      return;
    }
    if (!ok) {
      this.error(x, `cannot use ${this.operandString(x)} as type ${typeString(T)} in ${context}${reasonSuffix(x, T)}`);
      x.mode = 'invalid';
    }
  }

  /** `assignableTo`, without method sets: a non-empty interface target answers 'unknown'. */
  assignableTo(x: Operand, T: OpType): boolean | 'unknown' {
    if (x.mode === 'invalid' || x.mode === 'unknown') return true;
    const V = x.type;
    if (identical(V, T)) return true;
    const Vu = under(V);
    const Tu = under(T);
    if (!Vu || !Tu) return true;
    if (Vu.kind === 'untyped') return typeof this.implicitTypeAndValue(x, T) !== 'string';
    if (identical(Vu, Tu) && (!isNamed(V) || !isNamed(T))) return true;
    if (Tu.kind === 'interface') return isEmptyInterface(T) ? true : 'unknown';
    return false;
  }

  /** The GoValue an assigned operand holds as a value of type T (interfaces keep the dynamic type). */
  materialize(x: Operand, T: OpType): GoValue | undefined {
    let v: GoValue | undefined;
    if (x.mode === 'nil') return { kind: 'nil' };
    if (x.mode === 'constant') v = constantValue(x.val, x.type);
    else if (x.mode === 'value') v = x.value;
    if (v && isInterface(T) && !isInterface(x.type)) v = { kind: 'interface', type: x.type as GoType, value: v };
    return v;
  }

  // -------------------------------------------------------------------------------------------
  // Calls, conversions, builtins, selectors

  private call(e: SyntaxNode, env: Env): Operand {
    const fn = e.childForFieldName('function')!;
    const argList = e.childForFieldName('arguments');
    const args = argList ? kids(argList) : [];
    if (!typeNodes.has(fn.type) && !this.isTypeLike(fn, env)) {
      const callee = unparen(fn);
      if (callee.type === 'identifier' && builtins.has(callee.text) && !env.lookup(callee.text)) {
        return this.builtin(e, callee.text, args, env);
      }
      const q = callee.type === 'selector_expression' ? this.qualified(callee, env) : undefined;
      const special = q?.path === 'math' ? this.mathCall(e, q.name.text, args, env) : undefined;
      return special ?? this.cannotEvaluate(e, `function call ${exprString(e)}`);
    }
    return this.conversionCall(e, fn, args, env);
  }

  /**
   * `math.NaN()` and `math.Inf(sign)` with a constant sign: the only float64 values no constant can
   * be, and what a key needs to be unequal to itself. Run-time values (not constants), so the
   * entries holding them are inserted after the static ones, as gc orders them. Anything else of
   * package math is not evaluated.
   */
  private mathCall(e: SyntaxNode, name: string, args: SyntaxNode[], env: Env): Operand | undefined {
    let value: number;
    if (name === 'NaN' && args.length === 0) {
      value = NaN;
    } else if (name === 'Inf' && args.length === 1) {
      const x = this.expr(args[0], env);
      if (x.mode === 'invalid' || x.mode === 'unknown') return x;
      const sign = x.mode === 'constant' ? toInt(x.val) : undefined;
      if (sign?.kind !== 'int') return undefined;
      value = sign.v >= 0n ? Infinity : -Infinity;
    } else {
      return undefined;
    }
    return { ...this.operand('value', e, basic('float64')), value: { kind: 'float', value }, dynamic: true };
  }

  /** T(x): a conversion, from a call whose function is a type. */
  private conversionCall(e: SyntaxNode, typeNode: SyntaxNode, args: SyntaxNode[], env: Env): Operand {
    const tx = this.exprOrType(typeNode, env);
    if (tx.mode !== 'typexpr') {
      if (tx.mode === 'invalid' || tx.mode === 'unknown') return { ...tx, expr: e };
      return this.cannotEvaluate(e, `function call ${exprString(e)}`);
    }
    const T = tx.type as GoType;
    if (args.length === 0) {
      this.error(e, `missing argument in conversion to ${typeString(T)}`);
      return this.invalid(e);
    }
    if (args.length > 1) {
      this.error(args[args.length - 1], `too many arguments in conversion to ${typeString(T)}`);
      return this.invalid(e);
    }
    if (args[0].type === 'variadic_argument') {
      this.error(args[0], `invalid use of ... in type conversion to ${typeString(T)}`);
      return this.invalid(e);
    }
    const x = this.expr(args[0], env);
    if (x.mode === 'invalid' || x.mode === 'unknown') return { ...x, expr: e };
    this.conversion(x, T);
    return failed(x) ? x : { ...x, expr: e };
  }

  /** `conversion`: T(x) for a checked operand x. */
  private conversion(x: Operand, T: GoType): void {
    const constArg = x.mode === 'constant';
    let ok = false;
    if (constArg && isConstType(T)) {
      const v = this.representableConst(x.val, T);
      if (v !== undefined) {
        x.val = v;
        ok = true;
      } else if (isInteger(T) && toInt(x.val).kind === 'int') {
        // types2 passes &x.val as representableConst's `rounded`, which takes the integer value
        // before the range check fails: the error then shows 1e+20 as 100000000000000000000.
        x.val = toInt(x.val);
      } else if (isInteger(x.type) && isString(T)) {
        const i = toInt(x.val);
        const cp = i.kind === 'int' && i.v >= 0n && i.v <= BigInt(maxRune) ? Number(i.v) : 0xfffd;
        x.val = makeString(encodeRune(cp));
        ok = true;
      }
    } else {
      const value = this.convertValue(x, T);
      if (value === 'unknown') {
        this.cannotEvaluate(x.expr, `conversion of ${exprString(x.expr)} to ${typeString(T)}`);
        x.mode = 'unknown';
        return;
      }
      if (value !== undefined) {
        ok = true;
        x.value = value.value;
        x.dynamic = x.mode !== 'nil';
      }
    }
    if (!ok) {
      this.error(x, `cannot convert ${this.operandString(x)} to type ${typeString(T)}${reasonSuffix(x, T)}`);
      x.mode = 'invalid';
      return;
    }
    if (constArg && !isConstType(T) && isUntyped(x.type)) {
      // The argument's final type is its default type: any(1 << 70) overflows int.
      const final = defaultType(x.type);
      this.updateExprType(x, final);
      if (typeof this.representation(x, final) === 'string') x.value = undefined;
    }
    if (!constArg || !isConstType(T)) x.mode = 'value'; // any(nil), []byte("x"): values, not constants
    x.type = T;
  }

  /**
   * A non-constant conversion's result (`convertibleTo`): to an interface, between types with
   * identical underlying types, a string constant to []byte or []rune. 'unknown' where the answer
   * depends on method sets.
   */
  private convertValue(x: Operand, T: GoType): { value: GoValue | undefined } | undefined | 'unknown' {
    const assignable = this.assignableTo(x, T);
    if (assignable === 'unknown') return 'unknown';
    if (x.mode === 'nil') return hasNil(T) ? { value: { kind: 'nil' } } : undefined;
    const Vu = under(x.type);
    const Tu = under(T);
    if (assignable || (Vu && Tu && identical(Vu, Tu))) {
      if (isInterface(T)) {
        const dyn = isUntyped(x.type) ? defaultType(x.type) : x.type;
        const inner = x.mode === 'constant' ? constantValue(x.val, dyn) : x.value;
        return { value: isInterface(x.type) || !inner ? inner : { kind: 'interface', type: dyn as GoType, value: inner } };
      }
      return { value: x.mode === 'constant' ? constantValue(x.val, T) : x.value };
    }
    if (Vu?.kind === 'slice' && Tu?.kind === 'basic' && Tu.name === 'string') {
      const elem = under(Vu.elem);
      if (elem?.kind === 'basic' && (elem.name === 'uint8' || elem.name === 'int32')) {
        const elems = x.value?.kind === 'slice' ? x.value.elems : x.value?.kind === 'nil' ? [] : undefined;
        if (!elems) return { value: undefined };
        const code = (e: GoValue) => Number(e.kind === 'int' ? e.value : 0n);
        const bytes = elem.name === 'uint8' ? elems.map((e) => String.fromCharCode(code(e))).join('') : elems.map((e) => encodeRune(code(e))).join('');
        return { value: { kind: 'string', bytes } };
      }
    }
    if (x.mode === 'constant' && x.val.kind === 'string' && Tu?.kind === 'slice') {
      const elem = under(Tu.elem);
      if (elem?.kind === 'basic' && elem.name === 'uint8') {
        return { value: { kind: 'slice', elems: [...x.val.s].map((c) => ({ kind: 'int', value: BigInt(c.charCodeAt(0)) })) } };
      }
      if (elem?.kind === 'basic' && elem.name === 'int32') {
        return { value: { kind: 'slice', elems: runes(x.val.s).map((r) => ({ kind: 'int', value: BigInt(r) })) } };
      }
    }
    return undefined;
  }

  private builtin(e: SyntaxNode, name: string, args: SyntaxNode[], env: Env): Operand {
    const want = builtinArgs[name];
    if (want === undefined) return this.cannotEvaluate(e, `function call ${exprString(e)}`);
    if (args.length !== want) {
      const msg = args.length < want ? 'not enough' : 'too many';
      this.error(e, `${invalidOp}${msg} arguments for ${exprString(e)} (expected ${want}, found ${args.length})`);
      return this.invalid(e);
    }
    const x = this.expr(args[0], env);
    if (x.mode === 'invalid' || x.mode === 'unknown') return x;
    let r: Operand;
    switch (name) {
      case 'len': case 'cap': r = this.lenCap(x, name); break;
      case 'real': case 'imag': r = this.realImag(x, name); break;
      default: {
        const y = this.expr(args[1], env);
        if (y.mode === 'invalid' || y.mode === 'unknown') return y;
        r = this.complexOf(x, y, e);
      }
    }
    return r.mode === 'invalid' || r.mode === 'unknown' ? r : { ...r, expr: e };
  }

  private lenCap(x: Operand, name: string): Operand {
    const u = under(x.type);
    const arr = u?.kind === 'pointer' ? under(u.elem) : u;
    if (isString(x.type) && name === 'len' && x.mode === 'constant' && x.val.kind === 'string') {
      return { ...x, type: basic('int'), val: makeInt(BigInt(x.val.s.length)) };
    }
    if (arr?.kind === 'array') return { ...x, mode: 'constant', type: basic('int'), val: makeInt(BigInt(arr.len)) };
    if (arr?.kind === 'slice' || arr?.kind === 'chan' || (arr?.kind === 'map' && name === 'len') || (isString(x.type) && name === 'len')) {
      return this.cannotEvaluate(x.expr, `${name} of ${exprString(x.expr)} (not a constant)`);
    }
    this.error(x, `${invalidArg}${this.operandString(x)} for ${name}`);
    return { ...x, mode: 'invalid' };
  }

  private realImag(x: Operand, name: string): Operand {
    if (isUntyped(x.type) && x.mode === 'constant' && isNumeric(x.type)) x.type = untyped('complex');
    const u = under(x.type);
    const n = u?.kind === 'basic' ? u.name : u?.kind === 'untyped' ? 'untyped ' + u.name : '';
    const res: OpType | undefined = n === 'complex64' ? basic('float32') : n === 'complex128' ? basic('float64') : n === 'untyped complex' ? untyped('float') : undefined;
    if (!res) {
      this.error(x, `${invalidArg}argument has type ${typeString(x.type)}, expected complex type`);
      return { ...x, mode: 'invalid' };
    }
    if (x.mode !== 'constant') return this.cannotEvaluate(x.expr, `${name} of a non-constant`);
    return { ...x, type: res, val: name === 'real' ? real(x.val) : imag(x.val) };
  }

  private complexOf(x: Operand, y: Operand, call: SyntaxNode): Operand {
    const d = (isUntyped(x.type) ? 1 : 0) | (isUntyped(y.type) ? 2 : 0);
    if (d === 1) this.convertUntyped(x, y.type);
    else if (d === 2) this.convertUntyped(y, x.type);
    else if (d === 3) {
      for (const o of [x, y]) if (isNumeric(o.type) && sign(imag(o.val)) === 0) o.type = untyped('float');
    }
    if (x.mode === 'invalid' || y.mode === 'invalid') return { ...x, mode: 'invalid' };
    if (!identical(x.type, y.type)) {
      this.error(x, `${invalidOp}${exprString(call)} (mismatched types ${typeString(x.type)} and ${typeString(y.type)})`);
      return { ...x, mode: 'invalid' };
    }
    const u = under(x.type);
    const n = u?.kind === 'basic' ? u.name : u?.kind === 'untyped' ? 'untyped ' + u.name : '';
    const res: OpType | undefined = n === 'float32' ? basic('complex64') : n === 'float64' ? basic('complex128') : n === 'untyped float' ? untyped('complex') : undefined;
    if (!res) {
      this.error(x, `${invalidArg}arguments have type ${typeString(x.type)}, expected floating-point`);
      return { ...x, mode: 'invalid' };
    }
    if (x.mode !== 'constant' || y.mode !== 'constant') return this.cannotEvaluate(call, `${exprString(call)} (not a constant)`);
    return { ...x, type: res, val: binaryOp(toFloat(x.val), '+', makeImag(toFloat(y.val))) };
  }

  /** `pkg.Name`: a constant or type of a known standard package; anything else is not evaluated. */
  private selector(e: SyntaxNode, env: Env): Operand {
    const q = this.qualified(e, env);
    if (!q) return this.cannotEvaluate(e, `selector ${exprString(e)}`);
    if (q.path === 'unsafe' && q.name.text === 'Pointer') return this.operand('typexpr', e, basic('unsafe.Pointer'));
    const d = this.packages(q.path)?.decls.get(q.name.text);
    if (d?.kind === 'const') {
      if (!this.exported(q.name, q.path)) return this.invalid(e);
      return { ...this.constant(d), expr: e };
    }
    if (d?.kind === 'type') {
      const t = this.packageType(q.path, q.name);
      return t ? this.operand('typexpr', e, t) : this.invalid(e);
    }
    return this.cannotEvaluate(e, `${exprString(e)} (declared in package ${q.path})`);
  }

  /** The package path and selected name of `pkg.Name`, when pkg is an import. */
  private qualified(e: SyntaxNode, env: Env): { path: string; name: SyntaxNode } | undefined {
    const base = e.childForFieldName(e.type === 'qualified_type' ? 'package' : 'operand');
    const name = e.childForFieldName(e.type === 'qualified_type' ? 'name' : 'field');
    if (!base || !name || (base.type !== 'identifier' && base.type !== 'package_identifier')) return undefined;
    const d = env.lookup(base.text);
    return d?.kind === 'package' ? { path: d.path, name } : undefined;
  }

  /** A named type of a known standard package (`time.Duration`), or undefined after naming why not. */
  private packageType(path: string, name: SyntaxNode): GoType | undefined {
    const entry = this.packages(path)?.types.lookupType(name.text);
    if (!entry) {
      this.cannotEvaluate(name.parent ?? name, `type ${path.split('/').pop()}.${name.text} from another package`);
      return undefined;
    }
    return this.exported(name, path) ? entry.get() : undefined;
  }

  /** An unexported name does not exist outside its package (the compiler reads export data). */
  private exported(name: SyntaxNode, path: string): boolean {
    if (/^\p{Lu}/u.test(name.text)) return true;
    this.error(name, `undefined: ${path.split('/').pop()}.${name.text}`);
    return false;
  }

  /** Is a call's function a type written as an expression (`MyInt`, `(*T)`, `time.Duration`)? */
  private isTypeLike(fn: SyntaxNode, env: Env): boolean {
    const f = unparen(fn);
    if (f.type === 'identifier') {
      const d = env.lookup(f.text);
      return d ? d.kind === 'type' : env.types.lookupType(f.text) !== undefined;
    }
    if (f.type === 'unary_expression' && f.childForFieldName('operator')?.text === '*') {
      const inner = f.childForFieldName('operand');
      return inner !== null && (typeNodes.has(inner.type) || this.isTypeLike(inner, env));
    }
    if (f.type === 'selector_expression') {
      const q = this.qualified(f, env);
      if (!q) return false;
      return (q.path === 'unsafe' && q.name.text === 'Pointer') || this.packages(q.path)?.decls.get(q.name.text)?.kind === 'type';
    }
    return typeNodes.has(f.type);
  }

}

/**
 * `syntax.StartPos`: where the compiler places an error about a node. A keyed element
 * (`KeyValueExpr`) is not corrected to its key: it stands at its colon.
 */
function startPos(n: SyntaxNode): number {
  if (n.type === 'keyed_element') {
    const colon = n.children.find((c) => c?.type === ':');
    if (colon) return colon.startIndex;
  }
  // A func type stands at its parameter list (the parser's FuncType position).
  if (n.type === 'function_type') return n.childForFieldName('parameters')?.startIndex ?? n.startIndex;
  return n.startIndex;
}

/**
 * The second line gc adds to a failed assignment or conversion: from an empty interface to a
 * concrete type, `need type assertion` (assignableTo's reason, printed after a colon).
 */
function reasonSuffix(x: Operand, T: OpType): string {
  return isEmptyInterface(x.type) && !isInterface(T) ? ':\n\tneed type assertion' : '';
}

/** The GoValue of a constant of type t (already represented in t). */
export function constantValue(v: Value, t: OpType): GoValue | undefined {
  const dt = defaultType(t);
  const u = under(dt);
  if (v.kind === 'unknown' || u?.kind !== 'basic') return undefined;
  switch (u.name) {
    case 'bool': return v.kind === 'bool' ? { kind: 'bool', value: v.b } : undefined;
    case 'string': return v.kind === 'string' ? { kind: 'string', bytes: v.s } : undefined;
    case 'float32': return { kind: 'float', value: float32Val(toFloat(v)) };
    case 'float64': return { kind: 'float', value: float64Val(toFloat(v)) };
    case 'complex64': case 'complex128': {
      const c = toComplex(v);
      if (c.kind !== 'complex') return undefined;
      const f = u.name === 'complex64' ? float32Val : float64Val;
      return { kind: 'complex', re: f(c.re), im: f(c.im) };
    }
    case 'unsafe.Pointer': return undefined;
    default: {
      const i = toInt(v);
      return i.kind === 'int' ? { kind: 'int', value: i.v } : undefined;
    }
  }
}

function untypedRank(t: Untyped): number {
  return ['bool', 'int', 'rune', 'float', 'complex', 'string', 'nil'].indexOf(t.name);
}

const opNames: Record<string, string> = {
  '+': 'addition', '-': 'subtraction', '^': 'bitwise XOR', '*': 'multiplication', '<<': 'shift',
};

function binaryOpDefined(op: string, t: OpType): boolean {
  switch (op) {
    case '+': return isNumeric(t) || isString(t);
    case '-': case '*': case '/': return isNumeric(t);
    case '%': case '&': case '|': case '^': case '&^': return isInteger(t);
    case '&&': case '||': return isBoolean(t);
    default: return false;
  }
}

/** `kindString`: the kind of a type for messages (`slice`, `struct`, ...), else the type. */
function kindString(t: OpType): string {
  const u = under(t);
  switch (u?.kind) {
    case 'array': case 'slice': case 'struct': case 'pointer': case 'interface': case 'map': case 'chan': return u.kind;
    case 'func': return 'func';
    default: return typeString(t);
  }
}

function incomparableCause(t: OpType): string {
  const u = under(t);
  if (u?.kind === 'slice' || u?.kind === 'func' || u?.kind === 'map') return `${kindString(t)} can only be compared to nil`;
  return '';
}

/** A short name for an expression we do not evaluate. */
function describe(e: SyntaxNode): string {
  switch (e.type) {
    case 'index_expression': return 'index expression';
    case 'slice_expression': return 'slice expression';
    case 'type_assertion_expression': return 'type assertion';
    default: return 'expression';
  }
}

