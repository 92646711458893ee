/**
 * What a user types for a key or elem, read as Go reads it.
 *
 * - For every type: a Go expression of that type, evaluated by the literal evaluator as an element
 *   of `map[int]T{0: <text>}` (so any type works, comparable or not), with the map's own type
 *   declarations in scope: `Profile{Admin: true}`, `[]byte("x")`, `&Session{ID: 7}`, `1<<10`,
 *   `int8(1)` for an interface. JSON is accepted as well where Go reads nothing (`{"A": 1}`).
 * - For string types, one rule: a Go string expression (`"a\tb"`, `` `raw` ``, `"a" + "b"`) is
 *   evaluated; any other text is the string itself, as typed (`hello world`, `42`).
 * The prompts say which (`describeInput`), with an example written by the same formatter as the
 * slots.
 */
import { evaluateMapLiteral } from '../literal';
import { GoArch } from '../maptype';
import { SeededFastRand } from '../classic/rand';
import { GoType, typeString, underlying } from '../types';
import { goString } from './gosyntax';
import { TypeDecl, declsSource, localNames } from './packages';
import { AddressSpace, ValueInputError, fromGoValue, normalizeElem, normalizeKey, randomValue } from './values';

export type Role = 'key' | 'elem';

export interface InputTypes {
  keyType: GoType;
  elemType: GoType;
  /** `map[K]V` as written. */
  key: string;
  elem: string;
  goarch: GoArch;
  decls: readonly TypeDecl[];
  addresses: AddressSpace;
}

function isStringType(t: GoType): boolean {
  const u = underlying(t);
  return u.kind === 'basic' && u.name === 'string';
}

/** Reads `text` as a key or elem of the map; throws `ValueInputError` with what is wrong. */
export async function parseInput(role: Role, text: string, m: InputTypes): Promise<unknown> {
  const t = role === 'key' ? m.keyType : m.elemType;
  const typeText = role === 'key' ? m.key : m.elem;
  const normalize = (v: unknown): unknown => (role === 'key' ? normalizeKey(t, v, m.goarch) : normalizeElem(t, v, m.goarch));
  const trimmed = text.trim();
  if (trimmed === '' && !isStringType(t)) throw new ValueInputError(`type ${describeInput(role, m)}`);
  if (isStringType(t) && !/^["`]/.test(trimmed)) return normalize(text);
  const go = await evaluateGo(trimmed, t, typeText, role, m);
  if (go.ok) return normalize(go.value);
  try {
    return normalize(JSON.parse(trimmed));
  } catch {
    // not JSON either: the Go error says more
  }
  if (isStringType(t)) return normalize(text);
  throw new ValueInputError(`${clip(trimmed)} is not a ${typeString(t)}: ${go.error}`);
}

async function evaluateGo(text: string, t: GoType, typeText: string, role: Role, m: InputTypes): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  const names = new Set(m.decls.map((d) => d.name));
  const header = `${declsSource(m.decls)}\nvar _ = map[int]${localNames(typeText, names)}{0: `;
  const source = `${header}${localNames(text, names)}}\n`;
  const r = await evaluateMapLiteral(source, { at: header.length - 3, goarch: m.goarch });
  if (!r.ok) return { ok: false, error: r.errors[0].message.replace(/\b([A-Za-z_]\w*)__([A-Za-z_]\w*)\b/g, '$1.$2') };
  if (r.map.values.length !== 1) return { ok: false, error: 'not one value' };
  return { ok: true, value: fromGoValue(r.map.values[0][1], t, role === 'key', m.addresses) };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** `a Go expression of type []byte, e.g. []byte{1, 2}`: what a prompt for a key or elem expects. */
export function describeInput(role: Role, m: Pick<InputTypes, 'keyType' | 'elemType' | 'key' | 'elem' | 'goarch'>): string {
  const t = role === 'key' ? m.keyType : m.elemType;
  const typeText = role === 'key' ? m.key : m.elem;
  if (isStringType(t)) return `a ${role} of type ${typeText}: bare text is the string itself; a Go string literal ("a\\tb", \`raw\`) is evaluated`;
  return `a Go expression of type ${typeText}, e.g. ${exampleOf(t, role, m.goarch)}`;
}

/** An example value of `t` as Go source (the slots' formatter on a sample value). */
export function exampleOf(t: GoType, role: Role, arch: GoArch): string {
  const u = underlying(t);
  if (u.kind === 'pointer' && role === 'key') return `&${typeString(u.elem)}{} (a new address), or nil`;
  if (u.kind === 'func' || u.kind === 'chan') return 'nil';
  if (u.kind === 'interface') return '42, "text", int8(1), []int{1, 2}';
  const v = randomValue(t, new SeededFastRand(7), arch, role === 'key', 100);
  return goString(t, v, 80, role === 'key');
}
