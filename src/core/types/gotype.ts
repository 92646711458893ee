/**
 * The representation of Go types shared by the whole core: the layout code (sizes, alignment,
 * ptrdata per GOARCH), the literal evaluator (typed constants, composite literals) and the hovers.
 *
 * Types are plain objects. A named type (`type Order struct{...}`) is a `named` node whose
 * `underlying` may be filled in after creation, so recursive types (`type L struct{ next *L }`)
 * are object cycles, never infinite trees.
 */

/** Predeclared types, with `byte` and `rune` folded into their aliases `uint8` and `int32`. */
export type BasicName =
  | 'bool'
  | 'int' | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr'
  | 'float32' | 'float64'
  | 'complex64' | 'complex128'
  | 'string'
  | 'unsafe.Pointer';

export interface StructField {
  /** Field name; for an embedded field, the type's name; `_` for blank fields. */
  name: string;
  type: GoType;
  embedded: boolean;
}

export interface InterfaceMethod {
  name: string;
  /** The method's signature as written, e.g. `(p []byte) (n int, err error)`. */
  signature: string;
}

export type GoType =
  | { kind: 'basic'; name: BasicName; /** `byte` or `rune` when written so */ alias?: 'byte' | 'rune' }
  | { kind: 'pointer'; elem: GoType }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'array'; len: number; elem: GoType }
  | { kind: 'map'; key: GoType; elem: GoType }
  | { kind: 'chan'; dir: 'both' | 'send' | 'recv'; elem: GoType }
  | { kind: 'func'; /** the signature as written */ signature: string }
  | {
      kind: 'interface';
      methods: InterfaceMethod[];
      /** embedded interfaces or type constraints as written */
      embeds: string[];
      /** `any` when written so (the predeclared alias of `interface{}`) */
      alias?: 'any';
    }
  | { kind: 'struct'; fields: StructField[] }
  | { kind: 'named'; name: string; underlying: GoType | undefined };
