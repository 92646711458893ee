/**
 * The command registry: one file per group of commands, each returning its handlers by
 * `CommandId`; this file checks that every id has exactly one handler and registers them all.
 */
import * as vscode from 'vscode';
import { CommandId, allCommandIds } from '../../protocol/commands';
import { captureCommands } from './capture';
import { compareCommands } from './compare';
import { CommandContext, Handler } from './context';
import { exportCommands } from './export';
import { inspectCommands } from './inspect';
import { newMapCommands } from './newMap';
import { operationCommands } from './operations';
import { panelCommands } from './panels';

export function registerCommands(context: vscode.ExtensionContext, c: CommandContext): void {
  const handlers: Partial<Record<CommandId, Handler>> = {};
  for (const group of [inspectCommands(c), newMapCommands(c), operationCommands(c), exportCommands(c), panelCommands(c), compareCommands(c), captureCommands(c)]) {
    for (const [id, h] of Object.entries(group) as [CommandId, Handler][]) {
      if (handlers[id]) throw new Error(`two handlers for ${id}`);
      handlers[id] = h;
    }
  }
  for (const id of allCommandIds) {
    const h = handlers[id];
    if (!h) throw new Error(`no handler for ${id}`);
    context.subscriptions.push(vscode.commands.registerCommand(id, h));
  }
}

export type { CommandContext };
