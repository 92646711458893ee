import { Command } from '../io';

/**
 * The subcommands, by name. Each module exports one `Command`; add new ones here.
 */
export const commands: Record<string, Command> = {};
