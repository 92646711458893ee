/**
 * The Swiss-table oracle for tests (`test/oracle/swiss-README.md`): build `swissdump` once per
 * configuration (Go 1.26 or 1.27, amd64 or 386, optionally Go 1.27's split group layout), run
 * it on a trace, and make random traces that exercise what `internal/runtime/maps` does: the
 * small map, growth by rehash up to maxTableCapacity, splits with directory doubling and shared
 * runs, tombstones near a full table (where pruneTombstones runs), clear and reseed, iteration.
 *
 *   const why = await swissOracleAvailable('1.27', '386');   // undefined, or why to skip
 *   const dump = await runSwissOracle(randomSwissTrace(seed), { go: '1.27', arch: '386' });
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { SwissDump } from '../../../src/core/swiss/types';

const run = promisify(execFile);

export type SwissOracleGo = '1.26' | '1.27';
export type SwissOracleArch = 'amd64' | '386';

export interface SwissOracleOptions {
  go: SwissOracleGo;
  arch: SwissOracleArch;
  /** Go 1.27's `GOEXPERIMENT=mapsplitgroup` (8 keys, then 8 elems, in a group). */
  split?: boolean;
}

/** The exact releases the oracle's mirrors were checked on. */
const release: Record<SwissOracleGo, string> = { '1.26': '1.26.8', '1.27': '1.27.3' };

type Built = { bin: string } | { reason: string };
const builds = new Map<string, Promise<Built>>();
let binDir: string | undefined;

/** A temporary folder for the binaries of this process, removed when it exits. */
function binaries(): string {
  if (!binDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swissdump-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    binDir = dir;
  }
  return binDir;
}

/** Why this machine cannot run that configuration at all, or undefined. */
function unsupported(o: SwissOracleOptions): string | undefined {
  if (o.split && o.go !== '1.27') return 'GOEXPERIMENT=mapsplitgroup exists only in Go 1.27';
  if (process.platform !== 'linux' || process.arch !== 'x64') return `the oracle runs linux/amd64 and linux/386 binaries; this is ${process.platform}/${process.arch}`;
  return undefined;
}

/** The first (or last) line of a failure's output that says something. */
function lineOf(text: string, which: 'first' | 'last'): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return (which === 'first' ? lines[0] : lines[lines.length - 1]) ?? 'no output';
}

function build(o: SwissOracleOptions): Promise<Built> {
  const id = `go${o.go}-${o.arch}${o.split ? '-split' : ''}`;
  let b = builds.get(id);
  if (!b) {
    b = (async (): Promise<Built> => {
      const why = unsupported(o);
      if (why) return { reason: why };
      const bin = path.join(binaries(), `swissdump-${id}`);
      const args = [bin, '--go', release[o.go], '--arch', o.arch, ...(o.split ? ['--experiment', 'mapsplitgroup'] : [])];
      try {
        await run(path.join(__dirname, 'build.sh'), args, { maxBuffer: 1 << 24, timeout: 15 * 60_000 });
        return { bin };
      } catch (e) {
        const err = e as { code?: string | number; stderr?: string; message: string };
        if (err.code === 'ENOENT') return { reason: 'bash is not available to run build.sh' };
        // The go command's error comes last (after "go: downloading ..." and compiler notes).
        const text = err.stderr || err.message;
        const last = lineOf(text, 'last');
        if (/go: (command )?not found|go: No such file/.test(text)) return { reason: 'go is not installed' };
        if (o.go !== '1.26' && /download|toolchain|proxy|dial|lookup/i.test(text)) return { reason: `go${release[o.go]} could not be fetched: ${last}` };
        return { reason: `swissdump for Go ${release[o.go]} ${o.arch}${o.split ? ' split' : ''} did not build: ${last}` };
      }
    })();
    builds.set(id, b);
  }
  return b;
}

/** undefined when the oracle can run this configuration here, else the one-line reason to skip. */
export async function swissOracleAvailable(go: SwissOracleGo, arch: SwissOracleArch, split = false): Promise<string | undefined> {
  const b = await build({ go, arch, split });
  return 'reason' in b ? b.reason : undefined;
}

/** Runs a trace (shared/oracle-swiss/FORMAT.md) on a real map; rejects with the oracle's message. */
export async function runSwissOracle(trace: object, opts: SwissOracleOptions): Promise<SwissDump> {
  const b = await build(opts);
  if ('reason' in b) throw new Error(`the Swiss oracle is not available: ${b.reason}`);
  const file = path.join(binaries(), `trace-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(trace));
  try {
    const { stdout } = await run(b.bin, [file], { maxBuffer: 1 << 30, timeout: 10 * 60_000 });
    return JSON.parse(stdout) as SwissDump;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(lineOf(err.stderr || err.message, 'first'));
  } finally {
    fs.rmSync(file, { force: true });
  }
}

// ---- random traces ----

/** The key types of FORMAT.md with how many distinct values they have (0: plenty). */
const keyTypes: [string, number][] = [
  ['int64', 0], ['int32', 0], ['uint64', 0], ['uint32', 0], ['string', 0], ['int16', 65536], ['uint16', 65536],
  ['int8', 256], ['uint8', 256], ['bool', 2], ['[16]byte', 0], ['[129]byte', 0], ['[200]byte', 0],
];
const elemTypes = ['int64', 'int32', 'int8', 'uint8', 'uint16', 'uint64', 'string', 'bool', 'struct{}', '[16]byte', '[129]byte', '[200]byte'];
const big = 1n << 53n;

/** Value number n of a Go type, in the trace's JSON form: distinct n give distinct values (modulo the type's range). */
export function swissValue(type: string, n: number): unknown {
  switch (type) {
    case 'bool': return n % 2 === 1;
    case 'struct{}': return {};
    case 'string': {
      const forms = [`k${n}`, `ü-${n}`, `<${n}>&`, `tab\t${n}`, `${'x'.repeat(30)}${n}`, `日本${n}`];
      return n === 0 ? '' : forms[n % forms.length];
    }
    case 'int8': return (n % 256) - 128;
    case 'uint8': return n % 256;
    case 'int16': return (n % 65536) - 32768;
    case 'uint16': return n % 65536;
    case 'int32': return n % 7 === 3 ? -n * 7919 : n * 7919;
    case 'uint32': return (n * 2654435761) % 2 ** 32;
    default: // int64, uint64, [N]byte: some values beyond 2^53 as decimal strings
      if (n % 9 === 4) return (big + BigInt(n) * 977n).toString();
      return type === 'int64' && n % 5 === 2 ? -n * 104729 : n * 104729;
  }
}

/** A small deterministic generator (splitmix32). */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] };
}

export interface RandomSwissTraceOptions {
  key?: string;
  elem?: string;
  /** Most distinct keys the trace uses (default 3000). */
  maxKeys?: number;
}

/**
 * A random trace from `seed`: one of four shapes, each mixing inserts (new keys and updates),
 * deletes, lookups, iterations, clears and snapshots, ending with a snapshot:
 * - small: at most 10 keys, so the map stays (or falls back to being) one group;
 * - churn: `make(map, capacity*7/8)` for a table of 16..128 slots, filled to 60-72% of it, then
 *   delete/insert pairs: tombstones pile up until growthLeft is 0, where the fast assign paths
 *   prune them and the generic one grows (at that load the model, replaying 20 x 600 pairs on
 *   int64 keys, pruned 30-140 times per capacity; at 7/8 load it grows instead);
 * - grow: up to maxKeys keys with few deletes: every rehash, splits, directory doubling and
 *   shared runs (tables of different local depth);
 * - mixed: a key space of 20..500 keys, every op, a clear now and then.
 */
export function randomSwissTrace(seed: number, opts: RandomSwissTraceOptions = {}): object {
  const r = generator(seed);
  const [key, space] = opts.key ? (keyTypes.find(([k]) => k === opts.key) ?? [opts.key, 0]) : r.pick(keyTypes);
  const elem = opts.elem ?? r.pick(elemTypes);
  const maxKeys = Math.min(opts.maxKeys ?? 3000, space || Infinity);
  const shape = r.pick(['small', 'churn', 'grow', 'mixed'] as const);
  const capacity = r.pick([16, 32, 64, 128]);
  const wanted = { small: 1 + r.int(10), churn: Math.round(capacity * (0.6 + 0.12 * r.next())), grow: 100 + r.int(Math.max(1, maxKeys - 99)), mixed: 20 + r.int(480) }[shape];
  const target = Math.min(wanted, maxKeys);
  const universe = Math.min(maxKeys, shape === 'small' ? Math.min(target + 2, 10) : shape === 'churn' ? target * 4 : target);
  const hint = shape === 'churn' ? (capacity * 7) / 8 : r.next() < 0.7 ? 0 : r.pick([1, 8, 9, 14, 15, target, 2 * target, 897]);
  const ops: object[] = [];
  const live = new Set<number>();
  let n = 0, clears = 0, iterations = 0;
  const k = (i: number) => swissValue(key, i);
  const ins = (i: number) => { live.add(i); ops.push({ op: 'insert', key: k(i), elem: swissValue(elem, ++n) }); };
  const del = (i: number) => { live.delete(i); ops.push({ op: 'delete', key: k(i) }); };
  const liveKey = (): number => [...live][r.int(live.size)];
  const fresh = (): number => { for (let t = 0; t < 50; t++) { const i = r.int(universe); if (!live.has(i)) return i; } return r.int(universe); };
  const snapEvery = shape === 'grow' ? Math.max(50, Math.floor(target / 4)) : shape === 'churn' ? 25 : 15;
  const steps = { small: 60, churn: target + 700, grow: target + 100, mixed: 1200 }[shape];
  for (let step = 0; step < steps; step++) {
    const x = r.next();
    const filling = live.size < target;
    if (x < 0.01 && iterations < 8) { ops.push({ op: 'iterate' }); iterations++; }
    else if (x < 0.013 && clears < 2 && shape !== 'grow') { ops.push({ op: 'clear' }); live.clear(); clears++; }
    else if (x < 0.1) ops.push({ op: 'lookup', key: k(r.next() < 0.7 && live.size ? liveKey() : r.int(universe)) });
    else if (x < 0.15 && live.size) ins(liveKey()); // update in place
    else if (filling && x < (shape === 'grow' ? 0.97 : 0.85)) ins(fresh());
    else if (live.size && (!filling || x < 0.97)) { del(liveKey()); if (shape === 'churn') ins(fresh()); }
    else ins(fresh());
    if (step % snapEvery === snapEvery - 1) ops.push({ op: 'snapshot', label: `s${step}` });
  }
  if (iterations === 0) ops.push({ op: 'iterate' });
  ops.push({ op: 'snapshot', label: 'end' });
  return { name: `random ${shape} #${seed}`, key, elem, hint, ops };
}
