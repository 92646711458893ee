/**
 * Go Map Inspector: the composition root. Each feature registers itself and pushes its disposables
 * to `context.subscriptions`; all map logic lives in `src/core` (the runtime-neutral view and
 * sessions in `src/core/view`).
 */
import * as vscode from 'vscode';
import { CapturedSession } from '../core/view/capturedSession';
import { DebugWatch } from './capture';
import { registerCommands } from './commands';
import { registerCodeActions } from './codeActions';
import { registerHover } from './hover';
import { PanelManager } from './panel';
import { SessionStore } from './sessions';
import { watchSettings } from './settings';
import { StructureTree } from './tree';

export const structureViewId = 'goMapInspector.structure';

/** What `activate` returns: the live objects, for the real-VS-Code tests. */
export interface GoMapInspectorApi {
  store: SessionStore;
  panels: PanelManager;
  tree: StructureTree;
  /** Answers the "rebuild the open maps?" question instead of the user (tests set it). */
  answerRebuild?: (question: string) => Thenable<string | undefined>;
}

let active: SessionStore | undefined;

export function activate(context: vscode.ExtensionContext): GoMapInspectorApi {
  const output = vscode.window.createOutputChannel('Go Map Inspector');
  const log = (line: string): void => output.appendLine(line);
  const store = new SessionStore(context.workspaceState, log);
  const panels = new PanelManager(context.extensionUri, store, output);
  const tree = new StructureTree(store);
  const view = vscode.window.createTreeView(structureViewId, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(output, store, panels, tree, view);
  context.subscriptions.push(store.onDidChange((s) => {
    view.description = s?.displayTitle;
    void vscode.commands.executeCommand('setContext', 'goMapInspector.hasMap', s !== undefined);
    void vscode.commands.executeCommand('setContext', 'goMapInspector.capturedMap', store.active instanceof CapturedSession);
  }));
  // A row selected in the panel is revealed in the tree (the tree's own selection reveals in the panel).
  panels.onSelected = (session, array, row) => {
    const node = store.active?.id === session.id && view.visible ? tree.nodeFor(array, row) : undefined;
    if (node) void view.reveal(node, { select: true, focus: false, expand: false }).then(undefined, (e: unknown) => log(`tree reveal: ${String(e)}`));
  };
  const api: GoMapInspectorApi = { store, panels, tree };
  context.subscriptions.push(watchSettings(() => store.simulated(), (prev, next) => store.replace(prev, next), log, (q) => api.answerRebuild?.(q) ?? vscode.window.showInformationMessage(q, 'Rebuild', 'Keep')));
  const watch = new DebugWatch(store);
  context.subscriptions.push(watch);
  registerCommands(context, { store, panels, watch, log });
  registerHover(context);
  registerCodeActions(context);
  active = store;
  return api;
}

/** Writes the records of maps changed in the last second before the window goes. */
export function deactivate(): Promise<void> | undefined {
  return active?.flush();
}
