/**
 * Pieces both hover renderers (classic `render.ts`, Swiss `swiss.ts`) write the same way: the link
 * that opens the panel, a map's short name, the rebuild idiom, byte counts as adjectives.
 */
import { typeString } from '../types';
import { MapRef, MapT } from './constructs';
import { fmtInt, inspectLink, selfContained } from './format';

/** The "Inspect in Go Map Inspector" link for a map type and hint. */
export function linkFor(map: MapT, hint: number): string {
  return inspectLink({ key: selfContained(map.key), elem: selfContained(map.elem), hint });
}

/** `48-byte`, as an adjective. */
export function sized(n: number): string {
  return `${fmtInt(n)}-byte`;
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
