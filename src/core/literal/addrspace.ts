/**
 * Types too large for the target, as gc's backend finds them (`CalcSize`; the rules and words are
 * `types/size.ts`'s, which lays every type out: `type [N]T larger than address space`, `type T too
 * large` on 32-bit targets). A literal's map type is laid out for the literal's GOARCH; what
 * `layoutOf` refuses is refused here, at gc's position.
 *
 * The position is the one `base.Errorf` takes from `base.Pos`: while a named type's declaration is
 * sized, its name (`type T [1<<62]byte` at T, placed by `size.ts`); else the declaration being
 * compiled, the name of a package-level `var` (`var m = map[int][1<<50]byte{}` at m), or inside a
 * function the literal's `{`. The last is Go 1.19's position (each checked against `go build`);
 * Go 1.26 prints the same words but, inside a function, at whatever `base.Pos` was last set to
 * (the function's name, or the local variable being declared), which no rule describes.
 */
import type { SyntaxNode } from '../go/parser';
import { GoArch } from '../maptype';
import { GoType, TypeTooLargeError, layoutOf } from '../types';
import { ancestorsOf } from './nodes';

/** gc's refusal of the first of `types` too large for `arch`, or undefined. */
export function tooLarge(types: GoType[], arch: GoArch): TypeTooLargeError | undefined {
  for (const t of types) {
    try {
      layoutOf(t, arch);
    } catch (e) {
      if (e instanceof TypeTooLargeError) return e;
      // Other layout errors (recursion) are the checker's to report.
    }
  }
  return undefined;
}

/** Where gc reports a too-large type not placed at a named type: the var's name, or the literal. */
export function tooLargeAt(literal: SyntaxNode): SyntaxNode {
  for (const n of ancestorsOf(literal).reverse()) {
    if (n.type === 'function_declaration' || n.type === 'method_declaration' || n.type === 'func_literal') break;
    if (n.type === 'var_spec') return n.childForFieldName('name') ?? n;
  }
  return literal.childForFieldName('body') ?? literal;
}
