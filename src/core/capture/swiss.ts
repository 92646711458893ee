/**
 * Capturing a Swiss-table map (Go ≥ 1.24 `internal/runtime/maps`) from a paused process.
 *
 * Glossary, in the runtime's words. A *group* is 8 slots and a control word: one control byte per
 * slot, `ctrlEmpty`, `ctrlDeleted` (a tombstone) or, for a full slot, h2 (the low 7 bits of the
 * key's hash). A *table* is an array of `capacity/8` groups (`groups.data`, `lengthMask + 1` of
 * them) with `used`, `growthLeft` and `localDepth`. The *directory* (`dirPtr`, `dirLen` entries)
 * maps the top `globalDepth` bits of a hash to a table; a table with `localDepth < globalDepth`
 * occupies several consecutive entries from its `index`. A *small map* (`dirLen == 0`) has no
 * directory: `dirPtr` points straight at its only group, or is nil before the first insert.
 *
 * The `Map` header and each table are read through the runtime's own (non-generic) types
 * `internal/runtime/maps.Map` and `.table`; groups as raw words (a whole table's group array in a
 * few requests), their keys and elems located with the group layout measured in `layout.ts`.
 */
import { ctrlEmpty, maxTableCapacity, slotsPerGroup } from '../swiss/constants';
import { SwissDumpGroup, SwissDumpTable } from '../swiss/types';
import { CaptureError, field, hexAddr, parseBool, parseInteger, parsePointer, parseSmall, structFields } from './delve';
import { groupTypeName, measureSwiss, typedAt } from './layout';
import { Evaluated, Reader } from './reader';
import { CapturedSwissType, SwissBody } from './types';
import { SlotReader, SlotValue, classify, readEntries } from './values';

/** The runtime's Map type, as DWARF names it. */
export const swissMapType = 'internal/runtime/maps.Map';
/** The runtime's table type, as DWARF names it. */
export const swissTableType = 'internal/runtime/maps.table';

/** Directories up to this long have their tables read slot by slot, with the directory itself. */
const maxSpeculated = 64;

/**
 * `headerText`: Delve's text of the `Map` header when the caller read it already. The waves of
 * requests: the header (with the caller's first wave); the group layout, the directory and every
 * table it points at (a table read through its directory slot, `*(*table)(*(*uintptr)(slot))`,
 * so it need not wait for the directory); the group arrays; the strings, if any.
 */
export async function captureSwiss(slots: SlotReader, header: bigint, key: string, elem: string, headerText?: string, measured?: Promise<CapturedSwissType>, early?: EarlyDirectory): Promise<SwissBody> {
  const { r, ptrSize } = slots;
  measured ??= measureSwiss(r, key, elem, ptrSize);
  measured.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const f = structFields(headerText ?? (await r.evaluate(typedAt(swissMapType, header))).result);
  const what = 'maps.Map';
  const used = parseSmall(field(f, 'used', what));
  const dirPtr = parsePointer(field(f, 'dirPtr', what));
  const dirLen = parseSmall(field(f, 'dirLen', what));
  const globalDepth = parseSmall(field(f, 'globalDepth', what));
  // A header that breaks the runtime's invariants is not a live map (freed memory, a wrong
  // address): say so rather than read a garbage directory.
  const sane = dirLen === 0 ? used <= slotsPerGroup : globalDepth < ptrSize * 8 && dirLen === 2 ** globalDepth && dirPtr !== 0n;
  if (!sane || used < 0) {
    throw new CaptureError(`the maps.Map at ${hexAddr(header)} is not a live map (used ${used}, dirLen ${dirLen}, globalDepth ${globalDepth}): was it freed?`);
  }
  let group: Promise<SwissDumpGroup> | null = null;
  const directory: number[] = [];
  let tables: Promise<SwissDumpTable[]> = Promise.resolve([]);
  let type: CapturedSwissType;
  // Read every group array first, then decode them all while the string reads wait in one batch.
  const release = slots.hold();
  try {
    if (dirLen === 0) {
      r.expect(used + 1);
      type = await measured;
      const groups = new GroupReader(slots, type);
      if (dirPtr !== 0n) {
        const mem = await groups.load(dirPtr, 1);
        group = groups.decode(dirPtr, mem, 1).then((g) => g[0]);
      }
    } else {
      // The directory and its tables as read in the caller's first wave, when it is that short;
      // else a directory of many slots shares its tables among them: read it first, then each
      // table once.
      const known = early && dirLen <= earlySlots ? await fromEarly(early, dirLen) : undefined;
      const bySlot = !known && dirLen <= maxSpeculated;
      const slotTables: Promise<string | undefined>[] = known
        ? known.texts.map((t) => Promise.resolve(t))
        : bySlot ? [...Array(dirLen).keys()].map((i) => r.evaluate(typedAt(swissTableType, `*(*uintptr)(${hexAddr(dirPtr + BigInt(i * ptrSize))})`)).then((e) => e.result)) : [];
      slotTables.forEach((p) => p.catch(() => undefined));
      const [dir, t] = await Promise.all([known ? null : r.readBytes(dirPtr, dirLen * ptrSize), measured]);
      type = t;
      const groups = new GroupReader(slots, type);
      const addrs: bigint[] = known ? known.addrs : [];
      for (let i = 0; dir && i < dirLen; i++) addrs.push(slots.word(dir, i * ptrSize));
      const distinct = [...new Set(addrs)];
      for (const a of addrs) directory.push(distinct.indexOf(a));
      r.expect(used);
      const loaded = await Promise.all(distinct.map(async (a) => {
        const text = slotTables.length ? await slotTables[addrs.indexOf(a)] : undefined;
        return loadTable(r, a, groups, text);
      }));
      tables = Promise.all(loaded.map(async ({ table, data, mem }) => ({ ...table, groups: await groups.decode(data, mem, table.capacity / slotsPerGroup) })));
    }
  } finally {
    release();
  }
  return {
    used,
    seed: '0x' + parseInteger(field(f, 'seed', what)).toString(16).padStart(ptrSize * 2, '0'),
    dirLen,
    globalDepth,
    globalShift: parseSmall(field(f, 'globalShift', what)),
    tombstonePossible: parseBool(field(f, 'tombstonePossible', what)),
    clearSeq: parseSmall(field(f, 'clearSeq', what)),
    group: await group,
    directory,
    tables: await tables,
    lookups: [],
    iterations: [],
    type,
  };
}

/** Directory slots read with the header, in the caller's first wave (`readDirectoryEarly`). */
const earlySlots = 2;

/** The first directory slots and their tables, asked for before the header came back. */
export interface EarlyDirectory {
  words: Promise<Evaluated | string>;
  tables: Promise<Evaluated | string>[];
}

/**
 * Asks for the first `earlySlots` directory slots and the tables they point at through `at`, the
 * map header's address expression: `dirPtr` is read at its offset in `maps.Map` (an address
 * difference Delve computes in the same expression), so these go out with the header instead of
 * two round trips after it. A map of up to 2 tables (some 1,800 entries) is then read in one more
 * wave. Only used where the header says the directory is that short; on a small map (no
 * directory) or a classic one these fail or read garbage, and are dropped.
 */
export function readDirectoryEarly(r: Reader, at: string): EarlyDirectory {
  const dirPtr = `*(*uintptr)(${at} + uintptr(&${typedAt(swissMapType, 0x1000n)}.dirPtr) - 0x1000)`;
  const slots = `(*(*[${earlySlots}]uintptr)(${dirPtr}))`;
  const early = {
    words: r.tryEvaluate(slots),
    tables: [...Array(earlySlots).keys()].map((i) => r.tryEvaluate(typedAt(swissTableType, `${slots}[${i}]`))),
  };
  [early.words, ...early.tables].forEach((p) => p.catch(() => undefined));
  return early;
}

/** The first `dirLen` directory slots and their tables' text from `early`, or undefined if any is missing. */
async function fromEarly(early: EarlyDirectory, dirLen: number): Promise<{ addrs: bigint[]; texts: string[] } | undefined> {
  const [words, ...tables] = await Promise.all([early.words, ...early.tables.slice(0, dirLen)]);
  const ok = (e: Evaluated | string): e is Evaluated => typeof e !== 'string' && !e.result.startsWith('(unreadable');
  if (!ok(words) || !tables.every(ok)) return undefined;
  const open = words.result.indexOf(' [');
  const addrs = open < 0 ? [] : words.result.slice(open + 2, -1).split(',').slice(0, dirLen).map((w) => parseInteger(w));
  if (addrs.length !== dirLen) return undefined;
  return { addrs, texts: tables.map((t) => (t as Evaluated).result) };
}

/** A table's header and the raw memory of its group array; `text`: the header as Delve printed it, when read already. */
async function loadTable(r: Reader, addr: bigint, groups: GroupReader, text?: string): Promise<{ table: Omit<SwissDumpTable, 'groups'>; data: bigint; mem: Buffer }> {
  if (addr === 0n) throw new CaptureError('the directory holds a nil table');
  const t = structFields(text ?? (await r.evaluate(typedAt(swissTableType, addr))).result);
  const what = `maps.table at ${hexAddr(addr)}`;
  const ref = structFields(field(t, 'groups', what));
  const lengthMask = parseSmall(field(ref, 'lengthMask', `${what}.groups`));
  const table = {
    used: parseSmall(field(t, 'used', what)),
    capacity: parseSmall(field(t, 'capacity', what)),
    growthLeft: parseSmall(field(t, 'growthLeft', what)),
    localDepth: parseSmall(field(t, 'localDepth', what)),
    index: parseSmall(field(t, 'index', what)),
  };
  if (table.capacity !== (lengthMask + 1) * slotsPerGroup || table.capacity > maxTableCapacity || table.used > table.capacity) {
    throw new CaptureError(`${what} is not a live table (capacity ${table.capacity}, ${lengthMask + 1} groups, used ${table.used}): was it freed?`);
  }
  r.expect(lengthMask + 1);
  const data = parsePointer(field(ref, 'data', `${what}.groups`));
  return { table, data, mem: await groups.load(data, lengthMask + 1) };
}

class GroupReader {
  private readonly keyValue: SlotValue;
  private readonly elemValue: SlotValue;
  private readonly typeName: string;

  private readonly r: Reader;

  constructor(private readonly slots: SlotReader, private readonly t: CapturedSwissType) {
    this.r = slots.r;
    this.keyValue = { type: t.key, kind: classify(t.key, t.ptrSize), indirect: t.indirectkey, size: t.keysize };
    this.elemValue = { type: t.elem, kind: classify(t.elem, t.ptrSize), indirect: t.indirectelem, size: t.elemsize };
    this.typeName = groupTypeName(t.key, t.elem);
  }

  /** The raw memory of `n` consecutive groups from `base`. */
  load(base: bigint, n: number): Promise<Buffer> {
    return this.r.readBytes(base, n * this.t.groupsize);
  }

  /** The groups in `mem`, read from `base`: control bytes, and the keys and elems of full slots. */
  decode(base: bigint, mem: Buffer, n: number): Promise<SwissDumpGroup[]> {
    const size = this.t.groupsize;
    const out: Promise<SwissDumpGroup>[] = [];
    for (let i = 0; i < n; i++) out.push(this.group(base + BigInt(i * size), mem.subarray(i * size, (i + 1) * size)));
    return Promise.all(out);
  }

  private async group(addr: bigint, mem: Buffer): Promise<SwissDumpGroup> {
    // The control word is the group's first field; control byte i is byte i (little-endian).
    const ctrl = [...mem.subarray(0, slotsPerGroup)];
    const full = (c: number) => (c & ctrlEmpty) === 0;
    const at = typedAt(this.typeName, addr);
    const split = this.t.layout === 'split';
    const slot = (i: number, which: 'key' | 'elem') => {
      const isKey = which === 'key';
      const v = isKey ? this.keyValue : this.elemValue;
      const off = isKey ? this.t.keysOff + i * this.t.keyStride : this.t.elemsOff + i * this.t.elemStride;
      const expr = split ? `${at}.${isKey ? 'keys' : 'elems'}[${i}]` : `${at}.slots[${i}].${which}`;
      return this.slots.read(v, mem, off, expr);
    };
    const live = ctrl.map(full);
    const { keys, elems } = await readEntries(live, slot);
    this.r.progress(1 + live.filter(Boolean).length);
    return { ctrl, keys, elems };
  }
}
