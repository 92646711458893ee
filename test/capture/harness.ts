/**
 * What the capture tests share: the Go/Delve pairs they run on, the setup that installs Delve
 * (`setup.sh`, once per test run), building `prog/` once per pair, and the comparison of a capture
 * with the program's own `unsafe` dump of the same map.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeDiff, firstDiff } from '../../src/core/classic/diff';
import { buildForDebug, DebugSession } from '../../src/core/capture/session';
import { CapturedMap } from '../../src/core/capture/types';

export const progDir = path.join(__dirname, 'prog');
export const mainGo = path.join(progDir, 'main.go');

/** The line of main.go marked `// BREAK` (after the dump), and the one never reached. */
export function lineOf(marker: RegExp): number {
  const i = fs.readFileSync(mainGo, 'utf8').split('\n').findIndex((l) => marker.test(l));
  if (i < 0) throw new Error(`no line matching ${marker} in ${mainGo}`);
  return i + 1;
}

export interface Toolchain {
  name: string;
  go: string;
  env: Record<string, string>;
  dlv: string;
  /** What `setup.sh` must provide first. */
  needs: string[];
  runtime: 'classic' | 'swiss';
  layout?: 'split';
}

export const go119 = '/usr/lib/go-1.19/bin/go';

export const toolchains: Toolchain[] = [
  { name: 'Go 1.19 with Delve v1.21.2', go: go119, env: { GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod -buildvcs=false' }, dlv: 'v1.21.2', needs: ['dlv@v1.21.2'], runtime: 'classic' },
  { name: 'Go 1.26 with Delve v1.27.2', go: 'go', env: { GOTOOLCHAIN: 'local' }, dlv: 'v1.27.2', needs: ['dlv@v1.27.2'], runtime: 'swiss' },
  { name: 'Go 1.27.3 with Delve v1.27.2', go: 'go', env: { GOTOOLCHAIN: 'go1.27.3' }, dlv: 'v1.27.2', needs: ['dlv@v1.27.2', 'go1.27.3'], runtime: 'swiss' },
  {
    name: 'Go 1.27.3 GOEXPERIMENT=mapsplitgroup with Delve v1.27.2', go: 'go', env: { GOTOOLCHAIN: 'go1.27.3', GOEXPERIMENT: 'mapsplitgroup' },
    dlv: 'v1.27.2', needs: ['dlv@v1.27.2', 'go1.27.3'], runtime: 'swiss', layout: 'split',
  },
];

const setupDone = new Map<string, string>();

/** Runs setup.sh for what is not set up yet; returns `ok …` or `skip …` per requirement. */
export function setup(needs: string[]): Map<string, string> {
  const todo = needs.filter((n) => !setupDone.has(n));
  if (todo.length) {
    const r = spawnSync('bash', [path.join(__dirname, 'setup.sh'), ...todo], { encoding: 'utf8', timeout: 600_000 });
    for (const line of (r.stdout ?? '').split('\n')) {
      const m = /^(ok|skip) (\S+?):? (.*)$/.exec(line);
      if (m) setupDone.set(m[2], `${m[1]} ${m[3]}`);
    }
    for (const n of todo) if (!setupDone.has(n)) setupDone.set(n, `skip setup.sh said nothing about ${n}: ${(r.stderr ?? '').trim().split('\n').pop()}`);
  }
  return new Map(needs.map((n) => [n, setupDone.get(n)!]));
}

export function dlvPath(version: string): string {
  return path.join(__dirname, '.bin', `dlv-${version}`, 'dlv');
}

/** Why this toolchain cannot run here, or undefined when it can. */
export function unavailable(t: Toolchain): string | undefined {
  if (t.go.startsWith('/') && !fs.existsSync(t.go)) return `${t.go} is not installed`;
  for (const [need, status] of setup(t.needs)) if (!status.startsWith('ok')) return `${need}: ${status.replace(/^skip /, '')}`;
  return undefined;
}

export interface Program {
  session: DebugSession;
  /** The program's own view of each map, by the expression that names it. */
  dump: { goversion: string; maps: Record<string, Record<string, unknown>> };
}

/** Builds prog/ with the toolchain, runs it under its Delve to the BREAK line, reads its dump. */
export async function startProgram(t: Toolchain): Promise<Program> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomap-capture-test-'));
  const binary = buildForDebug(progDir, t.go, t.env, path.join(dir, 'captureprog'));
  const dumpFile = path.join(dir, 'dump.json');
  const session = await DebugSession.start({
    program: binary, breakAt: `${mainGo}:${lineOf(/\/\/ BREAK/)}`, dlv: dlvPath(t.dlv), args: [dumpFile], timeoutMs: 60_000,
  });
  const dump = JSON.parse(fs.readFileSync(dumpFile, 'utf8'));
  fs.rmSync(dir, { recursive: true, force: true });
  return { session, dump };
}

/**
 * The first field where the capture differs from the program's dump, or undefined: every field of
 * the dump (address, the snapshot, the layout in `type`) must be in the capture with the same value.
 */
export function compareWithDump(dump: Record<string, unknown>, captured: CapturedMap): string | undefined {
  const c = captured as unknown as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const k of Object.keys(dump)) {
    if (k === 'type') {
      const ct = c.type as Record<string, unknown>;
      picked.type = Object.fromEntries(Object.keys(dump.type as object).map((f) => [f, ct[f]]));
    } else {
      picked[k] = c[k];
    }
  }
  const d = firstDiff(dump, picked);
  return d && describeDiff(d).replace('simulator has', 'capture has');
}
