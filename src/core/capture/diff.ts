/**
 * What changed in a map between two captures (two stops of one debug session): the entries added,
 * removed and updated, and the runtime's own changes in its words. Classic: B (growth started or
 * done), `nevacuate` (evacuation progress), overflow buckets, `emptyOne` slots left by deletes,
 * a new `hash0`. Swiss: tables and `dirLen` (splits, directory doubling), capacity (a table grew),
 * tombstones (`ctrlDeleted`), `growthLeft`, a new seed, `clearSeq`.
 *
 * A map's entries are the live slots of its buckets, and while a classic map grows also those of
 * the old buckets not evacuated yet (their entries are in no new bucket yet).
 */
import { emptyOne, minTopHash } from '../classic/tophash';
import { ctrlDeleted, ctrlEmpty } from '../swiss/constants';
import { CaptureError } from './delve';
import { CapturedClassic, CapturedMap, CapturedSwiss } from './types';

export interface CapturedEntry {
  key: unknown;
  elem: unknown;
}

export type FieldValue = number | string | boolean;

export interface CaptureDiff {
  /** Both captures read the header at the same address (else the variable now holds another map). */
  sameMap: boolean;
  added: CapturedEntry[];
  removed: CapturedEntry[];
  changed: { key: unknown; before: unknown; after: unknown }[];
  /** Each runtime field or count that differs, in the runtime's words, with its two values. */
  changes: { what: string; before: FieldValue; after: FieldValue }[];
}

/** Every entry of a captured map, by the JSON text of its key. */
export function entriesOf(m: CapturedMap): Map<string, CapturedEntry> {
  const out = new Map<string, CapturedEntry>();
  const add = (keys: unknown[], elems: unknown[], live: (i: number) => boolean) => {
    keys.forEach((key, i) => { if (live(i)) out.set(JSON.stringify(key), { key, elem: elems[i] }); });
  };
  if (m.runtime === 'classic') {
    for (const b of [...(m.buckets ?? []), ...(m.oldbuckets ?? [])].flat()) add(b.keys, b.elems, (i) => b.tophash[i] >= minTopHash);
  } else {
    for (const g of [...(m.group ? [m.group] : []), ...m.tables.flatMap((t) => t.groups)]) add(g.keys, g.elems, (i) => (g.ctrl[i] & ctrlEmpty) === 0);
  }
  return out;
}

export function diffCaptures(before: CapturedMap, after: CapturedMap): CaptureDiff {
  if (before.runtime !== after.runtime) throw new CaptureError(`cannot compare a ${before.runtime} capture with a ${after.runtime} one`);
  const a = entriesOf(before);
  const b = entriesOf(after);
  const diff: CaptureDiff = { sameMap: before.address === after.address, added: [], removed: [], changed: [], changes: [] };
  for (const [k, e] of b) {
    const old = a.get(k);
    if (!old) diff.added.push(e);
    else if (JSON.stringify(old.elem) !== JSON.stringify(e.elem)) diff.changed.push({ key: e.key, before: old.elem, after: e.elem });
  }
  for (const [k, e] of a) if (!b.has(k)) diff.removed.push(e);
  const x = figures(before);
  const y = figures(after);
  for (const what of Object.keys(x)) if (x[what] !== y[what]) diff.changes.push({ what, before: x[what], after: y[what] });
  return diff;
}

/** The fields and counts a diff compares, by name. */
function figures(m: CapturedMap): Record<string, FieldValue> {
  return m.runtime === 'classic' ? classicFigures(m) : swissFigures(m);
}

function classicFigures(m: CapturedClassic): Record<string, FieldValue> {
  const bmaps = (m.buckets ?? []).flat();
  return {
    count: m.count, B: m.B, growing: m.growing, sameSizeGrow: m.sameSizeGrow, nevacuate: m.nevacuate,
    noverflow: m.noverflow,
    'overflow buckets': (m.buckets ?? []).reduce((n, c) => n + c.length - 1, 0),
    'emptyOne slots': bmaps.reduce((n, bm) => n + bm.tophash.filter((h) => h === emptyOne).length, 0),
    nextOverflowFree: m.nextOverflowFree, hash0: m.hash0, flags: m.flags,
  };
}

function swissFigures(m: CapturedSwiss): Record<string, FieldValue> {
  const groups = m.tables.flatMap((t) => t.groups);
  return {
    used: m.used, dirLen: m.dirLen, globalDepth: m.globalDepth, tables: m.tables.length,
    capacity: m.tables.reduce((n, t) => n + t.capacity, 0),
    growthLeft: m.tables.reduce((n, t) => n + t.growthLeft, 0),
    tombstones: groups.reduce((n, g) => n + g.ctrl.filter((c) => c === ctrlDeleted).length, 0),
    tombstonePossible: m.tombstonePossible, seed: m.seed, clearSeq: m.clearSeq,
  };
}
