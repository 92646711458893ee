import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/protocol/commands';
import { api, hmapOf, newMap, rendered, waitFor } from './helpers';

describe('panel: operations through the commands, rendered by the webview', () => {
  it('opens a panel for a new map and the webview renders it (ready → map → viewport → buckets → rendered)', async () => {
    const s = await newMap('string', 'int', 0, 20);
    assert.strictEqual(hmapOf(s).count, 20);
    const r = await rendered(s.id);
    assert.ok(r.ms >= 0);
    const a = await api();
    const p = a.panels.openPanels().find((x) => x.sessionId === s.id)!;
    assert.match(p.title, /map\[string\]int/);
    // Strict CSP: nothing by default, scripts only with this page's nonce, no inline anything.
    assert.match(p.csp ?? '', /^default-src 'none'; /);
    assert.match(p.csp ?? '', /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    assert.doesNotMatch(p.csp ?? '', /unsafe-inline|unsafe-eval|(^|\s)\*(;|\s|$)/);
  });

  it('closing the last panel of a map forgets the map, so later commands cannot change it unseen', async () => {
    const s = await newMap('int64', 'int64', 0, 3);
    await rendered(s.id);
    const a = await api();
    assert.ok(a.store.get(s.id), 'the map is open');
    // Close the panel's editor tab the way a user does.
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.isActive && t.input instanceof vscode.TabInputWebview);
    assert.ok(tab, 'the map panel is the active tab');
    await vscode.window.tabGroups.close(tab);
    await waitFor('the session to be forgotten', () => a.store.get(s.id) === undefined);
    assert.ok(!a.panels.openPanels().some((p) => p.sessionId === s.id));
  });

  it('insert, delete, lookup, undo and redo change the map and the history', async () => {
    const s = await newMap('string', 'int64', 0, 0);
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.Insert, '"a"', '1'), true);
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.Insert, 'b', '2'), true);
    assert.strictEqual(hmapOf(s).count, 2);
    const found = await vscode.commands.executeCommand<{ found: boolean; elem: string; steps: unknown[] }>(CommandId.Lookup, '"b"');
    assert.strictEqual(found.found, true);
    assert.strictEqual(found.elem, '2');
    assert.ok(found.steps.length >= 2, 'the lookup reports its path');
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.Delete, '"a"'), true);
    assert.strictEqual(hmapOf(s).count, 1);
    assert.ok(hmapOf(s).chain('buckets', 0).some((b) => b.tophash.some((t) => t === 1 || t === 0)), 'the deleted slot is emptyOne or emptyRest');
    await vscode.commands.executeCommand(CommandId.Undo);
    assert.strictEqual(hmapOf(s).count, 2);
    await vscode.commands.executeCommand(CommandId.Redo);
    assert.strictEqual(hmapOf(s).count, 1);
    assert.deepStrictEqual(s.mapView().history, { position: 3, length: 3, last: 'delete(m, "a")' });
    await rendered(s.id);
  });

  it('grows: past 6.5 entries per bucket the map starts growing; stepGrowth evacuates, finishGrowth ends it', async () => {
    const s = await newMap('int64', 'int64', 0, 52); // B = 3 holds 52
    assert.strictEqual(hmapOf(s).B, 3);
    assert.strictEqual(hmapOf(s).growing(), false);
    await vscode.commands.executeCommand(CommandId.Fill, 1);
    assert.strictEqual(hmapOf(s).growing(), true);
    assert.strictEqual(hmapOf(s).B, 4);
    const before = hmapOf(s).nevacuate;
    await vscode.commands.executeCommand(CommandId.StepGrowth);
    assert.ok(hmapOf(s).nevacuate > before || !hmapOf(s).growing());
    await rendered(s.id);
    await vscode.commands.executeCommand(CommandId.FinishGrowth);
    assert.strictEqual(hmapOf(s).growing(), false);
    hmapOf(s).checkInvariants();
    await rendered(s.id);
  });

  it('range reports one iteration order with all keys', async () => {
    const s = await newMap('int32', 'bool', 0, 30);
    const it = await vscode.commands.executeCommand<{ keys: string[]; total: number; startBucket: number }>(CommandId.Iterate);
    assert.strictEqual(it.total, 30);
    assert.strictEqual(new Set(it.keys).size, hmapOf(s).count);
  });

  it('refuses to go above goMapInspector.maxEntries and builds nothing', async () => {
    const s = await newMap('int64', 'int64', 0, 10);
    // Refused while asking (the prompt's range says why), before anything runs.
    const ok = await vscode.commands.executeCommand(CommandId.Fill, 1_000_000);
    assert.strictEqual(ok, undefined);
    assert.strictEqual(hmapOf(s).count, 10);
  });

  it('exports a JSON snapshot and an SVG picture of what the panel shows', async () => {
    const s = await newMap('string', 'int', 0, 0);
    await vscode.commands.executeCommand(CommandId.Insert, '"<script>x</script>"', '1');
    await rendered(s.id);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomap-export-'));
    const json = vscode.Uri.file(path.join(dir, 'm.json'));
    await vscode.commands.executeCommand(CommandId.ExportSnapshot, json);
    const snap = JSON.parse(fs.readFileSync(json.fsPath, 'utf8'));
    assert.strictEqual(snap.snapshot.count, 1);
    assert.strictEqual(snap.type.key, 'string');
    const svgUri = vscode.Uri.file(path.join(dir, 'm.svg'));
    await vscode.commands.executeCommand(CommandId.ExportImage, svgUri);
    const svg = fs.readFileSync(svgUri.fsPath, 'utf8');
    assert.match(svg, /^<svg /);
    assert.ok(svg.includes('&lt;script&gt;'), 'keys are escaped in the SVG');
    assert.ok(!svg.includes('<script>'), 'no raw markup from keys');
  });

  it('a 2^20-bucket map opens and renders its first frame', async () => {
    const s = await newMap('int64', 'int64', 13 * 2 ** 19, 0);
    assert.strictEqual(hmapOf(s).B, 20);
    const r = await rendered(s.id);
    assert.ok(r.ms < 3000, `first frame in ${r.ms} ms`);
  });
});

describe('typed keys and values: JSON value form or Go syntax', () => {
  it('takes Go expressions the literal evaluator understands', async () => {
    const s = await newMap('int8', 'string', 0, 0);
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.Insert, "'A'", '"a" + "b"'), true);
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.Insert, '0x1f', '`raw`'), true);
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.Insert, '-1 << 3', 'plain'), true);
    const a = s.lookup(65);
    assert.strictEqual(a.found, true);
    assert.strictEqual(a.elem, '"ab"');
    assert.strictEqual(s.lookup(31).elem, '"raw"');
    assert.strictEqual(s.lookup(-8).elem, '"plain"');
  });

  it('refuses a value that does not fit the type, and changes nothing', async () => {
    const s = await newMap('int8', 'bool', 0, 0);
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.Insert, '300', 'true'), undefined);
    assert.strictEqual(hmapOf(s).count, 0);
  });
});
