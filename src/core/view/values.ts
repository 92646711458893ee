/**
 * Keys and elems of every Go type in the model's value form (`src/core/go/value.ts`): checking
 * what a user typed against the map's types, converting the literal evaluator's typed values, and
 * drawing random values for "insert random keys".
 *
 * Keys are hashed and compared, so their form is the one both map models hash
 * (`classic/values.ts` `normalizeValue`); only pointers and channels, which compare by address,
 * are handled here: a key pointer is an address (an integer), and `&T{}` typed as a key is a new
 * address each time, as in Go.
 *
 * Elems are never hashed, so every type is accepted, written as the literal evaluator's JSON value
 * form has it: a pointer elem is what it points to (nil is null), a slice is an array of its
 * elements, a map is `[[k, v], ...]`, an interface is `{ $type, value }`, a non-nil func or
 * channel is a placeholder (`true`: the slot holds a pointer-sized word, nothing to show).
 */
import { SeededFastRand } from '../classic/rand';
import { canonicalInt, normalizeValue } from '../classic/values';
import { GoArch, ptrSizeOf } from '../maptype';
import type { GoValue } from '../literal';
import { toText } from '../literal/gostring';
import { runtimeTypeString } from '../literal/rtype';
import { GoType, typeString, underlying } from '../types';

export class ValueInputError extends Error {}

/** Whether values of `t` hold an address anywhere (pointer, channel, unsafe.Pointer). */
function holdsAddress(t: GoType, seen = new Set<GoType>()): boolean {
  if (seen.has(t)) return false;
  seen.add(t);
  const u = underlying(t);
  switch (u.kind) {
    case 'pointer': case 'chan': return true;
    case 'basic': return u.name === 'unsafe.Pointer';
    case 'array': return holdsAddress(u.elem, seen);
    case 'struct': return u.fields.some((f) => holdsAddress(f.type, seen));
    default: return false;
  }
}

/** A key in its canonical form for key type `t`; throws `ValueInputError` naming the problem. */
export function normalizeKey(t: GoType, v: unknown, arch: GoArch): unknown {
  try {
    if (!holdsAddress(t)) return normalizeValue(t, v, ptrSizeOf(arch));
    return keyWithAddresses(t, v, arch);
  } catch (e) {
    throw new ValueInputError(e instanceof Error ? e.message : String(e));
  }
}

function keyWithAddresses(t: GoType, v: unknown, arch: GoArch): unknown {
  const u = underlying(t);
  switch (u.kind) {
    case 'pointer': case 'chan':
      if (v === null) return null;
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
      throw new ValueInputError(`a ${typeString(t)} key is an address: nil or a new value (&T{…}), not ${JSON.stringify(v)}`);
    case 'basic':
      if (u.name === 'unsafe.Pointer') return keyWithAddresses({ kind: 'pointer', elem: t }, v, arch);
      return normalizeValue(t, v, ptrSizeOf(arch));
    case 'array':
      if (!Array.isArray(v) || v.length !== u.len) throw new ValueInputError(`${JSON.stringify(v)} is not a [${u.len}] array`);
      return v.map((x) => keyWithAddresses(u.elem, x, arch));
    case 'struct': {
      const o = asObject(v, t);
      const out: Record<string, unknown> = {};
      for (const f of u.fields) if (f.name !== '_') out[f.name] = f.name in o ? keyWithAddresses(f.type, o[f.name], arch) : zeroValue(f.type, true);
      return out;
    }
    default:
      return normalizeValue(t, v, ptrSizeOf(arch));
  }
}

/** An elem of type `t` in the value form; throws `ValueInputError` naming the problem. */
export function normalizeElem(t: GoType, v: unknown, arch: GoArch, depth = 0): unknown {
  if (depth > 100) throw new ValueInputError('the value is nested more than 100 levels deep');
  const u = underlying(t);
  try {
    switch (u.kind) {
      case 'basic':
        return normalizeValue(t, v, ptrSizeOf(arch));
      case 'pointer':
        return v === null ? null : normalizeElem(u.elem, v, arch, depth + 1);
      case 'slice':
        if (v === null) return null;
        if (!Array.isArray(v)) throw new ValueInputError(`${short(v)} is not a ${typeString(t)} (a list of elements)`);
        return v.map((x) => normalizeElem(u.elem, x, arch, depth + 1));
      case 'map': {
        if (v === null) return null;
        const pairs = Array.isArray(v) ? v : typeof v === 'object' ? Object.entries(v as object) : undefined;
        if (!pairs || !pairs.every((p) => Array.isArray(p) && p.length === 2)) throw new ValueInputError(`${short(v)} is not a ${typeString(t)}`);
        return pairs.map(([k, x]) => [normalizeKey(u.key, k, arch), normalizeElem(u.elem, x, arch, depth + 1)]);
      }
      case 'chan': case 'func':
        return v === null || v === false ? null : true;
      case 'interface':
        return v === undefined ? null : v;
      case 'array': {
        const e = underlying(u.elem);
        if (e.kind === 'basic' && e.name === 'uint8' && !Array.isArray(v)) return normalizeValue(t, v, ptrSizeOf(arch));
        if (!Array.isArray(v) || v.length > u.len) throw new ValueInputError(`${short(v)} is not a ${typeString(t)}`);
        return Array.from({ length: u.len }, (_, i) => (i < v.length ? normalizeElem(u.elem, v[i], arch, depth + 1) : zeroValue(u.elem, false)));
      }
      case 'struct': {
        const o = asObject(v, t);
        for (const k of Object.keys(o)) if (!u.fields.some((f) => f.name === k)) throw new ValueInputError(`${typeString(t)} has no field ${k}`);
        const out: Record<string, unknown> = {};
        for (const f of u.fields) if (f.name !== '_') out[f.name] = f.name in o ? normalizeElem(f.type, o[f.name], arch, depth + 1) : zeroValue(f.type, false);
        return out;
      }
    }
  } catch (e) {
    if (e instanceof ValueInputError) throw e;
    throw new ValueInputError(e instanceof Error ? e.message : String(e));
  }
}

function asObject(v: unknown, t: GoType): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValueInputError(`${short(v)} is not a ${typeString(t)} struct value`);
  return v as Record<string, unknown>;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** The zero value of `t` in the value form (arrays of more than 2^16 elements are refused). */
export function zeroValue(t: GoType, key: boolean): unknown {
  const u = underlying(t);
  switch (u.kind) {
    case 'basic':
      if (u.name === 'string') return '';
      if (u.name === 'bool') return false;
      if (u.name === 'complex64' || u.name === 'complex128') return [0, 0];
      if (u.name === 'unsafe.Pointer') return null;
      return 0;
    case 'array': {
      const e = underlying(u.elem);
      if (e.kind === 'basic' && e.name === 'uint8') return 0;
      if (u.len > 1 << 16) throw new ValueInputError(`${typeString(t)} has too many elements to simulate values of it`);
      return Array.from({ length: u.len }, () => zeroValue(u.elem, key));
    }
    case 'struct': {
      const out: Record<string, unknown> = {};
      for (const f of u.fields) if (f.name !== '_') out[f.name] = zeroValue(f.type, key);
      return out;
    }
    default:
      return null;
  }
}

/** Addresses handed to `&T{}` keys and random pointer keys: 8-aligned, increasing, as a heap would. */
export class AddressSpace {
  constructor(private next = 0xc000010000) {}

  /** The next address, without taking it. */
  peek(): number {
    return this.next;
  }

  take(): number {
    const a = this.next;
    this.next += 16;
    return a;
  }
}

/**
 * The value form of a value the literal evaluator made (`GoValue`), read with its static type.
 * Interfaces keep their dynamic type; in keys, a pointer becomes a fresh address.
 */
export function fromGoValue(v: GoValue, t: GoType, key: boolean, addresses: AddressSpace): unknown {
  const u = underlying(t);
  switch (v.kind) {
    case 'bool': return v.value;
    case 'int': return canonicalInt(v.value);
    case 'float': return v.value;
    case 'complex': return [v.re, v.im];
    case 'string': return toText(v.bytes);
    case 'nil': return null;
    case 'interface': return { $type: runtimeTypeString(v.type, 'main'), value: fromGoValue(v.value, v.type, key, addresses) };
    case 'pointer':
      if (key) return addresses.take();
      return fromGoValue(v.elem, u.kind === 'pointer' ? u.elem : t, key, addresses);
    case 'array': case 'slice': {
      const elem = u.kind === 'array' || u.kind === 'slice' ? u.elem : t;
      return v.elems.map((e) => fromGoValue(e, elem, key, addresses));
    }
    case 'map': {
      const [kt, et] = u.kind === 'map' ? [u.key, u.elem] : [t, t];
      return v.entries.map(([k, e]) => [fromGoValue(k, kt, true, addresses), fromGoValue(e, et, false, addresses)]);
    }
    case 'struct': {
      const out: Record<string, unknown> = {};
      if (u.kind === 'struct') u.fields.forEach((f, i) => {
        if (f.name !== '_') out[f.name] = fromGoValue(v.fields[i], f.type, key, addresses);
      });
      return out;
    }
  }
}

/**
 * A random value of Go type `t` in the value form, from `rng`. Integers are drawn from
 * [0, intSpace) when given (and the type reaches that far), so that random keys stay short enough
 * to read; slices and maps get 0 to 3 elements, pointers in elems point to a random value (one in
 * eight is nil), interfaces hold an int or a string, funcs and channels are nil.
 */
export function randomValue(t: GoType, rng: SeededFastRand, arch: GoArch, key: boolean, intSpace?: number, depth = 0): unknown {
  const u = underlying(t);
  if (depth > 6) return zeroValue(t, key);
  switch (u.kind) {
    case 'basic':
      return randomBasic(t, u.name, rng, arch, intSpace);
    case 'array': {
      const e = underlying(u.elem);
      if (e.kind === 'basic' && e.name === 'uint8') {
        const bytes = Math.min(u.len, 6);
        return bytes === 0 ? 0 : Math.floor((rng.next() / 2 ** 32) * 2 ** (8 * bytes));
      }
      // Long arrays get random values in their first 16 elements.
      return Array.from({ length: u.len }, (_, i) => (i < 16 ? randomValue(u.elem, rng, arch, key, intSpace, depth + 1) : zeroValue(u.elem, key)));
    }
    case 'struct': {
      const o: Record<string, unknown> = {};
      for (const f of u.fields) if (f.name !== '_') o[f.name] = randomValue(f.type, rng, arch, key, intSpace, depth + 1);
      return o;
    }
    case 'pointer':
      if (key) return 0xc000000000 + (rng.next() & ~15) * 16;
      return rng.next() % 8 === 0 ? null : randomValue(u.elem, rng, arch, key, 1000, depth + 1);
    case 'chan':
      return key ? 0xc000000000 + (rng.next() & ~15) * 16 : null;
    case 'func':
      return null;
    case 'slice': {
      const e = underlying(u.elem);
      const bytes = e.kind === 'basic' && e.name === 'uint8';
      const n = bytes ? 1 + (rng.next() % 6) : rng.next() % 4;
      return Array.from({ length: n }, () => (bytes ? rng.next() % 256 : randomValue(u.elem, rng, arch, false, 1000, depth + 1)));
    }
    case 'map': {
      const n = rng.next() % 3;
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push([randomValue(u.key, rng, arch, true, 100, depth + 1), randomValue(u.elem, rng, arch, false, 1000, depth + 1)]);
      return out;
    }
    case 'interface':
      return (rng.next() & 1) === 0
        ? { $type: 'int', value: rng.next() % (intSpace ?? 1000) }
        : { $type: 'string', value: randomString(rng) };
  }
}

function randomString(rng: SeededFastRand): string {
  const len = 3 + (rng.next() % 8);
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(97 + (rng.next() % 26));
  return s;
}

function randomBasic(t: GoType, name: string, rng: SeededFastRand, arch: GoArch, intSpace?: number): unknown {
  switch (name) {
    case 'bool': return (rng.next() & 1) === 1;
    case 'string': return randomString(rng);
    case 'float32': return Math.fround((rng.next() / 2 ** 32) * 1e6);
    case 'float64': return (rng.next() / 2 ** 32) * 1e6 + rng.next() / 2 ** 52;
    case 'complex64': case 'complex128': return [rng.next() % 1000, rng.next() % 1000];
    case 'unsafe.Pointer': return 0xc000000000 + (rng.next() & ~15) * 16;
    default: {
      // Integers: uniformly over the type's range (64-bit ones as decimal strings beyond 2^53).
      const bits = intBits(name, arch);
      const signed = !name.startsWith('u');
      const ptrSize = ptrSizeOf(arch);
      if (intSpace !== undefined && pow2[signed ? bits - 1 : bits] >= intSpace) {
        // 0 <= x < intSpace <= 2^53: an integer of the type, already in the value form that
        // `normalizeValue` would give (a fill of 10^6 keys does not go through BigInt twice each).
        return Math.floor((rng.next() * 2 ** 21 + (rng.next() >>> 11)) % intSpace);
      }
      let x = (BigInt(rng.next()) << 32n) | BigInt(rng.next());
      x &= (1n << BigInt(bits)) - 1n;
      if (signed && x >= 1n << BigInt(bits - 1)) x -= 1n << BigInt(bits);
      return normalizeValue(t, canonicalInt(x), ptrSize);
    }
  }
}

/** 2^i for i = 0..64 (a fill asks for 2·10^6 values: `2 ** bits` would call the C library's pow each time). */
const pow2: readonly number[] = Array.from({ length: 65 }, (_, i) => 2 ** i);

const fixedBits: Record<string, number> = { int8: 8, int16: 16, int32: 32, int64: 64, uint8: 8, uint16: 16, uint32: 32, uint64: 64 };

function intBits(name: string, arch: GoArch): number {
  return fixedBits[name] ?? ptrSizeOf(arch) * 8; // int, uint, uintptr: the pointer size
}
