import { Command } from '../io';
import { bench } from './bench';
import { layout } from './layout';
import { replay } from './replay';

/**
 * The subcommands, by name. Each module exports one `Command`; add new ones here.
 */
export const commands: Record<string, Command> = {
  bench,
  layout,
  replay,
};
