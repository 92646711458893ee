/**
 * `gomap hover FILE --at LINE:COL [--arch amd64|arm64|386|arm] [--go VERSION] [--json]`: the
 * editor's hover for a position, printed as markdown. LINE and COL are 1-based (COL in characters,
 * as editors count). The Go version comes from the nearest go.mod above FILE unless --go is given.
 * Nothing to say prints nothing (exit 0); a position outside the file is `FILE:LINE:COL: message`
 * (exit 2).
 */
import * as path from 'path';
import { GoModInfo, hover, parseGoMod } from '../../core/hover';
import { GoArch, goArches } from '../../core/maptype';
import { Command, parseFlags } from '../io';

/** The `go`/`toolchain` lines of the nearest go.mod at or above `dir`. */
export function nearestGoMod(dir: string, readFile: (p: string) => string): (GoModInfo & { path: string }) | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const p = path.join(d, 'go.mod');
    try {
      return { ...parseGoMod(readFile(p)), path: p };
    } catch {
      // no go.mod here: look further up
    }
    if (path.dirname(d) === d) return undefined;
  }
}

export const hoverCommand: Command = {
  summary: 'the hover for a position: `hover FILE --at LINE:COL [--arch A] [--go V] [--json]`',
  async run(args, io) {
    let parsed;
    try {
      parsed = parseFlags(args, { values: ['at', 'arch', 'go'], switches: ['json'] });
    } catch (e) {
      io.err(`gomap hover: ${(e as Error).message}`);
      return 2;
    }
    const { flags, switches, positional } = parsed;
    const file = positional[0];
    const at = flags.get('at');
    if (positional.length !== 1 || at === undefined) {
      io.err('gomap hover: usage: gomap hover FILE --at LINE:COL [--arch amd64|arm64|386|arm] [--go VERSION] [--json]');
      return 2;
    }
    const arch = (flags.get('arch') ?? 'amd64') as GoArch;
    if (!goArches.includes(arch)) {
      io.err(`gomap hover: --arch must be one of ${goArches.join(', ')}, got "${arch}"`);
      return 2;
    }
    const m = /^(\d+):(\d+)$/.exec(at);
    if (!m) {
      io.err(`gomap hover: --at must be LINE:COL (1-based), got "${at}"`);
      return 2;
    }
    const line = Number(m[1]);
    const col = Number(m[2]);
    let source: string;
    try {
      source = io.readFile(file);
    } catch (e) {
      io.err(`gomap hover: cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
      return 2;
    }
    const lines = source.split(/\r?\n/);
    if (line < 1 || line > lines.length) {
      io.err(`${file}:${line}:${col}: line ${line} is outside the file (${lines.length} lines)`);
      return 2;
    }
    // A column just after the last character is still on the line (editors allow it).
    if (col < 1 || col > lines[line - 1].length + 1) {
      io.err(`${file}:${line}:${col}: column ${col} is outside line ${line} (${lines[line - 1].length} character${lines[line - 1].length === 1 ? "" : "s"})`);
      return 2;
    }
    const mod: GoModInfo | undefined = flags.has('go') ? { go: flags.get('go') } : nearestGoMod(path.dirname(file), io.readFile);
    const result = await hover(source, { line: line - 1, character: col - 1 }, { goarch: arch, goVersion: mod?.go, toolchain: mod?.toolchain });
    if (!result) return 0;
    if (switches.has('json')) {
      const { layout, make, growth } = result.figures;
      io.out(JSON.stringify({ kind: result.kind, range: result.range, markdown: result.markdown, layout, make, growth }, null, 2));
    } else {
      io.out(result.markdown);
    }
    return 0;
  },
};
