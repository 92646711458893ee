/**
 * `checkInvariants`: every invariant of `shared/oracle-swiss/FORMAT.md` "Self-check" (the
 * runtime's own `table_debug.go` checks, and what the oracle verified on real maps), thrown as
 * "bad map state: ..." like the runtime's `throw`. The tests call it after every operation.
 */
import { ctrlDeleted, ctrlEmpty, maxAvgGroupLoad, slotsPerGroup } from './constants';
import { h1, h2, hashTop } from './hash';
import type { SwissMap } from './map';
import { Table, isFull } from './table';

function fail(msg: string): never {
  throw new Error(`bad map state: ${msg}`);
}

export function checkInvariants(m: SwissMap): void {
  if (m.dirLen === 0) {
    if (m.globalDepth !== 0 || m.globalShift !== 0) fail('small map with a global depth');
    if (m.small === null) {
      if (m.used !== 0) fail(`used ${m.used} without a group`);
      return;
    }
    let full = 0;
    for (let i = 0; i < slotsPerGroup; i++) {
      const c = m.small.ctrl[i];
      if (c === ctrlDeleted) fail(`small map slot ${i} is a tombstone`);
      if (isFull(c)) {
        full++;
        const k = m.small.keys[i];
        if (m.equal(k, k) && c !== h2(m.hash(k))) fail(`small map slot ${i}: ctrl ${c} is not the key's h2`);
      }
    }
    if (full !== m.used) fail(`small map: ${full} full slots, used ${m.used}`);
    return;
  }
  if (m.small !== null) fail('a map with tables still has a small group');
  if (m.dirLen !== 2 ** m.globalDepth) fail(`dirLen ${m.dirLen} != 2^globalDepth ${m.globalDepth}`);
  if (m.globalShift !== m.width - m.globalDepth) fail(`globalShift ${m.globalShift} != ${m.width} - ${m.globalDepth}`);
  let used = 0;
  for (let i = 0; i < m.dirLen; ) {
    const t = m.directory[i];
    if (t.index !== i) fail(`directory[${i}] holds a table whose index is ${t.index}`);
    if (t.localDepth > m.globalDepth) fail(`table at ${i}: localDepth ${t.localDepth} > globalDepth ${m.globalDepth}`);
    const run = 2 ** (m.globalDepth - t.localDepth);
    if (i % run !== 0) fail(`table at ${i} is not aligned to its run of ${run}`);
    for (let j = i; j < i + run; j++) if (m.directory[j] !== t) fail(`directory[${j}] is not the table at ${i}`);
    checkTable(m, t, i);
    used += t.used;
    i += run;
  }
  if (used !== m.used) fail(`tables hold ${used} entries, used ${m.used}`);
}

function checkTable(m: SwissMap, t: Table, at: number): void {
  const where = `table at ${at}`;
  let full = 0;
  let deleted = 0;
  let empty = 0;
  for (let g = 0; g <= t.lengthMask; g++) {
    let gEmpty = 0;
    let gDeleted = 0;
    for (let i = g * slotsPerGroup; i < (g + 1) * slotsPerGroup; i++) {
      const c = t.ctrl[i];
      if (c === ctrlEmpty) gEmpty++;
      else if (c === ctrlDeleted) gDeleted++;
      else if (isFull(c)) {
        full++;
        checkSlot(m, t, g, i, `${where}, group ${g}, slot ${i % slotsPerGroup}`);
      } else fail(`${where}: control byte ${c} is neither empty, deleted nor an h2`);
    }
    if (gEmpty > 0 && gDeleted > 0) fail(`${where}, group ${g}: both a tombstone and an empty slot`);
    empty += gEmpty;
    deleted += gDeleted;
  }
  if (full !== t.used) fail(`${where}: ${full} full slots, used ${t.used}`);
  if (deleted !== (t.capacity * maxAvgGroupLoad) / slotsPerGroup - t.used - t.growthLeft) fail(`${where}: ${deleted} tombstones, counters say ${t.tombstones()}`);
  if (deleted > 0 && !m.tombstonePossible) fail(`${where}: tombstones but tombstonePossible is false`);
  if (empty === 0) fail(`${where}: no empty slot`);
}

/** A full slot: its ctrl is the key's h2, the key is in the table its top bits select, and its probe path reaches it before any group with an empty slot. */
function checkSlot(m: SwissMap, t: Table, g: number, i: number, where: string): void {
  const key = t.keys[i];
  if (!m.equal(key, key)) return; // NaN: its hash is random on every call, so nothing can be checked
  const hash = m.hash(key);
  if (t.ctrl[i] !== h2(hash)) fail(`${where}: ctrl ${t.ctrl[i]} is not the key's h2 ${h2(hash)}`);
  const d = m.dirLen === 1 ? 0 : hashTop(hash) >>> (32 - m.globalDepth);
  if (m.directory[d] !== t) fail(`${where}: key's top bits select directory entry ${d}, another table`);
  for (let p = h1(hash) & t.lengthMask, step = 1; p !== g; p = (p + step++) & t.lengthMask) {
    if (step > t.lengthMask + 1) fail(`${where}: the probe sequence never reaches group ${g}`);
    if (t.groupHasEmpty(p)) fail(`${where}: group ${p} on the key's probe path has an empty slot`);
  }
}
