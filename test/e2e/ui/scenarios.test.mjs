// UI scenarios: a person's path through the extension in code-server, driven with Chromium.
// Each runs commands from the palette on the sample files and reads the panel (the webview's
// nested iframes) and the tree (role=treeitem). `run.mjs` starts code-server with the extension
// installed and passes it in `globalThis.__gomapE2E`. Screenshots: test/e2e/.run/screenshots/.

import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import {
  acceptQuickInputTitled, answerQuickInput, cursorIn, notification, openFile, openWorkbench, runCommand, webviewFrame,
} from '../lib/browser.mjs';

const ctx = globalThis.__gomapE2E;

describe('UI: Go Map Inspector in code-server', function () {
  let page;
  const shot = (name) => page.screenshot({ path: path.join(ctx.screenshotsDir, `${name}.png`) });
  const panel = () => webviewFrame(page);
  const summaryHas = (text) => panel().locator('[data-testid=summary]', { hasText: text }).waitFor();
  const summary = () => panel().locator('[data-testid=summary]').innerText();

  /** Opens the extension's activity-bar container unless it is open already (a click would close it). */
  async function showTree() {
    const open = await page.locator('.activitybar .action-item.checked [aria-label^="Go Map Inspector"]').count();
    if (!open) await page.locator('.activitybar [aria-label^="Go Map Inspector"]').first().click();
    await page.locator('.sidebar .title-label', { hasText: /Go Map Inspector/i }).first().waitFor();
  }

  const cursorAt = (relPath, text, offset = 0) => cursorIn(page, ctx.workspace, relPath, text, offset);


  before(async () => {
    page = await ctx.newPage(ctx.browser);
    await openWorkbench(page, ctx.cs.folderUrl(ctx.workspace), {
      fileName: 'literals.go',
      readySelector: '.activitybar [role=tab][aria-label^="Go Map Inspector"], .activitybar .action-item a[aria-label^="Go Map Inspector"]',
    });
  });

  after(async () => {
    if (page) await page.context().close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await shot(`failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
    }
  });

  it('inspects a Go map literal under the cursor: panel with header, slots and keys', async () => {
    await cursorAt('literals.go', '"http":');
    await runCommand(page, 'Go Map: Inspect Map Under Cursor');
    await summaryHas('count 12');
    assert.match(await summary(), /count 12 · B 1 · buckets 2 · overflow buckets 0 · not growing/);
    const stored = await panel().locator('[data-testid=slot]').evaluateAll((els) => els.filter((e) => Number(e.getAttribute('data-tophash')) >= 5).map((e) => ({ text: e.textContent, title: e.getAttribute('title') })));
    assert.strictEqual(stored.length, 12);
    // In a panel beside the code (about 600 px) the slots are narrow; each still shows its key and
    // its elem on lines of their own, inside the slot's box (the tooltip has `key = elem` whole).
    assert.ok(stored.some((t) => t.text.includes('"https"') && t.title.includes('"https" = 443')), 'slot shows key as text, key and value in its tooltip');
    const narrow = await panel().locator('.scroller').evaluate((scroller) => {
      const https = [...scroller.querySelectorAll('[data-testid=slot]')].find((e) => e.querySelector('.k')?.textContent === '"https"');
      const box = (e) => e.getBoundingClientRect();
      const within = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
      const v = https?.querySelector('.v');
      return {
        panelWidth: scroller.clientWidth,
        elem: v?.textContent,
        shown: !!v && getComputedStyle(v).display !== 'none' && getComputedStyle(v).visibility !== 'hidden' && box(v).width > 10 && box(v).height >= 10,
        inSlot: !!v && within(box(v), box(https)),
      };
    });
    assert.ok(narrow.panelWidth <= 760, `the panel beside the code is narrow: ${narrow.panelWidth} px`);
    assert.deepStrictEqual({ elem: narrow.elem, shown: narrow.shown, inSlot: narrow.inSlot }, { elem: '= 443', shown: true, inSlot: true }, JSON.stringify(narrow));
    await panel().locator('.ruler').first().waitFor();
    await shot('panel-go-literal');
  });

  it('shows the structure tree in its own activity-bar container', async () => {
    await showTree();
    const tree = page.locator('[role=treeitem]', { hasText: 'tophash states' });
    await tree.waitFor();
    await page.locator('[role=treeitem]', { hasText: /^buckets/ }).first().click();
    const bucket1 = page.locator('[role=treeitem]', { hasText: 'bucket 1' }).first();
    await bucket1.waitFor();
    const label = await bucket1.innerText();
    assert.match(label, /bucket 1\s*chain \d+ · \d+ live/);
    await bucket1.click(); // reveals it in the panel
    await panel().locator('.row.selected .index', { hasText: '1' }).waitFor();
    // Expand bucket 1 → its chain → the slots of its first bmap.
    // (Keys act on the tree's focused row, so expand with the twisties.)
    if ((await bucket1.getAttribute('aria-expanded')) !== 'true') await bucket1.locator('.monaco-tl-twistie').click();
    const bmap = page.locator('[role=treeitem][aria-level="3"]', { hasText: /^bucket 1(?!\d)/ }).first();
    await bmap.waitFor();
    await bmap.locator('.monaco-tl-twistie').click();
    const slot = page.locator('[role=treeitem][aria-level="4"]', { hasText: /^slot 0 · / }).first();
    await slot.waitFor();
    assert.match(await slot.innerText(), /slot 0 · (top 0x[0-9a-f]{2}\s*"[a-z0-9]+" = \d+|emptyRest|emptyOne)/);
    await shot('tree');
  });

  it('inserts, looks up, deletes, undoes and redoes from the palette', async () => {
    await runCommand(page, 'Go Map: Insert Key…');
    await answerQuickInput(page, '"gopher"');
    await answerQuickInput(page, '7');
    await summaryHas('count 13');
    await panel().locator('[data-testid=slot]', { hasText: '"gopher"' }).waitFor();

    await runCommand(page, 'Go Map: Look Up Key…');
    await answerQuickInput(page, '"gopher"');
    await panel().locator('[data-testid=result]', { hasText: 'm["gopher"] = 7, in bucket' }).waitFor();
    const steps = await panel().locator('[data-testid=result]').innerText();
    assert.match(steps, /hash 0x[0-9a-f·]+ → bucket \d+ \(low 1 bits\), tophash 0x[0-9a-f]+/);
    assert.match(steps, /slot \d: top 0x[0-9a-f]{2}: tophash and key match: found/);
    await panel().locator('.slot.hl-found').waitFor();
    await shot('lookup-path');

    await runCommand(page, 'Go Map: Delete Key…');
    await answerQuickInput(page, '"gopher"');
    await summaryHas('count 12');
    assert.strictEqual(await panel().locator('[data-testid=slot]', { hasText: '"gopher"' }).count(), 0);

    await runCommand(page, 'Go Map: Undo Map Operation');
    await summaryHas('count 13');
    await runCommand(page, 'Go Map: Redo Map Operation');
    await summaryHas('count 12');
  });

  it('makes a new map from quick inputs and steps through its growth', async () => {
    // From a file of the Go 1.19 module: the new map is the classic hmap.
    await openFile(page, 'literals.go');
    await runCommand(page, 'Go Map: New Map…');
    await answerQuickInput(page, 'int64');
    await answerQuickInput(page, 'int64');
    await answerQuickInput(page, '0');
    await answerQuickInput(page, '52');
    await summaryHas('count 52 · B 3');
    await runCommand(page, 'Go Map: Insert Random Keys…');
    await answerQuickInput(page, '1');
    // The insert that starts the growth already does one growWork (mapassign's `goto again`).
    await summaryHas('growing (doubling, nevacuate ');
    const before = Number(/nevacuate (\d+)\/8/.exec(await summary())[1]);
    await runCommand(page, 'Go Map: Step Growth (one growWork)');
    await panel().locator('[data-testid=summary]').filter({ hasText: new RegExp(`nevacuate (?!${before}/)\\d+/8`) }).waitFor();
    assert.ok(await panel().locator('[data-testid=slot][data-tophash="2"], [data-testid=slot][data-tophash="3"]').count() > 0, 'evacuated slots are shown');
    await panel().locator('.arrows path').first().waitFor({ state: 'attached' });
    // A wider window, so old and new buckets fit side by side in the picture.
    await page.setViewportSize({ width: 2400, height: 1000 });
    await panel().locator('.arrows path').first().waitFor({ state: 'attached' });
    await shot('growth-step');
    await page.setViewportSize({ width: 1440, height: 900 });
    await runCommand(page, 'Go Map: Finish Growth');
    await summaryHas('count 53 · B 4 · buckets 16');
    await summaryHas('not growing');
  });

  it('ranges over the map: one iteration order from a random start', async () => {
    await runCommand(page, 'Go Map: Range Over Map (one iteration order)');
    await panel().locator('[data-testid=result]', { hasText: 'range: start bucket' }).waitFor();
    assert.match(await panel().locator('[data-testid=result]').innerText(), /53 keys in this order/);
  });

  it('inspects a JSON object under the cursor as map[string]int', async () => {
    await cursorAt('inventory.json', '"pears"');
    await runCommand(page, 'Go Map: Inspect Map Under Cursor');
    await summaryHas('count 10');
    await panel().locator('h1', { hasText: 'map[string]int' }).waitFor();
    await panel().locator('[data-testid=slot]', { hasText: '"apples"' }).waitFor();
    await shot('panel-json');
  });

  it('inspects make(map[string]int, 1000): B from the hint, nothing inserted', async () => {
    await cursorAt('literals.go', 'make(map[string]int, 1000)', 2);
    await runCommand(page, 'Go Map: Inspect Map Under Cursor');
    await summaryHas('count 0 · B 8 · buckets 256');
  });

  it('hovers make(map[string]int, 1000) with the runtime\'s numbers and a link to the panel', async () => {
    await cursorAt('literals.go', 'make(map[string]int, 1000)', 2);
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover', { hasText: 'Inspect in Go Map Inspector' }).first();
    await hover.waitFor();
    assert.match(await hover.innerText(), /bucket/i);
    await shot('hover');
    // The link runs goMapInspector.newMap(key, elem, hint), which asks for random entries.
    await hover.locator('a', { hasText: 'Inspect in Go Map Inspector' }).click();
    await answerQuickInput(page, '0');
    await summaryHas('count 0 · B 8 · buckets 256');
  });

  it('says why a sync.Map cannot be shown', async () => {
    await cursorAt('literals.go', 'var Cache sync.Map', 10);
    await runCommand(page, 'Go Map: Inspect Map Under Cursor');
    const text = await notification(page, 'sync.Map');
    assert.match(text, /not a hash map of buckets/);
  });

  it('exports the snapshot (JSON) and the picture (SVG) through the save dialog', async () => {
    await runCommand(page, 'Go Map: Export Snapshot (JSON)…');
    await acceptQuickInputTitled(page, 'Export map snapshot');
    const jsonFile = path.join(ctx.workspace, 'map_string_int.json');
    await notification(page, 'snapshot written to');
    const snap = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    assert.strictEqual(snap.snapshot.B, 8);
    await runCommand(page, 'Go Map: Export Picture (SVG)…');
    await acceptQuickInputTitled(page, 'Export map picture');
    await notification(page, 'written to map_string_int.svg');
    const svg = fs.readFileSync(path.join(ctx.workspace, 'map_string_int.svg'), 'utf8');
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('brings the panel back after a window reload (serializer)', async () => {
    await summaryHas('count 0 · B 8');
    const before = await summary();
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor();
    await panel().locator('[data-testid=summary]', { hasText: before }).waitFor({ timeout: 45000 });
    // The tree follows the restored panel.
    await showTree();
    await page.locator('[role=treeitem]', { hasText: 'count 0 · B 8' }).first().waitFor();
    await shot('after-reload');
  });
});
