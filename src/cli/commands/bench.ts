/**
 * `gomap bench inserts --n N [--hint H] [--json]`: N sequential int64 inserts into a fresh simulated
 * `map[int64]int64` with the default hash, timed, with the heap the simulator holds afterwards.
 * `npm run bench` runs it beside the same loop on a native Go 1.19 map and prints the ratio.
 */
import { DefaultHasher } from '../../core/classic/hash';
import { HMap, seededRandomness } from '../../core/classic/hmap';
import { SeededFastRand } from '../../core/classic/rand';
import { MapTypeInfo } from '../../core/maptype';
import { Command, UsageError, parseFlags } from '../io';

// map[int64]int64 on amd64: 8 + 8*8 + 8*8 + 8 = 144-byte buckets without pointers.
const int64map: MapTypeInfo = {
  key: 'int64', elem: 'int64', goarch: 'amd64', ptrSize: 8, keysize: 8, elemsize: 8, bucketsize: 144,
  indirectkey: false, indirectelem: false, bucketPtrdata: 0, reflexivekey: true, needkeyupdate: false,
};

function intFlag(flags: Map<string, string>, name: string, dflt: number): number {
  const v = flags.get(name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a non-negative integer, got "${v}"`);
  return Number(v);
}

export const bench: Command = {
  summary: 'time the simulator: `bench inserts --n N [--hint H] [--json]`',
  run(args, io) {
    let parsed;
    try {
      parsed = parseFlags(args, { values: ['n', 'hint', 'seed'], switches: ['json'] });
    } catch (e) {
      io.err(`gomap bench: ${(e as Error).message}`);
      return 2;
    }
    const { flags, switches, positional } = parsed;
    if (positional[0] !== 'inserts' || positional.length !== 1) {
      io.err('gomap bench: the only benchmark is "inserts": gomap bench inserts --n N [--json]');
      return 2;
    }
    let n: number, hint: number, seed: number;
    try {
      n = intFlag(flags, 'n', 1_000_000);
      hint = intFlag(flags, 'hint', 0);
      seed = intFlag(flags, 'seed', 1);
    } catch (e) {
      io.err(`gomap bench: ${(e as Error).message}`);
      return 2;
    }
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const rand = new SeededFastRand(seed);
    const t0 = process.hrtime.bigint();
    const h = new HMap(int64map, hint, { hasher: new DefaultHasher(rand), random: seededRandomness(rand) });
    for (let i = 0; i < n; i++) h.assign(i, i);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    gc?.();
    const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    if (h.count !== n) throw new Error(`count ${h.count} after ${n} inserts`);
    const result = { n, ms: Math.round(ms * 10) / 10, heapMB: Math.round(heapMB * 10) / 10, B: h.B };
    if (switches.has('json')) io.out(JSON.stringify(result));
    else io.out(`${n} inserts into map[int64]int64 (hint ${hint}): ${result.ms} ms, ${(ms * 1e6 / Math.max(n, 1)).toFixed(0)} ns/insert, simulator heap ${result.heapMB} MB${gc ? '' : ' (run node with --expose-gc for an exact heap figure)'}, B = ${h.B}`);
    return 0;
  },
};
