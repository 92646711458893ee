import * as assert from 'assert';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/protocol/commands';
import { api, hmapOf, newMap, rendered, waitFor } from './helpers';

/** Opens a workspace file (or an untitled Go document), puts the cursor on `text` and runs Inspect. */
async function inspectAt(file: string | { content: string; language: string }, text: string): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders![0];
  const doc = typeof file === 'string' ? await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, file)) : await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(doc);
  const at = doc.positionAt(doc.getText().indexOf(text));
  editor.selection = new vscode.Selection(at, at);
  return vscode.commands.executeCommand<string | undefined>(CommandId.InspectSelection);
}

/**
 * The number of sessions once it stops changing (5 equal reads 100 ms apart): a map an earlier
 * test opened may still be arriving, and must not be counted as one this test left behind.
 */
async function settledSessions(a: Awaited<ReturnType<typeof api>>): Promise<number> {
  let last = -1;
  let same = 0;
  for (const deadline = Date.now() + 15000; Date.now() < deadline; ) {
    const n = a.store.all().length;
    same = n === last ? same + 1 : 0;
    last = n;
    if (same >= 4) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the number of open maps never settled');
}

// Issue 13 item 3: nothing lost or left behind in the extension.
describe('lifecycle: nothing kept of a refused map, prompts die with their panel, bounded records', () => {
  it('a refused New Map keeps no session and no record', async () => {
    const a = await api();
    const sessions = await settledSessions(a);
    const saved = a.store.savedIds().length;
    // More random entries than goMapInspector.maxEntries: refused at that question.
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.NewMap, 'int64', 'int64', '0', '1000001'), undefined);
    // A type Go rejects as a key: refused at the first question.
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.NewMap, '[]int', 'int', '0', '0'), undefined);
    await a.store.flush();
    assert.strictEqual(a.store.all().length, sessions);
    assert.strictEqual(a.store.savedIds().length, saved);
  });

  it('a literal over maxEntries is refused and leaves nothing behind', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('goMapInspector');
    await config.update('maxEntries', 5, vscode.ConfigurationTarget.Global);
    try {
      const sessions = await settledSessions(a);
      const saved = a.store.savedIds().length;
      const six = 'package p\n\nvar sizes = map[string]int{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}\n';
      assert.strictEqual(await inspectAt({ content: six, language: 'go' }, '"a"'), undefined); // 6 entries > 5
      await a.store.flush();
      assert.strictEqual(a.store.all().length, sessions);
      assert.strictEqual(a.store.savedIds().length, saved);
    } finally {
      await config.update('maxEntries', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('closing the panel while a prompt is open cancels the command', async () => {
    await vscode.commands.executeCommand(CommandId.CloseAllPanels);
    const s = await newMap('string', 'int', 0, 3);
    await rendered(s.id);
    const a = await api();
    const pending = vscode.commands.executeCommand(CommandId.Insert); // asks for the key
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('map[string]int'));
    assert.ok(tab, 'the panel tab');
    await vscode.window.tabGroups.close(tab);
    assert.strictEqual(await pending, undefined);
    await waitFor('the session to be forgotten', () => a.store.get(s.id) === undefined);
    assert.strictEqual(a.store.savedRecord(s.id), undefined);
  });

  it('the record holds the declarations the types need and a compacted history, written once operations settle', async () => {
    const a = await api();
    const id = await inspectAt('cmd/orders/main.go', 'make(map[OrderID]string)');
    const s = a.store.get(id!)!;
    for (let i = 0; i < 40; i++) await vscode.commands.executeCommand(CommandId.Insert, String(i), `"v${i}"`);
    // Not written on every operation: the record still lacks the last inserts.
    const early = a.store.savedRecord(s.id);
    assert.ok(!early || early.ops.length < 40, 'the record waits for the operations to settle');
    await a.store.flush();
    const r = a.store.savedRecord(s.id)!;
    assert.deepStrictEqual(r.spec.decls, [{ name: 'OrderID', type: 'uint32' }]);
    assert.ok(!('declarations' in r.spec), 'no source file in the record');
    // 40 inserts: the 20 oldest as one insertMany, the last 20 one by one (undo steps kept).
    assert.strictEqual(r.ops.length, 21);
    assert.ok(JSON.stringify(r).length < 4000, `record of ${JSON.stringify(r).length} characters`);
    assert.strictEqual(hmapOf(s).count, 40);
  });

  it('changing goarch offers to rebuild the open maps: the same history on the new layout', async () => {
    const a = await api();
    const s = await newMap('int', 'string', 0, 0);
    await vscode.commands.executeCommand(CommandId.Insert, '7', '"seven"');
    const questions: string[] = [];
    a.answerRebuild = (q) => {
      questions.push(q);
      return Promise.resolve('Rebuild');
    };
    const config = vscode.workspace.getConfiguration('goMapInspector');
    try {
      await config.update('goarch', '386', vscode.ConfigurationTarget.Global);
      const rebuilt = await waitFor('the map rebuilt for 386', () => {
        const x = a.store.get(s.id);
        return x && x !== s && x.spec.goarch === '386' ? x : undefined;
      });
      assert.match(questions[0], /rebuild the \d+ open maps? for GOARCH 386 and seed 1\?|rebuild the open map for GOARCH 386/);
      // int is 4 bytes on 386: the bucket holds 8 + 8×4 + 8×8 (string) + 4 = 108 bytes.
      assert.strictEqual(rebuilt.type.layout.info.bucketsize, 108);
      assert.strictEqual(rebuilt.lookup(7).elem, '"seven"');
      assert.match(rebuilt.displayTitle, / · 386$/);
      await waitFor('the panel title to follow', () => a.panels.openPanels().find((p) => p.sessionId === s.id)?.title.includes('· 386'));
    } finally {
      a.answerRebuild = () => Promise.resolve('Keep');
      await config.update('goarch', undefined, vscode.ConfigurationTarget.Global);
      a.answerRebuild = undefined;
    }
  });

  it('undo of a 10^6-key fill does not block the extension host', async function () {
    this.timeout(120_000);
    const s = await newMap('int64', 'int64', 0, 0);
    // 999,999 random keys and one typed key: goMapInspector.maxEntries (10^6) in all.
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.Fill, 999_999), true);
    assert.strictEqual(hmapOf(s).count, 999_999);
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.Insert, '-1', '1'), true);
    assert.strictEqual(hmapOf(s).count, 1_000_000);
    // Undo the insert: the map is rebuilt from before the fill, replaying 10^6 inserts in slices.
    let last = Date.now();
    let longest = 0;
    const tick = setInterval(() => {
      const now = Date.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    const t0 = Date.now();
    try {
      assert.strictEqual(await vscode.commands.executeCommand(CommandId.Undo), true);
    } finally {
      clearInterval(tick);
    }
    assert.strictEqual(hmapOf(s).count, 999_999);
    assert.ok(longest < 500, `the host stalled ${longest} ms at most during an undo of ${Date.now() - t0} ms`);
    // Undo the fill itself: a copy kept before it, restored at once.
    const t1 = Date.now();
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.Undo), true);
    assert.strictEqual(hmapOf(s).count, 0);
    assert.ok(Date.now() - t1 < 1000, `undo of the fill took ${Date.now() - t1} ms`);
  });
});
