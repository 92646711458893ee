/**
 * Code actions on Go map code ("Reorder fields of T to save N bytes per bucket", "Rebuild map to
 * release memory"): a thin `CodeActionProvider` over `src/core/hover/actions.ts`, which computes
 * the titles and text edits on the same cached trees as the hovers.
 */
import * as vscode from 'vscode';
import { codeActionsSync, initHover } from '../core/hover';
import { toVsRange } from './hover';
import { readSettings } from './settings';
import { runtimes } from './runtime';

export class GoMapCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.RefactorRewrite];

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): Promise<vscode.CodeAction[]> {
    await initHover();
    const runtime = await runtimes().forDocument(document.uri);
    const actions = codeActionsSync(
      document.getText(),
      { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } },
      { goarch: readSettings().goarch, runtime },
      { key: document.uri.toString(), version: document.version },
    );
    return actions.map((a) => {
      const action = new vscode.CodeAction(a.title, vscode.CodeActionKind.RefactorRewrite);
      action.edit = new vscode.WorkspaceEdit();
      for (const e of a.edits) action.edit.replace(document.uri, toVsRange(e.range), e.newText);
      return action;
    });
  }
}

/** Registers the code actions for Go files; the lead calls this from `activate`. */
export function registerCodeActions(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ language: 'go' }, new GoMapCodeActionProvider(), {
      providedCodeActionKinds: GoMapCodeActionProvider.kinds,
    }),
  );
}
