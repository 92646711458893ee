/**
 * `gomap literal FILE [--at LINE:COL] [--key-type T] [--elem-type T] [--arch A] [--json]`: the map
 * a Go map literal (or a JSON document, for a .json FILE) makes, evaluated as the Go compiler
 * would (src/core/literal). LINE:COL is a compiler position (1-based, the column in bytes); without
 * it the first map literal of the file is taken. --key-type and --elem-type override the types
 * inferred from JSON.
 *
 * With --json: `{"key": "<Go type>", "elem": "<Go type>", "entries": [[k, v], ...]}` in source
 * order, values in the JSON value form. Without: one line per entry, as Go would write them.
 * Errors print `FILE:LINE:COL: message`, one per line, and exit 2.
 */
import { GoArch, goArches } from '../../core/maptype';
import { loadGoParser } from '../../core/go/parser';
import { GoType, GoTypeError, parseTypeExprWith } from '../../core/types';
import { EvaluatedMap, LiteralResult, evaluateMapLiteralWith } from '../../core/literal/evaluate';
import { formatGoValue } from '../../core/literal/format';
import { evaluateJsonMap } from '../../core/literal/json';
import { decodeGoSource } from '../../core/literal/sourcebytes';
import { CliIO, Command, UsageError, parseFlags } from '../io';

const usage = 'usage: gomap literal FILE [--at LINE:COL] [--key-type T] [--elem-type T] [--arch amd64|arm64|386|arm] [--json]';

export interface LiteralRequest {
  file: string;
  at?: { line: number; col: number };
  keyType?: string;
  elemType?: string;
  arch: GoArch;
  json: boolean;
}

/** Parses literal's arguments (also build's, which names its own usage line). */
export function parseLiteralArgs(args: string[], usageLine = usage): LiteralRequest {
  const { flags, switches, positional } = parseFlags(args, { values: ['at', 'key-type', 'elem-type', 'arch'], switches: ['json'] });
  if (positional.length !== 1) throw new UsageError(usageLine);
  const atText = flags.get('at');
  let at;
  if (atText !== undefined) {
    const m = /^(\d+):(\d+)$/.exec(atText);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--at must be LINE:COL (1-based), got "${atText}"`);
    at = { line: Number(m[1]), col: Number(m[2]) };
  }
  const arch = (flags.get('arch') ?? 'amd64') as GoArch;
  if (!goArches.includes(arch)) throw new UsageError(`--arch must be one of ${goArches.join(', ')}, got "${arch}"`);
  const isJson = positional[0].toLowerCase().endsWith('.json');
  for (const f of ['key-type', 'elem-type']) {
    if (flags.has(f) && !isJson) throw new UsageError(`--${f} applies to JSON files; a Go literal has its own types`);
  }
  return { file: positional[0], at, keyType: flags.get('key-type'), elemType: flags.get('elem-type'), arch, json: switches.has('json') };
}

/** Evaluates the request's file: a Go literal or a JSON document. */
export async function evaluateRequest(req: LiteralRequest, io: CliIO): Promise<LiteralResult> {
  const isJson = req.file.toLowerCase().endsWith('.json');
  let text: string;
  try {
    if (!isJson && io.readBytes) {
      // Go source: the compiler's scanner errors (invalid UTF-8, NUL, BOM) at their bytes first.
      const decoded = decodeGoSource(io.readBytes(req.file));
      if (decoded.errors.length > 0) return { ok: false, errors: decoded.errors };
      text = decoded.text;
    } else {
      text = io.readFile(req.file);
    }
  } catch (e) {
    throw new UsageError(`cannot read ${req.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const parser = await loadGoParser();
  if (!isJson) return evaluateMapLiteralWith(parser, text, { at: req.at, goarch: req.arch });
  const typeFlag = (flag: string, expr: string | undefined): GoType | undefined => {
    if (expr === undefined) return undefined;
    try {
      return parseTypeExprWith(parser, expr);
    } catch (e) {
      if (e instanceof GoTypeError) throw new UsageError(`--${flag} ${JSON.stringify(expr)}: ${e.describe()}`);
      throw e;
    }
  };
  return evaluateJsonMap(text, { keyType: typeFlag('key-type', req.keyType), elemType: typeFlag('elem-type', req.elemType) });
}

/** The --json output. */
export function literalJson(m: EvaluatedMap): string {
  return JSON.stringify({ key: m.keyText, elem: m.elemText, entries: m.entries });
}

/** The readable listing: the map type and entry count, then `key: value` as Go would write them. */
export function literalListing(m: EvaluatedMap): string {
  const n = m.values.length;
  const lines = [`map[${m.keyText}]${m.elemText}, ${n} ${n === 1 ? 'entry' : 'entries'} in source order`];
  for (const [k, v] of m.values) lines.push(`  ${formatGoValue(k, m.key)}: ${formatGoValue(v, m.elem)}`);
  return lines.join('\n');
}

/**
 * Runs a command on the map its request evaluates to: the map's errors print as
 * `FILE:LINE:COL: message`, usage problems as `gomap <command>: ...`; both exit 2.
 */
export async function runOnMap(
  command: string,
  io: CliIO,
  parse: () => LiteralRequest,
  use: (m: EvaluatedMap, req: LiteralRequest) => string,
): Promise<number> {
  try {
    const req = parse();
    const r = await evaluateRequest(req, io);
    if (!r.ok) {
      for (const e of r.errors) io.err(`${req.file}:${e.line}:${e.col}: ${e.message.replace(/\s*[\r\n]\s*/g, ' ')}`);
      return 2;
    }
    io.out(use(r.map, req));
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`gomap ${command}: ${e.message}`);
    return 2;
  }
}

export const literal: Command = {
  summary: 'evaluate a Go map literal or JSON as Go would: `literal FILE [--at LINE:COL] [--json]`',
  run: (args, io) => runOnMap('literal', io, () => parseLiteralArgs(args), (m, req) => (req.json ? literalJson(m) : literalListing(m))),
};
