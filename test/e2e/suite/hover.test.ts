import * as assert from 'assert';
import * as vscode from 'vscode';
import { api } from './helpers';

describe('hover and code actions on Go files (providers over src/core/hover)', () => {
  async function literals(): Promise<vscode.TextDocument> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the sample workspace is open');
    return vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'literals.go'));
  }

  it('hovers make(map[string]int, 1000) with its numbers and the link that opens the panel', async () => {
    await api();
    const doc = await literals();
    const line = doc.getText().split('\n').findIndex((l) => l.includes('make(map[string]int, 1000)'));
    const col = doc.lineAt(line).text.indexOf('make') + 1;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, col));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /Inspect in Go Map Inspector/);
    assert.match(text, /command:goMapInspector\.newMap\?/);
  });
});
