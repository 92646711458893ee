/**
 * `gomap bench inserts --n N [--hint H] [--keys int64|string] [--runtime classic|swiss] [--json]`:
 * N inserts into a fresh simulated map with the default hash, timed (wall clock `ms`, and `cpuMs`,
 * the CPU time of all the process's threads: on a loaded machine the steadier figure), and the
 * memory the map holds afterwards (`heapMB`: V8 heap plus typed-array buffers, after a forced GC). int64 keys are 0..N-1 into a
 * `map[int64]int64`; string keys are "k0".."k<N-1>" (built inside the timed loop, as the native
 * loop builds them) into a `map[string]int64`; elems are i. The classic model is Go 1.19's map,
 * the Swiss model Go 1.26's. `npm run bench` (`test/bench/run.mjs`) runs it beside the same loop
 * on native maps.
 *
 * Without `gc` (node run without `--expose-gc`) the command runs itself again with it.
 */
import { spawnSync } from 'child_process';
import { DefaultHasher } from '../../core/classic/hash';
import { HMap, seededRandomness } from '../../core/classic/hmap';
import { SeededFastRand } from '../../core/classic/rand';
import { goEqual } from '../../core/go/equal';
import { DefaultSwissHasher } from '../../core/swiss/hash';
import { swissMapTypeOf } from '../../core/swiss/layout';
import { SwissMap } from '../../core/swiss/map';
import { seededSwissRandomness } from '../../core/swiss/random';
import { GoType } from '../../core/types/gotype';
import { mapTypeOf } from '../../core/types';
import { CliIO, Command, UsageError, nodeIO, parseFlags } from '../io';

const usage = 'gomap bench inserts --n N [--hint H] [--keys int64|string] [--runtime classic|swiss] [--seed S] [--json]';

interface Options {
  n: number;
  hint: number;
  seed: number;
  keys: 'int64' | 'string';
  runtime: 'classic' | 'swiss';
}

function intFlag(flags: Map<string, string>, name: string, dflt: number): number {
  const v = flags.get(name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a non-negative integer, got "${v}"`);
  return Number(v);
}

function choice<T extends string>(flags: Map<string, string>, name: string, allowed: readonly T[]): T {
  const v = flags.get(name) ?? allowed[0];
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be ${allowed.join(' or ')}, got "${v}"`);
  return v as T;
}

/** A map under test: `assign` and the entry count. */
interface Target {
  assign(key: unknown, elem: unknown): unknown;
  count(): number;
}

const basic = (name: 'int64' | 'string'): GoType => ({ kind: 'basic', name });

function newTarget(o: Options): Target {
  const rand = new SeededFastRand(o.seed);
  const key = basic(o.keys);
  const elem = basic('int64');
  if (o.runtime === 'classic') {
    const h = new HMap(mapTypeOf(key, elem, 'amd64'), o.hint, { hasher: new DefaultHasher(rand), random: seededRandomness(rand) });
    return { assign: (k, e) => h.assign(k, e), count: () => h.count };
  }
  const m = new SwissMap(swissMapTypeOf(key, elem, 'amd64', '1.26'), o.hint, {
    hasher: new DefaultSwissHasher(rand, 64),
    random: seededSwissRandomness(rand, 64),
    equal: goEqual,
  });
  return { assign: (k, e) => m.assign(k, e), count: () => m.used };
}

// The loops, each in a plain function of its own (not in the async `measure`): what V8 optimizes best.
function insertInts(m: Target, n: number): void {
  for (let i = 0; i < n; i++) m.assign(i, i);
}

function insertStrings(m: Target, n: number): void {
  for (let i = 0; i < n; i++) m.assign('k' + i, i);
}

/**
 * Bytes the process holds in JS objects and typed-array buffers after a full GC. Buffers are freed
 * by a sweep that may finish after `gc()` returns: a second GC, a turn later, sees it done.
 */
async function heldBytes(gc: () => void): Promise<number> {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const u = process.memoryUsage();
  return u.heapUsed + u.arrayBuffers;
}

async function measure(o: Options, gc: () => void): Promise<{ n: number; ms: number; heapMB: number; cpuMs: number }> {
  const before = await heldBytes(gc);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const m = newTarget(o);
  const n = o.n;
  if (o.keys === 'int64') insertInts(m, n);
  else insertStrings(m, n);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  const heapMB = ((await heldBytes(gc)) - before) / 2 ** 20;
  if (m.count() !== n) throw new Error(`count ${m.count()} after ${n} inserts`);
  const tenth = (x: number) => Math.round(x * 10) / 10;
  return { n, ms: tenth(ms), heapMB: tenth(heapMB), cpuMs: tenth((c.user + c.system) / 1e3) };
}

/** Runs this command again in a node with `--expose-gc`, passing its output through. */
function respawnWithGC(args: string[], io: CliIO): number {
  const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', process.argv[1], 'bench', ...args], { encoding: 'utf8' });
  if (r.stdout) io.out(r.stdout.trimEnd());
  if (r.stderr) io.err(r.stderr.trimEnd());
  return r.status ?? 1;
}

export const bench: Command = {
  summary: 'time the simulator: `bench inserts --n N [--hint H] [--keys int64|string] [--runtime classic|swiss] [--json]`',
  async run(args, io) {
    let o: Options;
    let json: boolean;
    try {
      const { flags, switches, positional } = parseFlags(args, { values: ['n', 'hint', 'seed', 'keys', 'runtime'], switches: ['json'] });
      if (positional[0] !== 'inserts' || positional.length !== 1) throw new UsageError(`the only benchmark is "inserts": ${usage}`);
      o = {
        n: intFlag(flags, 'n', 1_000_000),
        hint: intFlag(flags, 'hint', 0),
        seed: intFlag(flags, 'seed', 1),
        keys: choice(flags, 'keys', ['int64', 'string'] as const),
        runtime: choice(flags, 'runtime', ['classic', 'swiss'] as const),
      };
      json = switches.has('json');
    } catch (e) {
      io.err(`gomap bench: ${(e as Error).message}`);
      return 2;
    }
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc && io === nodeIO && process.argv[1]) return respawnWithGC(args, io);
    const r = await measure(o, gc ?? (() => undefined));
    if (json) {
      io.out(JSON.stringify(r));
    } else {
      const what = `${r.n} inserts into map[${o.keys}]int64 (${o.runtime}, hint ${o.hint})`;
      const heap = gc ? `${r.heapMB} MB held` : `${r.heapMB} MB held before any GC (no --expose-gc)`;
      io.out(`${what}: ${r.ms} ms, ${((r.ms * 1e6) / Math.max(r.n, 1)).toFixed(0)} ns/insert, ${heap}`);
    }
    return 0;
  },
};
