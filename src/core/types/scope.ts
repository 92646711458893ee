/**
 * Scopes of type names, as the Go spec has them: the universe block (predeclared `bool`, `int`,
 * `byte`, `error`, `any`, ..., plus `unsafe.Pointer`) and, inside it, a package block filled from
 * the `type` and `const` declarations of a Go file (`scopeFromSource` in `declarations.ts`).
 *
 * A declared type `type T U` is one `named` GoType object; references to it (also from its own
 * fields, `type L struct{ next *L }`) are that object, so recursive types are object cycles. An
 * alias `type A = B` is not a new type: looking `A` up yields `B` itself.
 *
 * A declaration that cannot be resolved (an undefined name, an invalid recursive type) leaves its
 * named type without `underlying`; the error is remembered here (`brokenTypeError`) and raised,
 * with the declaration's position, wherever the type is used.
 */
import { GoTypeError } from './errors';
import { BasicName, GoType } from './gotype';

/** What a name in a scope stands for. `get` may throw a `GoTypeError` (unplaced errors get the
 * position of the name that was looked up). */
export interface TypeEntry {
  get(): GoType;
}
export interface ConstEntry {
  /** The constant's integer value; throws `GoTypeError` when it is not an integer constant. */
  value(): bigint;
}

export class TypeScope {
  private readonly types = new Map<string, TypeEntry>();
  private readonly consts = new Map<string, ConstEntry>();

  constructor(
    readonly parent?: TypeScope,
    /** The Go file the declarations come from, for error positions. */
    readonly file?: string,
  ) {}

  /** The type a (possibly package-qualified, `unsafe.Pointer`) name stands for, or undefined. */
  lookupType(name: string): TypeEntry | undefined {
    return this.types.get(name) ?? this.parent?.lookupType(name);
  }

  lookupConst(name: string): ConstEntry | undefined {
    return this.consts.get(name) ?? this.parent?.lookupConst(name);
  }

  /** Declares a type name in this scope; a second declaration of a name replaces nothing and fails. */
  declareType(name: string, entry: TypeEntry): boolean {
    if (this.types.has(name)) return false;
    this.types.set(name, entry);
    return true;
  }

  declareConst(name: string, entry: ConstEntry): boolean {
    if (this.consts.has(name)) return false;
    this.consts.set(name, entry);
    return true;
  }

  /** The type names declared in this scope (not its parents), in declaration order. */
  typeNames(): string[] {
    return [...this.types.keys()];
  }

  /** The named types declared in this scope, resolved (aliases and broken declarations left out). */
  namedTypes(): GoType[] {
    const out: GoType[] = [];
    for (const e of this.types.values()) {
      try {
        const t = e.get();
        if (t.kind === 'named' && !out.includes(t)) out.push(t);
      } catch {
        // broken declarations are reported where they are used
      }
    }
    return out;
  }
}

const brokenTypes = new WeakMap<GoType, GoTypeError>();

/** Remembers why a declared type has no underlying type. */
export function markBroken(t: GoType, error: GoTypeError): void {
  brokenTypes.set(t, error);
}

/** Where a declared type's name stands (1-based line and column, as `GoTypeError` counts them). */
export interface DeclarationSite {
  line: number;
  column: number;
  file?: string;
}

const declarationSites = new WeakMap<GoType, DeclarationSite>();

/** Remembers where a named type was declared, for errors found later (a layout too large). */
export function markDeclared(t: GoType, site: DeclarationSite): void {
  declarationSites.set(t, site);
}

/** Where a named type was declared, if it came from source. */
export function declarationSite(t: GoType): DeclarationSite | undefined {
  return declarationSites.get(t);
}

/** The error of a declared type that could not be resolved, if it is one. */
export function brokenTypeError(t: GoType): GoTypeError | undefined {
  return brokenTypes.get(t);
}

/**
 * The underlying type of `t` (`t` itself unless named). Throws the declaration's error for a broken
 * named type, so every consumer fails with the same message and position.
 */
export function underlying(t: GoType): Exclude<GoType, { kind: 'named' }> {
  let u: GoType | undefined = t;
  // A named type's underlying is never itself named (declarations.ts resolves `type T U` to U's
  // underlying), but guard against hand-built chains.
  for (let i = 0; u?.kind === 'named' && i < 100; i++) {
    const named: GoType = u;
    u = named.underlying;
    if (u === undefined) {
      throw brokenTypeError(named) ?? GoTypeError.unplaced(`type ${named.name} is not fully declared`);
    }
  }
  if (u === undefined || u.kind === 'named') throw GoTypeError.unplaced('invalid recursive type');
  return u;
}

const basicNames: BasicName[] = [
  'bool', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64',
  'uintptr', 'float32', 'float64', 'complex64', 'complex128', 'string',
];

function constant(t: GoType): TypeEntry {
  return { get: () => t };
}

/** `error`: the predeclared named interface type `interface{ Error() string }`. */
export const errorType: GoType = {
  kind: 'named',
  name: 'error',
  underlying: { kind: 'interface', methods: [{ name: 'Error', signature: '() string' }], embeds: [] },
};

/** The universe block: predeclared types and `unsafe.Pointer`. */
export const universe = new TypeScope();
for (const name of basicNames) universe.declareType(name, constant({ kind: 'basic', name }));
universe.declareType('byte', constant({ kind: 'basic', name: 'uint8', alias: 'byte' }));
universe.declareType('rune', constant({ kind: 'basic', name: 'int32', alias: 'rune' }));
universe.declareType('error', constant(errorType));
universe.declareType('any', constant({ kind: 'interface', methods: [], embeds: [], alias: 'any' }));
universe.declareType('unsafe.Pointer', constant({ kind: 'basic', name: 'unsafe.Pointer' }));
universe.declareType('comparable', {
  get: () => {
    throw GoTypeError.unplaced('comparable is a type constraint, not a type');
  },
});
