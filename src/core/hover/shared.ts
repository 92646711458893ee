/**
 * Pieces both hover renderers (classic `render.ts`, Swiss `swiss.ts`) write the same way: the link
 * that opens the panel, a map's short name, the rebuild idiom, byte counts as adjectives.
 */
import { typeString } from '../types';
import { MapRef, MapT } from './constructs';
import { TypeTooLongToSpell, code, fmtInt, inspectLink, selfContained } from './format';

/** The "Inspect in Go Map Inspector" link for a map type and hint (none for types too long to
 * spell out in a link). */
export function linkFor(map: MapT, hint: number): string {
  try {
    return inspectLink({ key: selfContained(map.key), elem: selfContained(map.elem), hint });
  } catch (e) {
    if (!(e instanceof TypeTooLongToSpell)) throw e;
    return `No link to the panel: ${e.message}.`;
  }
}

/** `48-byte`, as an adjective. */
export function sized(n: number): string {
  return `${fmtInt(n)}-byte`;
}

/** `a 16-byte`, `an 8-byte`, `an 11-byte`, `an 18,432-byte`: the article as the number is read. */
export function aSized(n: number): string {
  const lead = fmtInt(n).split(',')[0];
  const vowel = lead.startsWith('8') || lead === '11' || lead === '18';
  return `${vowel ? 'an' : 'a'} ${sized(n)}`;
}

/** The map expression as written, or "the map" when it is long. */
export function mapName(ref: MapRef): string {
  return ref.expr.text.length <= 40 ? ref.expr.text : 'the map';
}

/** Copying the survivors into a map sized for them, the only way to give memory back. */
export function rebuildIdiom(name: string, map: MapT | undefined): string[] {
  const ty = map ? typeString(map) : 'map[K]V';
  return [`rebuilt := make(${ty}, len(${name}))`, `for k, v := range ${name} {`, '\trebuilt[k] = v', '}', `${name} = rebuilt`];
}

/** "This file writes to it on lines 17, 21." (the first five lines), or undefined without writes. */
export function writesSentence(rows: readonly number[]): string | undefined {
  const lines = [...new Set(rows)];
  if (lines.length === 0) return undefined;
  return `This file writes to it on line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 5).join(', ')}${lines.length > 5 ? ', …' : ''}.`;
}

/** What reading a nil map does, and the panic of the first write, for the expression `x`. */
export function nilReadsAndWrites(x: string): string[] {
  return [
    `Reading works and returns zero values (${code(`${x}[k]`)}, ${code(`len(${x})`)} is 0, ${code(`range ${x}`)} runs no iteration, and ${code('delete')} does nothing),`,
    `but the first write panics: ${code('assignment to entry in nil map')}.`,
  ];
}

/** `8-byte` on 64-bit GOARCHes, `4-byte` on 386 and arm: a map value is one pointer. */
export function pointerSized(goarch: string): string {
  return goarch === '386' || goarch === 'arm' ? '4-byte' : '8-byte';
}
