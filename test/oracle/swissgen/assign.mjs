#!/usr/bin/env node
// Checks the oracle's `type.assign` against the code the compiler really emitted:
//
//   node test/oracle/swissgen/assign.mjs BIN...
//
// `go tool objdump` lists, for each instantiation executor[K, V].do of the binary (one per key
// and elem type pair), the runtime.mapassign* function its `m[k] = v` calls; the binary itself,
// run on an empty trace of that map type, must name the same path in its dump's `type.assign`
// (mapassign_fast32 -> fast32, _fast64 -> fast64, _faststr -> faststr, mapassign -> slow).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const goType = (shape) => shape.replace(/^\[(\d+)\]uint8$/, '[$1]byte').replace(/^struct \{\}$/, 'struct{}');
const pathOf = { mapassign: 'slow', mapassign_fast32: 'fast32', mapassign_fast64: 'fast64', mapassign_faststr: 'faststr', mapassign_fast32ptr: 'fast32ptr', mapassign_fast64ptr: 'fast64ptr' };

/** The problems found in one binary, and how many instantiations were checked. */
export function checkAssign(bin) {
  const dis = spawnSync('go', ['tool', 'objdump', '-s', String.raw`executor\[.*\]\)\.do$`, bin], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, GOTOOLCHAIN: 'local' } });
  if (dis.status !== 0) return { errs: [`objdump: ${dis.stderr.trim()}`], n: 0 };
  const calls = new Map();
  let fn;
  for (const line of dis.stdout.split('\n')) {
    const head = /^TEXT .*executor\[go\.shape\.(.*?),go\.shape\.(.*?)\]\)\.do/.exec(line);
    if (head) { fn = `${goType(head[1])} ${goType(head[2])}`; calls.set(fn, new Set()); continue; }
    const call = /CALL runtime\.(mapassign\w*)\(SB\)/.exec(line);
    if (call && fn) calls.get(fn).add(call[1]);
  }
  const errs = [];
  const tmp = mkdtempSync(join(tmpdir(), 'swissassign-'));
  for (const [pair, fns] of calls) {
    const [key, elem] = pair.split(' ');
    if (fns.size !== 1) { errs.push(`${pair}: calls ${[...fns].join(', ') || 'no mapassign'}`); continue; }
    const trace = join(tmp, 't.json');
    writeFileSync(trace, JSON.stringify({ key, elem, hint: 0, ops: [] }));
    const run = spawnSync(bin, [trace], { encoding: 'utf8' });
    if (run.status !== 0) { errs.push(`${pair}: ${run.stderr.trim()}`); continue; }
    const said = JSON.parse(run.stdout).type.assign, called = pathOf[[...fns][0]];
    if (said !== called) errs.push(`map[${key}]${elem}: the dump says ${said}, the code calls ${[...fns][0]}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  return { errs, n: calls.size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let bad = 0;
  for (const bin of process.argv.slice(2)) {
    const { errs, n } = checkAssign(bin);
    for (const e of errs) console.log(`${bin}: ${e}`);
    if (errs.length || n === 0) bad++;
    console.log(`${errs.length || n === 0 ? 'FAIL' : 'ok  '} ${bin}: ${n} instantiations, ${errs.length} mismatches`);
  }
  process.exit(bad ? 1 : 0);
}
