/**
 * `gomap replay TRACE.json --runtime swiss [--go 1.26|1.27] [--arch amd64|386|arm64|arm] [--split]
 * [--hashes INPUTS.json] [--seed N]`: runs an oracle trace on the Swiss model and prints the dump
 * of `shared/oracle-swiss/FORMAT.md`. With `--hashes` (a whole dump, or only its inputs: seeds,
 * hashes and iteration offsets) the output is the real map's; without, the simulator's own seeded
 * hash and randomness stand in, and stderr says so.
 */
import { dumpJson } from '../../core/classic/trace';
import { loadTrace } from '../../core/classic/tracefile';
import { GoArch, goArches, ptrSizeOf } from '../../core/maptype';
import { loadSwissInputs } from '../../core/swiss/inputs';
import { swissMakeAlloc, swissMapTypeOf } from '../../core/swiss/layout';
import { replaySwissTrace } from '../../core/swiss/trace';
import { SwissGoVersion, swissGoVersions } from '../../core/swiss/types';
import { GoType, comparable } from '../../core/types';
import { CliIO, UsageError } from '../io';

export interface SwissReplayFlags {
  go?: string;
  arch?: string;
  split: boolean;
  hashes?: string;
  seed: number;
}

/** The dump text, or throws a PositionedError / UsageError / Error for the caller to print as one line. */
export function replaySwiss(
  traceFile: string,
  flags: SwissReplayFlags,
  io: Pick<CliIO, 'readFile' | 'err'>,
  resolve: (text: string) => GoType,
  setFile: (f: string) => void,
): string {
  const go = (flags.go ?? '1.26') as SwissGoVersion;
  if (!swissGoVersions.includes(go)) throw new UsageError(`--go must be one of ${swissGoVersions.join(', ')}, got "${flags.go}"`);
  const arch = (flags.arch ?? 'amd64') as GoArch;
  if (!goArches.includes(arch)) throw new UsageError(`--arch must be one of ${goArches.join(', ')}, got "${flags.arch}"`);
  if (flags.split && go !== '1.27') throw new UsageError('--split (GOEXPERIMENT=mapsplitgroup) exists from Go 1.27 on');
  const keyProblem = (t: GoType) => {
    const c = comparable(t);
    return c.ok ? undefined : c.reason;
  };
  const trace = loadTrace(io.readFile(traceFile), resolve, ptrSizeOf(arch), keyProblem);
  const t = swissMapTypeOf(resolve(trace.key), resolve(trace.elem), arch, go, { splitGroup: flags.split });
  const typed = { ...t, key: trace.key, elem: trace.elem };
  let inputs;
  if (flags.hashes !== undefined) {
    setFile(flags.hashes);
    inputs = loadSwissInputs(io.readFile(flags.hashes));
    setFile(traceFile);
  } else {
    io.err('gomap replay: no --hashes given: using the simulator\'s own seeded hash and randomness, not the runtime\'s');
  }
  const alloc = swissMakeAlloc(typed, trace.hint);
  const dump = replaySwissTrace(trace, typed, { inputs, seed: flags.seed, alloc: { bytes: alloc.allocBytes, mallocs: alloc.allocObjects } });
  return dumpJson(dump);
}
