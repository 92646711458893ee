/**
 * Predicates on types that decide how a map treats its keys, after gc:
 * - `comparable`: the spec's rule for map keys (`types.IsComparable`), with the reason when not;
 * - `isReflexive`: k == k for every k (`types.IsReflexive`), false for floats (NaN), complex and
 *   interfaces (which may hold either), and aggregates of them → maptype flag `reflexivekey`;
 * - `needkeyupdate`: an assignment to an existing key must store the key again
 *   (`reflectdata.needkeyupdate`): +0/-0 floats, strings (a different backing store), interfaces
 *   → maptype flag `needkeyupdate`;
 * - `hashMightPanic`: hashing may panic (an interface holding an unhashable dynamic type) →
 *   maptype flag `hashMightPanic`.
 * Named types answer through their underlying type. Each answer is kept per type object, as gc
 * keeps a type's algorithm: `type T2 struct{ a, b T1 }` over forty levels asks about T1 once, not
 * 2^40 times.
 */
import { GoType } from './gotype';
import { typeString } from './print';
import { underlying } from './scope';

export type Comparability =
  | { ok: true }
  | {
      ok: false;
      /** Why not, e.g. `struct field items has type []Item, which is not comparable`. */
      reason: string;
      /** The slice, map or func type that makes it so. */
      offender: GoType;
    };

/** Is `t` comparable (allowed as a map key)? Slices, maps and funcs are not; nor are structs and
 * arrays that contain one. Pointers, channels and interfaces are (interfaces may panic at run time). */
export function comparable(t: GoType): Comparability {
  return comparableAt(t, '', new Set());
}

/** Types already found comparable (the reason for a failure depends on the path, so only
 * successes are kept). */
const comparableTypes = new WeakSet<GoType>();

/** `answer(t)` once per type object (an invalid recursive type has thrown before it can loop). */
function memo(f: (t: GoType) => boolean): (t: GoType) => boolean {
  const answers = new WeakMap<GoType, boolean>();
  return (t) => {
    let a = answers.get(t);
    if (a === undefined) answers.set(t, (a = f(t)));
    return a;
  };
}

function comparableAt(t: GoType, path: string, visiting: Set<GoType>): Comparability {
  if (comparableTypes.has(t)) return { ok: true };
  const c = comparableUncached(t, path, visiting);
  if (c.ok) comparableTypes.add(t);
  return c;
}

function comparableUncached(t: GoType, path: string, visiting: Set<GoType>): Comparability {
  const u = underlying(t);
  const what = (kind: string): Comparability =>
    path === ''
      ? { ok: false, reason: `${kind} are not comparable`, offender: t }
      : { ok: false, reason: `${path} has type ${typeString(t)}, which is not comparable (${kind} are not)`, offender: t };
  switch (u.kind) {
    case 'slice':
      return what('slices');
    case 'map':
      return what('maps');
    case 'func':
      return what('funcs');
    case 'array':
    case 'struct': {
      if (visiting.has(u)) return { ok: true }; // an invalid recursive type, reported elsewhere
      visiting.add(u);
      try {
        if (u.kind === 'array') {
          return comparableAt(u.elem, path === '' ? 'array element' : `${path} element`, visiting);
        }
        for (const f of u.fields) {
          const c = comparableAt(f.type, path === '' ? `struct field ${f.name}` : `${path}.${f.name}`, visiting);
          if (!c.ok) return c;
        }
        return { ok: true };
      } finally {
        visiting.delete(u);
      }
    }
    default:
      return { ok: true };
  }
}

/** `types.IsReflexive`: k == k for every value k of the (comparable) type. */
export const isReflexive = memo((t: GoType): boolean => {
  const u = underlying(t);
  switch (u.kind) {
    case 'basic':
      return !/^(float|complex)/.test(u.name);
    case 'interface':
      return false;
    case 'array':
      return isReflexive(u.elem); // even for [0]float64, as gc decides by the element type
    case 'struct':
      return u.fields.every((f) => isReflexive(f.type));
    default:
      return true; // pointers, channels
  }
});

/** `reflectdata.needkeyupdate`: must an overwrite of an existing key store the new key? */
export const needkeyupdate = memo((t: GoType): boolean => {
  const u = underlying(t);
  switch (u.kind) {
    case 'basic':
      return /^(float|complex)/.test(u.name) || u.name === 'string';
    case 'interface':
      return true;
    case 'array':
      return needkeyupdate(u.elem);
    case 'struct':
      return u.fields.some((f) => needkeyupdate(f.type));
    default:
      return false;
  }
});

/** `reflectdata.hashMightPanic`: can hashing a key of this type panic (interfaces inside)? */
export const hashMightPanic = memo((t: GoType): boolean => {
  const u = underlying(t);
  switch (u.kind) {
    case 'interface':
      return true;
    case 'array':
      return hashMightPanic(u.elem);
    case 'struct':
      return u.fields.some((f) => hashMightPanic(f.type));
    default:
      return false;
  }
});
