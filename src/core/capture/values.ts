/**
 * Keys and elems of a captured map, in the oracle dumps' value form where the Go type is one the
 * oracles know (integers as JSON numbers, or decimal strings beyond 2^53; bools; strings as
 * strings; `[N]byte` as the little-endian integer in its first 8 bytes when the rest are zero, else
 * `0x` and every byte in hex) and as Delve formats them otherwise (`main.K {A: 1, B: "x"}`).
 *
 * Two ways to read a slot. The fast path decodes fixed-size values (integers, bools, byte arrays)
 * straight from the raw words already read for the bucket or group, so a map of integers costs no
 * request per entry; a string is its data pointer and length there, and its bytes are read in
 * batches with the other strings near it (`memory.ts`). Everything else is evaluated through the
 * bucket or group type (`(*(*"bucket<K,V>")(0xB)).keys[3]`), one request per value, with Delve's
 * traps handled: a string is cut at 4096 bytes even when evaluated alone (the rest is read in
 * slices), strings inside a struct are cut at 512 (re-read on their own and put back), and an
 * array shows only its first 64 elements (the rest are paged). Keys or elems over 128 bytes are
 * stored as pointers (`indirectkey`/`indirectelem`): the fast path follows the pointer, the slow
 * path dereferences it.
 */
import { CaptureError, moreCount, parseInteger, unquoteBytes } from './delve';
import { MemoryBatch } from './memory';
import { Child, Reader } from './reader';

export type ValueKind =
  | { kind: 'int'; size: number; signed: boolean }
  | { kind: 'bool' }
  | { kind: 'bytes'; size: number }
  | { kind: 'string' }
  | { kind: 'empty' }
  | { kind: 'other' };

/** What the fast path needs to know about a Go type named as Delve names it (`uint8`, not `byte`). */
export function classify(type: string, ptrSize: number): ValueKind {
  const ints: Record<string, [number, boolean]> = {
    int8: [1, true], int16: [2, true], int32: [4, true], int64: [8, true], int: [ptrSize, true],
    uint8: [1, false], uint16: [2, false], uint32: [4, false], uint64: [8, false], uint: [ptrSize, false], uintptr: [ptrSize, false],
  };
  if (type in ints) return { kind: 'int', size: ints[type][0], signed: ints[type][1] };
  if (type === 'bool') return { kind: 'bool' };
  if (type === 'string') return { kind: 'string' };
  if (type === 'struct {}') return { kind: 'empty' };
  const bytes = /^\[(\d+)\]uint8$/.exec(type);
  if (bytes) return { kind: 'bytes', size: Number(bytes[1]) };
  return { kind: 'other' };
}

/** Whether the fast path can decode the type from its bytes. */
export function isRaw(k: ValueKind): k is Extract<ValueKind, { size: number }> | { kind: 'bool' } {
  return k.kind === 'int' || k.kind === 'bool' || k.kind === 'bytes';
}

const maxExact = 2n ** 53n;

/** An integer in the oracle's form: a JSON number within ±2^53, else its decimal string. */
export function showInteger(v: bigint): number | string {
  return v > maxExact || v < -maxExact ? v.toString() : Number(v);
}

/** Decodes a fixed-size value from `mem` at `off` (little-endian, as the debuggee stores it). */
export function decodeRaw(k: ValueKind, mem: Buffer, off: number): unknown {
  switch (k.kind) {
    case 'bool':
      return mem[off] !== 0;
    case 'int': {
      let v = 0n;
      for (let i = k.size - 1; i >= 0; i--) v = (v << 8n) | BigInt(mem[off + i]);
      return showInteger(k.signed ? BigInt.asIntN(k.size * 8, v) : v);
    }
    case 'bytes': {
      const b = mem.subarray(off, off + k.size);
      if (b.subarray(8).some((x) => x !== 0)) return '0x' + b.toString('hex');
      let v = 0n;
      for (let i = Math.min(8, k.size) - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
      return showInteger(v);
    }
    default:
      throw new CaptureError(`cannot decode a ${k.kind} from raw memory`);
  }
}

/** A key or elem slot: its Go type, how it is read, and whether the slot holds a pointer to it. */
export interface SlotValue {
  type: string;
  kind: ValueKind;
  indirect: boolean;
  /** The byte size of the value itself (not of the pointer when indirect); 0 when unknown. */
  size: number;
}

/** Reads keys and elems for one capture: the fast path's batched memory reads are shared by all its buckets or groups. */
export class SlotReader {
  private readonly batch: MemoryBatch;

  constructor(readonly r: Reader, readonly ptrSize: number, readonly fast: boolean) {
    this.batch = new MemoryBatch(r);
  }

  /** `size` bytes at `addr`, read with the other small reads of the same turn (see `MemoryBatch`). */
  readBatched(addr: bigint, size: number): Promise<Buffer> {
    return this.batch.read(addr, size);
  }

  /** Holds the batched reads until the returned function is called (see `MemoryBatch.hold`). */
  hold(): () => void {
    return this.batch.hold();
  }

  /** The pointer-sized word at `mem[off]`. */
  word(mem: Buffer, off: number): bigint {
    return this.ptrSize === 8 ? mem.readBigUInt64LE(off) : BigInt(mem.readUInt32LE(off));
  }

  /**
   * Reads one key or elem. `mem[off]` is the slot (the value, or its pointer when indirect);
   * `expr` names the slot to Delve through the bucket or group type.
   */
  async read(v: SlotValue, mem: Buffer, off: number, expr: string): Promise<unknown> {
    // `struct{}` is `{}` in the oracle dumps; it takes no memory, and a classic bucket's
    // zero-length values array cannot even be indexed through Delve.
    if (v.kind.kind === 'empty') return {};
    if (this.fast && isRaw(v.kind)) {
      if (!v.indirect) return decodeRaw(v.kind, mem, off);
      const size = v.kind.kind === 'bool' ? 1 : v.kind.size;
      return decodeRaw(v.kind, await this.batch.read(this.word(mem, off), size), 0);
    }
    if (this.fast && v.kind.kind === 'string' && !v.indirect) {
      // A string is its data pointer and its length; the bytes are read in batches.
      const len = this.word(mem, off + this.ptrSize);
      if (len > BigInt(maxFastString)) return readFormatted(this.r, expr, v.kind);
      return new TextDecoder().decode(await this.batch.read(this.word(mem, off), Number(len)));
    }
    return readFormatted(this.r, v.indirect ? `*${expr}` : expr, v.kind);
  }
}

/** Longer strings are read through Delve's formatting (in 4096-byte slices). */
const maxFastString = 1 << 20;

/**
 * The keys and elems of one bucket or group: `slot(i, which)` for every slot `full` marks, null
 * for the others, all requested at once.
 */
export async function readEntries(full: boolean[], slot: (i: number, which: 'key' | 'elem') => Promise<unknown>): Promise<{ keys: unknown[]; elems: unknown[] }> {
  const all = (which: 'key' | 'elem') => Promise.all(full.map((f, i) => (f ? slot(i, which) : null)));
  const [keys, elems] = await Promise.all([all('key'), all('elem')]);
  return { keys, elems };
}

/** A value through Delve's formatting, repaired where Delve cut it short. */
export async function readFormatted(r: Reader, expr: string, kind: ValueKind): Promise<unknown> {
  const e = await r.evaluate(expr);
  if (e.result.startsWith('(unreadable')) throw new CaptureError(`${expr}: ${e.result}`);
  switch (kind.kind) {
    case 'string':
      return new TextDecoder().decode(await fullString(r, expr, e.result));
    case 'int':
      return showInteger(parseInteger(e.result));
    case 'bool':
      return e.result === 'true';
    case 'bytes':
      return decodeRaw(kind, Buffer.from(await arrayElements(r, e.result, e.ref, e.indexed).then((xs) => xs.map((x) => Number(parseInteger(x))))), 0);
    default:
      return repair(r, stripLoaded(e.result), e.ref, e.type, e.indexed);
  }
}

/** Drops Delve's `(loaded 64/100) ` prefix. */
function stripLoaded(text: string): string {
  return text.replace(/^\(loaded \d+\/\d+\) /, '');
}

/** Delve prints `70 = 0x46` for an integer child; inside a composite value it writes `70`. */
function plainChild(text: string): string {
  return text.replace(/ = 0x[0-9a-fA-F]+$/, '');
}

/** Delve cuts a string at 4096 bytes even when evaluated alone: the rest comes in slices. */
const stringChunk = 4096;

/** The bytes of the string `expr`, whose text Delve already printed as `text`. */
async function fullString(r: Reader, expr: string, text: string): Promise<Buffer> {
  const head = unquoteBytes(text);
  const more = moreCount(text);
  if (!more) return head;
  const total = head.length + more;
  const slices: Promise<Buffer>[] = [];
  for (let at = head.length; at < total; at += stringChunk) {
    const end = Math.min(total, at + stringChunk);
    slices.push(r.evaluate(`(${expr})[${at}:${end}]`).then((s) => {
      const b = unquoteBytes(s.result);
      if (b.length !== end - at) throw new CaptureError(`${expr}[${at}:${end}]: Delve returned ${b.length} bytes`);
      return b;
    }));
  }
  return Buffer.concat([head, ...(await Promise.all(slices))]);
}

/** Every element's text of an array value (paged when Delve loaded only the first 64). */
async function arrayElements(r: Reader, text: string, ref: number, indexed: number): Promise<string[]> {
  if (!moreCount(text)) {
    const open = stripLoaded(text).indexOf(' [');
    const body = stripLoaded(text).slice(open + 2, -1);
    return body === '' ? [] : body.split(',');
  }
  return (await elements(r, ref, indexed)).map((k) => plainChild(k.value));
}

/**
 * An array's elements, picked by their `[i]` names: Delve adds a `string()` child to byte and
 * int32 arrays, so a child's position is not its index.
 */
async function elements(r: Reader, ref: number, indexed: number): Promise<Child[]> {
  const kids = (await r.children(ref, 0, indexed)).filter((k) => /^\[\d+\]$/.test(k.name));
  if (kids.length !== indexed) throw new CaptureError(`Delve listed ${kids.length} of ${indexed} array elements`);
  return kids.sort((a, b) => Number(a.name.slice(1, -1)) - Number(b.name.slice(1, -1)));
}

/**
 * Delve's text of a composite value, with what it cut short filled in: an array's missing
 * elements, and each string or nested value inside it that ends in `...+N more`, re-read on its own.
 */
async function repair(r: Reader, text: string, ref: number, type: string, indexed: number, depth = 0): Promise<string> {
  if (!moreCount(text) && !/\.\.\.\+\d+ more/.test(text)) return text;
  if (!ref || depth > 4) return text;
  if (type.startsWith('[') && indexed > 0 && moreCount(text)) {
    const kids = await elements(r, ref, indexed);
    const parts = await Promise.all(kids.map((k) => fixChild(r, k, depth)));
    return `${type} [${parts.join(',')}]`;
  }
  let out = text;
  for (const k of await r.children(ref)) {
    if (!/\.\.\.\+\d+ more/.test(k.value)) continue;
    const full = await fixChild(r, k, depth);
    out = out.replace(plainChild(k.value), () => full);
  }
  return out;
}

/** One child's full text, re-read by its `evaluateName` when Delve cut it. */
async function fixChild(r: Reader, k: { value: string; type: string; ref: number; evaluateName: string }, depth: number): Promise<string> {
  const v = plainChild(k.value);
  if (!/\.\.\.\+\d+ more/.test(v) || !k.evaluateName) return v;
  const e = await r.evaluate(k.evaluateName);
  if (k.type === 'string') return goQuote(await fullString(r, k.evaluateName, e.result));
  return repair(r, stripLoaded(e.result), e.ref, e.type, e.indexed, depth + 1);
}

/** Go's `strconv.Quote` of some bytes, as Delve prints a string. */
export function goQuote(b: Buffer): string {
  const s = new TextDecoder('utf-8', { fatal: false }).decode(b);
  // Exact Go quoting needs the bytes; valid UTF-8 round-trips through the decoder.
  if (Buffer.compare(Buffer.from(s, 'utf8'), b) !== 0) return quoteBytes(b);
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += quoteRune(cp, ch);
  }
  return out + '"';
}

function quoteRune(cp: number, ch: string): string {
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v', 92: '\\\\', 34: '\\"' };
  if (cp in named) return named[cp];
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x7f) return ch;
  if (/\p{L}|\p{M}|\p{N}|\p{P}|\p{S}/u.test(ch)) return ch;
  if (cp === 0x20) return ch;
  return cp < 0x10000 ? '\\u' + cp.toString(16).padStart(4, '0') : '\\U' + cp.toString(16).padStart(8, '0');
}

function quoteBytes(b: Buffer): string {
  let out = '"';
  for (const x of b) out += x >= 0x20 && x < 0x7f ? quoteRune(x, String.fromCharCode(x)) : '\\x' + x.toString(16).padStart(2, '0');
  return out + '"';
}
