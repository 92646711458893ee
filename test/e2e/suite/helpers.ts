import * as vscode from 'vscode';
import type { GoMapInspectorApi } from '../../../src/extension/extension';
import type { HMap } from '../../../src/core/classic/hmap';
import type { ClassicModel } from '../../../src/core/view/classic';
import type { MapSession } from '../../../src/core/view/session';

export const extensionId = 'go-map-inspector.go-map-inspector';

export async function api(): Promise<GoMapInspectorApi> {
  const ext = vscode.extensions.getExtension<GoMapInspectorApi>(extensionId);
  if (!ext) throw new Error(`extension ${extensionId} is not loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Polls `cond` until it returns a truthy value (no fixed sleeps: a condition or a timeout). */
export async function waitFor<T>(what: string, cond: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Makes a file of the sample workspace's Go 1.19 module the active editor: new maps then use the
 * classic runtime (issue 10: a new map follows the active file's module). */
export async function inClassicModule(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0];
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'literals.go'));
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: true });
}

/** Opens a new (classic) map through the command with arguments instead of prompts; returns its session. */
export async function newMap(key: string, elem: string, hint: number, n: number) {
  const a = await api();
  await inClassicModule();
  const id = await vscode.commands.executeCommand<string>('goMapInspector.newMap', key, elem, hint, n);
  if (!id) throw new Error('newMap returned no session');
  const s = a.store.get(id);
  if (!s) throw new Error('session not in the store');
  return s;
}

/** Waits until the panel of session `id` has drawn the session's current revision. */
export async function rendered(id: string): Promise<{ revision: number; ms: number }> {
  const a = await api();
  return waitFor(`the panel to render ${id}`, () => {
    const s = a.store.get(id);
    const p = a.panels.openPanels().find((x) => x.sessionId === id);
    return s && p?.lastRendered && p.lastRendered.revision === s.revision ? p.lastRendered : undefined;
  });
}

/** The classic hmap under a session (the tests look at the runtime's own fields). */
export function hmapOf(s: MapSession): HMap {
  return (s.model as ClassicModel).h;
}
