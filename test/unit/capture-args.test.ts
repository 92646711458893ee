/**
 * `gomap capture` with arguments that cannot work (issue 13): one line naming the problem, exit 2,
 * before anything is built or started (no Delve needed). What Delve judges (a line without code,
 * an expression that does not parse or is not a map) is test/oracle/capture-cli.test.ts.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';

async function capture(args: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const io: CliIO = { out: () => undefined, err: (t) => err.push(t), readFile: () => '' };
  return { code: await run(['capture', ...args], io), err };
}

describe('gomap capture: arguments checked before Delve starts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomap-capture-args-'));
  const pkg = path.join(dir, 'pkg');
  const empty = path.join(dir, 'empty');
  const dlvDir = path.join(dir, 'dlvdir');
  const script = path.join(dir, 'script.sh');
  const text = path.join(dir, 'notes.txt');
  before(() => {
    for (const d of [pkg, empty, dlvDir]) fs.mkdirSync(d);
    fs.writeFileSync(path.join(pkg, 'go.mod'), 'module pkg\n\ngo 1.19\n');
    fs.writeFileSync(path.join(pkg, 'main.go'), 'package main\n\nfunc main() {\n\tm := map[int]int{1: 2}\n\t_ = m\n}\n');
    fs.writeFileSync(path.join(dlvDir, 'dlv'), '', { mode: 0o755 });
    fs.writeFileSync(script, '#!/bin/sh\necho hi\n', { mode: 0o755 });
    fs.writeFileSync(text, 'hello\n', { mode: 0o644 });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ok = (extra: string[] = []) => ['--program', pkg, '--break', 'main.go:5', '--expr', 'm', ...extra];
  const cases: Array<[string, () => string[], string]> = [
    ['a program that is not there', () => ['--program', path.join(dir, 'nope'), '--break', 'main.go:5', '--expr', 'm'], `--program ${path.join(dir, 'nope')}: no such file or directory`],
    ['a Go file instead of its package', () => ['--program', path.join(pkg, 'main.go'), '--break', 'main.go:5', '--expr', 'm'],
      `--program ${path.join(pkg, 'main.go')} is a Go file, not a package: pass its directory (${pkg}), which is built with -gcflags=all=-N -l`],
    ['a directory without Go files', () => ['--program', empty, '--break', 'main.go:5', '--expr', 'm'], `--program ${empty}: the directory holds no Go files (pass a package directory, or a binary)`],
    ['a script', () => ['--program', script, '--break', 'main.go:5', '--expr', 'm'], `--program ${script} is not an executable program (pass a package directory, or a binary built with -gcflags=all=-N -l)`],
    ['a text file', () => ['--program', text, '--break', 'main.go:5', '--expr', 'm'], `--program ${text} is not an executable program (pass a package directory, or a binary built with -gcflags=all=-N -l)`],
    ['a break without a line', () => ['--program', pkg, '--break', 'main.go', '--expr', 'm'], '--break must be FILE:LINE, got "main.go"'],
    ['line 0', () => ['--program', pkg, '--break', 'main.go:0', '--expr', 'm'], '--break main.go:0: lines count from 1'],
    ['a line past the end', () => ['--program', pkg, '--break', 'main.go:99', '--expr', 'm'], '--break main.go:99: main.go has 7 lines'],
    ['a break file that is not there', () => ['--program', pkg, '--break', 'other.go:3', '--expr', 'm'], `--break other.go:3: no such file ${path.join(pkg, 'other.go')}`],
    ['an empty expression', () => ['--program', pkg, '--break', 'main.go:5', '--expr', ' '], '--expr is required; usage: gomap capture --program DIR|BINARY --break FILE:LINE --expr EXPR [--dlv PATH] [--go PATH] [--timeout SECONDS] [--json]'],
    ['--dlv naming its directory', () => ok(['--dlv', dlvDir]), `--dlv ${dlvDir} is a directory: pass ${path.join(dlvDir, 'dlv')}`],
    ['--dlv not executable', () => ok(['--dlv', text]), `--dlv ${text} is not an executable file`],
    ['--go a directory', () => ok(['--go', empty]), `--go ${empty} is a directory, not the go program`],
    // Node's timers hold at most 2^31 - 1 ms: a larger wait would fire at once.
    ['a timeout beyond a day', () => ok(['--timeout', '99999999']), '--timeout must be a number of seconds above 0 and at most 86400 (a day), got "99999999"'],
    ['a zero timeout', () => ok(['--timeout', '0']), '--timeout must be a number of seconds above 0 and at most 86400 (a day), got "0"'],
    ['a negative timeout', () => ok(['--timeout', '-1']), '--timeout must be a number of seconds above 0 and at most 86400 (a day), got "-1"'],
    ['an unknown flag', () => ok(['--frobnicate', '1']), 'unknown flag --frobnicate'],
    ['a stray argument', () => [...ok(), 'extra'], `unexpected argument "extra"; usage: gomap capture --program DIR|BINARY --break FILE:LINE --expr EXPR [--dlv PATH] [--go PATH] [--timeout SECONDS] [--json]`],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await capture(args());
      assert.deepStrictEqual(r, { code: 2, err: [`gomap capture: ${message}`] });
    });
  }

  it('a missing Delve is named, with how to install it (exit 2)', async () => {
    const r = await capture(ok(['--dlv', path.join(dir, 'no-such-dlv')]));
    // The package builds first (Go on PATH); without Go the build is what fails, in one line too.
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.err.length, 1);
    assert.match(r.err[0], /^gomap capture: (dlv not found \(.*no-such-dlv\): install Delve|cannot run go: ENOENT)/);
  });
});
