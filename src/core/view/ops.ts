/**
 * The one interpreter of map operations, for sessions (the panel's history) and traces: each
 * operation is what a Go program does to a map (`m[k] = v`, `delete(m, k)`, `clear(m)`, a `range`
 * loop), or a gesture of the inspector built from them (insert n random keys, delete a share of the
 * keys, step the incremental growth). Every random choice comes from a seed stored in the
 * operation, so replaying a list of operations rebuilds the same map.
 *
 * `runOp` is a generator that yields between slices of a long operation (a fill of 10^6 keys), so
 * a caller can keep an event loop responsive and report progress; `applyOp` runs it to the end.
 */
import { SeededFastRand } from '../classic/rand';
import { GoArch } from '../maptype';
import { GoType } from '../types';
import { MapModel } from './model';
import { randomValue } from './values';
import { IterationView, LookupView, OutcomeView, maxIterationKeys } from './view';

export type Op =
  | { op: 'insert'; key: unknown; elem: unknown }
  /** Several `insert`s in a row (a literal's entries, a compacted history). */
  | { op: 'insertMany'; entries: [unknown, unknown][] }
  | { op: 'delete'; key: unknown }
  | { op: 'fill'; n: number; seed: number }
  | { op: 'deleteRandom'; percent: number; seed: number }
  | { op: 'stepGrowth' }
  | { op: 'finishGrowth' }
  | { op: 'iterate' }
  | { op: 'clear' }
  /** Not recorded in a session's history (it changes nothing); traces use it. */
  | { op: 'lookup'; key: unknown };

export type OpName = Op['op'];

/** What the interpreter needs besides the model: the types random values are drawn for. */
export interface OpContext {
  keyType: GoType;
  elemType: GoType;
  goarch: GoArch;
  /** The most entries the map may hold; an operation that would pass it is refused. */
  maxEntries: number;
}

export interface OpResult {
  /** What the operation did, when the map alone does not show it (a missing key, fewer keys). */
  outcome?: OutcomeView;
  iteration?: IterationView;
  lookup?: LookupView;
}

/** An operation refused before it changed anything. */
export class OpRefused extends Error {}

/** A long operation stopped by its caller between two slices; the map is back as it was before it. */
export class OpCancelled extends Error {
  constructor(what: string) {
    super(`${what} cancelled: the map is as it was before`);
  }
}

/** Inserts between two yields of a long operation. */
export const opSlice = 1 << 14;

/** Entries an operation adds at most (the limit check runs before anything changes). */
export function entriesAdded(op: Op): number {
  switch (op.op) {
    case 'insert': return 1;
    case 'insertMany': return op.entries.length;
    case 'fill': return op.n;
    default: return 0;
  }
}

/** Refuses `op` when it could take the map above `maxEntries`; changes nothing. */
export function checkLimit(model: MapModel, op: Op, maxEntries: number): void {
  const adds = entriesAdded(op);
  if (adds > 0 && model.count + adds > maxEntries) {
    throw new OpRefused(`${model.count.toLocaleString('en-US')} + ${adds.toLocaleString('en-US')} entries is above goMapInspector.maxEntries (${maxEntries.toLocaleString('en-US')}): nothing changed`);
  }
}

/** Runs `op` on `model`, yielding the fraction done between slices of a long operation. */
export function* runOp(model: MapModel, op: Op, ctx: OpContext): Generator<number, OpResult, void> {
  switch (op.op) {
    case 'insert':
      model.insert(op.key, op.elem);
      return {};
    case 'insertMany':
      for (let i = 0; i < op.entries.length; i++) {
        if (i > 0 && i % opSlice === 0) yield i / op.entries.length;
        model.insert(op.entries[i][0], op.entries[i][1]);
      }
      return {};
    case 'delete': {
      const was = model.delete(op.key);
      return was ? {} : { outcome: { kind: 'info', text: 'the key was not in the map: delete did nothing (a delete of a missing key is a no-op in Go)' } };
    }
    case 'lookup':
      return { lookup: model.lookup(op.key) };
    case 'fill':
      return yield* fill(model, op.n, op.seed, ctx);
    case 'deleteRandom': {
      // Victims in memory order of a private list of the keys, so the map's own randomness is
      // not drawn from.
      const rng = new SeededFastRand(op.seed);
      const victims: unknown[] = [];
      model.forEachKey((key) => {
        if (rng.next() % 100 < op.percent) victims.push(key);
      });
      for (let i = 0; i < victims.length; i++) {
        if (i > 0 && i % opSlice === 0) yield i / victims.length;
        model.delete(victims[i]);
      }
      return { outcome: { kind: 'info', text: `deleted ${victims.length.toLocaleString('en-US')} of ${(victims.length + model.count).toLocaleString('en-US')} keys` } };
    }
    case 'stepGrowth':
      return model.stepGrowth() ? {} : { outcome: { kind: 'info', text: 'the map is not growing: nothing to evacuate' } };
    case 'finishGrowth':
      model.finishGrowth();
      return {};
    case 'iterate':
      return { iteration: model.iterate(maxIterationKeys) };
    case 'clear':
      model.clear();
      return {};
    default: {
      const never: never = op;
      throw new Error(`unknown operation ${JSON.stringify(never)}`);
    }
  }
}

/**
 * n new random keys (fewer only when the key type has no more values). Integers are drawn from a
 * space 100 times the final count, so they stay short enough to read.
 */
function* fill(model: MapModel, n: number, seed: number, ctx: OpContext): Generator<number, OpResult, void> {
  const rng = new SeededFastRand(seed);
  const target = model.count + n;
  const space = Math.max(10_000, 100 * target);
  let tries = 0;
  for (let done = 0; model.count < target && tries < 4 * n + 100; tries++) {
    if (++done % opSlice === 0) yield 1 - (target - model.count) / n;
    model.insert(randomValue(ctx.keyType, rng, ctx.goarch, true, space), randomValue(ctx.elemType, rng, ctx.goarch, false, 1000));
  }
  const added = n - (target - model.count);
  if (added < n) return { outcome: { kind: 'warning', text: `only ${added.toLocaleString('en-US')} new keys found in ${tries.toLocaleString('en-US')} tries: the key type has few values` } };
  return {};
}

/** Runs `op` to its end. */
export function applyOp(model: MapModel, op: Op, ctx: OpContext): OpResult {
  const run = runOp(model, op, ctx);
  for (let r = run.next(); ; r = run.next()) if (r.done) return r.value;
}

/** A short label of an operation, as the history shows it (`m["a"] = 1`). */
export function opLabel(op: Op, text: { key(v: unknown): string; elem(v: unknown): string }): string {
  switch (op.op) {
    case 'insert': return `m[${text.key(op.key)}] = ${text.elem(op.elem)}`;
    case 'insertMany': return op.entries.length === 1 ? '1 insert' : `${op.entries.length.toLocaleString('en-US')} inserts`;
    case 'delete': return `delete(m, ${text.key(op.key)})`;
    case 'lookup': return `m[${text.key(op.key)}]`;
    case 'fill': return `insert ${op.n.toLocaleString('en-US')} random keys`;
    case 'deleteRandom': return `delete ${op.percent}% at random`;
    case 'stepGrowth': return 'growWork (one step)';
    case 'finishGrowth': return 'finish growth';
    case 'iterate': return 'for k, v := range m';
    case 'clear': return 'clear(m)';
    default: {
      const never: never = op;
      return String(never);
    }
  }
}

/**
 * A history as short as it can be written without changing what it replays to: the redo tail is
 * dropped, and runs of inserts before the last `keep` operations become one `insertMany` each.
 */
export function compactOps(ops: readonly Op[], position: number, keep = 20): Op[] {
  const out: Op[] = [];
  const cut = Math.max(0, position - keep);
  for (let i = 0; i < position; i++) {
    const op = ops[i];
    const prev = out.at(-1);
    if (i < cut && (op.op === 'insert' || op.op === 'insertMany') && prev?.op === 'insertMany') {
      if (op.op === 'insert') prev.entries.push([op.key, op.elem]);
      else prev.entries.push(...op.entries);
    } else if (i < cut && op.op === 'insert') {
      out.push({ op: 'insertMany', entries: [[op.key, op.elem]] });
    } else {
      out.push(op.op === 'insertMany' ? { op: 'insertMany', entries: op.entries.slice() } : op);
    }
  }
  return out;
}
