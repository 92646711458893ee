import { Command } from '../io';
import { bench } from './bench';

/**
 * The subcommands, by name. Each module exports one `Command`; add new ones here.
 */
export const commands: Record<string, Command> = {
  bench,
};
