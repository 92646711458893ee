#!/usr/bin/env node
// Self-consistency check of oracle dumps (no Go needed):
//   node test/oracle/gen/check.mjs DUMP.json [TRACE.json] ...
// For every snapshot it checks, using the dump's own hashes, that every stored key
// sits in the bucket its hash selects (new array: hash & (2^B-1); old array:
// hash & (2^oldB-1)), that its tophash is the runtime's tophash(hash), that no key is
// stored twice among live slots, that count equals the live slots (new array plus
// not-yet-evacuated old buckets), and that the chain counts and flags agree with B,
// growing and sameSizeGrow. Given the trace (X.trace.json next to X.dump.json is
// found by itself) it also replays it on a plain JS Map and checks the live key/elem
// set at every snapshot and every lookup result. Exit 1 on any failure.
import { readFileSync, existsSync } from 'node:fs';

const MIN_TOPHASH = 5;
const EVACUATED_X = 2, EVACUATED_Y = 3, EVACUATED_EMPTY = 4;

function tophash(h) {
  let top = Number(h >> 56n);
  if (top < MIN_TOPHASH) top += MIN_TOPHASH;
  return top;
}

const keyText = (k) => JSON.stringify(k);

export function checkDump(dump, trace) {
  const errs = [];
  const err = (s) => errs.push(s);
  // Which seed is in force at each snapshot: snapshots carry hash0.
  for (const snap of dump.snapshots) {
    const where = `snapshot ${JSON.stringify(snap.label)}`;
    const tab = dump.hashes[snap.hash0];
    if (!tab) { err(`${where}: hash0 ${snap.hash0} not in hashes`); continue; }
    if (!dump.seeds.includes(snap.hash0)) err(`${where}: hash0 not in seeds`);
    const B = snap.B;
    const growing = snap.oldbuckets !== null;
    if (growing !== snap.growing) err(`${where}: growing flag vs oldbuckets`);
    if (snap.sameSizeGrow !== ((snap.flags & 8) !== 0)) err(`${where}: sameSizeGrow vs flags`);
    if (snap.buckets === null) {
      if (B !== 0 || snap.count !== 0) err(`${where}: null buckets with B=${B} count=${snap.count}`);
      continue;
    }
    if (snap.buckets.length !== 2 ** B) err(`${where}: ${snap.buckets.length} chains for B=${B}`);
    const oldB = growing ? (snap.sameSizeGrow ? B : B - 1) : -1;
    if (growing && snap.oldbuckets.length !== 2 ** oldB) err(`${where}: ${snap.oldbuckets.length} old chains for oldB=${oldB}`);
    const seen = new Map();
    let live = 0;
    const visit = (arr, bits, old) => {
      arr.forEach((chain, bi) => {
        if (chain.length === 0) err(`${where}: empty chain ${bi}`);
        const evac = chain[0].tophash[0] > 1 && chain[0].tophash[0] < MIN_TOPHASH;
        let sawRest = false; // emptyRest: every later slot of the chain is empty
        chain.forEach((b, ci) => {
          b.tophash.forEach((t, i) => {
            const k = b.keys[i], e = b.elems[i];
            if (t < MIN_TOPHASH) {
              if (k !== null || e !== null) err(`${where}: non-null slot with tophash ${t}`);
              if (t === 0) sawRest = true;
              else if (sawRest && !evac) err(`${where}: tophash ${t} after emptyRest in chain ${bi}`);
              if (old && evac && !(t >= EVACUATED_X && t <= EVACUATED_EMPTY)) err(`${where}: old chain ${bi} half evacuated`);
              return;
            }
            if (sawRest) err(`${where}: live slot after emptyRest in chain ${bi}.${ci}`);
            const kt = keyText(k);
            const hs = tab[kt];
            if (hs === undefined) { err(`${where}: no hash for key ${kt}`); return; }
            const h = BigInt(hs);
            if (tophash(h) !== t) err(`${where}: key ${kt} tophash ${t} != ${tophash(h)}`);
            const want = Number(h & BigInt(2 ** bits - 1));
            if (want !== bi) err(`${where}: key ${kt} in ${old ? 'old ' : ''}chain ${bi}, hash selects ${want}`);
            if (old && evac) err(`${where}: live key in evacuated old chain ${bi}`);
            if (seen.has(kt)) err(`${where}: key ${kt} stored twice`);
            seen.set(kt, e);
            live++;
          });
        });
      });
    };
    visit(snap.buckets, B, false);
    if (growing) visit(snap.oldbuckets, oldB, true);
    if (live !== snap.count) err(`${where}: count ${snap.count} but ${live} live slots`);
    snap._live = seen;
  }
  if (trace) replay(dump, trace, err);
  for (const s of dump.snapshots) delete s._live;
  return errs;
}

// The order in which mapiternext returns the keys of a map that is not growing:
// buckets from startBucket round the array, each chain in link order, in each bmap
// the slots (i + offset) & 7.
export function iterationOrder(snap, startBucket, offset) {
  const out = [];
  const n = snap.buckets === null ? 0 : snap.buckets.length;
  for (let j = 0; j < n; j++) {
    for (const b of snap.buckets[(startBucket + j) % n]) {
      for (let i = 0; i < 8; i++) {
        const x = (i + offset) & 7;
        if (b.tophash[x] >= MIN_TOPHASH) out.push(keyText(b.keys[x]));
      }
    }
  }
  return out;
}

function replay(dump, trace, err) {
  const m = new Map();
  let si = 0;
  let lookups = [];
  let iters = []; // per iteration since the last snapshot: {live, nested, clean}
  const apply = (o) => {
    const kt = keyText(o.key);
    switch (o.op) {
      case 'insert': m.set(kt, o.elem); for (const it of iters) it.clean = false; break;
      case 'delete': if (m.size) for (const it of iters) it.clean = false; m.delete(kt); break;
      case 'lookup': lookups.push({ key: o.key, found: m.has(kt), elem: m.has(kt) ? m.get(kt) : null }); break;
      case 'clear': case 'clearloop':
        if (o.op === 'clearloop') iters.push({ live: [...m.keys()], nested: false, clean: false });
        if (m.size) for (const it of iters) it.clean = false;
        m.clear();
        break;
      case 'iterate': {
        iters.push({ live: [...m.keys()], nested: !!(o.ops && o.ops.length), clean: true });
        for (const n of o.ops ?? []) apply(n);
        break;
      }
      case 'snapshot': {
        const s = dump.snapshots[si++];
        if (!s || s.label !== o.label) { err(`snapshot ${o.label}: missing or out of order`); break; }
        const where = `snapshot ${JSON.stringify(o.label)}`;
        const gotIt = s.iterations ?? [];
        if (gotIt.length !== iters.length) err(`${where}: ${gotIt.length} iterations recorded, trace has ${iters.length}`);
        else if (iters.length === 0 && 'iterations' in s) err(`${where}: empty iterations field`);
        gotIt.forEach((g, i) => {
          const it = iters[i];
          const keys = g.keys.map(keyText);
          if (new Set(keys).size !== keys.length) err(`${where}: iteration ${i} returned a key twice`);
          if (g.startBucket < 0 || g.offset < 0 || g.offset > 7) err(`${where}: iteration ${i} bad start`);
          if (!it.nested) {
            if (keys.length !== it.live.length || keys.some((k) => !it.live.includes(k))) err(`${where}: iteration ${i} keys are not the live keys`);
          }
          if (it.clean && !s.growing && s.buckets) {
            const want = iterationOrder(s, g.startBucket, g.offset);
            if (JSON.stringify(want) !== JSON.stringify(keys)) err(`${where}: iteration ${i} order differs from startBucket/offset walk`);
          }
        });
        iters = [];
        if (s.count !== m.size) err(`${where}: count ${s.count}, replay has ${m.size}`);
        if (s._live) for (const [k, v] of m) {
          if (!s._live.has(k)) err(`${where}: key ${k} missing`);
          else if (JSON.stringify(s._live.get(k)) !== JSON.stringify(v) && String(s._live.get(k)) !== String(v)) err(`${where}: key ${k} elem ${JSON.stringify(s._live.get(k))} != ${JSON.stringify(v)}`);
        }
        const got = JSON.stringify(s.lookups ?? []);
        const want = JSON.stringify(lookups.map((l) => ({ ...l, elem: l.elem === null ? null : l.elem })));
        if (lookups.length && !s.lookups) err(`${where}: lookups missing`);
        else if (lookups.length && got.replace(/"(-?\d+)"/g, '$1') !== want.replace(/"(-?\d+)"/g, '$1')) err(`${where}: lookups ${got} != ${want}`);
        if (!lookups.length && s.lookups) err(`${where}: unexpected lookups`);
        lookups = [];
        break;
      }
    }
  };
  for (const o of trace.ops) apply(o);
  if (si !== dump.snapshots.length) err(`dump has ${dump.snapshots.length} snapshots, trace ${si}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let bad = 0;
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const f = args[i];
    if (f.endsWith('.trace.json')) continue;
    const dump = JSON.parse(readFileSync(f, 'utf8'));
    let tf = args[i + 1]?.endsWith('.trace.json') ? args[i + 1] : f.replace(/\.dump\.json$/, '.trace.json');
    const trace = existsSync(tf) && tf !== f ? JSON.parse(readFileSync(tf, 'utf8')) : null;
    const errs = checkDump(dump, trace);
    if (errs.length) {
      bad++;
      console.log(`FAIL ${f}: ${errs.length} problems`);
      for (const e of errs.slice(0, 20)) console.log('  ' + e);
    } else {
      console.log(`ok   ${f} (${dump.snapshots.length} snapshots${trace ? ', replayed' : ''})`);
    }
  }
  process.exit(bad ? 1 : 0);
}
