/**
 * `gomap`: the command-line face of the core. Each subcommand lives in `commands/` and returns its
 * exit status: 0 success, 1 a failed check, 2 bad input (one line naming the problem and its place).
 */
import { commands } from './commands';
import { CliIO, nodeIO } from './io';

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
    io.err(`gomap ${name}: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
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
