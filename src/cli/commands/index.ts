import { Command } from '../io';
import { bench } from './bench';
import { build } from './build';
import { capture } from './capture';
import { hoverCommand } from './hover';
import { layout } from './layout';
import { literal } from './literal';
import { replay } from './replay';

/**
 * The subcommands, by name. Each module exports one `Command`; add new ones here.
 */
export const commands: Record<string, Command> = {
  bench,
  build,
  capture,
  hover: hoverCommand,
  layout,
  literal,
  replay,
};
