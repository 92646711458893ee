/**
 * Go Map Inspector: the composition root. Each feature registers itself and pushes its disposables
 * to `context.subscriptions`; all map logic lives in `src/core`.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerCodeActions } from './codeActions';
import { registerHover } from './hover';
import { PanelManager } from './panel';
import { SessionStore } from './sessions';
import { StructureTree } from './tree';

export const structureViewId = 'goMapInspector.structure';

/** What `activate` returns: the live objects, for the real-VS-Code tests. */
export interface GoMapInspectorApi {
  store: SessionStore;
  panels: PanelManager;
  tree: StructureTree;
}

export function activate(context: vscode.ExtensionContext): GoMapInspectorApi {
  const store = new SessionStore(context.workspaceState);
  const panels = new PanelManager(context.extensionUri, store);
  const tree = new StructureTree(store);
  const view = vscode.window.createTreeView(structureViewId, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(store, panels, tree, view);
  context.subscriptions.push(store.onDidChange((s) => {
    view.description = s?.title;
    void vscode.commands.executeCommand('setContext', 'goMapInspector.hasMap', s !== undefined);
  }));
  registerCommands(context, store, panels);
  registerHover(context);
  registerCodeActions(context);
  return { store, panels, tree };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
