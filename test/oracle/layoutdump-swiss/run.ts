/**
 * Builds and runs the Swiss layout oracle for one configuration (Go release, GOARCH, and Go 1.27's
 * GOEXPERIMENT=mapsplitgroup) in a temporary directory, so the repository is never touched:
 * `go build`; `go tool objdump` of the generated assignN functions, whose calls say which
 * runtime.mapassign* gc chose for each pair; then the binary, given those paths.
 * Go 1.26.8 is the machine's `go`; another release is fetched by the go command
 * (GOTOOLCHAIN=go1.27.3, about 10 s the first time). 386 binaries run natively on amd64 Linux.
 * For arm and arm64, which do not run here, only the assign paths are read (compile and
 * disassemble): arm is where the alignment rule of issue 46283 changes them.
 *
 *     npx tsx test/oracle/layoutdump-swiss/run.ts   rewrites every fixture in test/fixtures/layout-swiss
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AssignPath } from '../../../src/core/swiss/types';
import { pairList, writeBuildDir } from './gen';

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

/** The targets whose assign paths are read from compiled code only. */
export const compileOnlyArches = ['arm', 'arm64'] as const;
export type CompileOnlyArch = (typeof compileOnlyArches)[number];

export const fixtureDir = path.join(__dirname, '..', '..', 'fixtures', 'layout-swiss');
export const assignFixturePath = path.join(fixtureDir, 'assign-go1.26.8-arm-arm64.json');

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

const textLine = /^TEXT main\.assign(\d+)\(SB\)/;
// CALL on amd64, 386 and arm64; BL on arm.
const assignCall = /\b(?:CALL|BL) runtime\.mapassign(_fast32ptr|_fast32|_fast64ptr|_fast64|_faststr)?\(SB\)/;

/** Pair index -> the mapassign variant main.assignN calls, from a `go tool objdump` listing. */
export function assignPathsOf(listing: string): Map<number, AssignPath> {
  const paths = new Map<number, AssignPath>();
  let current = -1;
  for (const line of listing.split('\n')) {
    const t = textLine.exec(line);
    if (t) {
      current = Number(t[1]);
      continue;
    }
    const c = assignCall.exec(line);
    if (!c || current < 0) continue;
    const p = (c[1] ? c[1].slice(1) : 'slow') as AssignPath;
    const old = paths.get(current);
    if (old !== undefined && old !== p) throw new Error(`assign${current} calls both mapassign ${old} and ${p}`);
    paths.set(current, p);
  }
  const missing = pairList().findIndex((_, i) => !paths.has(i));
  if (missing >= 0) throw new Error(`no mapassign call found in main.assign${missing}`);
  return paths;
}

function goEnv(go: string, arch: string, splitGroup: boolean): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOTOOLCHAIN: go === '1.26.8' ? 'local' : `go${go}`,
    GOFLAGS: '-mod=mod',
    GO111MODULE: 'on',
    CGO_ENABLED: '0',
    GOOS: 'linux',
    GOARCH: arch,
    GOEXPERIMENT: splitGroup ? 'mapsplitgroup' : '',
  };
}

/** Builds the oracle in a fresh directory, then calls `use` with the directory, the exec options
 * and the assign paths of its machine code. */
function withBuild<T>(go: string, arch: string, splitGroup: boolean, use: (dir: string, opts: object, paths: Map<number, AssignPath>) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layoutdump-swiss-'));
  try {
    writeBuildDir(dir);
    const opts = { cwd: dir, env: goEnv(go, arch, splitGroup), encoding: 'utf8' as const, maxBuffer: 256 << 20 };
    const version = execFileSync('go', ['env', 'GOVERSION'], opts).trim();
    if (!version.startsWith(`go${go}`)) throw new Error(`asked for Go ${go}, the go command runs ${version}`);
    execFileSync('go', ['build', '-trimpath', '-o', 'oracle', '.'], opts);
    const listing = execFileSync('go', ['tool', 'objdump', '-s', '^main\\.assign[0-9]+$', 'oracle'], opts);
    return use(dir, opts, assignPathsOf(listing));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The oracle's JSON text for one configuration. */
export function runOracle(c: OracleConfig): string {
  return withBuild(c.go, c.arch, c.splitGroup, (dir, opts, paths) => {
    fs.writeFileSync(path.join(dir, 'assign.json'), JSON.stringify(Object.fromEntries(paths)));
    return execFileSync(path.join(dir, 'oracle'), ['-assign', 'assign.json'], opts) as unknown as string;
  });
}

export interface AssignDump {
  goversion: string;
  arches: CompileOnlyArch[];
  /** [key, elem, path on arches[0], path on arches[1], ...] in pairList order. */
  pairs: Array<[string, string, ...AssignPath[]]>;
}

/** The assign paths Go 1.26.8 compiles for every pair on arm and arm64. */
export function compileAssignPaths(): AssignDump {
  const byArch = compileOnlyArches.map((arch) => withBuild('1.26.8', arch, false, (_d, _o, paths) => paths));
  return {
    goversion: 'go1.26.8',
    arches: [...compileOnlyArches],
    pairs: pairList().map(([k, e], i) => [k, e, ...byArch.map((p) => p.get(i)!)]),
  };
}

/** The assign fixture's text: one pair per line. */
export function assignDumpText(d: AssignDump): string {
  const head = JSON.stringify({ comment: 'Generated by test/oracle/layoutdump-swiss/run.ts (compiled, not run); do not edit.', goversion: d.goversion, arches: d.arches });
  return `${head.slice(0, -1)},\n"pairs": [\n${d.pairs.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`;
}

if (require.main === module) {
  fs.mkdirSync(fixtureDir, { recursive: true });
  for (const c of configs) {
    const t0 = Date.now();
    fs.writeFileSync(fixturePath(c), runOracle(c));
    process.stderr.write(`run.ts: wrote ${fixturePath(c)} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  fs.writeFileSync(assignFixturePath, assignDumpText(compileAssignPaths()));
  process.stderr.write(`run.ts: wrote ${assignFixturePath}\n`);
}
