/**
 * Commands about the panels themselves: "Close All Map Panels", and the tree's internal "reveal in
 * panel" (hidden from the palette).
 */
import * as vscode from 'vscode';
import { CommandId } from '../../protocol/commands';
import { CommandContext, Handler } from './context';

export function panelCommands(c: CommandContext): Partial<Record<CommandId, Handler>> {
  return {
    [CommandId.CloseAllPanels]: () => {
      const n = c.panels.closeAll();
      if (n === 0) void vscode.window.showInformationMessage('Go Map: no map panel is open.');
      return n;
    },

    [CommandId.RevealInPanel]: (array: unknown, row?: unknown, group?: unknown, slot?: unknown) => {
      // From the tree's inline action the argument is the node itself.
      if (typeof array === 'object' && array !== null && 'array' in array && 'bucket' in array) {
        const n = array as { array: unknown; bucket: unknown; chainIndex?: unknown; slot?: unknown };
        ({ array, bucket: row, chainIndex: group, slot } = n as { array: unknown; bucket: unknown; chainIndex?: unknown; slot?: unknown });
      }
      if (typeof array !== 'string' || typeof row !== 'number') return;
      c.panels.reveal(array, row, typeof group === 'number' ? group : undefined, typeof slot === 'number' ? slot : undefined);
    },
  };
}
