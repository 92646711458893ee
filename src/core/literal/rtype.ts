/**
 * The dynamic type of an interface value as the runtime names it (`reflect.Type.String`, the
 * `_type.string()` that `interhash` puts in `hash of unhashable type ...`): `int64`, `uint8` for
 * `byte`, `int32` for `rune`, `[]int`, `map[string]int`, `struct { A int; B []int }`,
 * `interface {}`, `*int`, and named types qualified by their package (`main.T`,
 * `time.Duration`).
 *
 * The model's interface values carry this string as `$type` (`../go/value.ts`), so two identical
 * types always give the same string (`byte` and `uint8` alike) and the panic for an unhashable
 * key is the runtime's, word for word.
 *
 * Then: whether a key value holds, anywhere inside, an interface whose dynamic type has no hash
 * function, and which (the outermost one, as `interhash` reports it).
 */
import type { GoType } from '../types';
import { comparable } from './gotypes';
import type { GoValue } from './value';

/** The runtime's name of type t; named types declared in the file are qualified by `pkg`. */
export function runtimeTypeString(t: GoType, pkg: string): string {
  const s = (x: GoType): string => runtimeTypeString(x, pkg);
  switch (t.kind) {
    case 'basic': return t.name;
    case 'named': return t.name.includes('.') ? t.name : `${pkg}.${t.name}`;
    case 'pointer': return '*' + s(t.elem);
    case 'slice': return '[]' + s(t.elem);
    case 'array': return `[${t.len}]${s(t.elem)}`;
    case 'map': return `map[${s(t.key)}]${s(t.elem)}`;
    case 'chan': {
      const prefix = t.dir === 'send' ? 'chan<- ' : t.dir === 'recv' ? '<-chan ' : 'chan ';
      const paren = t.dir === 'both' && t.elem.kind === 'chan' && t.elem.dir === 'recv';
      return prefix + (paren ? `(${s(t.elem)})` : s(t.elem));
    }
    case 'func': return 'func' + t.signature;
    case 'interface': {
      const parts = [...t.embeds, ...t.methods.map((m) => m.name + m.signature)];
      return parts.length === 0 ? 'interface {}' : `interface { ${parts.join('; ')} }`;
    }
    case 'struct': {
      if (t.fields.length === 0) return 'struct {}';
      const fields = t.fields.map((f) => (f.embedded ? s(f.type) : `${f.name} ${s(f.type)}`));
      return `struct { ${fields.join('; ')} }`;
    }
  }
}

/**
 * The first interface inside key v (v itself, struct fields, array elements, in the order the
 * runtime's `typehash` visits them) whose dynamic type is not comparable: hashing the key panics
 * with `hash of unhashable type <that type>`. Undefined when the key hashes.
 */
export function unhashableIn(v: GoValue): GoType | undefined {
  switch (v.kind) {
    case 'interface':
      if (!comparable(v.type)) return v.type;
      return unhashableIn(v.value);
    case 'array': case 'slice':
      for (const e of v.elems) {
        const t = unhashableIn(e);
        if (t) return t;
      }
      return undefined;
    case 'struct':
      for (const f of v.fields) {
        const t = unhashableIn(f);
        if (t) return t;
      }
      return undefined;
    default:
      return undefined;
  }
}
