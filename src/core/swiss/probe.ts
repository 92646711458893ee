/**
 * What a lookup or an insert does in a Swiss map, step by step, for views that explain it (the
 * panel's probe path, hovers): the hash split into h1 and h2, the directory entry and table its top
 * bits select, the home group `h1 & lengthMask`, every group of the probe sequence visited with the
 * slots whose control byte matched h2 and whether their key was equal, and where the walk ended:
 * found, or (for an insert) the tombstone reused or the empty slot taken.
 *
 * It reads the map without changing it, following `table.getWithKey` and the probe loop of
 * `runtime_mapassign*`, so its answer is the place the next `assign` would use (before any growth
 * that insert would trigger: `growsFirst` says when the table has no growth left).
 */
import { KeyValue } from '../classic/hash';
import { ctrlDeleted, ctrlEmpty, slotsPerGroup } from './constants';
import { PackedHash, h1, h2, hashLow, hashTop } from './hash';
import type { SwissMap } from './map';

export interface ProbeGroupStep {
  /** Index of the group in its table (or 0 for the small map's group). */
  group: number;
  /** Position in the probe sequence (0: the home group). */
  probeIndex: number;
  /** Slots whose control byte equals h2, with whether their key was equal. */
  matches: { slot: number; equal: boolean }[];
  /** The group has an empty slot: a lookup stops here. */
  hasEmpty: boolean;
  /** The lowest tombstone of the group, if any. */
  firstDeleted?: number;
}

export interface ProbePath {
  /** The hash's top 32 bits (all of it on 32-bit targets) and its low 21 bits, as the model carries it. */
  hashTop: number;
  hashLow: number;
  h2: number;
  /** Low bits of h1 = hash >> 7. */
  h1: number;
  /** Directory entry and table (undefined for a small map or an empty one). */
  dirIndex?: number;
  tableIndex?: number;
  /** Groups visited, in probe order. */
  steps: ProbeGroupStep[];
  /** Where the key is (table-wide slot index), if present. */
  found?: { group: number; slot: number };
  /** For an absent key: where an insert would put it. */
  insertAt?: { group: number; slot: number; reuse: 'tombstone' | 'empty' };
  /** The table (or small group) has no growth left: the insert would prune, grow, split or turn a small map into a table first. */
  growsFirst?: boolean;
}

function groupStep(ctrl: Uint8Array, keys: readonly KeyValue[], base: number, g: number, probeIndex: number, want: number, key: KeyValue, m: SwissMap): ProbeGroupStep {
  const step: ProbeGroupStep = { group: g, probeIndex, matches: [], hasEmpty: false };
  for (let i = 0; i < slotsPerGroup; i++) {
    const c = ctrl[base + i];
    if (c === want) step.matches.push({ slot: i, equal: m.equal(key, keys[base + i]) });
    if (c === ctrlEmpty) step.hasEmpty = true;
    if (c === ctrlDeleted && step.firstDeleted === undefined) step.firstDeleted = i;
  }
  return step;
}

/** The probe path of `key` in `m` now. */
export function probePath(m: SwissMap, key: KeyValue): ProbePath {
  const hash: PackedHash = m.hash(key);
  const path: ProbePath = { hashTop: hashTop(hash), hashLow: hashLow(hash), h2: h2(hash), h1: h1(hash), steps: [] };
  if (m.dirLen === 0) {
    if (m.small === null) {
      path.insertAt = { group: 0, slot: 0, reuse: 'empty' };
      return path;
    }
    const s = groupStep(m.small.ctrl, m.small.keys, 0, 0, 0, path.h2, key, m);
    path.steps.push(s);
    const hit = s.matches.find((x) => x.equal);
    if (hit) path.found = { group: 0, slot: hit.slot };
    else if (m.used < slotsPerGroup) path.insertAt = { group: 0, slot: m.small.ctrl.indexOf(ctrlEmpty), reuse: 'empty' };
    else path.growsFirst = true;
    return path;
  }
  const dirIndex = m.directoryIndex(hash);
  const t = m.directory[dirIndex];
  path.dirIndex = dirIndex;
  path.tableIndex = m.tables().indexOf(t);
  let firstDeleted: { group: number; slot: number } | undefined;
  let g = path.h1 & t.lengthMask;
  for (let i = 0; i <= t.lengthMask; i++) {
    const s = groupStep(t.ctrl, t.keys, g * slotsPerGroup, g, i, path.h2, key, m);
    path.steps.push(s);
    const hit = s.matches.find((x) => x.equal);
    if (hit) {
      path.found = { group: g, slot: hit.slot };
      return path;
    }
    if (s.firstDeleted !== undefined && firstDeleted === undefined) firstDeleted = { group: g, slot: s.firstDeleted };
    if (s.hasEmpty) {
      if (firstDeleted) path.insertAt = { ...firstDeleted, reuse: 'tombstone' };
      else {
        path.insertAt = { group: g, slot: t.ctrl.subarray(g * slotsPerGroup, (g + 1) * slotsPerGroup).indexOf(ctrlEmpty), reuse: 'empty' };
        if (t.growthLeft === 0) path.growsFirst = true;
      }
      return path;
    }
    g = (g + i + 1) & t.lengthMask;
  }
  throw new Error('bad map state: a table with no empty slot');
}
