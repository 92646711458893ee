// `npm run bench:capture`: how long capturing a real map through Delve takes, for 1,000 and
// 10,000 entries, on the Swiss map (Go 1.26, Delve v1.27.2) and the classic one (Go 1.19, Delve
// v1.21.2, when installed). map[int64]int64 goes through the fast path (keys and elems decoded
// from raw words) and, for comparison, through Delve's formatting alone; map[string]string always
// needs Delve's formatting (two requests per entry). Each figure is the best of 3 captures in one
// paused process. Targets: 1,000 entries < 0.5 s, 10,000 < 3 s. Beside each fast-path figure, the
// same capture with every request held 60 ms in flight (30 ms each way): a model of VS Code, where
// `customRequest` crosses the workbench and back (50-65 ms a round trip in code-server), so what
// counts there is the number of dependent waves of requests, not Delve's speed. The real figure
// in code-server is printed by the e2e capture scenario (test/e2e/ui/capture.test.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const { DebugSession, buildForDebug } = require('../../src/core/capture/session.ts');
const { captureMap } = require('../../src/core/capture/capture.ts');

/** Round trip added to every request in the VS Code model. */
const modelRttMs = 60;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Best of 3 captures of `expr` with every request held `modelRttMs` in flight. */
async function bestWithRoundTrips(session, expr) {
  const send = async (cmd, args) => {
    await sleep(modelRttMs / 2);
    const body = await session.client.send(cmd, args);
    await sleep(modelRttMs / 2);
    return body;
  };
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await captureMap(send, expr, { frameId: session.frameId, threadId: session.threadId, frame: session.frame });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const prog = join(root, 'test/capture/bench');
const line = readFileSync(join(prog, 'main.go'), 'utf8').split('\n').findIndex((l) => l.includes('// BREAK')) + 1;
const targets = { 1000: 500, 10000: 3000 };

const setups = [
  { name: 'Swiss, Go 1.26 + Delve v1.27.2', go: 'go', env: { GOTOOLCHAIN: 'local' }, dlv: 'v1.27.2' },
  { name: 'classic, Go 1.19 + Delve v1.21.2', go: '/usr/lib/go-1.19/bin/go', env: { GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod -buildvcs=false' }, dlv: 'v1.21.2' },
];
const cases = [
  { expr: 'i1k', n: 1000, what: 'map[int64]int64' },
  { expr: 'i1k', n: 1000, what: 'map[int64]int64, no fast path', slow: true },
  { expr: 's1k', n: 1000, what: 'map[string]string' },
  { expr: 'i10k', n: 10000, what: 'map[int64]int64' },
  { expr: 'i10k', n: 10000, what: 'map[int64]int64, no fast path', slow: true },
  { expr: 's10k', n: 10000, what: 'map[string]string' },
];

let failed = 0;
for (const s of setups) {
  if (s.go.startsWith('/') && !existsSync(s.go)) {
    console.log(`${s.name}: skipped (${s.go} is not installed)`);
    continue;
  }
  const setup = spawnSync('bash', [join(root, 'test/capture/setup.sh'), `dlv@${s.dlv}`], { encoding: 'utf8' }).stdout.trim();
  if (!setup.startsWith('ok')) {
    console.log(`${s.name}: skipped (${setup})`);
    continue;
  }
  const binary = buildForDebug(prog, s.go, s.env);
  const session = await DebugSession.start({ program: binary, breakAt: `${join(prog, 'main.go')}:${line}`, dlv: setup.split(' ')[2] });
  console.log(`\n${s.name}`);
  try {
    for (const c of cases) {
      let best = Infinity;
      let requests = 0;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const m = await session.capture(c.expr, { noFastPath: !!c.slow });
        best = Math.min(best, performance.now() - t0);
        requests = m.stats.requests;
      }
      const target = targets[c.n];
      const ok = c.slow || best < target;
      if (!ok) failed++;
      const model = c.slow ? '' : `; with ${modelRttMs} ms round trips ${(await bestWithRoundTrips(session, c.expr)).toFixed(0)} ms`;
      console.log(`  ${String(c.n).padStart(6)} entries  ${c.what.padEnd(32)} ${best.toFixed(0).padStart(6)} ms  ${String(requests).padStart(6)} requests` +
        (c.slow ? '' : `  (target < ${target} ms: ${ok ? 'ok' : 'MISSED'}${model})`));
    }
  } finally {
    await session.close();
  }
}
console.log(failed ? `\n${failed} target(s) missed` : '\nall targets met');
process.exitCode = failed ? 1 : 0;
