/**
 * `gomap`: the command-line face of the core. Each subcommand lives in `commands/` and returns its
 * exit status: 0 success, 1 a failed check, 2 bad input (one line naming the problem and its place).
 */
import { commands } from './commands';
import { CliIO, nodeIO } from './io';
import { GoPanic } from '../core/go/value';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    if (name !== undefined && name !== '--help' && name !== '-h' && name !== 'help') {
      io.err(`gomap: unknown command "${name}"`);
    }
    io.err(usage());
    return name === undefined || name.startsWith('-') || name === 'help' ? 0 : 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    const [code, line] = failure(e);
    io.err(`gomap ${name}: ${line}`);
    return code;
  }
}

/**
 * What escaped a command, as one line: a Go panic the model raised where the runtime would (bad
 * input, exit 2); a stack exhausted by nesting no limit caught (bad input, exit 2); anything else
 * is a bug of ours, said so (exit 1; the fuzz tier fails on it).
 */
function failure(e: unknown): [number, string] {
  if (e instanceof GoPanic) return [2, e.goText];
  if (e instanceof RangeError && /call stack/i.test(e.message)) return [2, 'the input is nested too deeply to read'];
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  return [1, `unexpected failure (a bug in gomap; please report it with the input): ${message}`];
}

function usage(): string {
  const lines = ['usage: gomap <command> [arguments]', '', 'commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(9)} ${c.summary}`);
  return lines.join('\n');
}

if (require.main === module) {
  run(process.argv.slice(2), nodeIO).then(
    (code) => { process.exitCode = code; },
    (e) => { console.error(e); process.exitCode = 1; },
  );
}
