#!/usr/bin/env node
// Generates the oracle fixtures test/fixtures/maps/NAME.{trace,dump}.json.
//
//   node test/oracle/gen/gen.mjs --oracle BIN [--out DIR] [--seed N] [--only NAME,...]
//   node test/oracle/gen/gen.mjs --plans DIR [--seed N]     (write the plans only)
//   node test/oracle/gen/gen.mjs --list
//
// Each fixture is a *plan*: a trace that may also hold the oracle's plan macros
// (churn, collide, deleteGroup; see test/oracle/README.md). The plans are a pure
// function of --seed (default 1). The oracle runs a plan on a real Go 1.19 map,
// expands the macros on the spot (choosing keys by their hashes in that process
// where a macro says so) and writes the plain trace it executed (NAME.trace.json)
// and the dump (NAME.dump.json). The runtime's hash key is random per process, so
// dumps differ from run to run; a fixture's trace and dump always belong together.
// Every dump is checked with check.mjs and against the fixture's expectation
// (e.g. "a snapshot shows a same-size growth"); a run that misses it is retried.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, statSync, rmSync, mkdtempSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { checkDump } from './check.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// ---- deterministic randomness ----
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (const c of s) { h ^= c.charCodeAt(0); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}
function rng(seed, name) {
  let a = (fnv1a(name) ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  const next = () => { // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo)); // [lo, hi)
  const shuffle = (xs) => { for (let i = xs.length - 1; i > 0; i--) { const j = int(0, i + 1); [xs[i], xs[j]] = [xs[j], xs[i]]; } return xs; };
  // n distinct integers in [lo, hi)
  const distinct = (n, lo, hi) => { const s = new Set(); while (s.size < n) s.add(int(lo, hi)); return [...s]; };
  return { next, int, shuffle, distinct };
}

// ---- op builders ----
const ins = (key, elem) => ({ op: 'insert', key, elem });
const del = (key) => ({ op: 'delete', key });
const look = (key) => ({ op: 'lookup', key });
const snap = (label) => ({ op: 'snapshot', label });
const iterate = (after, ops) => (ops ? { op: 'iterate', after, ops } : { op: 'iterate' });
const clear = () => ({ op: 'clear' });
const clearloop = () => ({ op: 'clearloop' });
const collide = (bucket, count, group, extra = {}) => ({ op: 'collide', bucket, count, group, from: 1000000, ...extra });
const deleteGroup = (group, extra = {}) => ({ op: 'deleteGroup', group, ...extra });
const churn = (label, from, next, max, tail) => ({ op: 'churn', label, from, next, max, tail });

// An elem value of the given type for number i.
function elemOf(type, i) {
  switch (type) {
    case 'int8': return ((i % 256) + 256) % 256 - 128;
    case 'string': return `v${i}`;
    case 'bool': return i % 2 === 1;
    default: return i; // int64, uint*, byte arrays (little-endian first 8 bytes)
  }
}

// The counts at which inserting into a map grown from empty starts a doubling:
// overLoadFactor(count, B) = count > 8 && count > 13 * (2^B / 2).
function growthPoints(max) {
  const pts = [];
  for (let B = 0; ; B++) {
    const n = Math.max(8, 13 * Math.floor(2 ** B / 2)) + 1;
    if (n > max) return pts;
    pts.push({ n, B: B + 1, oldBuckets: 2 ** B });
  }
}

// Snapshot after which inserts (1-based counts) when filling to max: the insert
// before each growth point, then every insert until the evacuation must be done
// (each insert evacuates at least one old bucket), capped at `cap` per growth.
function growthSnaps(max, cap = 24) {
  const s = new Set([max]);
  for (const g of growthPoints(max)) {
    s.add(g.n - 1);
    for (let i = 0; i <= Math.min(g.oldBuckets, cap); i++) if (g.n + i <= max) s.add(g.n + i);
  }
  return s;
}

// Fill: insert keys[i] (elem from i+1) and snapshot at the chosen counts.
function fill(ops, keys, elemType, snaps, prefix = 'n') {
  keys.forEach((k, i) => {
    ops.push(ins(k, elemOf(elemType, i + 1)));
    if (snaps.has(i + 1)) ops.push(snap(`${prefix}${i + 1}`));
  });
}

const someSnap = (pred, what) => (d) => (d.snapshots.some(pred) ? null : `no snapshot ${what}`);
const midEvac = someSnap((s) => s.growing && s.nevacuate > 0, 'mid-evacuation');
const sameSize = someSnap((s) => s.sameSizeGrow && s.growing, 'with sameSizeGrow');
const all = (...fs) => (d) => fs.map((f) => f(d)).find((x) => x) ?? null;
const snapNamed = (label, pred, what) => (d) => {
  const s = d.snapshots.find((x) => x.label === label);
  return s && pred(s) ? null : `snapshot ${label}: ${what}`;
};

const strKeys = (r, n, prefix = 's') => r.distinct(n, 0, 1e9).map((x) => `${prefix}-${x.toString(36)}`);

// ---- the fixtures ----
function fixtures(seed) {
  const F = [];
  const add = (name, desc, plan, expect = () => null) => F.push({ name, desc, plan, expect });
  const R = (name) => rng(seed, name);

  { // grow-int64-from-empty
    const r = R('grow-int64-from-empty');
    const keys = r.distinct(240, -(2 ** 31), 2 ** 31);
    const ops = [snap('empty')];
    fill(ops, keys, 'int64', growthSnaps(240));
    add('grow-int64-from-empty', 'int64->int64 from make(map) to B=5: snapshot before every doubling and after every insert while it evacuates (no-pointer buckets: old chains are not cleared)',
      { key: 'int64', elem: 'int64', hint: 0, ops }, midEvac);
  }
  { // grow-string-int64-from-empty
    const r = R('grow-string-int64');
    const keys = strKeys(r, 120);
    const ops = [];
    fill(ops, keys, 'int64', growthSnaps(120));
    add('grow-string-int64-from-empty', 'string->int64 growth to B=4 with snapshots mid-evacuation (pointer buckets: evacuate clears the first old bmap and unlinks its overflow)',
      { key: 'string', elem: 'int64', hint: 0, ops }, midEvac);
  }
  { // grow-int32-int8
    const r = R('grow-int32-int8');
    const keys = r.distinct(70, -(2 ** 31), 2 ** 31);
    const ops = [];
    fill(ops, keys, 'int8', growthSnaps(70));
    add('grow-int32-int8', 'int32->int8 (keysize 4, elemsize 1, bucketsize 56: the overflow pointer is aligned) growth to B=4',
      { key: 'int32', elem: 'int8', hint: 0, ops }, midEvac);
  }
  { // grow-uint16-string
    const r = R('grow-uint16-string');
    const keys = r.distinct(64, 0, 65536);
    const ops = [];
    fill(ops, keys, 'string', growthSnaps(64));
    ops.push(look(keys[3]), look(keys[40]), snap('lookups'));
    add('grow-uint16-string', 'uint16->string (pointer elem, bucketsize 160) growth to B=4 with lookups',
      { key: 'uint16', elem: 'string', hint: 0, ops }, midEvac);
  }
  { // grow-bytes129-key-int64 (indirect key)
    const r = R('grow-bytes129-key');
    const keys = r.distinct(60, 0, 2 ** 40);
    const ops = [];
    fill(ops, keys, 'int64', growthSnaps(60, 10));
    ops.push(del(keys[0]), del(keys[5]), look(keys[5]), look(keys[6]), snap('deleted'));
    add('grow-bytes129-key-int64', '[129]byte->int64: indirect key (keysize 8 = pointer slot), growth to B=4, deletes',
      { key: '[129]byte', elem: 'int64', hint: 0, ops }, midEvac);
  }
  { // grow-int64-bytes200-elem (indirect elem)
    const r = R('grow-bytes200-elem');
    const keys = r.distinct(60, 0, 2 ** 31);
    const ops = [];
    fill(ops, keys, '[200]byte', growthSnaps(60, 10));
    ops.push(del(keys[1]), look(keys[1]), look(keys[2]), snap('deleted'));
    add('grow-int64-bytes200-elem', 'int64->[200]byte: indirect elem (elemsize 8 = pointer slot), growth to B=4',
      { key: 'int64', elem: '[200]byte', hint: 0, ops }, midEvac);
  }
  { // indirect-both
    const r = R('indirect-both');
    const keys = r.distinct(30, 0, 2 ** 31);
    const ops = [];
    fill(ops, keys, '[200]byte', growthSnaps(30, 6));
    for (const k of keys.slice(0, 10)) ops.push(del(k));
    ops.push(snap('deleted-10'));
    add('indirect-both-bytes129-bytes200', '[129]byte->[200]byte: both slots indirect, growth to B=3, deletes',
      { key: '[129]byte', elem: '[200]byte', hint: 0, ops }, midEvac);
  }
  { // bytes16 key and elem
    const r = R('bytes16');
    const keys = r.distinct(30, 0, 2 ** 48);
    const ops = [];
    fill(ops, keys, '[16]byte', growthSnaps(30, 6));
    add('grow-bytes16-bytes16', '[16]byte->[16]byte (inline 16-byte slots, bucketsize 272) growth to B=3',
      { key: '[16]byte', elem: '[16]byte', hint: 0, ops });
  }
  { // small types: bool key, uint8/int16/uint32
    add('bool-key-int16', 'bool->int16: two keys, delete, lookup, reinsert',
      { key: 'bool', elem: 'int16', hint: 0, ops: [ins(true, 1), ins(false, -2), snap('two'), del(true), look(true), look(false), snap('deleted'), ins(true, 300), snap('again')] });
    const r = R('uint8-uint32');
    const keys = r.shuffle([...Array(256).keys()]).slice(0, 40);
    const ops = [];
    fill(ops, keys, 'int64', growthSnaps(40, 4));
    add('grow-uint8-uint32', 'uint8->uint32 (bucketsize 56) growth to B=3',
      { key: 'uint8', elem: 'uint32', hint: 0, ops });
    const big = ['18446744073709551615', '9223372036854775808', '9007199254740993', 9007199254740992, 1, 0];
    add('uint64-keys-beyond-2p53', 'uint64->int64 with keys/elems beyond 2^53 (JSON decimal strings)',
      { key: 'uint64', elem: 'int64', hint: 0, ops: [...big.map((k, i) => ins(k, i % 2 ? '-9223372036854775808' : String(2n ** 53n + BigInt(2 * i + 1)))), look(big[0]), look('12345678901234567890'), snap('six')] });
  }
  { // int8 all 256 values
    const r = R('int8-all');
    const keys = r.shuffle([...Array(256).keys()].map((x) => x - 128));
    const ops = [];
    fill(ops, keys, 'int8', new Set([8, 9, 104, 105, 106, 110, 208, 209, 210, 211, 215, 220, 230, 256]));
    const order = r.shuffle([...keys]);
    order.forEach((k, i) => {
      ops.push(del(k));
      if ([1, 2, 128, 255, 256].includes(i + 1)) ops.push(snap(`d${i + 1}`));
      if (i + 1 === 128) ops.push(look(k), look(order[200]));
    });
    for (const k of keys.slice(0, 12)) ops.push(ins(k, k));
    ops.push(snap('refill-12'));
    add('int8-all-256-insert-delete', 'int8->int8: all 256 keys inserted (growth to B=6), all deleted (reseed at empty), 12 reinserted',
      { key: 'int8', elem: 'int8', hint: 0, ops }, all(midEvac, snapNamed('d256', (s) => s.count === 0, 'not empty')));
  }
  // ---- hints ----
  {
    add('hint-0-int64', 'make(map) (hint 0): no bucket array until the first insert (buckets null), then B=0',
      { key: 'int64', elem: 'int64', hint: 0, ops: [snap('made'), look(1), snap('lookup-on-nil-buckets'), ins(1, 1), snap('one'), del(1), snap('empty-again')] });
    const ops8 = [snap('made')];
    for (let i = 1; i <= 10; i++) { ops8.push(ins(i * 11, i)); ops8.push(snap(`n${i}`)); }
    add('hint-8-int64', 'make(map, 8): B=0 and no bucket array yet; the 9th insert doubles',
      { key: 'int64', elem: 'int64', hint: 8, ops: ops8 });
    const ops9 = [snap('made')];
    for (let i = 1; i <= 32; i++) { ops9.push(ins(i * 13, i)); if (i === 1 || (i >= 12 && i <= 15) || i >= 26) ops9.push(snap(`n${i}`)); }
    add('hint-9-int64', 'make(map, 9): B=1 allocated by make (2 buckets); the 14th insert doubles (2 old buckets: done within that insert), the 27th again',
      { key: 'int64', elem: 'int64', hint: 9, ops: ops9 }, midEvac);
    const r = R('hint-53');
    const keys = r.distinct(120, 0, 2 ** 31);
    const ops53 = [snap('made')];
    fill(ops53, keys, 'int64', new Set([1, 20, 52, 53, 60, 80, 100, 104, 105, 106, 107, 110, 115, 120]));
    add('hint-53-int64', 'make(map, 53): B=4 plus 2 preallocated overflow buckets (nextOverflowFree 2); growth to B=5 at the 105th insert',
      { key: 'int64', elem: 'int64', hint: 53, ops: ops53 }, midEvac);
    const r2 = R('hint-1000');
    const ops1000 = [snap('made')];
    fill(ops1000, r2.distinct(300, 0, 2 ** 31), 'int64', new Set([300]));
    add('hint-1000-int64', 'make(map, 1000): B=8 with 28 preallocated overflow buckets; 300 inserts',
      { key: 'int64', elem: 'int64', hint: 1000, ops: ops1000 });
    const r3 = R('hint-100000');
    const ops100k = [];
    for (const k of r3.distinct(12, 0, 2 ** 31)) ops100k.push(ins(k, k % 1000));
    ops100k.push(look(5), snap('twelve'));
    add('hint-100000-int64', 'make(map, 100000): B=14 and 1024 preallocated overflow buckets; 12 inserts, one snapshot',
      { key: 'int64', elem: 'int64', hint: 100000, ops: ops100k });
  }
  // ---- deletes ----
  {
    const ops = [];
    const ks = [101, 102, 103, 104, 105, 106, 107, 108];
    ks.forEach((k, i) => ops.push(ins(k, i + 1)));
    ops.push(snap('full'));
    for (const k of [103, 108, 106, 107, 105, 104]) { ops.push(del(k)); ops.push(snap(`del-${k}`)); }
    ops.push(look(103), look(101), ins(200, 9), snap('insert-reuses-first-empty'), del(999), snap('delete-absent'));
    add('delete-emptyone-before-live', 'B=0 bucket filled in slot order; deletes leave emptyOne before live slots, deleting the last live slot turns the trailing run into emptyRest',
      { key: 'int64', elem: 'int64', hint: 0, ops });
    const ops2 = [collide(1, 1, 'x'), collide(0, 12, 'g', { label: 'c' })];
    ops2.push(deleteGroup('g', { from: 0, count: 3, label: 'd' }), deleteGroup('g', { from: 9, count: 3, label: 'd' }),
      deleteGroup('g', { from: 8, count: 1, label: 'd' }), deleteGroup('g', { from: 3, count: 5, label: 'd' }), collide(0, 2, 'h', { label: 'again' }));
    add('delete-chain-emptyrest-across-overflow', 'B=1 (hint 9): 12 keys chosen to share bucket 0 (chain of 2 bmaps) plus one in bucket 1; deletes make emptyOne before live slots and emptyRest that runs back across the overflow link; new keys reuse the first empty slot',
      { key: 'int64', elem: 'int64', hint: 9, ops: ops2 });
    const r = R('reseed');
    const keys = strKeys(r, 40, 'r');
    const ops3 = [];
    fill(ops3, keys.slice(0, 30), 'int64', new Set([30]));
    r.shuffle(keys.slice(0, 30)).forEach((k, i) => { ops3.push(del(k)); if (i === 28) ops3.push(snap('one-left')); });
    ops3.push(snap('empty'), del(keys[0]), snap('delete-on-empty'));
    fill(ops3, keys.slice(10, 40), 'int64', new Set([5, 30]), 'refill');
    add('empty-by-deletes-reseed-refill', 'string->int64: 30 keys, all deleted (the last delete reseeds hash0), delete on the empty map (no-op), refilled with 30 keys under the new seed',
      { key: 'string', elem: 'int64', hint: 0, ops: ops3 }, (d) => (d.seeds.length === 2 ? null : `want 2 seeds, got ${d.seeds.length}`));
  }
  // ---- same-size growth ----
  {
    const live = [...Array(96).keys()].map((i) => i);
    const ops = [];
    live.forEach((k) => ops.push(ins(k, k)));
    ops.push(snap('filled-96'), churn('churn', 0, 96, 6000, 3));
    add('samesize-churn-int64', 'int64->int64 at B=4 with 96 live keys: delete-oldest/insert-new churn until too many overflow buckets start a same-size growth; snapshots before it, after every op during it, and at the end',
      { key: 'int64', elem: 'int64', hint: 0, ops }, sameSize);
    const ops2 = [];
    live.forEach((k) => ops2.push(ins(`k${k}`, k)));
    ops2.push(snap('filled-96'), churn('churn', 0, 96, 6000, 3));
    add('samesize-churn-string', 'string->int64 (pointer buckets) churn at B=4 until a same-size growth; evacuated old bmaps are cleared',
      { key: 'string', elem: 'int64', hint: 0, ops: ops2 }, sameSize);
    const ops3 = [snap('made')];
    for (let b = 0; b < 3; b++) ops3.push(collide(b, 41, `g${b}`), snap(`chain-${b}`), deleteGroup(`g${b}`));
    ops3.push(collide(3, 9, 'g3'), snap('armed'));
    for (let i = 1; i <= 18; i++) {
      ops3.push(ins(i, i));
      if (i === 4) ops3.push(look(1), look(2000000));
      ops3.push(snap(`n${i}`));
    }
    add('samesize-collide-int64', 'hint 53 (B=4, 2 preallocated overflow): keys chosen by hash to fill buckets 0,1,2 with 41 keys (5 overflow each) and delete them, then 9 into bucket 3: noverflow reaches 16 = 2^B, so the next insert starts a same-size growth; a snapshot after every insert during it',
      { key: 'int64', elem: 'int64', hint: 53, ops: ops3 }, sameSize);
  }
  // ---- lookups during growth, delete of absent key does growWork ----
  {
    const r = R('lookups-growth');
    const keys = r.distinct(40, 0, 2 ** 31);
    const ops = [];
    fill(ops, keys.slice(0, 27), 'int64', new Set([26, 27]));
    for (const k of [keys[0], keys[10], keys[26], 7, 8, keys[30]]) ops.push(look(k));
    ops.push(snap('lookups-no-evacuation'), del(5), snap('delete-absent-evacuates'), del(keys[1]), look(keys[1]), snap('delete-present'));
    fill(ops, keys.slice(27, 40), 'int64', new Set([1, 2, 3, 13]), 'more');
    add('lookups-during-growth', 'int64: lookups (found in old and new buckets, not found) during the B=2->3 evacuation do not evacuate; deleting an absent key on a non-empty map does growWork',
      { key: 'int64', elem: 'int64', hint: 0, ops }, midEvac);
  }
  // ---- B >= 10 ----
  {
    const ops = [];
    const snaps = new Set([6656, 6657, 6800, 8000]);
    for (let i = 1; i <= 8000; i++) {
      ops.push(ins(i * 7, i % 100));
      if (snaps.has(i)) ops.push(snap(`n${i}`));
    }
    add('grow-int64-to-B11', 'int64: 8000 inserts, doubling from B=10 to B=11 at the 6657th; snapshots just before, at, mid-evacuation, and done',
      { key: 'int64', elem: 'int8', hint: 0, ops }, midEvac);
  }
  // ---- overflow buckets ----
  {
    const ops = [snap('made'), collide(5, 9, 'g'), snap('first-overflow'), collide(5, 208, 'g'), snap('prealloc-27-used'),
      collide(5, 8, 'g'), snap('prealloc-all-used'), collide(5, 8, 'g'), snap('new-overflow'), look(5)];
    add('overflow-prealloc-and-new-hint1000', 'hint 1000 (B=8, 28 preallocated overflow buckets): 241 keys chosen to share bucket 5; the chain takes all 28 preallocated overflow buckets (the last one had the sentinel link) and then a new one',
      { key: 'int64', elem: 'int64', hint: 1000, ops },
      all(snapNamed('made', (s) => s.nextOverflowFree === 28, 'want 28 preallocated'),
        snapNamed('prealloc-27-used', (s) => s.nextOverflowFree === 1 && s.buckets[5].length === 28, 'want 28 bmaps and 1 free prealloc'),
        snapNamed('prealloc-all-used', (s) => s.nextOverflowFree === 0 && s.buckets[5].length === 29, 'want 29 bmaps and no free prealloc'),
        snapNamed('new-overflow', (s) => s.buckets[5].length === 30, 'want 30 bmaps')));
    const r = R('many-inserts-1000');
    const ops2 = [];
    fill(ops2, r.distinct(1650, 0, 2 ** 31), 'int64', new Set([1000, 1650]));
    add('overflow-many-inserts-hint1000', 'hint 1000: 1650 random keys (just under the 1664 load limit): chains with overflow buckets from nextOverflow',
      { key: 'int64', elem: 'int64', hint: 1000, ops: ops2 });
  }
  // ---- iteration ----
  {
    const r = R('iter-small');
    const keys = r.distinct(6, 0, 1000);
    const ops = keys.map((k, i) => ins(k, i));
    ops.push(iterate(), iterate(), snap('iterated-twice'), clearloop(), snap('clearloop'), iterate(), snap('iterate-empty'));
    add('iterate-B0-and-clearloop', 'B=0 map: two iterations (random startBucket 0 and offset), clearloop deletes every key (reseed), iterating an empty map leaves flags alone',
      { key: 'int64', elem: 'int64', hint: 0, ops });

    const r2 = R('iter-then-grow');
    const keys2 = strKeys(r2, 110, 'i');
    const ops2 = [];
    fill(ops2, keys2.slice(0, 26), 'int64', new Set([26]));
    ops2.push(iterate(), snap('iterated'));
    keys2.slice(26, 34).forEach((k, i) => { ops2.push(ins(k, 100 + i)); ops2.push(snap(`grow-${i + 1}`)); });
    ops2.push(iterate(), snap('iterated-again'));
    fill(ops2, keys2.slice(34, 60), 'int64', new Set([19, 20, 21, 22, 26]), 'second-');
    fill(ops2, keys2.slice(60, 110), 'int64', new Set([44, 45, 46, 50]), 'third-');
    add('iterate-then-grow-string', 'string->int64: iterate (flags 3), then grow: hashGrow keeps oldIterator (flags 2), so evacuate does not clear the old pointer buckets; oldIterator stays set after the growth ends; a growth with no iteration since the last one clears it (flags 0)',
      { key: 'string', elem: 'int64', hint: 0, ops: ops2 }, all(someSnap((s) => s.growing && (s.flags & 2), 'growing with oldIterator'),
        snapNamed('third-45', (s) => s.growing && s.flags === 0, 'third growth should clear flags')));

    for (const [name, kt] of [['iterate-during-growth', 'int64'], ['iterate-during-growth-string', 'string']]) {
      const r3 = R(name);
      const keys3 = kt === 'string' ? strKeys(r3, 130, 'g') : r3.distinct(130, 0, 2 ** 31);
      const ops3 = [];
      fill(ops3, keys3.slice(0, 105), 'int64', new Set([104, 105]));
      ops3.push(iterate(), snap('iterated-while-growing'));
      ops3.push(iterate(5, [ins(keys3[105], 1), del(keys3[0]), look(keys3[0])]), snap('after-iterate-1'));
      ops3.push(iterate(30, [del(keys3[30]), ins(keys3[106], 4)]), snap('after-iterate-2'));
      fill(ops3, keys3.slice(107, 130), 'int64', new Set([1, 2, 3, 4, 5, 6, 7, 8, 23]), 'more');
      add(name, `${kt}->int64: iterations started during the B=4->5 evacuation (16 old buckets): a plain one, then ones with insert/delete/lookup from inside the loop after 5 and after 30 keys`,
        { key: kt, elem: 'int64', hint: 0, ops: ops3 }, all(snapNamed('iterated-while-growing', (s) => s.growing, 'not growing'),
          snapNamed('after-iterate-1', (s) => s.growing, 'growth ended during the first loop')));
    }
  }
  // ---- clear / clearloop ----
  for (const [name, kind, kt] of [['clear-growing-string', 'clear', 'string'], ['clearloop-growing-string', 'clearloop', 'string'],
    ['clear-growing-int64', 'clear', 'int64'], ['clearloop-growing-int64', 'clearloop', 'int64']]) {
    const r = R(name);
    const keys = kt === 'string' ? strKeys(r, 70, 'c') : r.distinct(70, 0, 2 ** 31);
    const ops = [];
    fill(ops, keys.slice(0, 54), 'int64', new Set([54]));
    ops.push(snap('growing'), kind === 'clear' ? clear() : clearloop(), snap(`after-${kind}`));
    fill(ops, keys.slice(54, 70), 'int64', new Set([16]), 'refill');
    add(name, `${kt}->int64: ${kind} in the middle of the B=3->4 growth, then refill`,
      { key: kt, elem: 'int64', hint: 0, ops }, snapNamed('growing', (s) => s.growing, 'not growing'));
  }
  for (const kind of ['clear', 'clearloop']) {
    const ops = [collide(9, 40, 'g'), collide(10, 20, 'h'), snap('prealloc-used'), kind === 'clear' ? clear() : clearloop(), snap(`after-${kind}`),
      ...[1, 2, 3, 4, 5].map((k) => ins(k, k)), snap('refill')];
    add(`${kind}-preallocated-overflow-hint1000`, `hint 1000 (B=8): keys chosen to use 6 preallocated overflow buckets, then ${kind}${kind === 'clear' ? ' (mapclear re-zeroes the whole array and restores nextOverflow)' : ' (iterate+delete: chains and used overflow buckets stay)'}`,
      { key: 'int64', elem: 'int64', hint: 1000, ops });
  }
  add('clear-after-iterate-keeps-flags', 'int64: iterate (flags 3), then mapclear: the iterator bits survive the clear; a later doubling turns them into oldIterator (flags 2)',
    { key: 'int64', elem: 'int64', hint: 9, ops: [...[1, 2, 3, 4, 5].map((k) => ins(k, k)), iterate(), snap('iterated'), clear(), snap('cleared'),
      ...[...Array(14).keys()].map((k) => ins(100 + k, k)), snap('grown')] },
    all(snapNamed('cleared', (s) => s.flags === 3 && s.count === 0, 'flags not 3 after clear'), snapNamed('grown', (s) => s.B === 2 && (s.flags & 3) === 2, 'flags not 2 after growth')));
  add('empty-map-noops', 'clear, delete, lookup and iterate on empty maps (nil bucket array and allocated one): no reseed, flags unchanged',
    { key: 'int64', elem: 'int64', hint: 0, ops: [clear(), del(1), look(1), iterate(), snap('nil-buckets'), ins(1, 1), del(1), snap('emptied'), clear(), iterate(), clearloop(), snap('noops')] },
    (d) => (d.seeds.length === 2 ? null : `want 2 seeds, got ${d.seeds.length}`));
  return F;
}

// ---- running ----
function parseArgs(argv) {
  const a = { seed: 1, out: resolve(here, '../../fixtures/maps'), tries: 10 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--seed') a.seed = Number(argv[++i]);
    else if (k === '--out') a.out = resolve(argv[++i]);
    else if (k === '--oracle') a.oracle = resolve(argv[++i]);
    else if (k === '--plans') a.plans = resolve(argv[++i]);
    else if (k === '--only') a.only = new Set(argv[++i].split(','));
    else if (k === '--tries') a.tries = Number(argv[++i]);
    else if (k === '--list') a.list = true;
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

function main() {
  const a = parseArgs(process.argv.slice(2));
  let fx = fixtures(a.seed);
  const names = new Set();
  for (const f of fx) { if (names.has(f.name)) throw new Error(`duplicate fixture ${f.name}`); names.add(f.name); }
  if (a.only) fx = fx.filter((f) => a.only.has(f.name));
  if (a.list) { for (const f of fx) console.log(`${f.name}: ${f.desc}`); return; }
  if (a.plans) {
    mkdirSync(a.plans, { recursive: true });
    for (const f of fx) writeFileSync(join(a.plans, `${f.name}.plan.json`), JSON.stringify(f.plan) + '\n');
    console.log(`${fx.length} plans written to ${a.plans}`);
    return;
  }
  if (!a.oracle) throw new Error('--oracle BIN (or --plans DIR, or --list) is required');
  mkdirSync(a.out, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'mapdump-gen-'));
  let failed = 0, total = 0;
  for (const f of fx) {
    const plan = join(tmp, `${f.name}.plan.json`);
    writeFileSync(plan, JSON.stringify(f.plan));
    const traceOut = join(a.out, `${f.name}.trace.json`), dumpOut = join(a.out, `${f.name}.dump.json`);
    let why = 'not run';
    for (let t = 1; t <= a.tries && why; t++) {
      const p = spawnSync(a.oracle, ['-plan', '-trace-out', traceOut, plan], { maxBuffer: 1 << 28, encoding: 'utf8' });
      if (p.status !== 0) { why = `oracle failed: ${p.stderr}`; break; }
      const dump = JSON.parse(p.stdout);
      const trace = JSON.parse(readFileSync(traceOut, 'utf8'));
      const errs = checkDump(dump, trace);
      why = errs.length ? `check: ${errs.slice(0, 5).join('; ')}` : f.expect(dump);
      if (!why || t === a.tries) writeFileSync(dumpOut, p.stdout);
      if (why) console.log(`  ${f.name}: try ${t}: ${why}`);
    }
    const size = statSync(dumpOut, { throwIfNoEntry: false })?.size ?? 0;
    total += size + (statSync(traceOut, { throwIfNoEntry: false })?.size ?? 0);
    if (why) failed++;
    console.log(`${why ? 'FAIL' : 'ok  '} ${f.name} (${(size / 1024).toFixed(0)} KiB)`);
    if (size > 3 * 1024 * 1024) { console.log(`FAIL ${f.name}: dump over 3 MiB`); failed++; }
  }
  rmSync(tmp, { recursive: true, force: true });
  console.log(`${fx.length - failed} passed, ${failed} failed; ${(total / 1048576).toFixed(1)} MiB written to ${a.out}`);
  process.exit(failed ? 1 : 0);
}

main();
