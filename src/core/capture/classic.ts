/**
 * Capturing a classic map (Go ≤ 1.23 `runtime/map.go`) from a paused process. The `hmap` header is
 * read through `runtime.hmap`; its bucket array is 2^B buckets of `bucketsize` bytes, each bucket
 * `tophash [8]uint8`, 8 keys, 8 elems and an `overflow` pointer to the next bucket of its chain.
 * While the map grows (`oldbuckets != nil`) the old array (2^(B-1) buckets, or 2^B for a
 * same-size grow) is read too; `nevacuate` says how far evacuation got. Preallocated overflow
 * buckets start at `extra.nextOverflow`; the last of them has a non-nil `overflow` (the runtime
 * points it at the bucket array) and that marks the end of the free run.
 *
 * Arrays are read as raw words in a few large requests, each with the overflow buckets
 * `makeBucketArray` puts after it (2^(B-4) of them from B = 4 on), so a chain into them costs no
 * request; the other overflow buckets (`newobject`, one after another in the spans of their size
 * class) are read a chain level at a time, all chains at once, nearby ones merged into one read. A slot holds a key where `tophash >= minTopHash`; below that are the empty and
 * evacuated marks.
 */
import { sameSizeGrowFlag } from '../classic/flags';
import { minTopHash } from '../classic/tophash';
import { bucketCnt } from '../classic/makemap';
import { hex32 } from '../classic/trace';
import { CaptureError, field, hexAddr, parseInteger, parsePointer, parseSmall, structFields } from './delve';
import { bucketTypeName, measureClassic, typedAt } from './layout';
import { Reader } from './reader';
import { CapturedClassicType, ClassicBody, DumpBmap } from './types';
import { SlotReader, SlotValue, classify, readEntries } from './values';

/** No live map has more than 2^40 buckets (the bucket array alone would be 144 TiB). */
const maxSaneB = 40;

/** A chain's runaway guard: no real chain is this long. */
const maxChain = 1 << 20;

/**
 * `headerText`: Delve's text of the `hmap` when the caller read it already. The waves of
 * requests: the header (with the caller's first wave); the bucket layout and `extra` when not
 * inline; both bucket arrays and the free overflow run; then one wave per overflow bucket of the
 * longest chain; the strings, if any.
 */
export async function captureClassic(slots: SlotReader, header: bigint, key: string, elem: string, headerText?: string, measured?: Promise<CapturedClassicType>): Promise<ClassicBody> {
  const r = slots.r;
  measured ??= measureClassic(r, key, elem, slots.ptrSize);
  measured.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const f = structFields(headerText ?? (await r.evaluate(`*(*runtime.hmap)(${hexAddr(header)})`)).result);
  const what = 'runtime.hmap';
  const count = parseSmall(field(f, 'count', what));
  const flags = parseSmall(field(f, 'flags', what));
  const B = parseSmall(field(f, 'B', what));
  const buckets = parsePointer(field(f, 'buckets', what));
  const oldbuckets = parsePointer(field(f, 'oldbuckets', what));
  const sameSizeGrow = (flags & sameSizeGrowFlag) !== 0;
  // A header that breaks the runtime's invariants is not a live map (freed memory, a wrong
  // address): say so rather than read 2^B garbage buckets.
  if (count < 0 || B > maxSaneB || (buckets === 0n && (count > 0 || oldbuckets !== 0n))) {
    throw new CaptureError(`the hmap at ${hexAddr(header)} is not a live map (count ${count}, B ${B}, buckets ${hexAddr(buckets)}): was it freed?`);
  }
  const [type, nextOverflow] = await Promise.all([measured, nextOverflowOf(r, field(f, 'extra', what))]);
  const reader = new BucketReader(slots, type);
  const oldB = sameSizeGrow ? B : B - 1;
  r.expect(count + (buckets ? 1 << B : 0) + (oldbuckets ? 1 << oldB : 0));
  // Read both bucket arrays first, then decode them while the string reads wait in one batch.
  const release = slots.hold();
  let cur: Promise<DumpBmap[][]> | null = null;
  let old: Promise<DumpBmap[][]> | null = null;
  let free: Promise<number> | number = 0;
  try {
    const [curMem, oldMem] = await Promise.all([
      buckets ? reader.load(buckets, B) : null,
      oldbuckets ? reader.load(oldbuckets, oldB) : null,
    ]);
    free = nextOverflow ? reader.countFree(nextOverflow) : 0;
    cur = curMem && reader.decode(buckets, curMem, 1 << B);
    old = oldMem && reader.decode(oldbuckets, oldMem, 1 << oldB);
  } finally {
    release();
  }
  return {
    count, flags, B,
    noverflow: parseSmall(field(f, 'noverflow', what)),
    hash0: hex32(Number(parseInteger(field(f, 'hash0', what)))),
    growing: oldbuckets !== 0n,
    sameSizeGrow,
    nevacuate: parseSmall(field(f, 'nevacuate', what)),
    nextOverflowFree: await free,
    buckets: await cur,
    oldbuckets: await old,
    type,
  };
}

/** `extra.nextOverflow`, 0 when `extra` is nil or has none. */
async function nextOverflowOf(r: Reader, extra: string): Promise<bigint> {
  if (/nil$/.test(extra)) return 0n;
  let text = extra;
  if (!text.includes('{')) {
    // Not loaded inline (`(*runtime.mapextra)(0x…)`): read it on its own.
    text = (await r.evaluate(`*(*runtime.mapextra)(${hexAddr(parsePointer(extra))})`)).result;
  }
  return parsePointer(field(structFields(text), 'nextOverflow', 'runtime.mapextra'));
}

class BucketReader {
  private readonly keyValue: SlotValue;
  private readonly elemValue: SlotValue;
  private readonly typeName: string;

  private readonly r: Reader;

  constructor(private readonly slots: SlotReader, private readonly t: CapturedClassicType) {
    this.r = slots.r;
    this.keyValue = slotValue(t.key, t.indirectkey, t.keysize, t.ptrSize);
    this.elemValue = slotValue(t.elem, t.indirectelem, t.elemsize, t.ptrSize);
    this.typeName = bucketTypeName(t.key, t.elem);
  }

  /** Bucket arrays read, with their preallocated overflow buckets: overflow buckets found there need no request. */
  private readonly arrays: { base: bigint; mem: Buffer }[] = [];

  /**
   * The raw memory of a bucket array of 2^b buckets from `base` and of the overflow buckets
   * `makeBucketArray` allocated with it (`bucketShift(b-4)` more from b = 4 on).
   */
  async load(base: bigint, b: number): Promise<Buffer> {
    const n = (1 << b) + (b >= 4 ? 1 << (b - 4) : 0);
    const mem = await this.r.readBytes(base, n * this.t.bucketsize);
    this.arrays.push({ base, mem });
    return mem;
  }

  /** The bucket at `addr`: from an array already read, else read (batched with its neighbours). */
  private bucketAt(addr: bigint): Buffer | Promise<Buffer> {
    return this.known(addr) ?? this.slots.readBatched(addr, this.t.bucketsize);
  }

  /** The bucket at `addr` if it lies in an array read already. */
  private known(addr: bigint): Buffer | undefined {
    const size = this.t.bucketsize;
    for (const { base, mem } of this.arrays) {
      const off = addr - base;
      if (off >= 0n && off + BigInt(size) <= BigInt(mem.length) && off % BigInt(size) === 0n) return mem.subarray(Number(off), Number(off) + size);
    }
    return undefined;
  }

  /** The buckets in `mem`, read from `base`, each followed by its overflow chain. */
  decode(base: bigint, mem: Buffer, n: number): Promise<DumpBmap[][]> {
    const size = this.t.bucketsize;
    const chains: Promise<DumpBmap[]>[] = [];
    for (let i = 0; i < n; i++) chains.push(this.chain(base + BigInt(i * size), mem.subarray(i * size, (i + 1) * size)));
    return Promise.all(chains);
  }

  /** A bucket and its overflow chain: the chain is followed from the raw memory while the keys and elems are read. */
  private async chain(addr: bigint, first: Buffer): Promise<DumpBmap[]> {
    const out: Promise<DumpBmap>[] = [];
    let mem = first;
    for (let steps = 0; ; steps++) {
      if (steps > maxChain) throw new CaptureError(`the overflow chain from ${hexAddr(addr)} does not end`);
      const bmap = this.bmap(addr, mem);
      bmap.catch(() => undefined); // awaited with the chain
      out.push(bmap);
      const next = this.overflow(mem);
      if (next === 0n) return Promise.all(out);
      addr = next;
      this.r.expect(1);
      mem = await this.bucketAt(addr);
    }
  }

  private overflow(mem: Buffer): bigint {
    return this.slots.word(mem, this.t.overflowOff);
  }

  private async bmap(addr: bigint, mem: Buffer): Promise<DumpBmap> {
    const tophash = [...mem.subarray(0, bucketCnt)];
    const at = typedAt(this.typeName, addr);
    const slot = (i: number, which: 'key' | 'elem') => {
      const [v, off, stride, field] = which === 'key'
        ? [this.keyValue, this.t.keysOff, this.t.keysize, 'keys'] as const
        : [this.elemValue, this.t.elemsOff, this.t.elemsize, 'values'] as const;
      return this.slots.read(v, mem, off + i * stride, `${at}.${field}[${i}]`);
    };
    const live = tophash.map((h) => h >= minTopHash);
    const { keys, elems } = await readEntries(live, slot);
    this.r.progress(1 + live.filter(Boolean).length);
    return { tophash, keys, elems };
  }

  /** How many preallocated overflow buckets from `first` on are still free (`nextOverflowFree`). */
  async countFree(first: bigint): Promise<number> {
    const size = this.t.bucketsize;
    let n = 0;
    let chunk = 8;
    let oneByOne = false;
    let addr = first;
    // Usually the whole free run lies in the bucket array's memory read already.
    for (let known = this.known(addr); known; known = this.known(addr)) {
      n++;
      if (this.overflow(known) !== 0n) return n;
      addr += BigInt(size);
    }
    for (;;) {
      const k = oneByOne ? 1 : chunk;
      let mem: Buffer;
      try {
        mem = await this.r.readBytes(addr, k * size);
      } catch (e) {
        if (k === 1) throw e;
        oneByOne = true; // the run may end just before memory Delve cannot read: go one by one
        continue;
      }
      for (let i = 0; i < k; i++) {
        n++;
        if (this.overflow(mem.subarray(i * size, (i + 1) * size)) !== 0n) return n;
      }
      addr += BigInt(k * size);
      chunk = Math.min(chunk * 2, 256);
    }
  }
}

function slotValue(type: string, indirect: boolean, slotSize: number, ptrSize: number): SlotValue {
  const kind = classify(type, ptrSize);
  return { type, kind, indirect, size: indirect ? 0 : slotSize };
}

