import * as fs from 'fs';

/** What a command may touch: output streams and files. Tests pass an in-memory implementation. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
}

export const nodeIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  readFile: (path) => fs.readFileSync(path, 'utf8'),
};

export interface Command {
  summary: string;
  run(args: string[], io: CliIO): Promise<number> | number;
}

/** Thrown by argument parsing: printed as one line, exit status 2. */
export class UsageError extends Error {}

/** Splits `--flag value`, `--flag=value` and `--switch` from positional arguments. */
export function parseFlags(
  args: string[],
  spec: { values?: readonly string[]; switches?: readonly string[] },
): { flags: Map<string, string>; switches: Set<string>; positional: string[] } {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    if (spec.switches?.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      switches.add(name);
    } else if (spec.values?.includes(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, v);
    } else {
      throw new UsageError(`unknown flag --${name}`);
    }
  }
  return { flags, switches, positional };
}
