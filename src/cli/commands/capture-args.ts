/**
 * `gomap capture`'s arguments, checked before anything is built or started, so each mistake is
 * one line naming it (exit 2) rather than whatever `go build`, Delve or the DAP connection would
 * say later: a program that is not there, a Go file instead of its package, a directory without Go
 * files, a file that is not an executable, a breakpoint file that is not there or a line past its
 * end, a `--dlv` or `--go` that is a directory or missing, a timeout Node's timers cannot hold.
 * What only Delve can judge (a line without code, an expression that does not parse or is not a
 * map) Delve says, through `CaptureError`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { SessionOptions } from '../../core/capture/session';
import { UsageError, parseFlags } from '../io';

export const captureUsage = 'usage: gomap capture --program DIR|BINARY --break FILE:LINE --expr EXPR [--dlv PATH] [--go PATH] [--timeout SECONDS] [--json]';

/** The longest wait for the breakpoint: a day (Node's timers hold at most 2^31 - 1 ms, 24.8 days). */
const maxTimeoutSeconds = 24 * 60 * 60;

export interface CaptureRequest {
  session: SessionOptions;
  expr: string;
  json: boolean;
}

/** Parses and checks the arguments; throws `UsageError` (one line) for the first problem. */
export function parseCaptureArgs(args: string[]): CaptureRequest {
  const { flags, switches, positional } = parseFlags(args, { values: ['program', 'break', 'expr', 'dlv', 'go', 'timeout'], switches: ['json'] });
  const need = (name: string) => {
    const v = flags.get(name);
    if (v === undefined || v.trim() === '') throw new UsageError(`--${name} is required; ${captureUsage}`);
    return v;
  };
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"; ${captureUsage}`);
  const program = need('program');
  const breakAt = need('break');
  const expr = need('expr');
  const timeout = flags.get('timeout') ?? '60';
  const seconds = /^\d+(\.\d+)?$/.test(timeout) ? Number(timeout) : NaN;
  if (!(seconds > 0 && seconds <= maxTimeoutSeconds)) {
    throw new UsageError(`--timeout must be a number of seconds above 0 and at most ${maxTimeoutSeconds} (a day), got "${timeout}"`);
  }
  const dir = checkProgram(program);
  checkBreak(breakAt, dir ?? process.cwd());
  const dlv = flags.get('dlv');
  const go = flags.get('go');
  if (dlv !== undefined) checkCommand('--dlv', dlv, 'dlv');
  if (go !== undefined) checkCommand('--go', go, 'go');
  return { session: { program, breakAt, dlv, go, timeoutMs: seconds * 1000 }, expr, json: switches.has('json') };
}

/** The package directory, or undefined for a binary; throws for anything else. */
function checkProgram(program: string): string | undefined {
  const st = statOf(program);
  if (!st) throw new UsageError(`--program ${program}: no such file or directory`);
  if (st.isDirectory()) {
    const goFiles = readdir(program).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
    if (goFiles.length === 0) throw new UsageError(`--program ${program}: the directory holds no Go files (pass a package directory, or a binary)`);
    return path.resolve(program);
  }
  if (program.endsWith('.go')) {
    throw new UsageError(`--program ${program} is a Go file, not a package: pass its directory (${path.dirname(program)}), which is built with -gcflags=all=-N -l`);
  }
  if (!st.isFile() || !isExecutable(program) || !isBinary(program)) {
    throw new UsageError(`--program ${program} is not an executable program (pass a package directory, or a binary built with -gcflags=all=-N -l)`);
  }
  return undefined;
}

/** `FILE:LINE`, FILE there (relative to the package, or the working directory for a binary), LINE in it. */
function checkBreak(breakAt: string, base: string): void {
  const m = /^(.+):(\d+)$/.exec(breakAt);
  if (!m) throw new UsageError(`--break must be FILE:LINE, got "${breakAt}"`);
  const line = Number(m[2]);
  if (!Number.isSafeInteger(line) || line < 1) throw new UsageError(`--break ${breakAt}: lines count from 1`);
  const file = path.resolve(base, m[1]);
  const st = statOf(file);
  if (!st?.isFile()) throw new UsageError(`--break ${breakAt}: no such file ${file}`);
  // Counting lines reads the file: only one small enough to be source.
  if (st.size <= 8 << 20) {
    const lines = fs.readFileSync(file, 'utf8').split('\n').length;
    if (line > lines) throw new UsageError(`--break ${breakAt}: ${m[1]} has ${lines} lines`);
  }
}

/** A command given by path must be a file that can run; a bare name is looked up on PATH later. */
function checkCommand(flag: string, cmd: string, name: string): void {
  if (!cmd.includes('/')) return;
  const st = statOf(cmd);
  if (!st) return; // said by the session, with how to install it
  if (st.isDirectory()) {
    const inside = path.join(cmd, name);
    throw new UsageError(`${flag} ${cmd} is a directory${statOf(inside)?.isFile() ? `: pass ${inside}` : `, not the ${name} program`}`);
  }
  if (!isExecutable(cmd)) throw new UsageError(`${flag} ${cmd} is not an executable file`);
}

function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

function readdir(p: string): string[] {
  try {
    return fs.readdirSync(p);
  } catch (e) {
    throw new UsageError(`--program ${p}: cannot read the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Starts as an executable does: ELF, Mach-O (either byte order, or fat) or PE. */
function isBinary(p: string): boolean {
  const head = Buffer.alloc(4);
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, 'r');
    if (fs.readSync(fd, head, 0, 4, 0) < 4) return false;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  const magic = head.readUInt32BE(0);
  return magic === 0x7f454c46 || [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic) || head.subarray(0, 2).toString('latin1') === 'MZ';
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
