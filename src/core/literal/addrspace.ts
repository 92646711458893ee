/**
 * Types too large for the target, as gc's backend finds them (Go 1.19
 * `cmd/compile/internal/types/size.go`, `CalcSize`): an array of n elements of width w is refused
 * when `n > (MaxWidth - 1) / w`, with `type [N]T larger than address space`, where MaxWidth is
 * 1<<50 on amd64 and arm64 (`ssagen.Arch.MAXWIDTH`) and 1<<32 - 1 on 386 and arm. CalcSize works
 * from the inside out (an element before its array, fields before their struct), so the innermost
 * offending array is the one named.
 *
 * The position is the one `base.Errorf` takes from `base.Pos`: while a named type's declaration is
 * sized, its name (`type T [1<<62]byte` at T); else the declaration being compiled, the name of a
 * package-level `var` (`var m = map[int][1<<50]byte{}` at m), or inside a function the literal's
 * `{` (each checked against `go build` with Go 1.19).
 *
 * Widths are doubles: exact up to 2^53, and beyond that far past every MaxWidth anyway.
 */
import type { SyntaxNode } from '../go/parser';
import { GoArch, ptrSizeOf } from '../maptype';
import type { GoType } from '../types';
import { basicSize } from './gotypes';

export interface TooLarge {
  /** The array type, as gc prints it (`[4611686018427387904]byte`). */
  text: string;
  /** The named type whose declaration was being sized, if any. */
  within?: string;
}

function maxWidth(arch: GoArch): number {
  return ptrSizeOf(arch) === 8 ? 2 ** 50 : 2 ** 32 - 1;
}

/** The innermost array type in t too large for `arch`, or undefined. */
export function tooLarge(t: GoType, arch: GoArch): TooLarge | undefined {
  let found: TooLarge | undefined;
  const sized = new Map<GoType, number>();
  const width = (x: GoType, within: string | undefined): number => {
    if (found) return 0;
    const known = sized.get(x);
    if (known !== undefined) return known;
    sized.set(x, 0); // a cycle (through a broken declaration) adds nothing
    let w: number;
    switch (x.kind) {
      case 'basic': w = basicSize(x.name, arch); break;
      case 'named': w = x.underlying ? width(x.underlying, x.name) : 0; break;
      case 'pointer': case 'map': case 'chan': case 'func': w = ptrSizeOf(arch); break;
      case 'slice': w = 3 * ptrSizeOf(arch); break;
      case 'interface': w = 2 * ptrSizeOf(arch); break;
      case 'struct': w = x.fields.reduce((sum, f) => sum + width(f.type, within), 0); break;
      case 'array': {
        const e = width(x.elem, within);
        if (!found && e !== 0 && x.len > Math.floor((maxWidth(arch) - 1) / e)) found = { text: arrayText(x), within };
        w = x.len * e;
        break;
      }
    }
    sized.set(x, w);
    return w;
  };
  width(t, undefined);
  return found;
}

/** `[N]T` with N exact (the length is a double; BigInt prints all its digits). */
function arrayText(t: Extract<GoType, { kind: 'array' }>): string {
  const elem = t.elem;
  const inner = elem.kind === 'array' ? arrayText(elem) : gcTypeText(elem);
  return `[${BigInt(t.len).toString()}]${inner}`;
}

function gcTypeText(t: GoType): string {
  switch (t.kind) {
    case 'basic': return t.alias ?? t.name;
    case 'named': return t.name;
    case 'pointer': return '*' + gcTypeText(t.elem);
    case 'slice': return '[]' + gcTypeText(t.elem);
    case 'array': return arrayText(t);
    case 'map': return `map[${gcTypeText(t.key)}]${gcTypeText(t.elem)}`;
    default: return t.kind;
  }
}

/** Where gc reports a too-large type: the named type's declaration, the var's name, or the literal. */
export function tooLargeAt(found: TooLarge, literal: SyntaxNode): SyntaxNode {
  let root = literal;
  while (root.parent) root = root.parent;
  if (found.within) {
    const spec = root.descendantsOfType('type_spec').find((s) => s?.childForFieldName('name')?.text === found.within);
    const name = spec?.childForFieldName('name');
    if (name) return name;
  }
  for (let n: SyntaxNode | null = literal.parent; n; n = n.parent) {
    if (n.type === 'function_declaration' || n.type === 'method_declaration' || n.type === 'func_literal') break;
    if (n.type === 'var_spec') return n.childForFieldName('name') ?? n;
  }
  return literal.childForFieldName('body') ?? literal;
}
