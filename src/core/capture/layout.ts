/**
 * The bucket and group layouts of the debuggee, measured rather than assumed: the compiler built
 * `bucket<K,V>` (classic: `tophash [8]uint8; keys [8]K; values [8]V; overflow *bucket`) or
 * `noalg.map.group[K]V` (Swiss: `ctrl uint64; slots [8]struct{key K; elem V}`, or with
 * `GOEXPERIMENT=mapsplitgroup` `keys [8]K; elems [8]V`), and its DWARF gives every field's
 * offset. Delve computes `uintptr(&(*(*T)(0x1000)).f)` without reading memory, so offsets and
 * strides are address differences at a made-up base. A slot whose type is `*K` while the map's key
 * is `K` holds a pointer (`indirectkey`: the key is over 128 bytes); likewise for elems.
 */
import { slotsPerGroup } from '../swiss/constants';
import { CaptureError, parseInteger } from './delve';
import { Evaluated, Reader } from './reader';
import { CapturedClassicType, CapturedSwissType } from './types';

/** A base address no field is read from: only `&` of its fields is taken. */
const base = 0x1000n;

/** The Delve expression of the DWARF type `name` placed at `addr` (always quoted: names hold `<`, `[` or `/`). */
export function typedAt(name: string, addr: bigint | string): string {
  const a = typeof addr === 'string' ? addr : '0x' + addr.toString(16);
  return `(*(*${JSON.stringify(name)})(${a}))`;
}

/** `bucket<K,V>`, the linker's DWARF name of the classic bucket type. */
export function bucketTypeName(key: string, elem: string): string {
  return `bucket<${key},${elem}>`;
}

/** `noalg.map.group[K]V`, the compiler's name of the Swiss group type. */
export function groupTypeName(key: string, elem: string): string {
  return `noalg.map.group[${key}]${elem}`;
}

/** The addresses of several field expressions, relative to `base`, measured in parallel. */
async function offsets(r: Reader, exprs: string[]): Promise<number[]> {
  const out = await Promise.all(exprs.map((e) => r.integer(`uintptr(&${e})`)));
  return out.map((a) => Number(a - base));
}

/** The pointer size: `&(*[2]uintptr)[1] - &(*[2]uintptr)[0]`. */
export async function measurePtrSize(r: Reader): Promise<number> {
  const [p] = await offsets(r, [`(*(*[2]uintptr)(0x${base.toString(16)}))[1]`]);
  return p;
}

/** The size of a type Delve can parse unquoted (`int64`, `main.K`, `[16]uint8`), or undefined. */
async function sizeOf(r: Reader, type: string): Promise<number | undefined> {
  const two = `(*(*[2]${type})(0x${base.toString(16)}))`;
  const a = await r.tryEvaluate(`uintptr(&${two}[1]) - uintptr(&${two}[0])`);
  return typeof a === 'string' || a.result.startsWith('(unreadable') ? undefined : Number(parseInteger(a.result));
}

/** Whether a slot of static type `slot` holds a pointer to a value of the map's `type`. */
function isIndirect(slot: string, type: string): boolean {
  return slot === `*${type}` || (slot.startsWith('*') && !type.startsWith('*'));
}

/**
 * The static type of a field of the type `typeName`, from `&field` (taking an address reads no
 * memory, where Delve 1.21 fails to print a string at an unreadable address). The error names the
 * type when the debuggee has none such.
 */
async function fieldType(r: Reader, typeName: string, path: string): Promise<string> {
  return typeOfAddress(await r.tryEvaluate(`&${typedAt(typeName, base)}${path}`), typeName, path);
}

/** The static type of the field whose `&` Delve answered with `e` (see `fieldType`). */
function typeOfAddress(e: Evaluated | string, typeName: string, path: string): string {
  if (typeof e === 'string') throw new CaptureError(`the debuggee has no type ${JSON.stringify(typeName)} with ${path.slice(1)} (${e})`);
  const t = e.type || /^\(\*(.*)\)\(0x[0-9a-f]+\)$/.exec(e.result)?.[1] || '';
  return t.replace(/^\*/, '');
}

export async function measureClassic(r: Reader, key: string, elem: string, ptrSize: number): Promise<CapturedClassicType> {
  const b = bucketTypeName(key, elem);
  const t = typedAt(b, base);
  const [keys, values, [overflowOff]] = await Promise.all([slotArray(r, b, 'keys', key), slotArray(r, b, 'values', elem), offsets(r, [`${t}.overflow`])]);
  return {
    key, elem,
    keysize: keys.stride, elemsize: values.stride,
    bucketsize: overflowOff + ptrSize,
    indirectkey: keys.indirect, indirectelem: values.indirect,
    ptrSize, keysOff: keys.off, elemsOff: values.off, overflowOff,
  };
}

/**
 * A `[8]K` array of a classic bucket: its offset, its element stride, and whether it holds
 * pointers. The linker describes an array of a zero-size type (`map[K]struct{}`) as empty, so
 * indexing it fails: its stride is 0.
 */
async function slotArray(r: Reader, bucket: string, name: string, type: string): Promise<{ off: number; stride: number; indirect: boolean }> {
  const t = typedAt(bucket, base);
  // One wave: the first slot's address (its type, or "index out of bounds"), its offset, the next
  // slot's, and the array's own.
  const [first, [off, next, whole]] = await Promise.all([
    r.tryEvaluate(`&${t}.${name}[0]`),
    Promise.all([`${t}.${name}[0]`, `${t}.${name}[1]`, `${t}.${name}`].map((e) => r.tryEvaluate(`uintptr(&${e})`))),
  ]);
  if (typeof first === 'string' && /index out of bounds/.test(first)) return { off: offsetOf(whole, `${t}.${name}`), stride: 0, indirect: false };
  const slot = typeOfAddress(first, bucket, `.${name}[0]`);
  const at = offsetOf(off, `${t}.${name}[0]`);
  return { off: at, stride: offsetOf(next, `${t}.${name}[1]`) - at, indirect: isIndirect(slot, type) };
}

/** The offset from `base` of the field whose `uintptr(&…)` Delve answered with `e`. */
function offsetOf(e: Evaluated | string, expr: string): number {
  if (typeof e === 'string') throw new CaptureError(`uintptr(&${expr}): ${e}`);
  return Number(parseInteger(e.result) - base);
}

export async function measureSwiss(r: Reader, key: string, elem: string, ptrSize: number): Promise<CapturedSwissType> {
  const g = groupTypeName(key, elem);
  const t = typedAt(g, base);
  // One wave for the usual interleaved layout (`slots[i].key`): both slot types, four offsets and
  // the sizes of K and V; a group without `slots` is the split layout, asked after.
  const fields = [`${t}.slots[0]`, `${t}.slots[1]`, `${t}.slots[0].key`, `${t}.slots[0].elem`];
  const [k0e, e0e, at, ks, es] = await Promise.all([
    r.tryEvaluate(`&${t}.slots[0].key`), r.tryEvaluate(`&${t}.slots[0].elem`),
    Promise.all(fields.map((e) => r.tryEvaluate(`uintptr(&${e})`))),
    sizeOf(r, key), sizeOf(r, elem),
  ]);
  const interleaved = typeof k0e !== 'string';
  if (interleaved) {
    const [k0, e0] = [typeOfAddress(k0e, g, '.slots[0].key'), typeOfAddress(e0e, g, '.slots[0].elem')];
    const [slot0, slot1, keyAt, elemAt] = at.map((e, i) => offsetOf(e, fields[i]));
    const slotsize = slot1 - slot0;
    const indirectkey = isIndirect(k0, key);
    const indirectelem = isIndirect(e0, elem);
    return {
      key, elem,
      keysize: indirectkey ? ptrSize : ks ?? elemAt - keyAt,
      elemsize: indirectelem ? ptrSize : es ?? slotsize - (elemAt - slot0),
      layout: 'interleaved',
      // The slots array is the group's last field and its size a multiple of its alignment.
      groupsize: slot0 + slotsPerGroup * slotsize,
      slotsize, elemoff: elemAt - slot0,
      keysOff: keyAt, keyStride: slotsize, elemsOff: elemAt, elemStride: slotsize,
      indirectkey, indirectelem, ptrSize,
    };
  }
  const [k0, e0] = await Promise.all([fieldType(r, g, '.keys[0]'), fieldType(r, g, '.elems[0]')]);
  const [keysOff, key1, elemsOff, elem1] = await offsets(r, [`${t}.keys[0]`, `${t}.keys[1]`, `${t}.elems[0]`, `${t}.elems[1]`]);
  const keyStride = key1 - keysOff;
  const elemStride = elem1 - elemsOff;
  let groupsize = elemsOff + slotsPerGroup * elemStride;
  // Go pads a struct whose last field has size zero, so a pointer to it stays inside the struct.
  if (elemStride === 0) groupsize += ptrSize;
  groupsize = Math.ceil(groupsize / ptrSize) * ptrSize;
  return {
    key, elem,
    keysize: keyStride, elemsize: elemStride,
    layout: 'split', groupsize, slotsize: 0, elemoff: 0,
    keysOff, keyStride, elemsOff, elemStride,
    indirectkey: isIndirect(k0, key), indirectelem: isIndirect(e0, elem), ptrSize,
  };
}
