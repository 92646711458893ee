/**
 * The checker's operands, as types2's `operand`: a mode (what the expression denotes), the
 * expression, its type, and for constants their value. Our additions: the `unknown` mode for what
 * we do not evaluate, the evaluated GoValue of a `value`, and whether it is a static composite
 * literal.
 */
import type { SyntaxNode } from '../go/parser';
import type { Value } from './constant';
import type { OpType } from './gotypes';
import type { GoValue } from './value';

export type Mode = 'invalid' | 'novalue' | 'builtin' | 'typexpr' | 'constant' | 'value' | 'nil' | 'unknown';

/** An intermediate result, as types2's `operand`. */
export interface Operand {
  mode: Mode;
  /** The expression the operand stands for (messages and positions). */
  expr: SyntaxNode;
  type: OpType;
  /** The value of a constant. */
  val: Value;
  /** The evaluated value of a `value` operand; undefined when a part could not be evaluated. */
  value?: GoValue;
  /**
   * Not a static composite literal (`isStaticCompositeLiteral` after the order pass): slices,
   * maps, `&T{}`, conversions of values, anything converted to an interface. The compiler inserts
   * map entries holding such values after the static ones (walk/order.go).
   */
  dynamic?: boolean;
  /** The builtin function's name, for mode `builtin`. */
  builtin?: string;
}

export const modeString: Record<Mode, string> = {
  invalid: 'invalid operand', novalue: 'no value', builtin: 'built-in', typexpr: 'type',
  constant: 'constant', value: 'value', nil: 'nil', unknown: 'value',
};

export const invalidOp = 'invalid operation: ';
export const invalidArg = 'invalid argument: ';

/** Did checking invalidate x? (a call, so TypeScript does not narrow x.mode across mutations) */
export function failed(x: Operand): boolean {
  return x.mode === 'invalid';
}
