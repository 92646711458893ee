/**
 * `gomap capture --program DIR|BINARY --break FILE:LINE --expr EXPR [--dlv PATH] [--go PATH]
 * [--timeout SECONDS] [--json]`: runs a Go program under Delve to a breakpoint and prints the real
 * map EXPR evaluates to there, in the oracle snapshot form of its runtime (classic `hmap` or
 * Swiss tables) plus `runtime`, `goversion`, `address` and where it was captured. A package
 * directory is built with `-gcflags=all=-N -l` first. Failures are one line, exit status 1.
 */
import { CaptureError } from '../../core/capture/delve';
import { DebugSession } from '../../core/capture/session';
import { CapturedMap } from '../../core/capture/types';
import { Command, UsageError, parseFlags } from '../io';

const usage = 'usage: gomap capture --program DIR|BINARY --break FILE:LINE --expr EXPR [--dlv PATH] [--go PATH] [--timeout SECONDS] [--json]';

export const capture: Command = {
  summary: 'capture a running program\'s real map under Delve: `capture --program DIR --break FILE:LINE --expr EXPR [--json]`',
  async run(args, io) {
    let opts;
    try {
      const { flags, switches, positional } = parseFlags(args, { values: ['program', 'break', 'expr', 'dlv', 'go', 'timeout'], switches: ['json'] });
      const need = (name: string) => {
        const v = flags.get(name);
        if (v === undefined || v === '') throw new UsageError(`--${name} is required; ${usage}`);
        return v;
      };
      if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"; ${usage}`);
      const timeout = flags.get('timeout') ?? '60';
      if (!/^\d+(\.\d+)?$/.test(timeout)) throw new UsageError(`--timeout must be a number of seconds, got "${timeout}"`);
      opts = {
        session: { program: need('program'), breakAt: need('break'), dlv: flags.get('dlv'), go: flags.get('go'), timeoutMs: Number(timeout) * 1000 },
        expr: need('expr'), json: switches.has('json'),
      };
    } catch (e) {
      io.err(`gomap capture: ${(e as Error).message}`);
      return 2;
    }
    let session: DebugSession | undefined;
    try {
      session = await DebugSession.start(opts.session);
      const map = await session.capture(opts.expr);
      io.out(opts.json ? JSON.stringify(map) : summary(map));
      return 0;
    } catch (e) {
      io.err(`gomap capture: ${e instanceof CaptureError ? e.message : `internal error: ${(e as Error).message}`}`);
      return 1;
    } finally {
      await session?.close();
    }
  },
};

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
