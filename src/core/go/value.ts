/**
 * The model's value form of a Go value, shared by both map models (classic `hmap` and Swiss
 * tables), the literal evaluator, traces, dumps and every view.
 *
 * It is JSON-shaped so that it can be written and read back, with one addition for interfaces:
 *
 *   bool            true / false
 *   integers        numbers, or decimal strings beyond ±2^53 (or a bigint)
 *   floats          numbers (NaN, ±Inf kept as the numbers inside the model; "NaN", "+Inf", "-Inf"
 *                   in JSON text)
 *   complex         [re, im]
 *   string          a JS string (UTF-16; Go's bytes decoded as UTF-8, see literal/gostring.ts)
 *   array           [elem, ...]
 *   struct          { field: value, ... } in declaration order, blank fields left out
 *   nil             null (a nil pointer, slice, map, chan, func, or a nil interface)
 *   interface       { $type: 'int64', value: 1 }: the DYNAMIC type, as Go source writes it, beside
 *                   the dynamic value in this same form. `map[any]int{1: 1, int64(1): 2, int8(1):
 *                   3, 1.0: 4}` has four keys because `$type` differs ('int', 'int64', 'int8',
 *                   'float64'). A Go identifier cannot contain `$`, so no struct has a field
 *                   named `$type` and the two object shapes never meet.
 *
 * A value carries no static type: a map knows its key type. Only an interface holds a type, as in
 * the runtime, where an `eface` is a (`_type`, data) pair and `efaceeq`/`nilinterhash` look at the
 * `_type` first.
 */

/** An interface holding a non-nil dynamic value. */
export interface IfaceValue {
  /** The dynamic type as Go source writes it (`int64`, `[]int`, `struct{ A int }`, `main.T`). */
  readonly $type: string;
  readonly value: ModelValue;
}

export type ModelValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | ModelValue[]
  | IfaceValue
  | { readonly [field: string]: ModelValue };

/** Whether v is an interface value `{ $type, value }`. */
export function isIface(v: unknown): v is IfaceValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { $type?: unknown }).$type === 'string' && 'value' in v;
}

/** An interface value holding `value` of dynamic type `type`. */
export function iface(type: string, value: ModelValue): IfaceValue {
  return { $type: type, value };
}

/**
 * A Go run-time panic that the model raises where the runtime would (`hash of unhashable type
 * []int`). The message is the runtime's `runtime.Error` text without its `runtime error: ` prefix;
 * `goText` is how `go run` prints it.
 */
export class GoPanic extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoPanic';
  }

  get goText(): string {
    return `panic: runtime error: ${this.message}`;
  }
}

const uncomparableMemo = new Map<string, boolean>();

/**
 * Whether a dynamic type, written as Go source writes it, is comparable: not a slice, map or
 * func, nor an array or struct that holds one. Named types cannot be resolved from their name and
 * count as comparable here: whoever builds an interface value of a named type (the literal
 * evaluator, the JSON reader) checks the real type first and refuses an uncomparable one.
 */
export function dynamicTypeComparable(type: string): boolean {
  let r = uncomparableMemo.get(type);
  if (r === undefined) {
    r = comparableAt(type.trim());
    if (uncomparableMemo.size < 4096) uncomparableMemo.set(type, r);
  }
  return r;
}

function comparableAt(t: string): boolean {
  // Array prefixes `[N]` keep the element's comparability; `[]` makes a slice.
  while (t.startsWith('[')) {
    const close = t.indexOf(']');
    if (close === 1) return false;
    if (close < 0) return true;
    t = t.slice(close + 1).trimStart();
  }
  if (t.startsWith('map[') || t.startsWith('func(') || t.startsWith('func ')) return false;
  if (t.startsWith('struct')) return structFieldTypes(t).every(comparableAt);
  return true; // basic, pointer, chan, interface, named
}

/** The field types of `struct{ A int; B []int }` (embedded fields: the type itself). */
function structFieldTypes(t: string): string[] {
  const open = t.indexOf('{');
  const body = t.slice(open + 1, t.lastIndexOf('}'));
  const fields: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if ((c === ';' || c === undefined) && depth === 0) {
      const field = body.slice(start, i).trim();
      if (field !== '') fields.push(fieldType(field));
      start = i + 1;
    }
  }
  return fields;
}

/** `A, B []int "tag"` -> `[]int`; an embedded `T` or `*T` is its own type. */
function fieldType(field: string): string {
  const noTag = field.replace(/\s*(`[^`]*`|"(?:[^"\\]|\\.)*")$/, '');
  const m = /^[\p{L}_][\p{L}\p{N}_]*(?:\s*,\s*[\p{L}_][\p{L}\p{N}_]*)*\s+(\S.*)$/u.exec(noTag);
  return m ? m[1] : noTag;
}

/** The runtime's panic for hashing a key whose dynamic type has no hash function (`interhash`). */
export function unhashable(type: string): GoPanic {
  return new GoPanic(`hash of unhashable type ${type}`);
}

/** The runtime's panic for `==` on two interfaces holding the same uncomparable type (`efaceeq`). */
export function uncomparable(type: string): GoPanic {
  return new GoPanic(`comparing uncomparable type ${type}`);
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A JS string as a Go string decoded by `encoding/json` holds it: a lone surrogate (`"\ud800"`,
 * which JSON allows and UTF-8 cannot encode) becomes U+FFFD, as `unquote` makes it; a valid pair
 * stays one rune.
 */
export function goString(s: string): string {
  return s.replace(loneSurrogate, '\ufffd');
}
