/**
 * `gomap replay TRACE.json [--hashes DUMP.json] [--seed N]`: runs an oracle trace on the simulator
 * and prints the dump (shared/oracle/FORMAT.md). With `--hashes`, the runtime's seeds and hashes
 * (and recorded iteration starts) from that dump are used, so the output is the real map's.
 */
import { makeAlloc } from '../../core/classic/makemap';
import { DumpSnapshot, replayTrace } from '../../core/classic/trace';
import { PositionedError, loadHashes, loadTrace, parseJsonWithPositions } from '../../core/classic/tracefile';
import { loadGoParser } from '../../core/go/parser';
import { GoTypeError, comparable, mapTypeOf, parseTypeExprWith } from '../../core/types';
import { Command, UsageError, parseFlags } from '../io';
import { getNodeValue } from 'jsonc-parser';

export const replay: Command = {
  summary: 'run a trace on the simulator and print its dump: `replay TRACE.json [--hashes DUMP.json]`',
  async run(args, io) {
    let file = '';
    try {
      const { flags, positional } = parseFlags(args, { values: ['hashes', 'seed'] });
      if (positional.length !== 1) throw new UsageError('usage: gomap replay TRACE.json [--hashes DUMP.json] [--seed N]');
      file = positional[0];
      const seedText = flags.get('seed') ?? '1';
      if (!/^\d+$/.test(seedText)) throw new UsageError(`--seed must be a non-negative integer, got "${seedText}"`);
      const parser = await loadGoParser();
      const resolve = (text: string) => {
        try {
          return parseTypeExprWith(parser, text);
        } catch (e) {
          throw new Error(e instanceof GoTypeError ? `type ${JSON.stringify(text)}: ${e.describe()}` : (e as Error).message);
        }
      };
      const keyProblem = (t: Parameters<typeof comparable>[0]) => {
        const c = comparable(t);
        return c.ok ? undefined : c.reason;
      };
      const trace = loadTrace(readFile(io, file), resolve, 8, keyProblem);
      const t = { ...mapTypeOf(resolve(trace.key), resolve(trace.elem), 'amd64'), key: trace.key, elem: trace.elem };
      let hashes;
      let iterationStarts;
      const hashFile = flags.get('hashes');
      if (hashFile !== undefined) {
        file = hashFile;
        const text = readFile(io, hashFile);
        hashes = loadHashes(text);
        const doc = getNodeValue(parseJsonWithPositions(text).root) as { snapshots?: DumpSnapshot[] };
        iterationStarts = (doc.snapshots ?? []).flatMap((s) => s.iterations ?? []);
        file = positional[0];
      }
      const alloc = makeAlloc(t, trace.hint);
      const dump = replayTrace(trace, t, { hashes, iterationStarts, seed: Number(seedText), alloc: { bytes: alloc.allocBytes, mallocs: alloc.mallocs } });
      if (!hashes) io.err('gomap replay: no --hashes given: using the simulator\'s own seeded hash, not the runtime\'s');
      io.out(JSON.stringify(dump));
      return 0;
    } catch (e) {
      if (e instanceof PositionedError) io.err(`gomap replay: ${e.describe(file)}`);
      else if (e instanceof UsageError) io.err(`gomap replay: ${e.message}`);
      else io.err(`gomap replay: ${file}: ${(e as Error).message}`);
      return 2;
    }
  },
};

function readFile(io: { readFile(p: string): string }, path: string): string {
  try {
    return io.readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
