/**
 * One table of a Swiss map (Go 1.26/1.27 `internal/runtime/maps/table.go`), in flat storage.
 *
 * A table is an open-addressed hash table of `capacity` slots in `capacity/8` groups. Each group
 * has a control word of 8 control bytes, one per slot: `ctrlEmpty`, `ctrlDeleted` (a tombstone),
 * or, for a full slot, the key's `h2` (7 bits of its hash). A key's probe sequence starts at its
 * home group `h1 & lengthMask` and visits groups by triangular steps (`p(i) = p(i-1) + i`), which
 * reach every group of a power-of-two table. Lookups stop at the first group that has an empty
 * slot; an insert of a new key takes the first tombstone on the way, else the lowest empty slot
 * of that last group. A delete leaves an empty slot where its group already has one (nothing can
 * have probed past it) and a tombstone otherwise. `growthLeft` counts the inserts left before the
 * table must rehash (7/8 load, tombstones included); `pruneTombstones` may win some back first.
 *
 * Storage: `ctrl` holds every control byte of the table (group g's word is ctrl[8g .. 8g+7]); the
 * slots, in the same order, are one `Float64Array` of (key, elem, kept hash) triples while every
 * key and elem written is a JS number (an int64 or float64 map: an insert writes 24 adjacent bytes,
 * as the runtime writes one slot of a group, and the garbage collector never scans or copies
 * them), else plain arrays of keys and elems beside a `Float64Array` of hashes: no object per
 * group. `keyAt`/`elemAt` read one slot; `keys`/`elems` give whole arrays to views. A slot's
 * key and elem mean something only while its control byte says full. A table is materialized on
 * its first write: until then it reads as all-empty storage shared by every table of its
 * capacity, so `make(map[K]V, 1e8)` (131,072 empty tables) costs the simulator little.
 */
import { KeyValue } from '../classic/hash';
import { ctrlDeleted, ctrlEmpty, maxAvgGroupLoad, maxTableCapacity, slotsPerGroup } from './constants';
import { PackedHash, h1, h2, hashTop } from './hash';

/** Doubles a slot takes in numeric storage: key, elem, kept hash. */
const numWords = 3;

/** Tables whose numeric storage was last decoded for `keys`/`elems`, oldest first. */
const decodedTables: Table[] = [];
const maxDecodedTables = 64;

/** What a table needs from its map: the hash of a key under the map's seed, and Go's `==`. */
export interface TableContext {
  hash(key: KeyValue): PackedHash;
  equal(a: KeyValue, b: KeyValue): boolean;
}

/** `isFull`: a control byte of a full slot has its high bit clear. */
export function isFull(c: number): boolean {
  return (c & ctrlEmpty) === 0;
}

/** What `putSlot` did (numbers, so the hot path allocates nothing). */
export const putUpdated = 0;
export const putInserted = 1;
export const putRehash = 2;
export type PutResult = typeof putUpdated | typeof putInserted | typeof putRehash;

export class Table {
  /** The slot the last `putSlot` wrote. */
  lastSlot = -1;
  /** Full slots. */
  used = 0;
  /** Slots that can still be filled before a rehash; tombstones are not counted. */
  growthLeft: number;
  private ctrlW?: Uint8Array;
  /**
   * Numeric storage: `numWords` doubles a slot (key, elem, kept hash), while every key and elem
   * written is a JS number (a Float64Array gives back every number as it was, -0 and NaN too).
   */
  private numsW?: Float64Array;
  /** Any other storage: keys, elems, kept hashes. A table leaves numeric storage for good. */
  private keysW?: KeyValue[];
  private elemsW?: unknown[];
  /**
   * Each full slot's hash under the map's seed, kept so that a grow or split need not hash again
   * (the runtime does hash again; the result is the same, as the seed does not change while the
   * map holds keys). False after a restore, which brings keys without their hashes.
   */
  private hashesW?: Float64Array;
  hashesValid = true;
  /** Numeric storage's keys and elems as arrays, for readers of `keys`/`elems`; dropped by every write. */
  private decoded?: { keys: KeyValue[]; elems: unknown[] };
  /** `groups.lengthMask`: the number of groups minus one. */
  readonly lengthMask: number;

  constructor(
    /** Slots: a power of two, 8 to `maxTableCapacity`. */
    readonly capacity: number,
    /** The first directory entry pointing at this table; -1 once the table is replaced. */
    public index: number,
    /** How many top hash bits all keys of this table share (a table covers 2^(globalDepth-localDepth) entries). */
    readonly localDepth: number,
    /** Start in numeric storage (the map has seen only numbers so far). */
    private readonly numeric = false,
  ) {
    if (capacity < slotsPerGroup || capacity > maxTableCapacity || (capacity & (capacity - 1)) !== 0) {
      throw new Error(`bad table capacity ${capacity}`);
    }
    this.lengthMask = capacity / slotsPerGroup - 1;
    this.growthLeft = this.maxGrowthLeft();
  }

  /** Control bytes, one per slot, group after group (read-only: writers use `ctrlW` after `materialize()`). */
  get ctrl(): Uint8Array {
    return this.ctrlW ?? emptyStorage(this.capacity).ctrl;
  }

  /** Every slot's key (meaningful while its control byte says full); read-only. */
  get keys(): readonly KeyValue[] {
    return this.numsW ? this.decode().keys : (this.keysW ?? emptyStorage(this.capacity).values);
  }

  get elems(): readonly unknown[] {
    return this.numsW ? this.decode().elems : (this.elemsW ?? emptyStorage(this.capacity).values);
  }

  private decode(): { keys: KeyValue[]; elems: unknown[] } {
    if (this.decoded === undefined) {
      const keys = new Array<KeyValue>(this.capacity);
      const elems = new Array<unknown>(this.capacity);
      for (let i = 0; i < this.capacity; i++) {
        keys[i] = this.keyAt(i);
        elems[i] = this.elemAt(i);
      }
      this.decoded = { keys, elems };
      // Only the last few tables read keep their arrays: a view that walks 2,000 tables of a 10^6
      // map would otherwise leave a plain copy of every slot behind.
      decodedTables.push(this);
      if (decodedTables.length > maxDecodedTables) {
        const old = decodedTables.shift()!;
        if (old !== this) old.decoded = undefined;
      }
    }
    return this.decoded;
  }

  /** Slot i's key, without building `keys`. */
  keyAt(i: number): KeyValue {
    const n = this.numsW;
    if (n !== undefined) return n[i * numWords];
    return this.keysW === undefined ? 0 : this.keysW[i];
  }

  elemAt(i: number): unknown {
    const n = this.numsW;
    if (n !== undefined) return n[i * numWords + 1];
    return this.elemsW === undefined ? 0 : this.elemsW[i];
  }

  /** The hash kept for full slot i (valid while `hashesValid`). */
  hashAt(i: number): PackedHash {
    const n = this.numsW;
    if (n !== undefined) return n[i * numWords + 2];
    return this.hashesW === undefined ? 0 : this.hashesW[i];
  }

  /** Whether the table was ever written (views and dumps may summarize the rest). */
  get materialized(): boolean {
    return this.ctrlW !== undefined;
  }

  /** Makes the writable storage on first use: numeric when the table may start so and `numbers` holds. */
  private materialize(numbers: boolean): void {
    if (this.ctrlW !== undefined) return;
    this.ctrlW = new Uint8Array(this.capacity).fill(ctrlEmpty);
    if (this.numeric && numbers) this.numsW = new Float64Array(this.capacity * numWords);
    else this.makeGeneric();
  }

  /** Leaves numeric storage (or starts without it): every slot's key, elem and hash copied over. */
  private makeGeneric(): void {
    const n = this.numsW;
    this.keysW = new Array(this.capacity).fill(0);
    this.elemsW = new Array(this.capacity).fill(0);
    this.hashesW = new Float64Array(this.capacity);
    if (n === undefined) return;
    for (let i = 0; i < this.capacity; i++) {
      this.keysW[i] = n[i * numWords];
      this.elemsW[i] = n[i * numWords + 1];
      this.hashesW[i] = n[i * numWords + 2];
    }
    this.numsW = undefined;
    this.decoded = undefined;
  }

  /** Writes slot i's key, elem and kept hash (the control byte is the caller's). */
  private setSlot(i: number, key: KeyValue, elem: unknown, hash: PackedHash): void {
    const numbers = typeof key === 'number' && typeof elem === 'number';
    this.materialize(numbers);
    const n = this.numsW;
    if (n !== undefined) {
      if (numbers) {
        const w = i * numWords;
        n[w] = key;
        n[w + 1] = elem;
        n[w + 2] = hash;
        this.decoded = undefined;
        return;
      }
      this.makeGeneric();
    }
    this.keysW![i] = key;
    this.elemsW![i] = elem;
    this.hashesW![i] = hash;
  }

  /** An existing slot's new elem (and key, for key types that need the update): its hash stays. */
  private updateSlot(i: number, key: KeyValue, elem: unknown, needKeyUpdate: boolean): void {
    this.setSlot(i, needKeyUpdate ? key : this.keyAt(i), elem, this.hashAt(i));
  }

  /** Replaces the whole storage (restoring a saved state). */
  load(ctrl: ArrayLike<number>, keys: ArrayLike<KeyValue>, elems: ArrayLike<unknown>): void {
    this.hashesValid = false;
    for (let i = 0; i < this.capacity; i++) this.setSlot(i, keys[i], elems[i], 0);
    this.ctrlW!.set(ctrl);
  }

  /** `maxGrowthLeft`: 7/8 of the capacity (capacity-1 for a single group). */
  maxGrowthLeft(): number {
    return this.capacity <= slotsPerGroup ? this.capacity - 1 : (this.capacity * maxAvgGroupLoad) / slotsPerGroup;
  }

  /** `tombstones`: deleted slots, from the counters (`capacity*7/8 - used - growthLeft`). */
  tombstones(): number {
    return (this.capacity * maxAvgGroupLoad) / slotsPerGroup - this.used - this.growthLeft;
  }

  /** Whether group g has an empty slot (`matchEmpty() != 0`). */
  groupHasEmpty(g: number): boolean {
    const c = this.ctrl;
    for (let i = g * slotsPerGroup, end = i + slotsPerGroup; i < end; i++) if (c[i] === ctrlEmpty) return true;
    return false;
  }

  /** The lowest slot (table-wide index) of group g that is empty or deleted, or -1. */
  firstEmptyOrDeleted(g: number): number {
    const c = this.ctrl;
    for (let i = g * slotsPerGroup, end = i + slotsPerGroup; i < end; i++) if (c[i] & ctrlEmpty) return i;
    return -1;
  }

  /** `getWithKey`: the slot holding key, or -1. */
  find(ctx: TableContext, hash: PackedHash, key: KeyValue): number {
    const want = h2(hash);
    const c = this.ctrl;
    const mask = this.lengthMask;
    let g = h1(hash) & mask;
    for (let step = 1; ; step++) {
      const base = g * slotsPerGroup;
      let sawEmpty = false;
      for (let i = base; i < base + slotsPerGroup; i++) {
        const ci = c[i];
        if (ci === want && ctx.equal(key, this.keyAt(i))) return i;
        if (ci === ctrlEmpty) sawEmpty = true;
      }
      if (sawEmpty) return -1;
      g = (g + step) & mask; // probeSeq.next
    }
  }

  /**
   * The probe loop of `mapassign` (`runtime_mapassign_fast64` and its siblings): updates the key's
   * slot, or puts a new key in the first tombstone on its path or the lowest empty slot of the
   * group that ends it. With `growthLeft == 0` the fast paths (`prune`) try `pruneTombstones`
   * first. Returns `putInserted` or `putUpdated` with the slot in `lastSlot`, or `putRehash` when
   * the table must `rehash` before the insert is retried.
   */
  putSlot(ctx: TableContext, hash: PackedHash, key: KeyValue, elem: unknown, prune: boolean, needKeyUpdate: boolean): PutResult {
    const want = h2(hash);
    const c = this.ctrl;
    const mask = this.lengthMask;
    let firstDeleted = -1;
    let g = h1(hash) & mask;
    for (let step = 1; ; step++) {
      // One pass over the group: the slot matching h2 and the key (matchH2), and the lowest slot
      // that is empty or deleted (matchEmptyOrDeleted().first()). A full slot's byte is below ctrlEmpty.
      const base = g * slotsPerGroup;
      let free = -1;
      for (let i = base; i < base + slotsPerGroup; i++) {
        const ci = c[i];
        if (ci === want) {
          if (!ctx.equal(key, this.keyAt(i))) continue;
          this.updateSlot(i, key, elem, needKeyUpdate);
          this.lastSlot = i;
          return putUpdated;
        }
        if (free < 0 && (ci & ctrlEmpty) !== 0) free = i;
      }
      if (free < 0) {
        g = (g + step) & mask; // nothing but filled slots: keep probing
        continue;
      }
      if (c[free] === ctrlDeleted) {
        if (firstDeleted < 0) firstDeleted = free;
        g = (g + step) & mask;
        continue;
      }
      // An empty slot: the key is not in the table.
      let i = free;
      if (firstDeleted >= 0) {
        i = firstDeleted;
        this.growthLeft++; // reusing a tombstone consumes no growth: decremented below
      }
      if (this.growthLeft === 0 && prune) this.pruneTombstones(ctx);
      if (this.growthLeft > 0) {
        this.setSlot(i, key, elem, hash);
        this.ctrlW![i] = want;
        this.growthLeft--;
        this.used++;
        this.lastSlot = i;
        return putInserted;
      }
      return putRehash;
    }
  }

  /** `uncheckedPutSlot`: a key known to be absent, into a table with growth left (grow, split, growToTable). */
  uncheckedPutSlot(hash: PackedHash, key: KeyValue, elem: unknown): void {
    const i = this.takeFreeSlot(hash);
    this.setSlot(i, key, elem, hash);
    this.ctrlW![i] = h2(hash);
  }

  /**
   * `uncheckedPutSlot`'s probe: the first empty or deleted slot on the key's probe sequence, counted
   * as taken (growthLeft, used); the caller writes the slot and its control byte.
   */
  private takeFreeSlot(hash: PackedHash): number {
    if (this.growthLeft === 0) throw new Error('invariant failed: growthLeft is unexpectedly 0');
    const mask = this.lengthMask;
    let g = h1(hash) & mask;
    for (let step = 1; ; step++) {
      const i = this.firstEmptyOrDeleted(g);
      if (i >= 0) {
        this.growthLeft--;
        this.used++;
        return i;
      }
      g = (g + step) & mask;
    }
  }

  /**
   * `reinsert` (a grow or split) for a table in numeric storage with its kept hashes: each full
   * slot's key, elem and hash read straight from this table's numbers and written into `left`, or
   * into `right` when bit `bit` of the hash's top word is set, by `uncheckedPutSlot`'s probe
   * (`takeFreeSlot`): no per-slot call through `keyAt`/`hashAt`/`setSlot`. A NaN key is hashed again, at
   * random, as the runtime does. Returns false, having moved nothing, when this table or a
   * destination is not numeric (the caller then takes the general path).
   */
  reinsertNumbers(ctx: TableContext, left: Table, right: Table | null, bit: number): boolean {
    const n = this.numsW;
    if (n === undefined || !this.hashesValid || !left.numeric || (right !== null && !right.numeric)) return false;
    left.materialize(true);
    right?.materialize(true);
    const c = this.ctrlW!;
    for (let i = 0; i < this.capacity; i++) {
      if ((c[i] & ctrlEmpty) !== 0) continue;
      const w = i * numWords;
      const k = n[w];
      const h = k === k ? n[w + 2] : ctx.hash(k);
      (right !== null && ((hashTop(h) >>> bit) & 1) !== 0 ? right : left).putNumbers(h, k, n[w + 1]);
    }
    return true;
  }

  /** `uncheckedPutSlot` into numeric storage, already materialized. */
  private putNumbers(hash: PackedHash, key: number, elem: number): void {
    const i = this.takeFreeSlot(hash);
    const w = i * numWords;
    const nums = this.numsW!;
    nums[w] = key;
    nums[w + 1] = elem;
    nums[w + 2] = hash;
    this.ctrlW![i] = h2(hash);
  }

  /** `table.Delete`: removes key if present. Returns whether it was found and whether it left a tombstone. */
  delete(ctx: TableContext, hash: PackedHash, key: KeyValue): { found: boolean; tombstone: boolean } {
    const i = this.find(ctx, hash, key);
    if (i < 0) return { found: false, tombstone: false };
    this.used--;
    this.setSlot(i, 0, 0, this.hashAt(i));
    const g = (i / slotsPerGroup) | 0;
    if (this.groupHasEmpty(g)) {
      this.ctrlW![i] = ctrlEmpty;
      this.growthLeft++;
      return { found: true, tombstone: false };
    }
    this.ctrlW![i] = ctrlDeleted;
    return { found: true, tombstone: true };
  }

  /**
   * `pruneTombstones`: when tombstones are at least 10% of the capacity, turn back to empty every
   * tombstone that no key's probe path needs (in a group with an empty slot, or crossed by some
   * key before it reaches its own group), if that wins back at least 10% of the capacity.
   */
  pruneTombstones(ctx: TableContext): void {
    if (this.tombstones() * 10 < this.capacity) return;
    const groups = this.lengthMask + 1;
    const needed = new Uint8Array(groups);
    const c = this.ctrl;
    for (let g = 0; g < groups; g++) {
      for (let i = g * slotsPerGroup; i < (g + 1) * slotsPerGroup; i++) {
        if (!isFull(c[i])) continue;
        const key = this.keyAt(i);
        if (!ctx.equal(key, key)) continue; // NaN: never looked up, needs no path
        const hash = ctx.hash(key);
        for (let p = h1(hash) & this.lengthMask, step = 1; p !== g; p = (p + step++) & this.lengthMask) {
          if (this.firstEmptyOrDeleted(p) >= 0) needed[p] = 1; // deleted, not empty: the key lies beyond
        }
      }
      if (this.groupHasEmpty(g)) needed[g] = 1;
    }
    let cnt = 0;
    for (let g = 0; g < groups; g++) {
      if (needed[g]) continue;
      for (let i = g * slotsPerGroup; i < (g + 1) * slotsPerGroup; i++) if (c[i] & ctrlEmpty) cnt++;
    }
    if (cnt * 10 < this.capacity) return; // not worth it: the caller grows instead
    const wc = this.ctrlW!; // tombstones are there: the table was written
    for (let g = 0; g < groups; g++) {
      if (needed[g]) continue;
      for (let i = g * slotsPerGroup; i < (g + 1) * slotsPerGroup; i++) {
        if (wc[i] & ctrlEmpty) {
          wc[i] = ctrlEmpty;
          this.growthLeft++;
        }
      }
    }
  }

  /** `table.Clear`: every slot empty, growth restored; the groups stay (same memory). */
  clear(): void {
    if (this.ctrlW) {
      this.ctrlW.fill(ctrlEmpty);
      this.numsW?.fill(0);
      this.keysW?.fill(0);
      this.elemsW?.fill(0);
      this.decoded = undefined;
    }
    this.used = 0;
    this.growthLeft = this.maxGrowthLeft();
  }
}

const shared = new Map<number, { ctrl: Uint8Array; values: readonly unknown[] }>();

/** The all-empty storage every unwritten table of `capacity` slots reads. */
function emptyStorage(capacity: number): { ctrl: Uint8Array; values: readonly unknown[] } {
  let e = shared.get(capacity);
  if (!e) {
    e = { ctrl: new Uint8Array(capacity).fill(ctrlEmpty), values: Object.freeze(new Array(capacity).fill(0)) };
    shared.set(capacity, e);
  }
  return e;
}
