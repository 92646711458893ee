/**
 * `typeString`: a GoType as Go source would write it, the way `gofmt` spaces it
 * (`map[string][]int`, `struct{ a int8; b int64 }`, `interface{}`, `<-chan int`, `func(int) error`).
 * Named types print as their name; `byte`, `rune` and `any` as written.
 */
import { GoType } from './gotype';

export function typeString(t: GoType): string {
  switch (t.kind) {
    case 'basic':
      return t.alias ?? t.name;
    case 'named':
      return t.name;
    case 'pointer':
      return `*${typeString(t.elem)}`;
    case 'slice':
      return `[]${typeString(t.elem)}`;
    case 'array':
      return `[${t.len}]${typeString(t.elem)}`;
    case 'map':
      return `map[${typeString(t.key)}]${typeString(t.elem)}`;
    case 'chan': {
      const elem = typeString(t.elem);
      if (t.dir === 'send') return `chan<- ${elem}`;
      if (t.dir === 'recv') return `<-chan ${elem}`;
      // `chan (<-chan int)`: without parentheses it would read as `chan<- chan int`.
      return t.elem.kind === 'chan' && t.elem.dir === 'recv' ? `chan (${elem})` : `chan ${elem}`;
    }
    case 'func':
      return `func${t.signature}`;
    case 'interface': {
      if (t.alias === 'any') return 'any';
      const elems = [...t.methods.map((m) => m.name + m.signature), ...t.embeds];
      return elems.length === 0 ? 'interface{}' : `interface{ ${elems.join('; ')} }`;
    }
    case 'struct': {
      if (t.fields.length === 0) return 'struct{}';
      const fields = t.fields.map((f) => (f.embedded ? typeString(f.type) : `${f.name} ${typeString(f.type)}`));
      return `struct{ ${fields.join('; ')} }`;
    }
  }
}
