/**
 * `gomap build FILE [--at LINE:COL] [--key-type T] [--elem-type T] [--arch A] [--seed N]`: the map
 * a Go map literal (or JSON document) makes, run on the classic map model: `make(map[K]V, hint)`
 * and the inserts in the order the program performs them (see `EvaluatedMap.insertionOrder`), then
 * one snapshot, printed as the oracle's dump JSON (shared/oracle/FORMAT.md). The hash seed and
 * hashes are the simulator's own (seeded by --seed), not a real process's.
 *
 * Errors print as `gomap literal` prints them (`FILE:LINE:COL: message`), exit 2.
 */
import { makeAlloc } from '../../core/classic/makemap';
import { Trace, dumpJson, replayTrace } from '../../core/classic/trace';
import type { EvaluatedMap } from '../../core/literal/evaluate';
import { mapTypeOf } from '../../core/types';
import { normalizeValue } from '../../core/classic/values';
import { Command, UsageError, parseFlags } from '../io';
import { parseLiteralArgs, runOnMap } from './literal';

/** The trace that builds the evaluated map: make with the hint, the inserts, a snapshot. */
export function traceOf(m: EvaluatedMap): Trace {
  return {
    key: m.keyText,
    elem: m.elemText,
    hint: m.hint,
    ops: [...m.insertionOrder.map((i) => ({ op: 'insert' as const, key: m.entries[i][0], elem: m.entries[i][1] })), { op: 'snapshot', label: 'literal' }],
  };
}

const buildUsage = 'usage: gomap build FILE [--at LINE:COL] [--key-type T] [--elem-type T] [--arch amd64|arm64|386|arm] [--seed N]';

export const build: Command = {
  summary: 'run a map literal or JSON on the map model and print its snapshot: `build FILE [--at LINE:COL]`',
  run(args, io) {
    let seed = 1;
    const parse = () => {
      const { flags, positional } = parseFlags(args, { values: ['at', 'key-type', 'elem-type', 'arch', 'seed'] });
      const seedText = flags.get('seed') ?? '1';
      if (!/^\d+$/.test(seedText)) throw new UsageError(`--seed must be a non-negative integer, got "${seedText}"`);
      seed = Number(seedText);
      return parseLiteralArgs(positional.concat(...[...flags].filter(([k]) => k !== 'seed').map(([k, v]) => [`--${k}`, v])), buildUsage);
    };
    return runOnMap('build', io, parse, (m, req) => {
      const t = mapTypeOf(m.key, m.elem, req.arch);
      const alloc = makeAlloc(t, m.hint);
      // The JSON value form writes NaN and ±Inf as strings: the map must hold the numbers.
      const model = (type: typeof m.key) => (v: unknown) => {
        try {
          return normalizeValue(type, v, t.ptrSize);
        } catch {
          return v; // pointers and slices stay in the JSON value form
        }
      };
      const opts = { seed, alloc: { bytes: alloc.allocBytes, mallocs: alloc.mallocs }, goarch: req.arch, normalizeKey: model(m.key), normalizeElem: model(m.elem) };
      return dumpJson(replayTrace(traceOf(m), t, opts));
    });
  },
};
