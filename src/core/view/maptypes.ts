/**
 * `map[K]V` on a GOARCH, resolved once per map: the key and elem `GoType`s (named types from the
 * map's saved declarations, `packages.ts`), the runtime's `maptype` and the bucket layout. Key
 * types that Go rejects are rejected here, with the compiler's words.
 */
import { GoArch } from '../maptype';
import { BucketLayout, GoType, TypeScope, bucketLayout, comparable, parseTypeExpr, typeString } from '../types';
import { TypeDecl, declsNeeded, scopeFromDecls } from './packages';

export interface ResolvedMapType {
  keyType: GoType;
  elemType: GoType;
  /** The bucket region by region, the interleaved layout it avoids, and `info` (the `maptype`). */
  layout: BucketLayout;
  /** The declarations the key and elem types need (what a saved map keeps). */
  decls: TypeDecl[];
}

export class MapTypeError extends Error {}

/** The key type of a map, checked as the compiler checks it (`invalid map key type`). */
export async function parseKeyType(expr: string, scope: TypeScope): Promise<GoType> {
  const t = await parseTypeExpr(expr, scope);
  const c = comparable(t);
  if (!c.ok) throw new MapTypeError(`invalid map key type ${expr}: ${c.reason}`);
  return t;
}

/** `map[key]elem` with names from `scope` (or from saved `decls`). */
export async function resolveMapType(key: string, elem: string, arch: GoArch, from: TypeScope | readonly TypeDecl[]): Promise<ResolvedMapType> {
  const scope = Array.isArray(from) ? await scopeFromDecls(from) : (from as TypeScope);
  const keyType = await parseKeyType(key, scope);
  const elemType = await parseTypeExpr(elem, scope);
  let layout: BucketLayout;
  try {
    layout = bucketLayout(keyType, elemType, arch);
  } catch (e) {
    throw new MapTypeError(`map[${typeString(keyType)}]${typeString(elemType)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { keyType, elemType, layout, decls: declsNeeded([keyType, elemType]) };
}
