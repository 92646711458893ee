/**
 * Reading trace and hash files from text, with positions: every problem is reported as one
 * `PositionedError` naming the place (`line:col`) and the JSON path (`ops[3].key`).
 */
import { Node as JsonNode, ParseError, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import { GoType } from '../types/gotype';
import { zeroValue } from '../view/values';
import { Trace, TraceOp } from './trace';
import { ValueError, normalizeValue } from './values';
import { maxJsonDepth, tooDeep } from '../literal/json';

export class PositionedError extends Error {
  constructor(message: string, readonly line: number, readonly column: number, readonly path?: string) {
    super(message);
  }
  describe(file?: string): string {
    const where = `${file ? file + ':' : ''}${this.line}:${this.column}`;
    return `${where}: ${this.path ? this.path + ': ' : ''}${this.message}`;
  }
}

/** 1-based line and column of a UTF-16 offset. */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Parses JSON (comments tolerated), or throws at the first syntax error. */
export function parseJsonWithPositions(text: string): { root: JsonNode; at: (path: (string | number)[]) => { line: number; column: number } } {
  // jsonc-parser recurses once per level: refuse deep nesting before it can exhaust the stack.
  const deep = tooDeep(text);
  if (deep !== undefined) {
    const pos = lineCol(text, deep);
    throw new PositionedError(`JSON nested more than ${maxJsonDepth} levels deep`, pos.line, pos.column);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length > 0 || root === undefined) {
    const e = errors[0];
    const pos = lineCol(text, e ? e.offset : 0);
    throw new PositionedError(e ? `malformed JSON: ${printParseErrorCode(e.error)}` : 'empty document', pos.line, pos.column);
  }
  const at = (path: (string | number)[]) => {
    const n = findNodeAtLocation(root, path) ?? root;
    return lineCol(text, n.offset);
  };
  return { root, at };
}

function pathText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export interface LoadedTrace {
  trace: Trace;
}

/**
 * Reads a trace: checks its shape and normalizes every key and elem to its Go type (`resolve`
 * turns the `key`/`elem` type names into GoTypes, throwing a message for unknown types).
 */
export function loadTrace(
  text: string,
  resolve: (typeText: string) => GoType,
  ptrSize: 4 | 8 = 8,
  /** Why a type cannot be a map key (not comparable), or undefined when it can. */
  keyProblem: (t: GoType) => string | undefined = () => undefined,
): Trace {
  const { root, at } = parseJsonWithPositions(text);
  const fail = (path: (string | number)[], msg: string): never => {
    const p = at(path);
    throw new PositionedError(msg, p.line, p.column, pathText(path));
  };
  const doc = getNodeValue(root) as Record<string, unknown>;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail([], 'a trace is an object {"key", "elem", "hint", "ops"}');
  const types: Record<'key' | 'elem', GoType> = {} as Record<'key' | 'elem', GoType>;
  for (const f of ['key', 'elem'] as const) {
    if (typeof doc[f] !== 'string') fail([f], `"${f}" must be a Go type name`);
    try {
      types[f] = resolve(doc[f] as string);
    } catch (e) {
      fail([f], (e as Error).message);
    }
  }
  const problem = keyProblem(types.key);
  if (problem !== undefined) fail(['key'], `invalid map key type ${doc.key as string}: ${problem}`);
  const hint = doc.hint ?? 0;
  // make's hint is an int; beyond 2^53 JSON cannot even say which one.
  if (typeof hint !== 'number' || !Number.isSafeInteger(hint) || hint < 0) fail(['hint'], '"hint" must be a non-negative integer (at most 2^53)');
  if (!Array.isArray(doc.ops)) fail(['ops'], '"ops" must be an array');

  const value = (path: (string | number)[], t: GoType, v: unknown): unknown => {
    try {
      return normalizeValue(t, v, ptrSize, { resolve, isKey: path[path.length - 1] === 'key' });
    } catch (e) {
      if (e instanceof ValueError) fail(path, e.message);
      throw e;
    }
  };
  const readOps = (ops: unknown[], base: (string | number)[], nested: boolean): TraceOp[] =>
    ops.map((raw, i): TraceOp => {
      const path = [...base, i];
      if (typeof raw !== 'object' || raw === null) fail(path, 'an op is an object with "op"');
      const o = raw as Record<string, unknown>;
      // As the oracle (test/oracle/mapdump): a loop body may change the map only by insert, delete
      // and lookup. A `clear` inside a `range` (mapclear under a live iterator) is refused, not
      // modelled, so every trace the simulator accepts is one the real runtime can be asked to run.
      if (nested && o.op !== 'insert' && o.op !== 'delete' && o.op !== 'lookup') {
        fail([...path, 'op'], `only insert, delete and lookup may be nested in iterate, not ${JSON.stringify(o.op)}`);
      }
      if (o.op !== 'iterate' && o.ops !== undefined) fail([...path, 'ops'], 'nested ops outside iterate');
      const need = (field: string) => {
        if (!(field in o)) fail(path, `"${String(o.op)}" needs "${field}"`);
      };
      switch (o.op) {
        case 'insert':
          need('key');
          // A missing elem is the zero value (shared/oracle-swiss/FORMAT.md: `m[k] = V{}`).
          return { op: 'insert', key: value([...path, 'key'], types.key, o.key), elem: 'elem' in o ? value([...path, 'elem'], types.elem, o.elem) : zeroValue(types.elem, false) };
        case 'delete':
        case 'lookup':
          need('key');
          return { op: o.op, key: value([...path, 'key'], types.key, o.key) };
        case 'snapshot':
          if (typeof o.label !== 'string') fail(path, '"snapshot" needs a string "label"');
          return { op: 'snapshot', label: o.label as string };
        case 'clear':
        case 'clearloop':
          return { op: o.op };
        case 'iterate': {
          const after = o.after;
          if (after !== undefined && (typeof after !== 'number' || !Number.isInteger(after) || after < 0)) fail([...path, 'after'], '"after" must be a non-negative integer');
          if (o.ops !== undefined && !Array.isArray(o.ops)) fail([...path, 'ops'], '"ops" must be an array');
          return { op: 'iterate', after: after as number | undefined, ops: o.ops ? readOps(o.ops as unknown[], [...path, 'ops'], true) : undefined };
        }
        default:
          return fail([...path, 'op'], `unknown op ${JSON.stringify(o.op)} (insert, delete, lookup, snapshot, clear, clearloop, iterate)`);
      }
    });
  return { key: doc.key as string, elem: doc.elem as string, hint: hint as number, ops: readOps(doc.ops as unknown[], ['ops'], false) };
}

/** Reads the `seeds` and `hashes` of a dump (or of a file holding only those). */
export function loadHashes(text: string): { seeds: string[]; hashes: Record<string, Record<string, string>> } {
  const { root, at } = parseJsonWithPositions(text);
  const doc = getNodeValue(root) as Record<string, unknown>;
  const fail = (path: (string | number)[], msg: string): never => {
    const p = at(path);
    throw new PositionedError(msg, p.line, p.column, pathText(path));
  };
  if (typeof doc !== 'object' || doc === null) fail([], 'expected an object with "seeds" and "hashes"');
  const seeds = doc.seeds;
  if (!Array.isArray(seeds) || seeds.length === 0 || !seeds.every((s) => typeof s === 'string' && /^0x[0-9a-f]+$/i.test(s))) fail(['seeds'], '"seeds" must be a non-empty array of hex strings');
  const hashes = doc.hashes;
  if (typeof hashes !== 'object' || hashes === null) fail(['hashes'], '"hashes" must be an object keyed by seed');
  for (const [seed, table] of Object.entries(hashes as object)) {
    if (typeof table !== 'object' || table === null) fail(['hashes', seed], 'expected an object of key text to hash');
    for (const [k, h] of Object.entries(table as object)) {
      if (typeof h !== 'string' || !/^0x[0-9a-f]{1,16}$/i.test(h)) fail(['hashes', seed, k], `bad hash ${JSON.stringify(h)}`);
    }
  }
  return { seeds: seeds as string[], hashes: hashes as Record<string, Record<string, string>> };
}
