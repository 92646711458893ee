#!/usr/bin/env node
// Generates the Swiss-table oracle fixtures test/fixtures/swiss/NAME.trace.json and
// NAME.<goversion>-<goarch>[-split].dump.json.
//
//   node test/oracle/swissgen/gen.mjs --oracles DIR [--out DIR] [--seed N] [--only NAME,...] [--tries N]
//   node test/oracle/swissgen/gen.mjs --plans DIR [--seed N]     (write the plans only)
//   node test/oracle/swissgen/gen.mjs --list
//
// --oracles DIR holds one oracle binary per configuration, named swissdump-<config> (configs
// below; regen.sh builds them). Each fixture is a plan, a pure function of --seed (default 1),
// run on the configurations it lists. A plain plan is the trace itself: one NAME.trace.json
// shared by all its dumps. A plan with the churn macro expands differently in every process
// (it stops when the real map is about to prune), so it becomes one fixture per configuration,
// NAME-<config>, with the trace the oracle executed. The runtime's hash key is random per
// process: a dump is checked with check.mjs and against the fixture's expectation (e.g. "some
// snapshot shows tables of different local depths") and the run is repeated until both pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, statSync, rmSync, mkdtempSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { checkDump, ctrlDeleted } from './check.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The configurations: Go version, GOARCH, GOEXPERIMENT (build.sh's flags). */
export const configs = {
  'go126-amd64': { go: '1.26.8', arch: 'amd64' },
  'go126-386': { go: '1.26.8', arch: '386' },
  'go127-amd64': { go: '1.27.3', arch: 'amd64' },
  'go127-386': { go: '1.27.3', arch: '386' },
  'go127-amd64-split': { go: '1.27.3', arch: 'amd64', experiment: 'mapsplitgroup' },
};
const A126 = 'go126-amd64', X126 = 'go126-386', A127 = 'go127-amd64', X127 = 'go127-386', S127 = 'go127-amd64-split';
const ALL = [A126, A127, X126, X127];

// ---- deterministic choices (xorshift32 seeded per fixture name) ----
function chooser(seed, name) {
  let s = (seed * 2654435761) >>> 0;
  for (const c of name) s = (Math.imul(s ^ c.charCodeAt(0), 16777619) >>> 0) || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  const below = (n) => Math.floor(next() * n);
  return {
    below,
    /** n distinct integers in [lo, hi). */
    distinct(n, lo, hi) { const got = new Set(); while (got.size < n) got.add(lo + below(hi - lo)); return [...got]; },
    shuffle(xs) { for (let i = xs.length - 1; i > 0; i--) { const j = below(i + 1); [xs[i], xs[j]] = [xs[j], xs[i]]; } return xs; },
  };
}

// ---- ops ----
const ins = (key, elem) => ({ op: 'insert', key, elem });
const del = (key) => ({ op: 'delete', key });
const look = (key) => ({ op: 'lookup', key });
const snap = (label) => ({ op: 'snapshot', label });
const iterate = { op: 'iterate' };
const clear = { op: 'clear' };
const churn = (label, next, max, tail) => ({ op: 'churn', label, next, max, tail, until: 'prune' });

/** The elem for number i of an elem type. */
function elemOf(type, i) {
  switch (type) {
    case 'int8': return (((i % 256) + 256) % 256) - 128;
    case 'uint8': return i % 256;
    case 'int16': return (i % 30000);
    case 'string': return `v${i}`;
    case 'bool': return i % 2 === 1;
    case 'struct{}': return {};
    default: return i;
  }
}

/** The key for number n of a key type (as the churn macro makes them). */
const keyOf = (type, n) => (type === 'string' ? `k${n}` : type === 'bool' ? n % 2 === 1 : n);

/** Inserts keys[i] (elem from i+1), with a snapshot `${prefix}${n}` after the n-th insert for n in `at`. */
function fill(ops, keys, elemType, at = [], prefix = 'n') {
  const want = new Set(at);
  keys.forEach((k, i) => {
    ops.push(ins(k, elemOf(elemType, i + 1)));
    if (want.has(i + 1)) ops.push(snap(`${prefix}${i + 1}`));
  });
  return ops;
}

// ---- expectations (null when met, else why not) ----
const snapOf = (d, label) => d.snapshots.find((s) => s.label === label);
const tombstones = (t) => t.groups.reduce((n, g) => n + g.ctrl.filter((c) => c === ctrlDeleted).length, 0);
const all = (...fs) => (d, cfg) => {
  for (const f of fs) {
    const why = f(d, cfg);
    if (why) return why;
  }
  return null;
};
const at = (label, pred, what) => (d, cfg) => {
  const s = snapOf(d, label);
  return s && pred(s, d, cfg) ? null : `snapshot ${label}: ${what}`;
};
const shape = (label, dirLen, caps, what = `want dirLen ${dirLen}, capacities ${caps}`) =>
  at(label, (s) => s.dirLen === dirLen && JSON.stringify(s.tables.map((t) => t.capacity)) === JSON.stringify(caps), what);
const some = (pred, what) => (d) => (d.snapshots.some(pred) ? null : `no snapshot ${what}`);
const seedsCount = (n) => (d) => (d.seeds.length === n ? null : `want ${n} seeds, got ${d.seeds.length}`);
const is127 = (cfg) => configs[cfg].go.startsWith('1.27');

// ---- the fixtures ----
export function fixtures(seed) {
  const F = [];
  const add = (name, desc, on, plan, expect = () => null) => F.push({ name, desc, on, plan, expect });
  const R = (name) => chooser(seed, name);
  const t = (key, elem, hint, ops) => ({ key, elem, hint, ops });

  // ---- small map ----
  {
    const ops = [snap('made (no group yet)')];
    for (let i = 1; i <= 8; i++) ops.push(ins(i * 11, i * 100), snap(`n${i}`));
    ops.push(look(33), look(42), iterate, iterate, snap('full'), ins(99, 900), snap('ninth key'), iterate, look(99), snap('end'));
    add('small-fill', 'int64->int64 make(map): no group until the first insert, slots 0..7 fill in order with h2 in ctrl, lookups, two iterations of the full group (slot (i+entryOffset)%8), the 9th key makes a 16-slot table (used 9, growthLeft 5)',
      [A126, A127, X126, X127, S127], t('int64', 'int64', 0, ops),
      all(at('made (no group yet)', (s) => s.group === null, 'group'), shape('ninth key', 1, [16]), at('ninth key', (s) => s.tables[0].growthLeft === 5, 'growthLeft 5')));
  }
  {
    const r = R('small-delete-reuse');
    const keys = r.distinct(7, -1e9, 1e9);
    const ops = fill([], keys.slice(0, 6), 'int32', [6]);
    ops.push(del(keys[2]), snap('deleted slot 2 (empty again, no tombstone)'), del(keys[0]), snap('deleted slot 0'),
      ins(keys[6], 7), snap('new key takes slot 0 (lowest empty)'), ins(keys[2], 33), snap('next new key takes slot 2'),
      ...keys.slice(1, 7).map(del), snap('all deleted (the last delete reseeds)'), del(keys[1]), look(keys[1]), snap('delete and lookup on the empty map (no reseed)'),
      ins(keys[3], 4), ins(keys[4], 5), snap('refilled'));
    add('small-delete-reuse', 'int32->int32 (fast32) small map: a delete empties its slot (128, never a tombstone), new keys take the lowest empty slot, deleting every key reseeds, delete/lookup on the empty map do nothing',
      [A126, A127, X126], t('int32', 'int32', 0, ops), all(seedsCount(2), some((s) => s.group && s.group.ctrl[2] === 128 && s.used === 5, 'with slot 2 emptied')));
  }
  for (const [key, elem, keys, on] of [
    ['int64', 'int64', [1, 2, 3, 4, 5, 6, 7, 8, 9], ALL],
    ['int32', 'int8', [10, 20, 30, 40, 50, 60, 70, 80, 90], [A126, A127]],
    ['string', 'int64', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], [A126, A127]],
    ['int8', 'uint16', [-8, -6, -4, -2, 0, 2, 4, 6, 8], [A126, A127]],
  ]) {
    const ops = fill([], keys.slice(0, 8), elem, [8]);
    ops.push(ins(keys[4], elemOf(elem, 55)), snap('update of a key in the full small map'), look(keys[4]), ins(keys[8], elemOf(elem, 9)), snap('a 9th key'));
    const path = { int64: 'fast64', int32: 'fast32', string: 'faststr', int8: 'slow' }[key];
    add(`small-update-full-${key}`, `${key}->${elem} (${path}): assigning an existing key of a full small map grows it to a 16-slot table on Go 1.26 (used 8, growthLeft 6) and updates in place on 1.27; then a 9th key`,
      on, t(key, elem, 0, ops),
      at('update of a key in the full small map', (s, d, cfg) => (is127(cfg) ? s.dirLen === 0 && s.used === 8 : s.dirLen === 1 && s.tables[0].growthLeft === 6), '1.26 grows to a table, 1.27 stays small'));
  }

  // ---- capacity from a hint ----
  const hint = (h, key, elem, on, dirLen, caps) => {
    const r = R(`hint-${h}`);
    const ops = h <= 128 ? [snap('made')] : [];
    fill(ops, r.distinct(3, 1, 30000).map((n) => keyOf(key, n)), elem, [3]);
    add(`hint-${h}`, `make(map[${key}]${elem}, ${h}): ${dirLen} table(s) of ${caps[0]} slots (growthLeft ${(caps[0] * 7) / 8} each), then 3 inserts`,
      on, t(key, elem, h, ops), shape('n3', dirLen, caps));
  };
  hint(9, 'int64', 'int64', [A126, A127, X126], 1, [16]);
  hint(14, 'int32', 'int8', [A126], 1, [16]);
  hint(15, 'int32', 'int8', [X127], 1, [32]);
  hint(56, 'uint64', 'uint8', [A127], 1, [64]);
  hint(57, 'uint64', 'uint8', [A126], 1, [128]);
  hint(113, 'string', 'int16', [X126], 1, [256]);
  hint(896, 'int32', 'int32', [A127], 1, [1024]);
  hint(897, 'int32', 'int32', [A126, X127], 2, [512, 512]);
  hint(1000, 'int64', 'int8', [A127, X126], 2, [1024, 1024]);
  hint(1793, 'int32', 'int8', [A126], 4, [512, 512, 512, 512]);
  hint(3585, 'uint16', 'uint8', [A127], 8, Array(8).fill(512));
  hint(10000, 'int32', 'int8', [A126], 16, Array(16).fill(1024));

  // ---- growth and splits ----
  {
    const points = [8, 9, 14, 15, 28, 29, 56, 57, 112, 113, 224, 225, 448, 449, 896, 897];
    const ops = fill([], Array.from({ length: 897 }, (_, i) => i + 1), 'int8', points);
    add('grow-to-split', 'int64->int8 from make(map): 16-slot table at the 9th key, rehash to double at the 15th, 29th, 57th, 113th, 225th, 449th (1024 = maxTableCapacity), split into two 1024-slot tables (localDepth 1, dirLen 2) at the 897th; snapshots before and after each',
      [A126, A127, X126], t('int64', 'int8', 0, ops),
      all(shape('n9', 1, [16]), shape('n14', 1, [16]), shape('n15', 1, [32]), shape('n29', 1, [64]), shape('n57', 1, [128]), shape('n113', 1, [256]),
        shape('n225', 1, [512]), shape('n448', 1, [512]), shape('n449', 1, [1024]), shape('n896', 1, [1024]), shape('n897', 2, [1024, 1024])));
  }
  {
    const r = R('split-shared-run');
    const ops = fill([], r.distinct(2000, -2e9, 2e9), 'int8', [897, 1800, 2000]);
    add('split-shared-run', 'int32->int8 (fast32): the first split at 897 (directory doubles to 2), then one table splits again (directory doubles to 4; the other table keeps a shared run of 2 entries, localDepth 1 < globalDepth 2), 2000 keys',
      [A126, X127], t('int32', 'int8', 0, ops),
      all(shape('n897', 2, [1024, 1024]), some((s) => s.dirLen === 4 && new Set(s.tables.map((x) => x.localDepth)).size > 1, 'with a shared run (different local depths)')));
  }
  {
    const r = R('split-deep');
    const ops = fill([], r.shuffle(Array.from({ length: 3600 }, (_, i) => i + 1)), 'uint8', [3600]);
    add('split-deep', 'uint16->uint8 (generic mapassign): 3600 keys, a directory of 8 entries with tables of local depth 2 and 3 (shared runs), every key in the table its top hash bits select',
      [A127], t('uint16', 'uint8', 0, ops), some((s) => s.dirLen >= 8 && new Set(s.tables.map((x) => x.localDepth)).size > 1, 'with dirLen >= 8 and different local depths'));
  }

  // ---- tombstones and pruning ----
  {
    const ops = fill([], Array.from({ length: 13 }, (_, i) => i + 1), 'int64', [13]);
    let next = 14;
    const live = Array.from({ length: 13 }, (_, i) => i + 1);
    const r = R('tombstones-reuse');
    for (let c = 1; c <= 12; c++) {
      for (let j = 0; j < 3; j++) ops.push(del(live.splice(r.below(live.length), 1)[0]));
      ops.push(snap(`cycle ${c} deleted`));
      for (let j = 0; j < 3; j++) { ops.push(ins(next, next)); live.push(next++); }
      ops.push(snap(`cycle ${c} inserted`));
    }
    ops.push(look(live[0]), look(1000), snap('lookups'));
    const reuse = (d) => {
      for (let c = 1; c <= 12; c++) {
        const a = snapOf(d, `cycle ${c} deleted`), b = snapOf(d, `cycle ${c} inserted`);
        if (a.tables[0].capacity === b.tables[0].capacity && tombstones(a.tables[0]) > tombstones(b.tables[0])) return null;
      }
      return 'no cycle reuses a tombstone';
    };
    add('tombstones-reuse', 'uint64->int64 (fast64) make(map, 9): a 16-slot table with 13 keys; deletes in full groups leave tombstones (254, growthLeft unchanged, tombstonePossible), deletes in groups with an empty slot free it (growthLeft+1), new keys reuse the first tombstone on their probe sequence',
      ALL, t('uint64', 'int64', 9, ops), all(some((s) => s.tables.some((x) => tombstones(x) > 0), 'with tombstones'), reuse));
  }
  const prune = (name, key, elem, on, desc, grows) => {
    const keys = Array.from({ length: 13 }, (_, i) => keyOf(key, i + 1));
    const ops = fill([], keys, elem, [13]);
    ops.push(churn('churn', 100, 800, 2));
    add(name, desc, on, { key, elem, hint: 9, ops, macro: true },
      all(at('churn-before', (s) => s.tables.some((x) => x.growthLeft === 0), 'no table with growthLeft 0'),
        (d) => {
          // The oracle predicted a successful pruneTombstones at this insert: on a fast path the
          // capacities stay, on the generic mapassign the table is rehashed to a larger one.
          const caps = (label) => snapOf(d, label).tables.map((x) => x.capacity).join();
          const kept = caps('churn-before') === caps('churn-after');
          if (grows) return kept ? 'the generic mapassign should grow instead of pruning' : null;
          return kept ? null : 'the fast path grew instead of pruning';
        }));
  };
  prune('prune-fast64', 'int64', 'int64', [A126, A127, X126], 'int64->int64 (mapassign_fast64): delete-oldest/insert-new churn on a 16-slot table until an insert finds growthLeft 0 with enough unneeded tombstones: pruneTombstones turns them to empty and the table keeps its capacity (snapshots churn-before/after)', false);
  prune('prune-fast32', 'int32', 'int32', [A126, A127], 'int32->int32 (mapassign_fast32): churn until a successful pruneTombstones; the table keeps its capacity', false);
  prune('prune-faststr', 'string', 'int64', [A126, A127, X127], 'string->int64 (mapassign_faststr): churn until a successful pruneTombstones; the table keeps its capacity', false);
  prune('prune-slow-grows', '[16]byte', 'int64', [A126, A127], '[16]byte->int64 (generic mapassign): in the state where a fast path would prune, the generic mapassign never prunes: it rehashes to double capacity', true);
  prune('prune-slow-grows-int16', 'int16', 'int8', [X126], 'int16->int8 (generic mapassign) on 386: no prune, the table doubles', true);

  // ---- clear and reseed ----
  {
    const ops = fill([snap('made'), clear, snap('clear of a map that never had a group (no-op)')], [7, 8, 9, 10, 11], 'string', [5]);
    ops.push(clear, snap('cleared (group kept, clearSeq 1, new seed)'), clear, snap('clear again (no-op: used 0, no tombstones)'), look(7), ins(12, 'x'), ins(7, 'y'), snap('refilled'));
    add('clear-small', 'uint32->string small map: clear on a never-used map and on an emptied one does nothing; clear of a small map keeps its group, sets every ctrl to empty, clearSeq++, reseeds',
      [A126, A127, X126], t('uint32', 'string', 0, ops),
      all(seedsCount(2), at('cleared (group kept, clearSeq 1, new seed)', (s) => s.clearSeq === 1 && s.group && s.group.ctrl.every((c) => c === 128), 'clearSeq 1 and an empty group')));
  }
  {
    const r = R('clear-table');
    const keys = r.distinct(300, 1, 1e6);
    const ops = fill([], keys, 'int64', [300]);
    ops.push(...keys.slice(0, 40).map(del), snap('40 deleted'), clear, snap('cleared (tables kept)'), clear, snap('clear again (no-op)'));
    fill(ops, keys.slice(100, 120), 'int64', [20], 'refill-');
    add('clear-table', 'int64->int64: clear of a 512-slot table with tombstones keeps the directory and table, all ctrl empty, growthLeft 448, tombstonePossible false, clearSeq 1, new seed; a second clear does nothing; refill under the new seed',
      [A126, X127], t('int64', 'int64', 0, ops),
      all(seedsCount(2), at('cleared (tables kept)', (s) => s.clearSeq === 1 && s.tables[0].capacity === 512 && s.tables[0].growthLeft === 448 && !s.tombstonePossible, 'clear kept the 512-slot table')));
  }
  {
    const r = R('delete-all-reseed');
    const keys = r.distinct(20, 0, 1e6).map((x) => `r${x.toString(36)}`);
    const ops = fill([], keys, 'int64', [20]);
    r.shuffle([...keys]).forEach((k) => ops.push(del(k)));
    ops.push(snap('all deleted (reseeded)'), del(keys[0]), snap('delete on the empty table map'), clear, snap('clear of the empty table map'), clear, snap('clear again'));
    fill(ops, keys.slice(0, 5), 'int64', [5], 'refill-');
    add('delete-all-reseed', 'string->int64 (32-slot table): deleting every key reseeds; a clear of the empty table does work only while tombstonePossible is set (clearSeq++, reseed), a second one never',
      [A126, A127, X126], t('string', 'int64', 0, ops),
      at('clear again', (s, d) => s.clearSeq === snapOf(d, 'clear of the empty table map').clearSeq, 'second clear did work'));
  }

  // ---- iteration ----
  {
    const ops = [iterate, snap('iterate on the empty map (offsets 0)')];
    fill(ops, [3, -7, 100], 'uint8', [3]);
    ops.push(iterate, iterate, snap('two iterations of 3 keys'));
    fill(ops, [4, 5, 6, 7, 8], 'uint8');
    ops.push(iterate, snap('full small map'), del(4), del(-7), iterate, snap('after two deletes'));
    add('iterate-small', 'int16->uint8 small map: iterations visit slots (i + entryOffset) % 8; an empty map draws no offsets',
      ALL, t('int16', 'uint8', 0, ops));
  }
  {
    const r = R('iterate-tables');
    const keys = r.distinct(1000, -30000, 30000);
    const ops = fill([], keys.slice(0, 400), 'int8');
    ops.push(iterate, snap('one 512-slot table'));
    fill(ops, keys.slice(400), 'int8');
    ops.push(iterate, iterate, snap('two tables'));
    add('iterate-tables', 'int16->int8: iterating one table (slots (e + entryOffset) & (capacity-1)) and two tables (from directory entry dirOffset & (dirLen-1), each table once, with wrap-around)',
      [A126, X127], t('int16', 'int8', 0, ops), shape('two tables', 2, [1024, 1024]));
  }

  // ---- key and elem types ----
  {
    const strs = ['', 'a', 'b', 'go', 'map', '<tag>', 'a&b', 'ünïcödé', '日本語', '🙂 emoji', 'tab\there', 'new\nline', 'quote"d', 'back\\slash', '\u0000nul', 'x'.repeat(40), 'key with spaces', '\u2028sep'];
    const ops = strs.map((s, i) => ins(s, s.toUpperCase() + i));
    ops.push(snap('18 strings'), look(''), look('日本語'), look('absent'), iterate, snap('lookups and iteration'));
    ops.push(del(''), del('<tag>'), del('tab\there'), ins('map', 'MAP2'), ins('', 'again'), look('map'), iterate, snap('deletes and updates'));
    add('string-keys', 'string->string (faststr): "", unicode, emoji, <tag>, a&b, tab, newline, quote, backslash, NUL, U+2028 as keys and elems; deletes, updates, lookups, iteration',
      [A126, A127, X126, S127], t('string', 'string', 0, ops));
  }
  {
    const r = R('indirect-key');
    const keys = r.distinct(30, 0, 2 ** 40);
    const ops = fill([], keys, 'int64', [8, 9, 30]);
    ops.push(...keys.slice(0, 5).map(del), look(keys[0]), look(keys[5]), iterate, snap('5 deleted'));
    add('indirect-key-bytes129', '[129]byte->int64: the slot holds a pointer to the key (indirectkey), growth to 64 slots, deletes, lookups',
      [A126, X127, S127], t('[129]byte', 'int64', 0, ops));
  }
  {
    const r = R('indirect-elem');
    const keys = r.distinct(20, 0, 2 ** 31);
    const ops = fill([], keys, '[200]byte', [20]);
    ops.push(ins(keys[3], 777), del(keys[4]), look(keys[3]), look(keys[4]), snap('update and delete'));
    add('indirect-elem-bytes200', 'int64->[200]byte: the slot holds a pointer to the elem (indirectelem; the generic mapassign since the elem is over 128 bytes)',
      [A127, X126, S127], t('int64', '[200]byte', 0, ops));
    const ops2 = fill([], [1, 2, 3, 65535, 40000, 7, 8, 9, 10, 11], '[129]byte', [8, 10]);
    ops2.push(look(65535), snap('lookups'));
    add('indirect-elem-uint16-bytes129', 'uint16->[129]byte: indirect elem with a 2-byte key (slot 16 B on amd64, 8 B on 386)',
      [A126, X126], t('uint16', '[129]byte', 0, ops2));
  }
  {
    const r = R('int8-all');
    const keys = r.shuffle(Array.from({ length: 256 }, (_, i) => i - 128));
    const ops = fill([], keys, 'int8', [8, 9, 225, 256]);
    r.shuffle([...keys]).forEach((k, i) => { ops.push(del(k)); if (i === 127) ops.push(snap('128 deleted')); });
    ops.push(snap('all deleted'));
    fill(ops, keys.slice(0, 10), 'int8', [10], 'refill-');
    add('int8-all-keys', 'int8->int8 (generic mapassign, 2-byte slots, 24-byte groups): all 256 keys (a 512-slot table), all deleted (reseed), 10 reinserted',
      [A126, X127], t('int8', 'int8', 0, ops), seedsCount(2));
  }
  add('bool-keys', 'bool->int16: the two keys, delete, lookups, reinsert',
    [A126, A127], t('bool', 'int16', 0, [ins(true, 1), ins(false, -2), snap('two'), del(true), look(true), look(false), snap('deleted'), ins(true, 300), iterate, snap('again')]));
  {
    const r = R('uint8-bool');
    add('uint8-bool', 'uint8->bool (generic mapassign, 2-byte slots): 40 keys, growth to 64 slots',
      [A127], t('uint8', 'bool', 0, fill([], r.distinct(40, 0, 256), 'bool', [8, 9, 40])));
  }
  {
    const r = R('struct-elem');
    const keys = r.distinct(20, -1e12, 1e12);
    const ops = keys.map((k) => ins(k, {}));
    ops.push(snap('20 keys'), del(keys[0]), del(keys[1]), look(keys[0]), look(keys[2]), iterate, snap('set after deletes'));
    add('struct-elem', 'int64->struct{} (a set; fast64; the zero-size elem is padded: slot 16 B on amd64, 12 B on 386)',
      [A126, A127, X126], t('int64', 'struct{}', 0, ops));
  }
  {
    const r = R('bytes16');
    add('bytes16-bytes16', '[16]byte->[16]byte (generic mapassign, inline 16-byte key and elem, 264-byte groups): 30 keys, growth to 64 slots',
      [A126, S127], t('[16]byte', '[16]byte', 0, fill([], r.distinct(30, 0, 2 ** 48), '[16]byte', [8, 9, 30])));
  }
  {
    const big = ['18446744073709551615', '9223372036854775808', '9007199254740993', 9007199254740992, 1, 0];
    add('uint64-beyond-2p53', 'uint64->int64 with keys and elems beyond 2^53 (decimal strings in JSON)',
      [A126, X127], t('uint64', 'int64', 0, [...big.map((k, i) => ins(k, i % 2 ? '-9223372036854775808' : String(2n ** 53n + BigInt(2 * i + 1)))), look(big[0]), look('12345678901234567890'), iterate, snap('six')]));
  }
  return F;
}

// ---- running ----
function parseArgs(argv) {
  const a = { seed: 1, out: resolve(here, '../../fixtures/swiss'), tries: 30 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--seed') a.seed = Number(argv[++i]);
    else if (k === '--out') a.out = resolve(argv[++i]);
    else if (k === '--oracles') a.oracles = resolve(argv[++i]);
    else if (k === '--plans') a.plans = resolve(argv[++i]);
    else if (k === '--only') a.only = new Set(argv[++i].split(','));
    else if (k === '--tries') a.tries = Number(argv[++i]);
    else if (k === '--list') a.list = true;
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

/** `go1.26.8-amd64`, `go1.27.3-386`, `go1.27.3-amd64-split`: a dump's file name part. */
export const dumpTag = (d) => `${d.goversion.replace(/-X:.*/, '')}-${d.goarch}${d.type.layout === 'split' ? '-split' : ''}`;

/** Runs one plan on one oracle until check.mjs and the expectation pass; returns what to write. */
function runPlan(f, cfg, oracle, tmp, tries) {
  const { macro, ...plan } = f.plan;
  const planFile = join(tmp, `${f.name}-${cfg}.plan.json`), traceFile = join(tmp, `${f.name}-${cfg}.trace.json`);
  writeFileSync(planFile, JSON.stringify({ name: f.name, ...plan }));
  let why = 'not run', dumpText, traceText, t = 0;
  while (why && t < tries) {
    t++;
    const args = macro ? ['-plan', '-trace-out', traceFile, planFile] : [planFile];
    const p = spawnSync(oracle, args, { maxBuffer: 1 << 28, encoding: 'utf8' });
    if (p.status !== 0) return { why: `oracle failed: ${p.stderr.trim()}` };
    dumpText = p.stdout;
    traceText = macro ? readFileSync(traceFile, 'utf8') : readFileSync(planFile, 'utf8') + '\n';
    const errs = checkDump(JSON.parse(dumpText), JSON.parse(traceText));
    why = errs.length ? `check: ${errs.slice(0, 3).join('; ')}` : f.expect(JSON.parse(dumpText), cfg);
  }
  return { why, dumpText, traceText, tries: t };
}

function main() {
  const a = parseArgs(process.argv.slice(2));
  let fx = fixtures(a.seed);
  const names = new Set();
  for (const f of fx) {
    if (names.has(f.name)) throw new Error(`duplicate fixture ${f.name}`);
    names.add(f.name);
  }
  if (a.only) fx = fx.filter((f) => a.only.has(f.name));
  if (a.list) {
    for (const f of fx) console.log(`${f.name} [${f.on.join(' ')}]${f.plan.macro ? ' (churn)' : ''}: ${f.desc}`);
    return;
  }
  if (a.plans) {
    mkdirSync(a.plans, { recursive: true });
    for (const f of fx) writeFileSync(join(a.plans, `${f.name}.plan.json`), JSON.stringify(f.plan) + '\n');
    console.log(`${fx.length} plans written to ${a.plans}`);
    return;
  }
  if (!a.oracles) throw new Error('--oracles DIR (or --plans DIR, or --list) is required');
  mkdirSync(a.out, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'swissgen-'));
  let failed = 0, written = 0, bytes = 0;
  for (const f of fx) {
    for (const cfg of f.on) {
      const oracle = join(a.oracles, `swissdump-${cfg}`);
      if (!existsSync(oracle)) { console.log(`FAIL ${f.name} ${cfg}: no oracle ${oracle}`); failed++; continue; }
      const r = runPlan(f, cfg, oracle, tmp, a.tries);
      if (!r.dumpText) { console.log(`FAIL ${f.name} ${cfg}: ${r.why}`); failed++; continue; }
      const dump = JSON.parse(r.dumpText);
      const name = f.plan.macro ? `${f.name}-${cfg}` : f.name;
      const out = [[join(a.out, `${name}.trace.json`), r.traceText], [join(a.out, `${name}.${dumpTag(dump)}.dump.json`), r.dumpText]];
      for (const [file, text] of out) { writeFileSync(file, text); bytes += text.length; }
      written++;
      if (r.why) failed++;
      console.log(`${r.why ? 'FAIL' : 'ok  '} ${name} ${dumpTag(dump)} (${(r.dumpText.length / 1024).toFixed(0)} KiB${r.tries > 1 ? `, ${r.tries} runs` : ''})${r.why ? `: ${r.why}` : ''}`);
    }
  }
  rmSync(tmp, { recursive: true, force: true });
  console.log(`${written - failed} dumps ok, ${failed} failed; ${(bytes / 1048576).toFixed(1)} MiB written to ${a.out}`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
