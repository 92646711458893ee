/**
 * "Go Map: Compare Classic and Swiss" (and the panel's Compare button): the active map's history
 * replayed under both models by `compareRuntimes` (`src/core/view/compare.ts`), shown in the map's
 * panel beside each other. The comparison is the core's; this only runs it and shows it.
 */
import * as vscode from 'vscode';
import { compareRuntimes } from '../../core/view/compare';
import { CommandId } from '../../protocol/commands';
import { CommandContext, Handler, withProgress, withSession } from './context';

export function compareCommands(c: CommandContext): Partial<Record<CommandId, Handler>> {
  return {
    [CommandId.Compare]: withSession(c, async (s) => {
      const comparison = await withProgress('replaying the history under both runtimes', s.model.count >= 50_000, () => compareRuntimes(s));
      const opened = c.panels.panelOf(s) === undefined;
      const panel = c.panels.show(s);
      // A panel opened just now hears nothing until its webview has drawn the map.
      if (opened && !(await until(() => panel.lastRendered !== undefined, 15_000))) {
        void vscode.window.showWarningMessage('Go Map: the panel did not open in time to show the comparison; run the command again.');
      }
      await panel.post({ type: 'compare', comparison });
      c.log(`compare ${comparison.title}: ${comparison.rows.map((r) => `${r.name}: classic ${r.classic} | swiss ${r.swiss}`).join('; ')}`);
      return comparison;
    }),
  };
}

/** Waits for `ready()` (checked every 50 ms) up to `ms`; whether it became true. */
async function until(ready: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (ready()) return true;
  return ready();
}
