/**
 * Builds and runs the Swiss layout oracle for one configuration (Go release, GOARCH, and Go 1.27's
 * GOEXPERIMENT=mapsplitgroup) in a temporary directory, so the repository is never touched:
 * `go build`, `go tool objdump` of the assignN functions, then the binary with the listing.
 * Go 1.26.8 is the machine's `go`; another release is fetched by the go command
 * (GOTOOLCHAIN=go1.27.3, about 10 s the first time). 386 binaries run natively on amd64 Linux.
 *
 *     npx tsx test/oracle/layoutdump-swiss/run.ts   rewrites every fixture in test/fixtures/layout-swiss
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeBuildDir } from './gen';

export interface OracleConfig {
  go: '1.26.8' | '1.27.3';
  arch: 'amd64' | '386';
  splitGroup: boolean;
}

export const configs: OracleConfig[] = [
  { go: '1.26.8', arch: 'amd64', splitGroup: false },
  { go: '1.26.8', arch: '386', splitGroup: false },
  { go: '1.27.3', arch: 'amd64', splitGroup: false },
  { go: '1.27.3', arch: '386', splitGroup: false },
  { go: '1.27.3', arch: 'amd64', splitGroup: true },
  { go: '1.27.3', arch: '386', splitGroup: true },
];

export const fixtureDir = path.join(__dirname, '..', '..', 'fixtures', 'layout-swiss');

export function configName(c: OracleConfig): string {
  return `go${c.go}-${c.arch}${c.splitGroup ? '-split' : ''}`;
}

export function fixturePath(c: OracleConfig): string {
  return path.join(fixtureDir, `${configName(c)}.json`);
}

/** Why the oracle cannot run here, or undefined. */
export function goMissing(): string | undefined {
  try {
    const v = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim();
    return /^go1\.(2[6-9]|[3-9]\d)/.test(v) ? undefined : `the machine's go is ${v}, the oracle needs Go 1.26 or later`;
  } catch (e) {
    return `no go command on PATH (${(e as Error).message.split('\n')[0]})`;
  }
}

function goEnv(c: OracleConfig): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOTOOLCHAIN: c.go === '1.26.8' ? 'local' : `go${c.go}`,
    GOFLAGS: '-mod=mod',
    GO111MODULE: 'on',
    CGO_ENABLED: '0',
    GOOS: 'linux',
    GOARCH: c.arch,
    GOEXPERIMENT: c.splitGroup ? 'mapsplitgroup' : '',
  };
}

/** The oracle's JSON text for one configuration. */
export function runOracle(c: OracleConfig): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layoutdump-swiss-'));
  try {
    writeBuildDir(dir);
    const env = goEnv(c);
    const opts = { cwd: dir, env, encoding: 'utf8' as const, maxBuffer: 256 << 20 };
    if (c.go === '1.26.8' && execFileSync('go', ['env', 'GOVERSION'], opts).trim() !== 'go1.26.8') {
      throw new Error('the machine\'s go is not go1.26.8');
    }
    execFileSync('go', ['build', '-trimpath', '-o', 'oracle', '.'], opts);
    const listing = execFileSync('go', ['tool', 'objdump', '-s', '^main\\.assign[0-9]+$', 'oracle'], opts);
    fs.writeFileSync(path.join(dir, 'assign.asm'), listing);
    return execFileSync(path.join(dir, 'oracle'), ['-asm', 'assign.asm'], opts);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  fs.mkdirSync(fixtureDir, { recursive: true });
  for (const c of configs) {
    const t0 = Date.now();
    const out = runOracle(c);
    fs.writeFileSync(fixturePath(c), out);
    process.stderr.write(`run.ts: wrote ${fixturePath(c)} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
}
