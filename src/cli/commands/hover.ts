/**
 * `gomap hover FILE --at LINE:COL [--arch amd64|arm64|386|arm] [--go VERSION] [--runtime auto|classic|swiss]
 * [--json]`: the editor's hover for a position, printed as markdown. LINE and COL are 1-based (COL in
 * characters, as editors count). The runtime and Go version are picked as the editor picks them
 * (`core/runtime/pick.ts`): --go and --runtime as the settings, else the nearest go.work or go.mod
 * above FILE and GOEXPERIMENT from the environment; outside a module, the newest Go modelled.
 * Nothing to say prints nothing (exit 0); a position outside the file is `FILE:LINE:COL: message`
 * (exit 2).
 */
import * as path from 'path';
import { GoModInfo, hover, parseGoMod } from '../../core/hover';
import { GoArch, goArches } from '../../core/maptype';
import { pickRuntime } from '../../core/runtime/pick';
import { Command, parseFlags } from '../io';

/** The nearest file called `name` at or above `dir`, with its text. */
export function nearestFile(dir: string, name: string, readFile: (p: string) => string): { path: string; text: string } | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const p = path.join(d, name);
    try {
      return { path: p, text: readFile(p) };
    } catch {
      // not here: look further up
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** The `go`/`toolchain` lines of the nearest go.mod at or above `dir`. */
export function nearestGoMod(dir: string, readFile: (p: string) => string): (GoModInfo & { path: string }) | undefined {
  const f = nearestFile(dir, 'go.mod', readFile);
  return f && { ...parseGoMod(f.text), path: f.path };
}

export const hoverCommand: Command = {
  summary: 'the hover for a position: `hover FILE --at LINE:COL [--arch A] [--go V] [--json]`',
  async run(args, io) {
    let parsed;
    try {
      parsed = parseFlags(args, { values: ['at', 'arch', 'go', 'runtime'], switches: ['json'] });
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
    const setting = flags.get('runtime') ?? 'auto';
    if (setting !== 'auto' && setting !== 'classic' && setting !== 'swiss') {
      io.err(`gomap hover: --runtime must be auto, classic or swiss, got "${setting}"`);
      return 2;
    }
    const goVersion = flags.get('go');
    if (goVersion !== undefined && !/^\d+\.\d+(\.\d+)?$/.test(goVersion)) {
      io.err(`gomap hover: --go must be a Go version such as 1.26, got "${goVersion}"`);
      return 2;
    }
    const dir = path.dirname(file);
    const goMod = nearestFile(dir, 'go.mod', io.readFile);
    const runtime = pickRuntime({ runtime: setting, goVersion, goMod, goWork: nearestFile(dir, 'go.work', io.readFile), goexperiment: process.env.GOEXPERIMENT });
    const mod: GoModInfo | undefined = goVersion !== undefined ? { go: goVersion } : goMod && parseGoMod(goMod.text);
    const result = await hover(source, { line: line - 1, character: col - 1 }, { goarch: arch, goVersion: mod?.go, toolchain: mod?.toolchain, runtime });
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
