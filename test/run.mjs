// `npm test`: every suite, one total. Unit and oracle suites run under mocha (TypeScript through
// tsx); the real-VS-Code suites run through test/e2e/run.mjs. The last line is `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2); // e.g. `node test/run.mjs unit` runs one tier

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    let out = '';
    const p = spawn(cmd, args, { cwd: root, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    p.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    p.on('close', (code) => resolve({ code, out }));
  });
}

/** Reads mocha's spec summary: "N passing", "N failing", "N pending". */
function mochaCounts(out) {
  const n = (re) => Number((out.match(re) ?? [0, 0])[1]);
  return { passed: n(/^\s*(\d+) passing/m), failed: n(/^\s*(\d+) failing/m), pending: n(/^\s*(\d+) pending/m) };
}

const totals = { passed: 0, failed: 0 };
const notes = [];

spawnSync('bash', [join(root, 'test/prereqs.sh')], { stdio: 'inherit' });

const tiers = [
  { name: 'unit', globs: ['test/unit/**/*.test.ts'] },
  { name: 'oracle', globs: ['test/oracle/**/*.test.ts'] },
  // The built CLI on hostile inputs, each under a time and memory limit (test/fuzz/cli.fuzz.test.ts).
  { name: 'fuzz', globs: ['test/fuzz/**/*.test.ts'] },
];
for (const tier of tiers) {
  if (only.length && !only.includes(tier.name)) continue;
  console.log(`\n=== ${tier.name} tests ===`);
  const mocha = join(root, 'node_modules/mocha/bin/mocha.js');
  const r = await run(process.execPath, [mocha, '--require', 'tsx/cjs', '--reporter', 'spec', '--timeout', '120000', ...tier.globs]);
  const c = mochaCounts(r.out);
  if (r.code !== 0 && c.failed === 0) c.failed = 1; // mocha itself failed (a load error)
  totals.passed += c.passed;
  totals.failed += c.failed;
  notes.push(`${tier.name}: ${c.passed} passed, ${c.failed} failed, ${c.pending} skipped`);
}

if (!only.length || only.includes('e2e')) {
  console.log('\n=== real VS Code tests (code-server) ===');
  const e2e = join(root, 'test/e2e/run.mjs');
  if (existsSync(e2e)) {
    const r = await run(process.execPath, [e2e]);
    const m = r.out.match(/^e2e: (\d+) passed, (\d+) failed/m);
    const passed = m ? Number(m[1]) : 0;
    const failed = m ? Number(m[2]) : 1;
    totals.passed += passed;
    totals.failed += failed;
    notes.push(`e2e: ${passed} passed, ${failed} failed` + (m ? '' : ' (the e2e runner printed no summary)'));
  } else {
    notes.push('e2e: skipped (test/e2e/run.mjs is not there)');
  }
}

console.log('\n' + notes.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed > 0 ? 1 : 0;
