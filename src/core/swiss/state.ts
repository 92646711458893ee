/**
 * A copy of a Swiss map's whole state (header, small group or tables with their directory), so a
 * session can go back to it at once instead of replaying its history (undo of a large fill).
 */
import { SmallGroup } from './small';
import { SwissSeed } from './hash';
import type { SwissMap } from './map';
import { Table } from './table';
import { ctrlEmpty } from './constants';

interface TableState {
  capacity: number;
  index: number;
  localDepth: number;
  used: number;
  growthLeft: number;
  ctrl: Uint8Array;
  keys: unknown[];
  elems: unknown[];
}

export interface SwissMapState {
  used: number;
  seed: SwissSeed;
  globalDepth: number;
  globalShift: number;
  tombstonePossible: boolean;
  clearSeq: number;
  small: { ctrl: Uint8Array; keys: unknown[]; elems: unknown[] } | null;
  tables: TableState[];
  /** Each directory entry as an index into `tables`. */
  directory: number[];
}

export function saveSwissMap(m: SwissMap): SwissMapState {
  const tables = m.tables();
  const pos = new Map(tables.map((t, i) => [t, i]));
  return {
    used: m.used,
    seed: m.seed,
    globalDepth: m.globalDepth,
    globalShift: m.globalShift,
    tombstonePossible: m.tombstonePossible,
    clearSeq: m.clearSeq,
    small: m.small && { ctrl: m.small.ctrl.slice(), keys: m.small.keys.slice(), elems: m.small.elems.slice() },
    tables: tables.map((t) => ({
      capacity: t.capacity, index: t.index, localDepth: t.localDepth, used: t.used, growthLeft: t.growthLeft,
      ctrl: t.ctrl.slice(), keys: Array.from({ length: t.capacity }, (_, i) => t.keyAt(i)), elems: Array.from({ length: t.capacity }, (_, i) => t.elemAt(i)),
    })),
    directory: m.directory.map((t) => pos.get(t)!),
  };
}

function copyInto<T>(to: T[] | Uint8Array, from: ArrayLike<T>): void {
  for (let i = 0; i < from.length; i++) (to as T[])[i] = from[i];
}

export function restoreSwissMap(m: SwissMap, s: SwissMapState): void {
  m.used = s.used;
  m.seed = s.seed;
  m.globalDepth = s.globalDepth;
  m.globalShift = s.globalShift;
  m.tombstonePossible = s.tombstonePossible;
  m.clearSeq = s.clearSeq;
  if (s.small) {
    const g = new SmallGroup();
    g.ctrl.set(s.small.ctrl);
    copyInto(g.keys, s.small.keys);
    copyInto(g.elems, s.small.elems);
    m.small = g;
  } else {
    m.small = null;
  }
  const tables = s.tables.map((ts) => {
    const t = new Table(ts.capacity, ts.index, ts.localDepth, true);
    t.used = ts.used;
    t.growthLeft = ts.growthLeft;
    if (ts.ctrl.some((c) => c !== ctrlEmpty)) t.load(ts.ctrl, ts.keys, ts.elems);
    return t;
  });
  m.directory = s.directory.map((i) => tables[i]);
}
