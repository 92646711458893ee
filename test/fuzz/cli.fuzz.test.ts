/**
 * The fuzz tier (`node test/run.mjs fuzz`): the built CLI (`dist/cli.js`, or `GOMAP_CLI`) on every
 * hostile input of `hostile.ts`, each in its own process with a time limit (10 s of CPU, measured;
 * killed after 30 s of wall clock, which a machine busy with other work can take) and a V8 heap
 * limit (1 GiB, `--max-old-space-size`). Each run must exit 0 or 2; a refusal (2) is one line on
 * stderr that names its place (`FILE:LINE:COL: ...`) or its command (`gomap replay: ...`); no run
 * may print "internal error"; where Go's answer is known, the run gives it. The slowest and the
 * largest runs are printed at the end (README, "Limits on input").
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HostileCase, hostileCases, mutants } from './hostile';

const root = path.join(__dirname, '..', '..');
const cli = process.env.GOMAP_CLI ?? path.join(root, 'dist', 'cli.js');
const cpuLimitMs = 10_000;
const wallLimitMs = 30_000;
const heapLimitMiB = 1024;
const mutantCount = 60;
const seed = Number(process.env.GOMAP_FUZZ_SEED ?? Date.now() % 1_000_000);

interface Measured {
  name: string;
  cpuMs: number;
  wallMs: number;
  maxRssKiB: number;
}

const measured: Measured[] = [];

function runCase(c: HostileCase, dir: string): { code: number | null; stdout: string; stderr: string; signal: string | null; cpuMs?: number } {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(c.files)) fs.writeFileSync(path.join(dir, name), content);
  const peakFile = path.join(dir, '.peak.json');
  const args = c.args.map((a) => a.replace('$D', dir));
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapLimitMiB}`, '--require', path.join(__dirname, 'peak.cjs'), cli, ...args], {
    encoding: 'utf8',
    timeout: wallLimitMs,
    killSignal: 'SIGKILL',
    maxBuffer: 256 << 20,
    env: { ...process.env, GOMAP_FUZZ_PEAK: peakFile },
  });
  let cpuMs: number | undefined;
  try {
    const peak = JSON.parse(fs.readFileSync(peakFile, 'utf8')) as { maxRssKiB: number; cpuMs: number; wallMs: number };
    measured.push({ name: c.name, ...peak });
    cpuMs = peak.cpuMs;
  } catch {
    // killed before exit: the assertion below says so
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', signal: r.signal, cpuMs };
}

/** Why a run broke the tier's rules, or undefined. */
function problem(c: HostileCase, r: ReturnType<typeof runCase>): string | undefined {
  if (r.signal) return `killed by ${r.signal} (over ${wallLimitMs / 1000} s of wall clock, or out of memory)`;
  if (r.cpuMs !== undefined && r.cpuMs > cpuLimitMs) return `took ${(r.cpuMs / 1000).toFixed(1)} s of CPU, more than ${cpuLimitMs / 1000} s`;
  if (r.code !== 0 && r.code !== 2) return `exit ${r.code}: ${r.stderr.slice(0, 300)}`;
  if (/internal error/i.test(r.stderr + r.stdout)) return `internal error: ${r.stderr.slice(0, 300)}`;
  const lines = r.stderr.trimEnd().split('\n').filter((l) => l !== '');
  if (r.code === 2) {
    // One line; or, for Go source, the compiler's errors one positioned line each, as gc prints them.
    const positioned = (l: string) => /^\S[^:]*:\d+:\d+: /.test(l);
    if (lines.length !== 1 && !(lines.length <= 10 && lines.every(positioned))) return `a refusal prints one line, got ${lines.length}: ${r.stderr.slice(0, 300)}`;
    if (!positioned(lines[0]) && !/^gomap \w+: /.test(lines[0])) return `a refusal names its place or command: ${lines[0].slice(0, 300)}`;
  }
  if (c.code !== undefined && r.code !== c.code) return `expected exit ${c.code}, got ${r.code}: ${(r.code === 2 ? r.stderr : r.stdout).slice(0, 300)}`;
  if (c.match && !c.match.test(r.code === 2 ? lines[0] : r.stdout)) return `output does not match ${c.match}: ${(r.code === 2 ? r.stderr : r.stdout).slice(0, 300)}`;
  return undefined;
}

describe(`fuzz: the CLI on hostile inputs (mutant seed ${seed})`, function () {
  this.timeout(wallLimitMs + 20_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gomap-fuzz-'));

  before(function () {
    if (!fs.existsSync(cli)) throw new Error(`${cli} is not built: run node esbuild.js`);
  });

  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
    const top = <K extends keyof Measured>(k: K) => [...measured].sort((a, b) => (b[k] as number) - (a[k] as number)).slice(0, 3);
    console.log(`    most CPU: ${top('cpuMs').map((m) => `${m.name} ${(m.cpuMs / 1000).toFixed(2)} s (wall ${(m.wallMs / 1000).toFixed(2)} s)`).join(', ')}`);
    console.log(`    largest: ${top('maxRssKiB').map((m) => `${m.name} ${(m.maxRssKiB / 1024).toFixed(0)} MiB`).join(', ')}`);
  });

  const cases = [...hostileCases(), ...mutants(seed, mutantCount)];
  for (const c of cases) {
    if (c.knownBug) {
      it.skip(`${c.klass}: ${c.name} (known bug: ${c.knownBug})`);
      continue;
    }
    it(`${c.klass}: ${c.name}`, () => {
      const r = runCase(c, path.join(work, c.name));
      const why = problem(c, r);
      assert.ok(why === undefined, `${c.name} (gomap ${c.args.join(' ').slice(0, 120)}): ${why}`);
      c.check?.(r.stdout);
    });
  }
});
