/**
 * `gomap replay TRACE.json [--hashes DUMP.json] [--seed N]`: runs an oracle trace on the simulator
 * and prints the dump (shared/oracle/FORMAT.md). With `--hashes`, the runtime's seeds and hashes
 * (and recorded iteration starts) from that dump are used, so the output is the real map's.
 */
import { makeAlloc } from '../../core/classic/makemap';
import { DumpSnapshot, dumpJson, replayTrace } from '../../core/classic/trace';
import { PositionedError, loadHashes, loadTrace, parseJsonWithPositions } from '../../core/classic/tracefile';
import { loadGoParser } from '../../core/go/parser';
import { GoTypeError, comparable, layoutOf, mapTypeOf, parseTypeExprWith } from '../../core/types';
import { GoArch, goArches } from '../../core/maptype';
import { Command, UsageError, parseFlags } from '../io';
import { replaySwiss } from './replay-swiss';
import { getNodeValue } from 'jsonc-parser';

export const replay: Command = {
  summary: 'run a trace on the simulator and print its dump: `replay TRACE.json [--hashes DUMP.json] [--runtime classic|swiss --go 1.26|1.27 --arch A --split]`',
  async run(args, io) {
    let file = '';
    try {
      const { flags, switches, positional } = parseFlags(args, { values: ['hashes', 'seed', 'runtime', 'go', 'arch'], switches: ['split'] });
      if (positional.length !== 1) throw new UsageError('usage: gomap replay TRACE.json [--hashes DUMP.json] [--seed N] [--runtime classic|swiss [--go 1.26|1.27] [--arch amd64|386|arm64|arm] [--split]]');
      const runtime = flags.get('runtime') ?? 'classic';
      if (runtime !== 'classic' && runtime !== 'swiss') throw new UsageError(`--runtime must be classic or swiss, got "${runtime}"`);
      if (runtime === 'classic' && (flags.has('go') || flags.has('arch') || switches.has('split'))) throw new UsageError('--go, --arch and --split are for --runtime swiss (the classic oracle is Go 1.19 on amd64)');
      file = positional[0];
      const seedText = flags.get('seed') ?? '1';
      if (!/^\d+$/.test(seedText)) throw new UsageError(`--seed must be a non-negative integer, got "${seedText}"`);
      const parser = await loadGoParser();
      // Types are laid out for the trace's GOARCH as they are read, so one too large for it is
      // refused as the key's or the elem's, at its place in the trace.
      const archFlag = flags.get('arch') ?? 'amd64';
      const arch: GoArch = goArches.includes(archFlag as GoArch) ? (archFlag as GoArch) : 'amd64';
      const resolve = (text: string) => {
        try {
          const t = parseTypeExprWith(parser, text);
          layoutOf(t, arch);
          return t;
        } catch (e) {
          if (e instanceof RangeError) throw new Error('type nested too deeply to read');
          throw new Error(e instanceof GoTypeError ? `type ${JSON.stringify(text)}: ${e.describe()}` : (e as Error).message);
        }
      };
      const keyProblem = (t: Parameters<typeof comparable>[0]) => {
        const c = comparable(t);
        return c.ok ? undefined : c.reason;
      };
      if (runtime === 'swiss') {
        const swissFlags = { go: flags.get('go'), arch: flags.get('arch'), split: switches.has('split'), hashes: flags.get('hashes'), seed: Number(seedText) };
        io.out(replaySwiss(file, swissFlags, { readFile: (p) => readFile(io, p), err: (t) => io.err(t) }, resolve, (f) => (file = f)));
        return 0;
      }
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
      io.out(dumpJson(dump));
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
