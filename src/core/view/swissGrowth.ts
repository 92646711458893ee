/**
 * A Swiss map's growth inside one insert, recorded so the panel can show it step by step.
 *
 * In `internal/runtime/maps` growth is not incremental: the insert that finds `growthLeft == 0`
 * (after `pruneTombstones` on the fast paths) calls `rehash`, which either `grow`s the table into a
 * new one of twice the capacity (up to `maxTableCapacity`) or `split`s a full-size table into two
 * of local depth + 1, doubling the directory first when the old table's local depth equals the
 * global depth (`installTableSplit`); the small map's 9th key makes its first table
 * (`growToTable`). Every full slot of the old storage is put again with `uncheckedPutSlot`, then
 * the insert is retried and lands in the new table.
 *
 * What is recorded (bounded: only the storage involved, at most 1024 + 2 × 1024 slots):
 * - the old storage itself: the retired table (or the small group) is never written again once it
 *   is replaced, so the record keeps a reference, not a copy;
 * - the new tables by their number in directory order (`table-<i>`): the record belongs to the
 *   operation that ends at its history position, and the map at that position is rebuilt exactly
 *   (replay is deterministic), so the new tables are read from the map as it is then; the one slot
 *   the insert wrote afterwards is known (`landing`) and drawn empty in the "moved" step;
 * - where each old slot went (`dest`), found by probing the new table with the slot's kept hash;
 * - for a split, the directory before and after.
 */
import { ctrlEmpty, slotsPerGroup } from '../swiss/constants';
import { hashTop } from '../swiss/hash';
import type { SwissEvent, SwissMap } from '../swiss/map';
import type { Table } from '../swiss/table';
import { swissDirectory } from './swissDirectory';
import { DirectoryView } from './view';

/** Storage read through a record: the retired table or small group. */
export interface GrowthStorage {
  ctrl: Uint8Array;
  keys: readonly unknown[];
  elems: readonly unknown[];
}

export interface SwissGrowthRecord {
  kind: 'growToTable' | 'grow' | 'split';
  /** The storage the keys moved out of (never written again). */
  old: GrowthStorage;
  /** `old` as it was: capacity, local depth, first directory entry (-1 for the small group), full slots. */
  oldInfo: { capacity: number; localDepth: number; index: number; used: number; tombstones: number; number: number };
  /** The new tables' numbers in directory order (`table-<i>`): one, or the left and right halves of a split. */
  after: number[];
  /** Per old slot: -1 when it was not full, else (k * capacity of new table k) + slot, k the index in `after`. */
  dest: Int32Array;
  /** Capacity of each new table. */
  afterCapacity: number;
  /** Where the insert that caused the growth wrote afterwards (k in `after`, table-wide slot). */
  landing?: { table: number; slot: number; inserted: boolean };
  /** A split: the directory before and after `installTableSplit`, and whether it doubled. */
  dirBefore?: DirectoryView;
  dirAfter?: DirectoryView;
  dirDoubled?: boolean;
  /** The event in one sentence (as the outcome says it). */
  text: string;
}

/** What a model keeps while one insert runs, to turn the map's event into a record. */
export class SwissGrowthCapture {
  private before?: { small?: GrowthStorage; dir?: DirectoryView; tables: Table[]; used: number };
  record?: SwissGrowthRecord;

  constructor(private readonly m: SwissMap) {}

  /** Before the insert: the small group (if the 9th key may grow it) and the directory. */
  begin(): void {
    const m = this.m;
    this.record = undefined;
    this.before = {
      small: m.dirLen === 0 && m.small ? m.small : undefined,
      dir: m.dirLen > 0 ? swissDirectory(m) : undefined,
      tables: m.tables(),
      used: m.used,
    };
  }

  /** The map reported a structural change (inside the insert). */
  event(e: SwissEvent, text: string): void {
    const m = this.m;
    const b = this.before;
    if (!b) return;
    const tables = m.tables();
    if (e.kind === 'growToTable' && b.small) {
      const nt = m.directory[0];
      this.record = {
        kind: 'growToTable', old: b.small, text,
        oldInfo: { capacity: slotsPerGroup, localDepth: 0, index: -1, used: b.used, tombstones: 0, number: -1 },
        after: [0], afterCapacity: nt.capacity, dest: destinations(m, b.small, slotsPerGroup, [nt], () => 0),
      };
    } else if (e.kind === 'grow' || e.kind === 'split') {
      const number = b.tables.indexOf(e.table);
      const run = b.dir?.runs[number];
      const news = e.kind === 'grow' ? [e.newTable] : [e.left, e.right];
      // localDepthMask: the split sends a key right when hash bit (width - newDepth) is set.
      const bit = e.kind === 'split' ? 2 ** (32 - e.left.localDepth) : 1;
      this.record = {
        kind: e.kind, old: e.table, text,
        oldInfo: { capacity: e.table.capacity, localDepth: e.table.localDepth, index: run?.start ?? -1, used: e.table.used, tombstones: e.table.tombstones(), number },
        after: news.map((t) => tables.indexOf(t)), afterCapacity: news[0].capacity,
        dest: destinations(m, e.table, e.table.capacity, news, (h) => (e.kind === 'split' && Math.floor(hashTop(h) / bit) % 2 === 1 ? 1 : 0)),
      };
      if (e.kind === 'split') Object.assign(this.record, { dirBefore: b.dir, dirAfter: swissDirectory(m), dirDoubled: e.dirDoubled });
    }
  }

  /** After the insert: where it wrote (the one new table whose `lastSlot` is set). */
  end(): SwissGrowthRecord | undefined {
    const r = this.record;
    const usedBefore = this.before?.used ?? 0;
    this.before = undefined;
    this.record = undefined;
    if (!r) return undefined;
    const tables = this.m.tables();
    r.after.forEach((n, k) => {
      const t = tables[n];
      if (t && t.lastSlot >= 0) r.landing = { table: k, slot: t.lastSlot, inserted: this.m.used > usedBefore };
    });
    return r;
  }
}

/**
 * Where each full slot of `old` is in `news` now: probe the table its hash picks with the kept hash
 * (the seed did not change); a key not found that way (a NaN, hashed again at random by the
 * runtime) is matched to an unclaimed slot of the new tables holding the same key and elem.
 */
function destinations(m: SwissMap, old: GrowthStorage | Table, capacity: number, news: Table[], pick: (hash: number) => number): Int32Array {
  const dest = new Int32Array(capacity).fill(-1);
  const claimed = news.map((t) => new Uint8Array(t.capacity));
  const kept = 'hashAt' in old && old.hashesValid;
  const lost: number[] = [];
  for (let i = 0; i < capacity; i++) {
    if (old.ctrl[i] & ctrlEmpty) continue;
    const k = old.keys[i];
    const hash = kept ? (old as Table).hashAt(i) : m.hash(k as never);
    const which = pick(hash);
    const at = news[which].find(m, hash, k as never);
    if (at >= 0 && !claimed[which][at]) {
      claimed[which][at] = 1;
      dest[i] = which * news[0].capacity + at;
    } else lost.push(i);
  }
  for (const i of lost) {
    search: for (let w = 0; w < news.length; w++) {
      const t = news[w];
      for (let s = 0; s < t.capacity; s++) {
        if (claimed[w][s] || t.ctrl[s] & ctrlEmpty || !Object.is(t.keys[s], old.keys[i]) || !Object.is(t.elems[s], old.elems[i])) continue;
        claimed[w][s] = 1;
        dest[i] = w * news[0].capacity + s;
        break search;
      }
    }
  }
  return dest;
}
