import * as fs from 'fs';

/** What a command may touch: output streams and files. Tests pass an in-memory implementation. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  /** The raw bytes (Go source is checked for invalid UTF-8 as the compiler does); optional for tests. */
  readBytes?(path: string): Uint8Array;
}

/**
 * The most bytes a command reads from one file: 8 MiB (README, "Limits on input"). A larger file,
 * or one that never ends (`/dev/zero`, a pipe that keeps writing), is refused after reading at
 * most this much, so memory stays bounded whatever the input.
 */
export const maxInputBytes = 8 << 20;

/** The bytes of a file, at most `maxInputBytes` of them; throws (one line) beyond. */
export function readCapped(path: string, max = maxInputBytes): Buffer {
  const limit = `more than the ${max >> 20} MiB limit on input`;
  const fd = fs.openSync(path, 'r');
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw new Error('it is a directory');
    if (st.isFile() && st.size > max) throw new Error(`${st.size} bytes, ${limit}`);
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(1 << 16);
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw new Error(`${limit} (it goes on past ${max} bytes)`);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks);
  } finally {
    fs.closeSync(fd);
  }
}

export const nodeIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  readFile: (path) => readCapped(path).toString('utf8'),
  readBytes: (path) => readCapped(path),
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
