/**
 * The one place where the extension reaches into `src/core`: building a simulated map for
 * `map[K]V` on a GOARCH, and turning user input into the model's value form. No `vscode` import.
 */
import { HMap, seededRandomness } from '../../core/classic/hmap';
import { DefaultHasher, Hasher } from '../../core/classic/hash';
import { SeededFastRand } from '../../core/classic/rand';
import { normalizeValue } from '../../core/classic/values';
import { GoArch, MapTypeInfo, ptrSizeOf } from '../../core/maptype';
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
 * A value typed by the user: JSON value form (`42`, `"abc"`, `[1,2]`, `{"A":1}`); for string types a
 * bare word is taken as the string itself.
 *
 * TODO(core/literal): accept Go literal syntax (`'x'`, `0x1f`, `T{...}`) through the literal
 * evaluator when it lands.
 */
export function parseUserValue(t: GoType, text: string, arch: GoArch): unknown {
  const trimmed = text.trim();
  let v: unknown;
  try {
    v = JSON.parse(trimmed);
  } catch {
    if (isStringType(t)) v = trimmed.startsWith('`') && trimmed.endsWith('`') ? trimmed.slice(1, -1) : trimmed;
    else throw new Error(`"${trimmed}" is not a value of type ${typeString(t)} (write it as JSON: 42, "text", [1,2], {"F":1})`);
  }
  if (isStringType(t) && typeof v !== 'string') v = trimmed;
  return toModelValue(t, v, arch);
}

function isStringType(t: GoType): boolean {
  const u = underlying(t);
  return u.kind === 'basic' && u.name === 'string';
}

export { typeString };
