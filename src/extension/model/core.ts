/**
 * The one place where the extension reaches into `src/core`: building a simulated map for
 * `map[K]V` on a GOARCH, and turning user input into the model's value form. No `vscode` import.
 */
import { HMap, seededRandomness } from '../../core/classic/hmap';
import { DefaultHasher, Hasher } from '../../core/classic/hash';
import { SeededFastRand } from '../../core/classic/rand';
import { normalizeValue } from '../../core/classic/values';
import { GoArch, MapTypeInfo, ptrSizeOf } from '../../core/maptype';
import { evaluateMapLiteral } from '../../core/literal';
import {
  BucketLayout, GoType, bucketLayout, comparable, mapTypeOf, parseTypeExpr, scopeFromSource, typeString, underlying, universe,
} from '../../core/types';

export interface MapTypeResolved {
  info: MapTypeInfo;
  keyType: GoType;
  elemType: GoType;
  /** The bucket region by region and the interleaved layout it avoids (`src/core/types`). */
  layout: BucketLayout;
}

/** `map[K]V` on `arch`: the runtime's `maptype` and the bucket layout, from the core. Named types
 * are resolved in the type declarations of `declarations` (Go source), if given. */
export async function resolveMapType(keyExpr: string, elemExpr: string, arch: GoArch, declarations?: string): Promise<MapTypeResolved> {
  const scope = declarations ? await scopeFromSource(declarations) : universe;
  const keyType = await parseTypeExpr(keyExpr, scope);
  const elemType = await parseTypeExpr(elemExpr, scope);
  const c = comparable(keyType);
  if (!c.ok) throw new Error(`invalid map key type ${keyExpr}: ${c.reason}`);
  const layout = bucketLayout(keyType, elemType, arch);
  return { info: mapTypeOf(keyType, elemType, arch), keyType, elemType, layout };
}

/** A fresh `make(map[K]V, hint)` whose every random choice comes from `seed`. */
export function newHMap(info: MapTypeInfo, hint: number, seed: number): { h: HMap; hasher: Hasher } {
  const rand = new SeededFastRand(seed);
  const hasher = new DefaultHasher(rand);
  const h = new HMap(info, hint, { hasher, random: seededRandomness(rand) });
  return { h, hasher };
}

/** The model's value form of `v` for Go type `t` (throws a message naming the problem). */
export function toModelValue(t: GoType, v: unknown, arch: GoArch): unknown {
  return normalizeValue(t, v, ptrSizeOf(arch));
}

/**
 * A value typed by the user, for Go type `t` (written `typeText` in `declarations`, the Go source
 * the map came from, if any). Accepted forms: JSON value form (`42`, `"abc"`, `[1,2]`, `{"A":1}`);
 * any Go expression the literal evaluator takes (`'x'`, `0x1f`, `1<<10`, `T{A: 1}`, `"a"+"b"`),
 * evaluated as an element of a one-entry map literal; for string types, a bare word as itself.
 */
export async function parseUserValue(t: GoType, typeText: string, text: string, arch: GoArch, declarations?: string): Promise<unknown> {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error(`type a ${typeString(t)} value`);
  try {
    const v: unknown = JSON.parse(trimmed);
    if (!isStringType(t) || typeof v === 'string') return toModelValue(t, v, arch);
  } catch {
    // not JSON: try Go
  }
  const header = declarations ?? 'package p\n';
  const expr = `map[${typeText}]struct{}{${trimmed}: {}}`;
  const source = `${header}\nvar _ = ${expr}\n`;
  const r = await evaluateMapLiteral(source, { at: header.length + 10, goarch: arch });
  if (r.ok && r.map.entries.length === 1) return toModelValue(t, r.map.entries[0][0], arch);
  if (isStringType(t) && !/["`]/.test(trimmed)) return toModelValue(t, trimmed, arch);
  const why = r.ok ? 'not one value' : r.errors[0].message;
  throw new Error(`${trimmed} is not a ${typeString(t)}: ${why}`);
}

function isStringType(t: GoType): boolean {
  const u = underlying(t);
  return u.kind === 'basic' && u.name === 'string';
}

export { typeString };
