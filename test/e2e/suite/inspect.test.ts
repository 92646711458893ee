import * as assert from 'assert';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/protocol/commands';
import { api, hmapOf } from './helpers';

/** Opens a workspace file (or an untitled Go document), puts the cursor on `text`, runs Inspect. */
async function inspectAt(file: string | { content: string; language: string }, text: string, offset = 0): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders![0];
  const doc = typeof file === 'string'
    ? await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, file))
    : await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(doc);
  const at = doc.positionAt(doc.getText().indexOf(text) + offset);
  editor.selection = new vscode.Selection(at, at);
  return vscode.commands.executeCommand<string | undefined>(CommandId.InspectSelection);
}

describe('inspect the map under the cursor (literal evaluator of src/core/literal)', () => {
  const cases: { file: string; at: string; offset?: number; title: string; count: number; B?: number }[] = [
    { file: 'literals.go', at: '"https":', title: 'map[string]int', count: 12, B: 1 },
    { file: 'literals.go', at: '9: 81', title: 'map[int64]int64', count: 14, B: 2 },
    { file: 'literals.go', at: '-1: true', title: 'map[int8]bool', count: 4, B: 0 },
    { file: 'literals.go', at: 'make(map[string]int, 1000)', offset: 2, title: 'map[string]int', count: 0, B: 8 },
    { file: 'cmd/orders/main.go', at: '"apples": 12', title: 'map[string]uint32', count: 4, B: 0 },
    { file: 'cmd/orders/main.go', at: 'make(map[OrderID]string)', offset: 2, title: 'map[OrderID]string', count: 0, B: 0 },
    { file: 'cmd/orders/main.go', at: 'map[uint16][200]byte{}', offset: 3, title: 'map[uint16][200]byte', count: 0, B: 0 },
    { file: 'inventory.json', at: '"kiwis"', title: 'map[string]int', count: 10, B: 1 },
  ];
  for (const c of cases) {
    it(`${c.file} at ${c.at}: ${c.title} with ${c.count} entries`, async () => {
      const a = await api();
      const id = await inspectAt(c.file, c.at, c.offset);
      assert.ok(id, 'a map was built');
      const s = a.store.get(id)!;
      assert.strictEqual(s.title, c.title);
      assert.strictEqual(hmapOf(s).count, c.count);
      if (c.B !== undefined) assert.strictEqual(hmapOf(s).B, c.B);
      hmapOf(s).checkInvariants();
    });
  }

  it('stores [200]byte values indirectly (over 128 bytes)', async () => {
    const a = await api();
    const id = await inspectAt('cmd/orders/main.go', 'map[uint16][200]byte{}', 3);
    const t = a.store.get(id!)!.mapView().type;
    assert.strictEqual(t.indirectElem, true);
    assert.strictEqual(t.elemSlotBytes, 8);
  });

  it('a partial selection inside a literal inspects the enclosing literal', async () => {
    const a = await api();
    const folder = vscode.workspace.workspaceFolders![0];
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'literals.go'));
    const editor = await vscode.window.showTextDocument(doc);
    // From the middle of one entry to the middle of the next: `443,\n\t"ssh":`.
    const start = doc.positionAt(doc.getText().indexOf('443,'));
    const end = doc.positionAt(doc.getText().indexOf('"ssh":') + 4);
    editor.selection = new vscode.Selection(start, end);
    const id = await vscode.commands.executeCommand<string>(CommandId.InspectSelection);
    assert.ok(id);
    assert.strictEqual(hmapOf(a.store.get(id)!).count, 12);
    // A selection that starts before the literal (the whole line of its declaration) too.
    const line = doc.lineAt(doc.positionAt(doc.getText().indexOf('var Ports')).line);
    editor.selection = new vscode.Selection(line.range.start, line.range.end);
    const again = await vscode.commands.executeCommand<string>(CommandId.InspectSelection);
    assert.strictEqual(again, id, 'the same literal: its open map');
  });

  it('builds nothing for a sync.Map, or for a literal the compiler rejects', async () => {
    assert.strictEqual(await inspectAt('literals.go', 'var Cache sync.Map', 10), undefined);
    const bad = 'package p\n\nvar m = map[int8]int{300: 1}\n';
    assert.strictEqual(await inspectAt({ content: bad, language: 'go' }, '300'), undefined);
  });
});
