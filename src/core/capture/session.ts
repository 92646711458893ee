/**
 * A debug session of our own, for the CLI and the tests (VS Code brings its own): build a Go
 * package with `-gcflags=all=-N -l` (no optimisation, no inlining, so locals stay readable), start
 * `dlv dap` on a loopback port, launch the binary, stop at a breakpoint, and capture maps there.
 * Closing it ends the debuggee and Delve, and Delve's `dlv ** telemetry **` child, which Delve 1.27
 * starts in a session of its own, so it is found by parent pid and ended by pid.
 *
 * Node-only (child_process, fs, net); not part of what the extension imports.
 */
import { spawn, spawnSync, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { captureMap } from './capture';
import { DapClient } from './dap';
import { CaptureError } from './delve';
import { CaptureOptions, CapturedMap } from './types';

export interface SessionOptions {
  /** A Go package directory (built here) or a binary built with `-gcflags=all=-N -l`. */
  program: string;
  /** `FILE:LINE` where the program stops; FILE relative to the package directory or absolute. */
  breakAt: string;
  /** The `dlv` command (default: `dlv` on PATH). */
  dlv?: string;
  /** The `go` command that builds a package directory (default: `go` on PATH). */
  go?: string;
  /** Extra environment for the build and the program (e.g. `GOTOOLCHAIN`, `GOEXPERIMENT`). */
  env?: Record<string, string>;
  /** The program's arguments. */
  args?: string[];
  /** How long to wait for the breakpoint, in milliseconds (default 60 s). */
  timeoutMs?: number;
}

/** Which Delve reads which Go (`go install github.com/go-delve/delve/cmd/dlv@VERSION`). */
export function delveFor(goMinor: number): string {
  if (goMinor <= 21) return 'v1.21.2';
  if (goMinor <= 25) return 'v1.25.2';
  return 'v1.27.2';
}

/** Builds the package in `dir` for debugging; returns the binary's path. */
export function buildForDebug(dir: string, goCmd = 'go', env: Record<string, string> = {}, out?: string): string {
  const bin = out ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gomap-capture-')), path.basename(path.resolve(dir)) || 'program');
  const r = spawnSync(goCmd, ['build', '-gcflags=all=-N -l', '-o', bin, '.'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.error) throw new CaptureError(`cannot run ${goCmd}: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`);
  if (r.status !== 0) throw new CaptureError(`go build in ${dir} failed: ${firstLines(r.stderr, 3)}`);
  return bin;
}

export class DebugSession {
  /** The stopped goroutine (DAP `threadId`), its top frame, and where that frame is. */
  threadId = 0;
  frameId = 0;
  frame: { function?: string; file?: string; line?: number } = {};
  /** The program's last lines of output (for the message when it exits early). */
  private readonly output: string[] = [];

  private constructor(
    readonly client: DapClient,
    private readonly dlv: ChildProcess,
    readonly binary: string,
    private readonly baseDir: string,
  ) {
    client.on('output', (b) => {
      if (b.category !== 'stdout' && b.category !== 'stderr') return; // the program's, not Delve's console
      this.output.push(String(b.output ?? ''));
      if (this.output.length > 50) this.output.shift();
    });
  }

  /** Builds (for a directory), starts Delve, runs to the breakpoint. */
  static async start(o: SessionOptions): Promise<DebugSession> {
    const isDir = fs.existsSync(o.program) && fs.statSync(o.program).isDirectory();
    const binary = isDir ? buildForDebug(o.program, o.go, o.env) : path.resolve(o.program);
    if (!fs.existsSync(binary)) throw new CaptureError(`no such program: ${o.program}`);
    const baseDir = isDir ? path.resolve(o.program) : process.cwd();
    const dlvCmd = o.dlv ?? 'dlv';
    const { proc, port } = await startDelve(dlvCmd);
    let session: DebugSession | undefined;
    try {
      const c = await DapClient.connect('127.0.0.1', port);
      session = new DebugSession(c, proc, binary, baseDir);
      await c.send('initialize', { adapterID: 'go', clientID: 'gomap', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path', supportsVariableType: true });
      const initialized = c.waitFor('initialized', 30000, 'Delve did not answer the launch');
      const launched = c.send('launch', { request: 'launch', mode: 'exec', program: binary, args: o.args ?? [], env: o.env ?? {}, cwd: baseDir })
        .catch((e: Error) => { throw versionError(e.message, dlvCmd, binary, o.go); });
      await Promise.all([launched, initialized]);
      await session.stopAt(o.breakAt, o.timeoutMs, () => c.send('configurationDone', {}));
      return session;
    } catch (e) {
      if (session) await session.close();
      else killTree(proc);
      throw e;
    }
  }

  /** Continues to `FILE:LINE` (the breakpoint replaces the file's others) and stops there. */
  runTo(breakAt: string, timeoutMs?: number): Promise<void> {
    return this.stopAt(breakAt, timeoutMs, () => this.client.send('continue', { threadId: this.threadId }));
  }

  /** Sets the breakpoint, lets the program run (`go`), and waits for it to stop there. */
  private async stopAt(breakAt: string, timeoutMs = 60000, go: () => Promise<unknown>): Promise<void> {
    const m = /^(.*):(\d+)$/.exec(breakAt);
    if (!m) throw new CaptureError(`--break must be FILE:LINE, got ${JSON.stringify(breakAt)}`);
    const line = Number(m[2]);
    const c = this.client;
    const bp = await c.send('setBreakpoints', { source: { path: path.resolve(this.baseDir, m[1]) }, breakpoints: [{ line }] });
    const b = bp.breakpoints?.[0];
    if (!b?.verified) throw new CaptureError(`cannot set a breakpoint at ${m[1]}:${line}: ${b?.message ?? 'Delve refused it'}`);
    const [st] = await Promise.all([raceStop(c, timeoutMs, `${m[1]}:${line}`, this.output), go()]);
    const trace = await c.send('stackTrace', { threadId: st.threadId, startFrame: 0, levels: 1 });
    const frame = trace.stackFrames?.[0];
    if (!frame) throw new CaptureError('the stopped goroutine has no frames');
    this.threadId = st.threadId;
    this.frameId = frame.id;
    this.frame = { function: frame.name, file: frame.source?.path, line: frame.line };
  }

  /** Captures the map `expr` in the stopped frame. */
  capture(expr: string, opts: Partial<CaptureOptions> = {}): Promise<CapturedMap> {
    return captureMap((cmd, args) => this.client.send(cmd, args), expr, { frameId: this.frameId, threadId: this.threadId, frame: this.frame, ...opts });
  }

  /** Ends the debuggee, Delve and Delve's children. */
  close(): Promise<void> {
    return stop(this.client, this.dlv);
  }
}

/** Starts `dlv dap` on a free loopback port; resolves once it says where it listens. */
function startDelve(dlv: string): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(dlv, ['dap', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { killTree(proc); reject(new CaptureError(`${dlv} dap did not start listening within 30 s: ${firstLines(out, 2)}`)); }, 30000);
    proc.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new CaptureError(e.code === 'ENOENT'
        ? `dlv not found (${dlv}): install Delve (go install github.com/go-delve/delve/cmd/dlv@v1.27.2, or @v1.21.2 for Go 1.19-1.21) or pass --dlv PATH`
        : `cannot start ${dlv}: ${e.message}`));
    });
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening at:\s*\S*?:(\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ proc, port: Number(m[1]) }); }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => { clearTimeout(timer); reject(new CaptureError(`${dlv} dap exited (${code}): ${firstLines(out, 2)}`)); });
  });
}

/** The first stop, or a one-line error when the program ends or the time runs out first. */
function raceStop(c: DapClient, ms: number, where: string, output: string[]): Promise<{ threadId: number }> {
  const seconds = ms >= 1000 ? Math.round(ms / 1000) : ms / 1000;
  return new Promise((resolve, reject) => {
    const offs: (() => void)[] = [];
    const done = () => { clearTimeout(timer); offs.forEach((f) => f()); };
    const timer = setTimeout(() => { done(); reject(new CaptureError(`the program did not reach ${where} within ${seconds} s (breakpoint never hit)`)); }, ms);
    offs.push(c.on('stopped', (b) => {
      done();
      if (b.reason === 'breakpoint') resolve(b);
      else reject(new CaptureError(`the program stopped (${b.reason}${b.text ? ': ' + b.text : ''}) before reaching ${where}`));
    }));
    const ended = (what: string) => () => {
      done();
      const last = output.join('').trim().split('\n').slice(-1)[0] ?? '';
      reject(new CaptureError(`the program ${what} before reaching ${where} (breakpoint never hit)${last ? ': ' + last : ''}`));
    };
    offs.push(c.on('exited', ended('exited')), c.on('terminated', ended('ended')));
  });
}

/** Rewrites Delve's refusal of a Go version into which Delve to use instead. */
function versionError(message: string, dlv: string, binary: string, goCmd = 'go'): Error {
  if (!/too old|too new|Version of (Go|Delve)/i.test(message)) return new CaptureError(`Delve could not launch ${binary}: ${message}`);
  const v = spawnSync(goCmd, ['version', binary], { encoding: 'utf8' });
  const goVer = /go1\.(\d+)(\.\d+)?/.exec(v.stdout ?? '');
  const dv = spawnSync(dlv, ['version'], { encoding: 'utf8' });
  const dlvVer = /Version:\s*(\S+)/.exec(dv.stdout ?? '')?.[1] ?? '?';
  const want = goVer ? delveFor(Number(goVer[1])) : undefined;
  const which = goVer ? `a program built by ${goVer[0]}` : 'this program';
  return new CaptureError(`Delve ${dlvVer} cannot debug ${which}${want ? `: use Delve ${want} (go install github.com/go-delve/delve/cmd/dlv@${want})` : ''} (${message.split('\n')[0]})`);
}

async function stop(client: DapClient | undefined, proc: ChildProcess): Promise<void> {
  if (client) {
    await Promise.race([client.send('disconnect', { terminateDebuggee: true }).catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    client.close();
  }
  killTree(proc);
}

/** Ends `proc` and its direct children (the debuggee, Delve's telemetry child), each by pid. */
function killTree(proc: ChildProcess): void {
  if (proc.pid === undefined) return;
  for (const pid of [...childPids(proc.pid), proc.pid]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** The pids whose parent is `pid` (Linux /proc; elsewhere none are found). */
function childPids(pid: number): number[] {
  const out: number[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return out;
  }
  for (const e of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(e));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function firstLines(text: string, n: number): string {
  return text.trim().split('\n').slice(0, n).join(' | ');
}
