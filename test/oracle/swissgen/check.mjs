#!/usr/bin/env node
// Self-check of a Swiss-table oracle dump (shared/oracle-swiss/FORMAT.md "Self-check"), in plain
// node with no dependency, so any dump can be checked without Go:
//
//   node test/oracle/swissgen/check.mjs DUMP.json [TRACE.json]
//
// Structure: a small map (dirLen 0) has one group, no tombstone, full slots == used, ctrl == h2.
// Tables: dirLen == 2^globalDepth, globalShift == hashBits - globalDepth, each table owns the
// aligned run of 2^(globalDepth-localDepth) directory entries starting at its index, capacity ==
// groups*8 (a power of two, at most maxTableCapacity), full slots == used, tombstones ==
// capacity*7/8 - used - growthLeft, no tombstone unless tombstonePossible, an empty slot
// somewhere, no group with both a tombstone and an empty slot, every key in the table its top
// hash bits select and in a group its probe sequence reaches before any group with an empty
// slot, sum of table.used == used. Hashes come from the dump (`hashes[seed][keyText]`).
// With the trace: a plain JS map replay gives the contents and lookups at every snapshot, the
// number of iterations, each iteration's keys, the reseeds (a delete that empties the map, a
// clear that does work) and clearSeq; and an iteration with no write before the next snapshot
// must follow FORMAT.md's order rule from its two offsets.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const slotsPerGroup = 8;
export const ctrlEmpty = 0x80;
export const ctrlDeleted = 0xfe;
export const maxTableCapacity = 1024;
const maxAvgGroupLoad = 7;
const isFull = (c) => (c & ctrlEmpty) === 0;
const two53 = 1n << 53n;

/** The canonical JSON value of a trace or dump value of Go type `t` (FORMAT.md "Trace"). */
export function canonical(t, v) {
  if (t === 'string' || t === 'bool') return v;
  if (t === 'struct{}') return {};
  if (v === undefined || v === null) return v;
  const x = BigInt(v); // integers and [N]byte (little-endian integer in the first 8 bytes)
  return x >= -two53 && x <= two53 ? Number(x) : x.toString();
}

/** The text a dump's `hashes` tables use for a key. */
export const keyText = (t, v) => JSON.stringify(canonical(t, v));

const zeroOf = (t) => (t === 'string' ? '' : t === 'bool' ? false : t === 'struct{}' ? {} : 0);

/** Hash bits of the dump's target: 32 on 386 (its seeds and hashes have 8 hex digits). */
export const hashBitsOf = (dump) => (dump.goarch === '386' ? 32 : 64);

function groupCounts(g) {
  let full = 0, deleted = 0, empty = 0;
  for (const c of g.ctrl) {
    if (isFull(c)) full++;
    else if (c === ctrlDeleted) deleted++;
    else if (c === ctrlEmpty) empty++;
  }
  return { full, deleted, empty };
}

/** The groups of a probe sequence from h1 = hash >> 7: p, p+1, p+3, p+6, ... (mod the group count). */
export function* probeSeq(hash, groups) {
  const mask = BigInt(groups - 1);
  let offset = (hash >> 7n) & mask;
  for (let index = 1n; index <= BigInt(groups); index++) {
    yield Number(offset);
    offset = (offset + index) & mask;
  }
}

/** The directory entry a hash selects. */
export const dirIndex = (snap, hash) => (snap.dirLen === 1 ? 0 : Number(hash >> BigInt(snap.globalShift)));

/** The errors of one snapshot's structure; `hashOf(keyValue)` gives its hash under the snapshot's seed. */
export function checkStructure(s, keyType, bits, hashOf) {
  const errs = [];
  const at = `snapshot ${JSON.stringify(s.label)}`;
  const entries = new Map();
  const entry = (where, g, i) => {
    const k = g.keys[i];
    const h = hashOf(k);
    if (h === undefined) return errs.push(`${at} ${where} slot ${i}: no hash for key ${keyText(keyType, k)}`) && undefined;
    if (Number(h & 0x7fn) !== g.ctrl[i]) errs.push(`${at} ${where} slot ${i}: ctrl ${g.ctrl[i]} is not h2 ${h & 0x7fn}`);
    const kt = keyText(keyType, k);
    if (entries.has(kt)) errs.push(`${at} ${where} slot ${i}: key ${kt} twice`);
    entries.set(kt, g.elems[i]);
    return h;
  };
  const nullWhereNotFull = (where, g) => {
    if (g.ctrl.length !== slotsPerGroup || g.keys.length !== slotsPerGroup || g.elems.length !== slotsPerGroup) errs.push(`${at} ${where}: not 8 slots`);
    g.ctrl.forEach((c, i) => {
      if (!isFull(c) && (g.keys[i] !== null || g.elems[i] !== null)) errs.push(`${at} ${where} slot ${i}: key/elem in a slot that is not full`);
      if (!isFull(c) && c !== ctrlEmpty && c !== ctrlDeleted) errs.push(`${at} ${where} slot ${i}: ctrl ${c}`);
    });
  };
  if (s.dirLen === 0) {
    if (s.tables.length || s.directory.length || s.globalDepth || s.globalShift) errs.push(`${at}: small map with a directory`);
    if (s.group === null) {
      if (s.used !== 0) errs.push(`${at}: no group but used ${s.used}`);
    } else {
      nullWhereNotFull('group', s.group);
      const { full, deleted } = groupCounts(s.group);
      if (deleted) errs.push(`${at}: tombstone in a small map`);
      if (full !== s.used) errs.push(`${at}: ${full} full slots, used ${s.used}`);
      s.group.ctrl.forEach((c, i) => isFull(c) && entry('group', s.group, i));
    }
    return { errs, entries };
  }
  if (s.group !== null) errs.push(`${at}: a group beside a directory`);
  if (s.dirLen !== 2 ** s.globalDepth || s.globalShift !== bits - s.globalDepth || s.directory.length !== s.dirLen) {
    errs.push(`${at}: dirLen ${s.dirLen}, globalDepth ${s.globalDepth}, globalShift ${s.globalShift}, ${s.directory.length} entries`);
    return { errs, entries };
  }
  let sumUsed = 0;
  s.tables.forEach((t, ti) => {
    const where = `table ${ti}`;
    const run = 2 ** (s.globalDepth - t.localDepth);
    if (t.localDepth > s.globalDepth || t.index % run !== 0 || s.directory.indexOf(ti) !== t.index) errs.push(`${at} ${where}: index ${t.index}, localDepth ${t.localDepth}`);
    s.directory.forEach((d, i) => {
      if ((d === ti) !== (i >= t.index && i < t.index + run)) errs.push(`${at} ${where}: directory entry ${i} (run of ${run} from ${t.index})`);
    });
    const cap = t.capacity;
    if (cap !== t.groups.length * slotsPerGroup || (cap & (cap - 1)) !== 0 || cap > maxTableCapacity) errs.push(`${at} ${where}: capacity ${cap} with ${t.groups.length} groups`);
    let full = 0, deleted = 0, empty = 0;
    t.groups.forEach((g, gi) => {
      nullWhereNotFull(`${where} group ${gi}`, g);
      const c = groupCounts(g);
      full += c.full; deleted += c.deleted; empty += c.empty;
      if (c.deleted && c.empty) errs.push(`${at} ${where} group ${gi}: a tombstone and an empty slot`);
    });
    t.groups.forEach((g, gi) => g.ctrl.forEach((c, i) => {
      if (!isFull(c)) return;
      const h = entry(`${where} group ${gi}`, g, i);
      if (h === undefined) return;
      if (s.directory[dirIndex(s, h)] !== ti) errs.push(`${at} ${where} group ${gi} slot ${i}: its hash selects directory entry ${dirIndex(s, h)}`);
      for (const p of probeSeq(h, t.groups.length)) {
        if (p === gi) return;
        if (groupCounts(t.groups[p]).empty) return errs.push(`${at} ${where} group ${gi} slot ${i}: its probe sequence stops at group ${p}`);
      }
      errs.push(`${at} ${where} group ${gi} slot ${i}: not on its probe sequence`);
    }));
    if (full !== t.used) errs.push(`${at} ${where}: ${full} full slots, used ${t.used}`);
    if (deleted !== (cap * maxAvgGroupLoad) / slotsPerGroup - t.used - t.growthLeft) errs.push(`${at} ${where}: ${deleted} tombstones; capacity ${cap}, used ${t.used}, growthLeft ${t.growthLeft}`);
    if (deleted && !s.tombstonePossible) errs.push(`${at} ${where}: tombstones but tombstonePossible false`);
    if (!empty) errs.push(`${at} ${where}: no empty slot`);
    sumUsed += t.used;
  });
  if (sumUsed !== s.used) errs.push(`${at}: tables hold ${sumUsed}, used ${s.used}`);
  return { errs, entries };
}

/** The keys in the order FORMAT.md's "Iteration" gives for these offsets, read from snapshot `s`. */
export function iterationOrder(s, entryOffset, dirOffset) {
  const out = [];
  const eo = BigInt(entryOffset);
  if (s.dirLen === 0) {
    if (!s.group) return out;
    for (let i = 0n; i < 8n; i++) {
      const k = Number((i + eo) % 8n);
      if (isFull(s.group.ctrl[k])) out.push(s.group.keys[k]);
    }
    return out;
  }
  let d = s.tables[s.directory[Number(BigInt(dirOffset) & BigInt(s.dirLen - 1))]].index;
  for (let seen = 0; seen < s.dirLen;) {
    const t = s.tables[s.directory[d]];
    const mask = BigInt(t.capacity - 1);
    for (let e = 0n; e <= mask; e++) {
      const idx = Number((e + eo) & mask);
      const g = t.groups[idx >> 3];
      if (isFull(g.ctrl[idx & 7])) out.push(g.keys[idx & 7]);
    }
    const run = 2 ** (s.globalDepth - t.localDepth);
    seen += run;
    d = (d + run) % s.dirLen;
  }
  return out;
}

/** Every problem found in a dump (and its trace, when given); [] when it is sound. */
export function checkDump(dump, trace) {
  const errs = [];
  const bits = hashBitsOf(dump);
  const kt = dump.type.key, et = dump.type.elem;
  const hexLen = bits / 4 + 2;
  const hashes = new Map();
  for (const seed of dump.seeds) {
    if (seed.length !== hexLen) errs.push(`seed ${seed}: not ${hexLen - 2} hex digits`);
    const table = dump.hashes[seed];
    if (!table) { errs.push(`no hashes for seed ${seed}`); continue; }
    const m = new Map();
    for (const [k, h] of Object.entries(table)) {
      if (h.length !== hexLen) errs.push(`hash ${h}: not ${hexLen - 2} hex digits`);
      m.set(JSON.stringify(canonical(kt, JSON.parse(k))), BigInt(h));
    }
    hashes.set(seed, m);
  }
  let seedIndex = 0;
  dump.snapshots.forEach((s) => {
    const i = dump.seeds.indexOf(s.seed, seedIndex);
    if (i < 0) errs.push(`snapshot ${JSON.stringify(s.label)}: seed ${s.seed} is not among the seeds after ${dump.seeds[seedIndex]}`);
    else seedIndex = i;
    const table = hashes.get(s.seed) ?? new Map();
    errs.push(...checkStructure(s, kt, bits, (k) => table.get(keyText(kt, k))).errs);
  });
  if (trace) errs.push(...checkAgainstTrace(dump, trace));
  return errs;
}

/** Replays the trace on a plain JS map and compares every snapshot's contents, lookups and iterations. */
function checkAgainstTrace(dump, trace) {
  const errs = [];
  const kt = dump.type.key, et = dump.type.elem;
  if (trace.key !== kt || trace.elem !== et || (trace.hint ?? 0) !== dump.hint) errs.push('trace and dump disagree on key, elem or hint');
  const model = new Map();
  const named = new Set();
  let lookups = [], iterations = [], wroteSinceIterate = false;
  let minReseeds = 0, maybeReseeds = 0, clears = 0, sureClears = 0;
  let snapIndex = 0, prev;
  const text = (v) => JSON.stringify(canonical(et, v));
  for (const [oi, op] of trace.ops.entries()) {
    const k = op.key === undefined ? undefined : canonical(kt, op.key);
    const ktext = k === undefined ? undefined : JSON.stringify(k);
    if (ktext !== undefined) named.add(ktext);
    switch (op.op) {
      case 'insert':
        model.set(ktext, canonical(et, op.elem ?? zeroOf(et)));
        wroteSinceIterate = true;
        break;
      case 'delete':
        if (model.delete(ktext) && model.size === 0) minReseeds++;
        wroteSinceIterate = true;
        break;
      case 'lookup':
        lookups.push({ key: k, found: model.has(ktext), elem: model.has(ktext) ? model.get(ktext) : null });
        break;
      case 'iterate':
        iterations.push({ keys: new Set(model.keys()), oi });
        wroteSinceIterate = false;
        break;
      case 'clear':
        clears++;
        if (model.size > 0) { sureClears++; minReseeds++; } else maybeReseeds++;
        model.clear();
        wroteSinceIterate = true;
        break;
      case 'snapshot': {
        const s = dump.snapshots[snapIndex++];
        const at = `snapshot ${JSON.stringify(op.label)}`;
        if (!s || s.label !== op.label) { errs.push(`${at}: missing from the dump`); return errs; }
        const table = new Map(Object.entries(dump.hashes[s.seed] ?? {}).map(([t, h]) => [JSON.stringify(canonical(kt, JSON.parse(t))), BigInt(h)]));
        const { entries } = checkStructure(s, kt, hashBitsOf(dump), (x) => table.get(keyText(kt, x)));
        if (entries.size !== model.size) errs.push(`${at}: ${entries.size} entries, the trace gives ${model.size}`);
        for (const [key, v] of model) {
          if (!entries.has(key)) errs.push(`${at}: key ${key} missing`);
          else if (text(entries.get(key)) !== JSON.stringify(v)) errs.push(`${at}: key ${key} holds ${text(entries.get(key))}, the trace gives ${JSON.stringify(v)}`);
        }
        if (JSON.stringify(s.lookups) !== JSON.stringify(lookups)) errs.push(`${at}: lookups ${JSON.stringify(s.lookups)}, the trace gives ${JSON.stringify(lookups)}`);
        if (s.iterations.length !== iterations.length) errs.push(`${at}: ${s.iterations.length} iterations, the trace has ${iterations.length}`);
        s.iterations.forEach((it, i) => {
          const want = iterations[i]?.keys ?? new Set();
          const got = it.order.map((x) => keyText(kt, x));
          if (got.length !== want.size || new Set(got).size !== got.length || got.some((x) => !want.has(x))) errs.push(`${at} iteration ${i}: keys differ from the map's`);
          if (want.size === 0 && (BigInt(it.entryOffset) !== 0n || BigInt(it.dirOffset) !== 0n)) errs.push(`${at} iteration ${i}: offsets on an empty map`);
          const last = i === s.iterations.length - 1;
          if (last && !wroteSinceIterate && want.size > 0) {
            const rule = iterationOrder(s, it.entryOffset, it.dirOffset).map((x) => keyText(kt, x));
            if (JSON.stringify(rule) !== JSON.stringify(got)) errs.push(`${at} iteration ${i}: order is not the one its offsets give`);
          }
        });
        if (prev) {
          const advance = dump.seeds.indexOf(s.seed) - dump.seeds.indexOf(prev.seed);
          const clearSeq = s.clearSeq - prev.clearSeq;
          if (advance < minReseeds || advance > minReseeds + maybeReseeds) errs.push(`${at}: ${advance} reseeds since the last snapshot, the trace allows ${minReseeds}..${minReseeds + maybeReseeds}`);
          if (clearSeq < sureClears || clearSeq > clears || advance - clearSeq !== minReseeds - sureClears) errs.push(`${at}: clearSeq +${clearSeq} with ${advance} reseeds after ${clears} clears`);
        } else if (dump.seeds.indexOf(s.seed) !== 0 && minReseeds === 0 && maybeReseeds === 0) errs.push(`${at}: not the first seed`);
        prev = s;
        lookups = []; iterations = []; minReseeds = 0; maybeReseeds = 0; clears = 0; sureClears = 0;
        break;
      }
      default:
        errs.push(`ops[${oi}]: unknown op ${op.op}`);
    }
  }
  if (snapIndex !== dump.snapshots.length) errs.push(`the dump has ${dump.snapshots.length} snapshots, the trace ${snapIndex}`);
  for (const seed of dump.seeds) {
    const have = new Set(Object.keys(dump.hashes[seed] ?? {}).map((t) => JSON.stringify(canonical(kt, JSON.parse(t)))));
    for (const k of named) if (!have.has(k)) { errs.push(`no hash of key ${k} under seed ${seed}`); break; }
  }
  return errs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dumpFile, traceFile] = process.argv.slice(2);
  if (!dumpFile) {
    console.error('usage: check.mjs DUMP.json [TRACE.json]');
    process.exit(2);
  }
  const dump = JSON.parse(readFileSync(dumpFile, 'utf8'));
  const trace = traceFile ? JSON.parse(readFileSync(traceFile, 'utf8')) : undefined;
  const errs = checkDump(dump, trace);
  for (const e of errs.slice(0, 20)) console.log(e);
  if (errs.length > 20) console.log(`... ${errs.length - 20} more`);
  console.log(errs.length ? `FAIL ${dumpFile}: ${errs.length} problems` : `ok ${dumpFile}`);
  process.exit(errs.length ? 1 : 0);
}
