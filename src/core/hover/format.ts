/**
 * Small text helpers for hovers: numbers with thousands separators, byte counts with a binary unit
 * beside them, Go code blocks, and the command link that opens the panel.
 */
import { CommandId } from '../../protocol/commands';
import { GoType, underlying } from '../types';

// One formatter each, made on first use: `toLocaleString('en-US', options)` formats the same way
// but builds a new `Intl.NumberFormat` on every call (a fifth of a hover's time went there).
let intFormat: Intl.NumberFormat | undefined;
let oneDecimalFormat: Intl.NumberFormat | undefined;

/** 53249 → `53,249`. */
export function fmtInt(n: number): string {
  intFormat ??= new Intl.NumberFormat('en-US');
  return intFormat.format(Math.round(n));
}

/** A number with at most one decimal: 55.23 → `55.2`, 48 → `48`. */
export function fmt1(n: number): string {
  oneDecimalFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
  return oneDecimalFormat.format(Math.round(n * 10) / 10);
}

/** `336 bytes`; `2,924,544 bytes (2.8 MiB)` from 10 KiB on. */
export function fmtBytes(n: number): string {
  const exact = `${fmtInt(n)} ${n === 1 ? 'byte' : 'bytes'}`;
  if (n < 10 * 1024) return exact;
  return `${exact} (${humanBytes(n)})`;
}

/** `2.8 MiB`, `86 KiB`, `512 bytes`. */
export function humanBytes(n: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u < 0) return `${fmtInt(n)} bytes`;
  return `${v >= 100 ? fmtInt(v) : fmt1(v)} ${units[u]}`;
}

/** 2 → `2 buckets`, 1 → `1 bucket`. */
export function plural(n: number, word: string, many = word + 's'): string {
  return `${fmtInt(n)} ${n === 1 ? word : many}`;
}

/** The longest run of backticks in `s`. */
function longestBacktickRun(s: string): number {
  let longest = 0;
  for (const m of s.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}

/** The most characters of one source line a code block quotes. */
const maxQuotedLine = 1000;

/** A line cut to `maxQuotedLine`, never inside a surrogate pair. */
function quotedLine(l: string): string {
  if (l.length <= maxQuotedLine) return l;
  const end = /[\uD800-\uDBFF]/.test(l[maxQuotedLine - 1]) ? maxQuotedLine - 1 : maxQuotedLine;
  return `${l.slice(0, end)} …`;
}

/**
 * A Go code block. Source text goes in as written, so the fence is longer than any run of
 * backticks inside it: a comment holding a fence cannot end the block and inject markdown.
 */
export function goBlock(lines: readonly string[]): string {
  // A line of source can be 10^5 levels of `map[int]` long: the hover quotes its start.
  const body = lines.map(quotedLine).join('\n');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}go\n${body}\n${fence}`;
}

/**
 * Inline code, safe for what source text can hold: newlines are collapsed to one space (a blank
 * line would end the paragraph, and the code span with it, letting the rest render as markdown),
 * and the delimiter is longer than any backtick run in `s`.
 */
export function code(text: string): string {
  const s = oneLine(text);
  const run = longestBacktickRun(s);
  if (run === 0) return '`' + s + '`';
  const d = '`'.repeat(run + 1);
  return `${d} ${s} ${d}`;
}

/** Line breaks (and the blanks around them) as one space. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n\u2028\u2029]\s*/g, ' ');
}

/**
 * Text from the user's files (an error message quoting source, a version) set outside code: on
 * one line, with every character that markdown could read as a link, an image, emphasis, code,
 * HTML or an entity escaped, so it shows as written and does nothing.
 */
export function plain(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#!<>&|~]/g, '\\$&');
}

/** What `goMapInspector.newMap` receives from a hover link. */
export interface NewMapArgs {
  /** The key type as a self-contained Go type expression (named types spelled out). */
  key: string;
  elem: string;
  hint: number;
}

export const newMapCommand: string = CommandId.NewMap;

/** The command URI's arguments: `goMapInspector.newMap(key, elem, hint)` takes them positionally
 * (and asks for the number of random entries to insert). */
export function newMapArguments(args: NewMapArgs): [string, string, number] {
  return [args.key, args.elem, args.hint];
}

/** `[Inspect in Go Map Inspector](command:goMapInspector.newMap?<args>)`: a command URI whose
 * query is the JSON array of arguments, URI-encoded. */
export function inspectLink(args: NewMapArgs): string {
  // encodeURIComponent leaves ( ) ' ! * as they are: encode the parentheses too, so that the
  // destination ends where the link does; the title's quotes and backslashes are escaped.
  const query = encodeURIComponent(JSON.stringify(newMapArguments(args))).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  const title = oneLine(`Open the map panel on map[${args.key}]${args.elem}`).replace(/["\\]/g, '\\$&');
  return `[Inspect in Go Map Inspector](command:${newMapCommand}?${query} "${title}")`;
}

/**
 * A Go type expression that needs no declarations: named types are replaced by their underlying
 * types (`Order` → `struct{ id int64; ok bool }`), so the panel, which does not see this file, lays
 * out the same bucket. A named type met again inside itself (only possible behind a pointer,
 * slice, map, channel or func, where its layout does not matter) becomes `struct{}`.
 */
export function selfContained(t: GoType, inside: ReadonlySet<GoType> = new Set()): string {
  const s = selfContainedPart(t, inside);
  // Spelt out, a type can grow exponentially (`type T2 struct{ a, b T1 }`, forty levels): past the
  // budget it is refused at once, before any more of it is built.
  if (s.length > maxSelfContained) throw new TypeTooLongToSpell();
  return s;
}

/** The longest self-contained type a link carries (64 KiB of text). */
export const maxSelfContained = 1 << 16;

/** Thrown by `selfContained` for a type longer than `maxSelfContained` once spelt out. */
export class TypeTooLongToSpell extends Error {
  constructor() {
    super(`the type is longer than ${maxSelfContained} characters once its named types are spelt out`);
  }
}

function selfContainedPart(t: GoType, inside: ReadonlySet<GoType>): string {
  switch (t.kind) {
    case 'basic':
      return t.alias ?? t.name;
    case 'named': {
      if (t.name === 'error') return 'error';
      if (inside.has(t) || t.underlying === undefined) return 'struct{}';
      return selfContained(underlying(t), new Set([...inside, t]));
    }
    case 'pointer':
      return `*${selfContained(t.elem, inside)}`;
    case 'slice':
      return `[]${selfContained(t.elem, inside)}`;
    case 'array':
      return `[${BigInt(t.len)}]${selfContained(t.elem, inside)}`;
    case 'map':
      return `map[${selfContained(t.key, inside)}]${selfContained(t.elem, inside)}`;
    case 'chan': {
      const elem = selfContained(t.elem, inside);
      if (t.dir === 'send') return `chan<- ${elem}`;
      if (t.dir === 'recv') return `<-chan ${elem}`;
      return t.elem.kind === 'chan' && t.elem.dir === 'recv' ? `chan (${elem})` : `chan ${elem}`;
    }
    case 'func':
      return 'func()';
    case 'interface':
      // Every interface is two words; method sets may name types the panel cannot see.
      return t.alias === 'any' ? 'any' : 'interface{}';
    case 'struct': {
      if (t.fields.length === 0) return 'struct{}';
      const fields = t.fields.map((f, i) => `${f.name === '_' || f.embedded ? `_${i}` : f.name} ${selfContained(f.type, inside)}`);
      return `struct{ ${fields.join('; ')} }`;
    }
  }
}
