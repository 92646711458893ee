import * as assert from 'assert';
import * as vscode from 'vscode';
import { CommandId, allCommandIds } from '../../../src/protocol/commands';
import { api, extensionId } from './helpers';

describe('extension: manifest and registration', () => {
  it('activates and returns its API', async () => {
    const a = await api();
    assert.ok(a.store && a.panels && a.tree);
  });

  it('declares exactly the command ids of the CommandId enum in package.json', () => {
    const pkg = vscode.extensions.getExtension(extensionId)!.packageJSON;
    const declared = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepStrictEqual(declared, [...allCommandIds].sort());
    for (const c of pkg.contributes.commands as { category?: string; title: string }[]) {
      assert.strictEqual(c.category, 'Go Map', `${c.title} has category Go Map`);
      assert.ok(!c.title.startsWith('Go Map'), `${c.title}: the category, not the title, says Go Map`);
    }
  });

  it('registers every command with VS Code', async () => {
    await api();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of allCommandIds) assert.ok(registered.has(id), `${id} registered`);
  });

  it('hides the internal reveal command from the palette and scopes map commands to an open map', () => {
    const pkg = vscode.extensions.getExtension(extensionId)!.packageJSON;
    const palette = pkg.contributes.menus.commandPalette as { command: string; when: string }[];
    assert.strictEqual(palette.find((p) => p.command === CommandId.RevealInPanel)?.when, 'false');
    assert.strictEqual(palette.find((p) => p.command === CommandId.Insert)?.when, 'goMapInspector.hasMap');
    assert.match(palette.find((p) => p.command === CommandId.InspectSelection)!.when, /editorLangId == go/);
  });

  it('contributes the settings with their defaults', () => {
    const c = vscode.workspace.getConfiguration('goMapInspector');
    assert.strictEqual(c.get('goarch'), 'amd64');
    assert.strictEqual(c.get('maxEntries'), 1_000_000);
    assert.strictEqual(typeof c.get('seed'), 'number');
  });

  it('contributes the tree view in its own activity-bar container', () => {
    const pkg = vscode.extensions.getExtension(extensionId)!.packageJSON;
    assert.strictEqual(pkg.contributes.viewsContainers.activitybar[0].id, 'goMapInspector');
    assert.strictEqual(pkg.contributes.views.goMapInspector[0].id, 'goMapInspector.structure');
  });
});
