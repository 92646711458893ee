/**
 * `gomap capture --program DIR|BINARY --break FILE:LINE --expr EXPR [--dlv PATH] [--go PATH]
 * [--timeout SECONDS] [--json]`: runs a Go program under Delve to a breakpoint and prints the real
 * map EXPR evaluates to there, in the oracle snapshot form of its runtime (classic `hmap` or
 * Swiss tables) plus `runtime`, `goversion`, `address` and where it was captured. A package
 * directory is built with `-gcflags=all=-N -l` first. Bad arguments (`capture-args.ts`) and
 * failures (the build, Delve, the program, the expression) are one line each, exit status 2.
 */
import { DapError } from '../../core/capture/dap';
import { CaptureError } from '../../core/capture/delve';
import { DebugSession } from '../../core/capture/session';
import { CapturedMap } from '../../core/capture/types';
import { Command, UsageError } from '../io';
import { CaptureRequest, parseCaptureArgs } from './capture-args';

export const capture: Command = {
  summary: 'capture a running program\'s real map under Delve: `capture --program DIR --break FILE:LINE --expr EXPR [--json]`',
  async run(args, io) {
    let req: CaptureRequest;
    try {
      req = parseCaptureArgs(args);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      io.err(`gomap capture: ${e.message}`);
      return 2;
    }
    let session: DebugSession | undefined;
    try {
      session = await DebugSession.start(req.session);
      const map = await session.capture(req.expr);
      io.out(req.json ? JSON.stringify(map) : summary(map));
      return 0;
    } catch (e) {
      const why = failure(e);
      if (why === undefined) throw e; // a bug of ours: main says so
      io.err(`gomap capture: ${why}`);
      return 2;
    } finally {
      await session?.close();
    }
  },
};

/**
 * What went wrong, in one line: Delve's or the program's answer (`CaptureError`), or the debug
 * connection failing under us (Delve crashed or hung: the DAP client's errors). Undefined for
 * anything else, which is a bug.
 */
function failure(e: unknown): string | undefined {
  if (e instanceof CaptureError) return e.message;
  const message = e instanceof Error ? e.message.split('\n')[0] : '';
  if (e instanceof DapError) return `Delve refused the ${e.command} request: ${message}`;
  if (/debug adapter|did not answer|ECONNRESET|ECONNREFUSED|EPIPE/.test(message)) return `the debug session with Delve failed: ${message}`;
  return undefined;
}

/** A few lines for people; `--json` gives everything. */
function summary(m: CapturedMap): string {
  const w = m.where;
  const at = `${w.function ?? '?'} at ${w.file ?? '?'}:${w.line ?? '?'}, goroutine ${w.goroutine ?? '?'}`;
  const head = `${m.expr}: ${m.mapType}, ${m.runtime} map of ${m.goversion} at ${m.address} (${at})`;
  const lines = [head];
  if (m.runtime === 'classic') {
    const chains = m.buckets ?? [];
    const overflow = chains.reduce((n, c) => n + c.length - 1, 0);
    lines.push(`count ${m.count}, B ${m.B} (${chains.length} buckets, ${overflow} overflow buckets, noverflow ${m.noverflow}), hash0 ${m.hash0}, flags ${m.flags}`);
    if (m.growing) lines.push(`growing${m.sameSizeGrow ? ' (same size)' : ''}: ${m.oldbuckets?.length ?? 0} old buckets, nevacuate ${m.nevacuate}`);
  } else {
    const groups = m.tables.reduce((n, t) => n + t.groups.length, m.group ? 1 : 0);
    lines.push(`used ${m.used}, ${m.dirLen === 0 ? 'small map (one group)' : `${m.tables.length} tables, directory of ${m.dirLen}, globalDepth ${m.globalDepth}`}, ${groups} groups, seed ${m.seed}`);
  }
  lines.push(`captured in ${m.stats.ms} ms with ${m.stats.requests} DAP requests`);
  return lines.join('\n');
}
