/**
 * The Swiss-table Go map (Go 1.24+ `internal/runtime/maps`, as Go 1.26 and 1.27 build it),
 * simulated operation for operation.
 *
 * Glossary, in the runtime's words (`internal/runtime/maps/map.go`):
 * - **slot**: room for one key/elem pair. **group**: 8 slots and a **control word** of 8 control
 *   bytes, one per slot: `ctrlEmpty`, `ctrlDeleted` or, for a full slot, `h2`.
 * - **h1/h2**: a key's hash split in two: `h2 = hash & 0x7f` is stored in the control byte;
 *   `h1 = hash >> 7` picks the key's home group.
 * - **probe sequence**: the groups a key may be in, from its home group by triangular steps.
 * - **table**: an open-addressed hash table of up to `maxTableCapacity` (1024) slots (`table.ts`).
 * - **directory**: `dirLen` table pointers indexed by the top `globalDepth` bits of the hash
 *   (`hash >> globalShift`). A table with **local depth** d < globalDepth occupies the aligned
 *   run of 2^(globalDepth-d) entries starting at its `index`.
 * - **tombstone**: a deleted slot (`ctrlDeleted`) that must stay non-empty so that lookups probe
 *   past it. `tombstonePossible` records that some table may hold one (until `clear`).
 * - **small map**: up to 8 entries live in one group with no table and no directory (`dirLen`
 *   0); its 9th key turns it into a 16-slot table (`growToTable`).
 * Growth: a table whose `growthLeft` is used up rehashes into a new table of twice the capacity,
 * up to 1024 slots (`grow`), and then into two 1024-slot tables of local depth + 1 (`split`),
 * doubling the directory first when the table's local depth equals the global depth
 * (`installTableSplit`). Entries never move otherwise; deletes leave tombstones, so memory does
 * not shrink until the map is rebuilt.
 *
 * What the runtime draws from `rand()` (the seed at `make`, at a `clear` that works and when the
 * last key is deleted; the two offsets of every `range`) comes from `SwissRandomness`, and hashes
 * from a pluggable `SwissHasher` (`hash.ts`), so a session can be replayed exactly.
 */
import { KeyValue } from '../classic/hash';
import { goEqual } from '../go/equal';
import { ctrlEmpty, maxTableCapacity, slotsPerGroup } from './constants';
import { PackedHash, SwissHasher, SwissSeed, hashTop, h2 } from './hash';
import { Table, TableContext, isFull, putInserted, putUpdated } from './table';
import { SwissMapType } from './types';
import { SmallGroup } from './small';
import { capacityForHint } from './hint';
import { SwissIteration, iterate } from './iter';
import { checkInvariants } from './invariants';

/** Where the runtime's random numbers come from (`rand()`, 64 bits; 32 on 32-bit targets for the seed). */
export interface SwissRandomness {
  /** A new `Map.seed`. */
  seed(): SwissSeed;
  /** `Iter.Init`: `entryOffset = rand()` then `dirOffset = rand()`; only their low 32 bits matter. */
  iterOffsets(): { entryOffset: bigint; dirOffset: bigint };
}

export interface SwissMapOptions {
  hasher: SwissHasher;
  random: SwissRandomness;
  /** Go's `==` on keys (NaN != NaN). */
  equal: (a: KeyValue, b: KeyValue) => boolean;
}

/** Which structure an operation changed, for views that explain it. */
export type SwissEvent =
  | { kind: 'growToSmall' }
  | { kind: 'growToTable' }
  | { kind: 'grow'; table: Table; newTable: Table }
  | { kind: 'split'; table: Table; left: Table; right: Table; dirDoubled: boolean }
  | { kind: 'prune'; table: Table; freed: number }
  | { kind: 'reseed' };

export class SwissMap implements TableContext {
  /** Entries in the map (`Map.used`). */
  used = 0;
  seed: SwissSeed;
  /** The small map's group (`dirPtr` while `dirLen == 0`), null before the first insert. */
  small: SmallGroup | null = null;
  /** `dirLen` entries; a table appears in the aligned run of entries it covers. Empty for a small map. */
  directory: Table[] = [];
  globalDepth = 0;
  /** `hash >> globalShift` selects the directory entry: width - globalDepth (0 for a small map). */
  globalShift = 0;
  /** Some table may hold a tombstone (set by a delete that left one, reset by clear). */
  tombstonePossible = false;
  /** Bumped by every clear that does work. */
  clearSeq = 0;
  /** Hash width: 64, or 32 on 386 and arm (`Use64BitHash`). */
  readonly width: 32 | 64;
  /** Called when a structure changes (growth, split, prune, reseed). */
  onEvent?: (e: SwissEvent) => void;
  /** The key equality is `goEqual`, which is `===` on two numbers or two strings. */
  private readonly plainEqual: boolean;
  /** `prunes()`, fixed by the type. */
  private readonly prune: boolean;
  /** Every key and elem assigned so far was a JS number: new tables start in numeric storage (`table.ts`). */
  private numeric = true;

  constructor(
    readonly type: SwissMapType,
    hint: number,
    private readonly opts: SwissMapOptions,
  ) {
    this.width = type.ptrSize === 8 ? 64 : 32;
    this.plainEqual = opts.equal === goEqual;
    this.prune = this.prunes();
    this.seed = opts.random.seed();
    // NewMap: hint <= 8 makes a small map lazily; otherwise the directory and its tables now.
    const plan = capacityForHint(hint, type);
    if (plan === undefined) return;
    this.globalDepth = plan.globalDepth;
    this.globalShift = this.width - plan.globalDepth;
    for (let i = 0; i < plan.dirSize; i++) this.directory.push(new Table(plan.tableCapacity, i, plan.globalDepth, true));
  }

  get dirLen(): number {
    return this.directory.length;
  }

  hash(key: KeyValue): PackedHash {
    return this.opts.hasher.hash(key, this.seed);
  }

  /** Go's `==`; two numbers or two strings compare with `===`, as `goEqual` compares them, without the call. */
  equal(a: KeyValue, b: KeyValue): boolean {
    if (this.plainEqual && (typeof a === 'number' || typeof a === 'string') && typeof b === typeof a) return a === b;
    return this.opts.equal(a, b);
  }

  get hasherDescription(): string {
    return this.opts.hasher.description;
  }

  /** `directoryIndex`: `hash >> globalShift`, 0 for a one-entry directory. */
  directoryIndex(hash: PackedHash): number {
    if (this.directory.length === 1) return 0;
    return hashTop(hash) >>> (32 - this.globalDepth);
  }

  /** The table a hash selects. */
  tableFor(hash: PackedHash): Table {
    return this.directory[this.directoryIndex(hash)];
  }

  /** `v, ok := m[k]`. */
  lookup(key: KeyValue): { found: boolean; elem: unknown } {
    if (this.used === 0) {
      this.mapKeyError(key);
      return { found: false, elem: undefined };
    }
    const hash = this.hash(key);
    if (this.directory.length === 0) {
      const i = this.small!.find(this, h2(hash), key);
      return i < 0 ? { found: false, elem: undefined } : { found: true, elem: this.small!.elems[i] };
    }
    const t = this.tableFor(hash);
    const i = t.find(this, hash, key);
    return i < 0 ? { found: false, elem: undefined } : { found: true, elem: t.elemAt(i) };
  }

  /**
   * `mapKeyError`: on an empty (or nil) map, lookups and deletes return without hashing, but a key
   * whose type may panic when hashed (an interface holding a slice) still panics (golang/go#23734).
   */
  private mapKeyError(key: KeyValue): void {
    if (this.type.hashmightpanic) this.hash(key);
  }

  /** Whether `m[k] = v` goes through a fast path that prunes tombstones (fast32, fast64, faststr, and the pointer ones from 1.27). */
  private prunes(): boolean {
    const a = this.type.assign;
    if (a === 'slow') return false;
    if (a === 'fast32ptr' || a === 'fast64ptr') return this.type.goversion !== '1.26';
    return true;
  }

  /** `m[k] = v` (`runtime_mapassign*` / `Map.PutSlot`). Returns whether the key was new. */
  assign(key: KeyValue, elem: unknown): boolean {
    if (this.numeric && (typeof key !== 'number' || typeof elem !== 'number')) this.numeric = false;
    const hash = this.hash(key);
    if (this.small === null && this.directory.length === 0) {
      this.small = new SmallGroup(); // growToSmall
      this.onEvent?.({ kind: 'growToSmall' });
    }
    if (this.directory.length === 0) {
      const small = this.small!;
      // Go 1.27 updates an existing key of a full small map in place; 1.26 grows it to a table first.
      if (this.used < slotsPerGroup || (this.type.goversion !== '1.26' && small.find(this, h2(hash), key) >= 0)) {
        const inserted = small.put(this, h2(hash), key, elem, this.type.needkeyupdate);
        if (inserted) this.used++;
        return inserted;
      }
      this.growToTable();
    }
    const prune = this.prune;
    for (;;) {
      const t = this.tableFor(hash);
      const r = t.putSlot(this, hash, key, elem, prune, this.type.needkeyupdate);
      if (r === putInserted) {
        this.used++;
        return true;
      }
      if (r === putUpdated) return false;
      this.rehash(t);
    }
  }

  /** `delete(m, k)`. Returns whether the key was there. */
  delete(key: KeyValue): boolean {
    if (this.used === 0) {
      this.mapKeyError(key);
      return false;
    }
    const hash = this.hash(key);
    let found: boolean;
    if (this.directory.length === 0) {
      found = this.small!.delete(this, h2(hash), key);
    } else {
      const r = this.tableFor(hash).delete(this, hash, key);
      found = r.found;
      if (r.tombstone) this.tombstonePossible = true;
    }
    if (found) this.used--;
    if (this.used === 0) this.reseed(); // deleting the last key picks a new seed
    return found;
  }

  /** `clear(m)`: every table and the small group emptied in place, a new seed; a no-op on a clean map. */
  clear(): void {
    if (this.used === 0 && !this.tombstonePossible) return;
    if (this.directory.length === 0) {
      this.small?.clear();
    } else {
      let last: Table | undefined;
      for (const t of this.directory) {
        if (t === last) continue;
        t.clear();
        last = t;
      }
      this.tombstonePossible = false;
    }
    this.used = 0;
    this.clearSeq++;
    this.reseed();
  }

  private reseed(): void {
    this.seed = this.opts.random.seed();
    this.onEvent?.({ kind: 'reseed' });
  }

  /** `growToTable`: the small group's keys, in slot order, into a new 16-slot table. */
  private growToTable(): void {
    const small = this.small!;
    const t = new Table(2 * slotsPerGroup, 0, 0, this.numeric);
    for (let i = 0; i < slotsPerGroup; i++) {
      if ((small.ctrl[i] & ctrlEmpty) === ctrlEmpty) continue;
      t.uncheckedPutSlot(this.hash(small.keys[i]), small.keys[i], small.elems[i]);
    }
    this.small = null;
    this.directory = [t];
    this.globalDepth = 0;
    this.globalShift = this.width;
    this.onEvent?.({ kind: 'growToTable' });
  }

  /** `rehash`: double the table while it stays within `maxTableCapacity`, else split it. */
  private rehash(t: Table): void {
    const newCapacity = 2 * t.capacity;
    if (newCapacity <= maxTableCapacity) this.grow(t, newCapacity);
    else this.split(t);
  }

  /**
   * Re-inserts every full slot of `t`, group after group, slot after slot, into `left`, or, when
   * `right` is given, into `right` for the keys whose top hash word has bit `bit` set. The runtime
   * hashes each key again; a key equal to itself gets the same hash (the seed has not changed), so
   * the table's kept hash is used; a NaN is hashed again, at random, as the runtime does.
   */
  private reinsert(t: Table, left: Table, right: Table | null, bit: number): void {
    if (t.reinsertNumbers(this, left, right, bit)) return;
    const ctrl = t.ctrl;
    const kept = t.hashesValid;
    for (let i = 0; i < t.capacity; i++) {
      if (!isFull(ctrl[i])) continue;
      const k = t.keyAt(i);
      const h = kept && (typeof k !== 'object' || this.equal(k, k)) && k === k ? t.hashAt(i) : this.hash(k);
      (right !== null && ((hashTop(h) >>> bit) & 1) !== 0 ? right : left).uncheckedPutSlot(h, k, t.elemAt(i));
    }
  }

  /** `grow`: a new table of `newCapacity` slots replaces `t` in its directory entries. */
  private grow(t: Table, newCapacity: number): void {
    const nt = new Table(newCapacity, t.index, t.localDepth, this.numeric);
    this.reinsert(t, nt, null, 0);
    this.replaceTable(nt);
    t.index = -1;
    this.onEvent?.({ kind: 'grow', table: t, newTable: nt });
  }

  /** `split`: two full-size tables of local depth + 1; a key goes right when hash bit (width - newDepth) is set. */
  private split(t: Table): void {
    const localDepth = t.localDepth + 1;
    const left = new Table(maxTableCapacity, -1, localDepth, this.numeric);
    const right = new Table(maxTableCapacity, -1, localDepth, this.numeric);
    // localDepthMask: bit (width - localDepth) of the hash, bit (32 - localDepth) of its top word.
    this.reinsert(t, left, right, 32 - localDepth);
    const dirDoubled = t.localDepth === this.globalDepth;
    this.installTableSplit(t, left, right);
    t.index = -1;
    this.onEvent?.({ kind: 'split', table: t, left, right, dirDoubled });
  }

  /** `installTableSplit`: double the directory if needed, then give each half its run of entries. */
  private installTableSplit(old: Table, left: Table, right: Table): void {
    if (old.localDepth === this.globalDepth) {
      const newDir: Table[] = new Array(this.directory.length * 2);
      for (let i = 0; i < this.directory.length; i++) {
        const t = this.directory[i];
        newDir[2 * i] = t;
        newDir[2 * i + 1] = t;
        if (t.index === i) t.index = 2 * i;
      }
      this.globalDepth++;
      this.globalShift--;
      this.directory = newDir;
    }
    left.index = old.index;
    this.replaceTable(left);
    right.index = left.index + 2 ** (this.globalDepth - left.localDepth);
    this.replaceTable(right);
  }

  /** `replaceTable`: point the table's run of directory entries at it. */
  private replaceTable(nt: Table): void {
    const entries = 2 ** (this.globalDepth - nt.localDepth);
    for (let i = 0; i < entries; i++) this.directory[nt.index + i] = nt;
  }

  /** `for k, v := range m` with no writes during the loop: offsets drawn as `Iter.Init` does (none for an empty map). */
  iterate(): SwissIteration {
    return iterate(this, this.used === 0 ? undefined : this.opts.random.iterOffsets());
  }

  /** Throws "bad map state: ..." when an invariant of the runtime's map does not hold. */
  checkInvariants(): void {
    checkInvariants(this);
  }

  /** The distinct tables in directory order. */
  tables(): Table[] {
    const out: Table[] = [];
    for (let i = 0; i < this.directory.length; ) {
      const t = this.directory[i];
      out.push(t);
      i += 2 ** (this.globalDepth - t.localDepth);
    }
    return out;
  }
}
