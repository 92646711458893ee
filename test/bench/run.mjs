// `npm run bench`: the simulator against the real Go 1.19 runtime, in the same run.
// Each figure is printed as a ratio to the native loop (or says why there is no native figure).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const go119 = '/usr/lib/go-1.19/bin/go';
const runs = 3;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function sim(n, hint) {
  const out = execFileSync(process.execPath, ['--expose-gc', join(root, 'dist/cli.js'), 'bench', 'inserts', '--n', String(n), '--hint', String(hint), '--json'], { encoding: 'utf8' });
  return JSON.parse(out);
}

let nativeBin;
if (existsSync(go119)) {
  nativeBin = join(mkdtempSync(join(tmpdir(), 'gomap-bench-')), 'native');
  const b = spawnSync(go119, ['build', '-o', nativeBin, '.'], { cwd: join(root, 'test/bench/native'), encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' } });
  if (b.status !== 0) { console.log(`native: build failed, no ratio: ${b.stderr.trim()}`); nativeBin = undefined; }
} else {
  console.log(`native: skipped (${go119} not installed; .ci/run and npm test install golang-1.19-go)`);
}

function native(n, hint) {
  return JSON.parse(execFileSync(nativeBin, ['-n', String(n), '-hint', String(hint)], { encoding: 'utf8' }));
}

if (!existsSync(join(root, 'dist/cli.js'))) execFileSync(process.execPath, [join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });

for (const [n, hint] of [[1_000_000, 0], [1_000_000, 1_000_000], [100_000, 0]]) {
  const s = [];
  const g = [];
  for (let i = 0; i < runs; i++) {
    s.push(sim(n, hint));
    if (nativeBin) g.push(native(n, hint));
  }
  const sms = median(s.map((r) => r.ms));
  const heap = median(s.map((r) => r.heapMB));
  let line = `inserts n=${n} hint=${hint}: simulator ${sms.toFixed(0)} ms (${(sms * 1e6 / n).toFixed(0)} ns/insert), simulator heap ${heap} MB`;
  if (g.length) {
    const gms = median(g.map((r) => r.ms));
    line += `; Go 1.19 ${gms.toFixed(0)} ms (${(gms * 1e6 / n).toFixed(0)} ns/insert); ratio ${(sms / gms).toFixed(1)}x native (target <= 10x at n=1e6, heap < 200 MB)`;
  }
  console.log(line);
}
