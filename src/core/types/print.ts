/**
 * `typeString`: a GoType as Go source would write it, the way `gofmt` spaces it
 * (`map[string][]int`, `struct{ a int8; b int64 }`, `interface{}`, `<-chan int`, `func(int) error`).
 * Named types print as their name; `byte`, `rune` and `any` as written.
 *
 * `gcTypeString`: the same type as gc's messages write it (`types.Type`'s `%v`), which spaces
 * struct and interface braces (`struct { a int; b int }`, `interface {}`).
 */
import { GoType } from './gotype';

export function typeString(t: GoType): string {
  return format(t, false);
}

export function gcTypeString(t: GoType): string {
  return format(t, true);
}

function format(t: GoType, gc: boolean): string {
  const typeString = (x: GoType) => format(x, gc);
  const braces = (body: string[], empty: string) =>
    body.length === 0 ? (gc ? `${empty} {}` : `${empty}{}`) : `${empty}${gc ? ' ' : ''}{ ${body.join('; ')} }`;
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
      // BigInt prints every digit of a length above 2^53 (`${2 ** 62}` would round it to 17).
      return `[${BigInt(t.len)}]${typeString(t.elem)}`;
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
      return braces([...t.methods.map((m) => m.name + m.signature), ...t.embeds], 'interface');
    }
    case 'struct': {
      return braces(t.fields.map((f) => (f.embedded ? typeString(f.type) : `${f.name} ${typeString(f.type)}`)), 'struct');
    }
  }
}
