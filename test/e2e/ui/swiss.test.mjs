// UI scenarios for Swiss maps (issue 10): the same map literal in three modules of one workspace
// (test/fixtures/swiss-workspace: go.mod saying 1.22, 1.26 and 1.27). Under 1.22 the panel shows
// the classic map and the hover says why; under 1.26 and 1.27 a Swiss map whose summary, tables
// and every drawn slot's `data-ctrl` equal what the core model computes for the same entries and
// seed (`swiss-expected.ts`, run beside the test); the compare view; the README screenshots (into
// test/e2e/.run/screenshots/ like every other picture; GOMAP_README_SHOTS=1 writes them over
// media/screenshots/, so a test run never changes tracked files).
// This file starts its own code-server on a copy of that workspace.

import assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerQuickInput, cursorIn, focusWorkbench, openWorkbench, runCommand, webviewFrame } from '../lib/browser.mjs';
import { runRoot, startCodeServer } from '../lib/codeserver.mjs';

const ctx = globalThis.__gomapE2E;
const here = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(here, '..', '..', '..');
const readmeShots = process.env.GOMAP_README_SHOTS === '1' ? path.join(rootDir, 'media', 'screenshots') : ctx.screenshotsDir;

/** The core model's view of the `Ports` literal on Go `version` (see swiss-expected.ts). */
function expected(version) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'swiss-expected.ts'), version], { cwd: rootDir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`swiss-expected.ts failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('UI: Swiss maps picked from go.mod (1.22, 1.26, 1.27)', function () {
  this.timeout(120_000);
  let cs;
  let page;
  let workspace;
  const panel = () => webviewFrame(page);
  const shot = (file) => page.screenshot({ path: file });
  const summaryHas = (text) => panel().locator('[data-testid=summary]', { hasText: text }).waitFor();
  const summary = () => panel().locator('[data-testid=summary]').innerText();

  /** Every slot drawn now: its table, group, slot and data-ctrl. */
  const drawnCtrl = () => panel().locator('[data-testid=slot]').evaluateAll((els) => els.map((e) => {
    const g = e.closest('[data-row]');
    return { array: g.dataset.array, row: Number(g.dataset.row), slot: Number(e.dataset.slot), ctrl: e.dataset.ctrl === undefined ? undefined : Number(e.dataset.ctrl) };
  }));

  /** Closes every editor (and map panel), so the file opens in one group beside one panel. */
  async function closeAll() {
    await runCommand(page, 'View: Close All Editor Groups');
    await page.locator('.tabs-container [role=tab]').first().waitFor({ state: 'detached' }).catch(() => undefined);
  }

  async function clearToasts() {
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.notifications-toasts .notification-list-item').first().waitFor({ state: 'detached' }).catch(() => undefined);
  }

  /** Folds the memory and layout cards (remembered by the panel), so the rows have the height. */
  async function foldCards() {
    for (const name of ['memory', 'layout']) {
      const card = panel().locator(`[data-testid=card-${name}]`);
      if (await card.evaluate((d) => d.open)) await card.locator('summary').click();
    }
  }

  async function inspect(dir) {
    await closeAll();
    await cursorIn(page, workspace, `${dir}/ports.go`, '"k0":', 1);
    await runCommand(page, 'Go Map: Inspect Map Under Cursor');
    await panel().locator('[data-testid=summary]', { hasText: /count|used/ }).waitFor();
    await foldCards();
  }

  /** The tree row whose label (not its description) is `label`. */
  const named = (label) => page.locator('[role=treeitem]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();

  /** The slots drawn once at least `n` are (the rows arrive a block at a time). */
  async function slotsDrawn(n) {
    for (const end = Date.now() + 15_000; ; await page.waitForTimeout(100)) {
      const slots = await drawnCtrl();
      if (slots.length >= n || Date.now() > end) return slots;
    }
  }

  async function checkAgainstModel(version) {
    const want = expected(version);
    await summaryHas(`swiss · Go ${version}`);
    assert.strictEqual(await summary(), want.summary);
    assert.strictEqual(want.summary, `swiss · Go ${version} · used 1000 · tables 2 · capacity 2048`);
    assert.match(await panel().locator('[data-testid=runtime]').innerText(), new RegExp(`Swiss tables .* · why: .*go\\.mod.*${version.replace('.', '\\.')}`));
    assert.strictEqual(await panel().locator('[data-testid=dir-run]').count(), want.runs);
    await panel().locator('[data-testid=table-heading]').first().waitFor();
    assert.strictEqual(await panel().locator('[data-testid=table-heading]').first().innerText(), want.arrays[0]);
    const check = async () => {
      const slots = await slotsDrawn(24);
      assert.ok(slots.length >= 24, `only ${slots.length} slots drawn`);
      for (const s of slots) assert.strictEqual(s.ctrl, want.ctrl[`${s.array}:${s.row}`][s.slot], `${s.array} group ${s.row} slot ${s.slot}`);
      return slots;
    };
    const first = await check();
    // The second table, reached through the directory strip: its heading and groups come into view.
    await panel().locator('[data-testid=dir-run][data-array=table-1]').click();
    await panel().locator('.group[data-array=table-1]').first().waitFor();
    const second = await check();
    assert.ok(second.some((s) => s.array === 'table-1') && first.some((s) => s.array === 'table-0'));
  }

  before(async () => {
    workspace = path.join(runRoot, 'workspaces', `swiss-${process.pid}`);
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.cpSync(path.join(rootDir, 'test', 'fixtures', 'swiss-workspace'), workspace, { recursive: true });
    cs = await startCodeServer({ name: 'swiss', workspace, installExtension: true });
    page = await ctx.newPage(ctx.browser);
    await openWorkbench(page, cs.folderUrl(workspace), { fileName: 'go126', readySelector: '.activitybar [role=tab][aria-label^="Go Map Inspector"], .activitybar .action-item a[aria-label^="Go Map Inspector"]' });
  });

  after(async () => {
    if (page) await page.context().close();
    if (cs) await cs.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await shot(path.join(ctx.screenshotsDir, `failed-swiss-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}.png`)).catch(() => undefined);
    }
  });

  it('go.mod 1.22: the literal is a classic map, and the hover says why', async () => {
    // The hover on the literal's type names the runtime and the go.mod line.
    await closeAll();
    await cursorIn(page, workspace, 'go122/ports.go', 'map[string]int{', 2);
    await focusWorkbench(page);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover-content', { hasText: /classic/i }).first();
    await hover.waitFor();
    assert.match(await hover.innerText(), /go\.mod[^\n]*1\.22/);
    await page.keyboard.press('Escape');
    await inspect('go122');
    await summaryHas('count 1000');
    assert.match(await summary(), /^count 1000 · B 8 · buckets 256/);
    assert.match(await panel().locator('[data-testid=runtime]').innerText(), /classic hmap .* · why: .*go\.mod.*1\.22/);
    assert.strictEqual(await panel().locator('[data-testid=slot][data-ctrl]').count(), 0);
    assert.strictEqual(await panel().locator('[data-testid=directory]').isHidden(), true);
  });

  it('go.mod 1.26: a Swiss map whose summary, tables and control bytes are the core model\'s', async () => {
    await inspect('go126');
    await checkAgainstModel('1.26');
  });

  it('the tree: directory → tables with their counts → groups → slots; selections reveal both ways', async () => {
    const want = expected('1.26');
    await inspect('go126');
    const open = await page.locator('.activitybar .action-item.checked [aria-label^="Go Map Inspector"]').count();
    if (!open) await page.locator('.activitybar [aria-label^="Go Map Inspector"]').first().click();
    const item = (re) => page.locator('[role=treeitem]', { hasText: re }).first();
    await item(/^control bytes/).waitFor();
    assert.match(await item(/^directory/).innerText(), /2 entries · globalDepth 1 · 2 tables/);
    // table 0 holds 485 of 1024 slots (the core model: want.arrays[0]); nothing deleted.
    assert.match(want.arrays[0], /used 485 /);
    assert.match(await item(/^table 0/).innerText(), /128 groups · full 485 · empty 539 · deleted 0/);
    // Tree → panel: group 5 selected in the tree is the panel's selected row; its slots show their control bytes.
    const t0 = item(/^table 0/);
    if ((await t0.getAttribute('aria-expanded')) !== 'true') await t0.locator('.monaco-tl-twistie').click();
    const g5 = named('group 5');
    await g5.click();
    await panel().locator('.row.selected .index', { hasText: /^5$/ }).waitFor();
    await g5.locator('.monaco-tl-twistie').click();
    const c = want.ctrl['table-0:5'][0];
    const slot0 = page.locator('[role=treeitem][aria-level="3"]').filter({ has: page.locator('.label-name', { hasText: /^slot 0 · / }) }).first();
    assert.match(await slot0.locator('.label-name').innerText(), new RegExp(`^slot 0 · ${c === 128 ? 'empty' : `h2 0x${c.toString(16).padStart(2, '0')}`}$`));
  });

  it('the tree follows the panel: a slot clicked in the panel selects its group in the tree', async () => {
    const want = expected('1.26');
    const item = (re) => page.locator('[role=treeitem]', { hasText: re }).first();
    await item(/^table 0/).waitFor();
    // Panel → tree: a slot of group 3 of table 0 selects group 3 in the tree.
    await panel().locator('.group[data-array=table-0][data-row="3"] [data-testid=slot]').first().click();
    const g3 = page.locator('[role=treeitem].selected, [role=treeitem].focused').filter({ has: page.locator('.label-name', { hasText: /^group 3$/ }) });
    await g3.waitFor().catch(async (e) => {
      const rows = await page.locator('[role=treeitem]', { hasText: /^group [0-9]\b/ }).evaluateAll((els) => els.map((x) => `${x.className} sel=${x.getAttribute('aria-selected')} ${x.innerText.slice(0, 30)}`));
      throw new Error(`${e.message}\ntree rows:\n${rows.join('\n')}`);
    });
    const full = want.ctrl['table-0:3'].filter((c) => c < 128).length;
    assert.match(await g3.innerText(), new RegExp(`${full} full · ${8 - full} empty · 0 deleted`));
  });

  it('go.mod 1.27: a Swiss map on Go 1.27', async () => {
    await inspect('go127');
    await checkAgainstModel('1.27');
  });

  it('a look-up marks its probe path; the compare view replays the history under both runtimes', async () => {
    await inspect('go126');
    await summaryHas('swiss · Go 1.26 · used 1000');
    await panel().locator('[data-command="goMapInspector.lookup"]').click();
    await answerQuickInput(page, 'k500');
    await panel().locator('[data-testid=result]', { hasText: 'm["k500"] = 500' }).waitFor();
    assert.ok(await panel().locator('.slot.hl-found').count() >= 1);
    assert.ok(await panel().locator('.group.hl-probed').count() >= 1);
    // Delete half the keys: neither runtime gives the memory back.
    await panel().locator('[data-command="goMapInspector.deleteRandom"]').click();
    await answerQuickInput(page, '50');
    await panel().locator('[data-testid=result]', { hasText: /deleted \d+ of 1,000 keys/ }).waitFor();
    await panel().locator('[data-command="goMapInspector.compare"]').click();
    const table = panel().locator('[data-testid=compare] .compare-table');
    await table.waitFor();
    const row = async (name) => table.locator(`tr[data-row="${name}"]`).innerText();
    assert.match(await row('runtime'), /count (\d+) · B 8[\s\S]*swiss · Go 1\.26 · used \1 · tables 2 · capacity 2048/);
    assert.match(await row('longest lookup'), /longest overflow chain: \d+ buckets[\s\S]*longest probe sequence: \d+ groups/);
    assert.match(await row('growth events'), /none[\s\S]*none/); // make(map, 1000) is sized for the literal in both
    assert.match(await row('after the deletes'), /nothing freed; [\d,]+ B for 1,000 before[\s\S]*nothing freed; [\d,]+ B for 1,000 before/);
    await clearToasts();
    await shot(path.join(readmeShots, 'swiss-compare.png'));
    // The toggle hides it again.
    await panel().locator('[data-command="goMapInspector.compare"]').click();
    await panel().locator('[data-testid=compare]').waitFor({ state: 'hidden' });
  });

  it('a new Swiss map splits its full table: the outcome says so and the directory shows two tables', async () => {
    await closeAll();
    await cursorIn(page, workspace, 'go126/ports.go', 'var Small', 0);
    await runCommand(page, 'Go Map: New Map…');
    for (const answer of ['string', 'int', '0', '890']) await answerQuickInput(page, answer);
    await summaryHas('used 890 · tables 1 · capacity 1024');
    await foldCards();
    await panel().locator('[data-command="goMapInspector.fill"]').click();
    await answerQuickInput(page, '10');
    await summaryHas('used 900 · tables 2 · capacity 2048');
    const result = await panel().locator('[data-testid=result]').innerText();
    assert.match(result, /a full 1024-slot table split into tables 0 and 1 \(local depth 1\); the directory doubled to 2 entries/);
    assert.strictEqual(await panel().locator('[data-testid=dir-run]').count(), 2);
    await clearToasts();
    await shot(path.join(readmeShots, 'swiss-split.png'));
  });

  it('one insert that splits a table, step by step: the left half, the right half, the landing; undo and redo keep it', async () => {
    // 896 keys fill a 1024-slot table to 7/8 (growthLeft 0): the 897th key splits it, and as its
    // local depth 0 equals the global depth 0, the directory doubles from 1 entry to 2 first.
    await closeAll();
    await cursorIn(page, workspace, 'go126/ports.go', 'var Small', 0);
    await runCommand(page, 'Go Map: New Map…');
    for (const answer of ['string', 'int', '0', '896']) await answerQuickInput(page, answer);
    await summaryHas('used 896 · tables 1 · capacity 1024');
    await foldCards();
    const growth = panel().locator('[data-testid=growth-steps]');
    assert.strictEqual(await growth.isHidden(), true, 'a fill records no steps');
    await panel().locator('[data-command="goMapInspector.insert"]').click();
    await answerQuickInput(page, 'split-key');
    await answerQuickInput(page, '1');
    await summaryHas('used 897 · tables 2 · capacity 2048');
    const title = panel().locator('[data-testid=growth-title]');
    await title.filter({ hasText: /^split inside the last insert: a full 1024-slot table split into tables 0 and 1 \(local depth 1\); the directory doubled to 2 entries$/ }).waitFor();
    const headings = () => panel().locator('[data-testid=column-heading]').allInnerTexts();
    const arrows = () => panel().locator('svg.arrows path.x, svg.arrows path.y').count();
    const before = panel().locator('[data-testid=directory-before] .dir-label');
    const after = panel().locator('[data-testid=directory-after] .dir-label');

    // Step 1: the old table beside the left half, an arrow from each moved slot; the directory before and after.
    await panel().locator('[data-command="goMapInspector.stepGrowth"]').click();
    await title.filter({ hasText: /^split · step 1 of 3: \d+ keys to the left half$/ }).waitFor();
    await panel().locator('.group[data-array=s1-new0]').first().waitFor();
    assert.deepStrictEqual((await headings()).map((h) => h.replace(/used \d+/, 'used N')), ['old table (capacity 1024, local depth 0)', 'left half: table 0 (capacity 1024, local depth 1, used N)']);
    assert.strictEqual(await before.innerText(), 'directory before: 1 entry (globalDepth 0) → 1 table');
    assert.strictEqual(await after.innerText(), 'directory after: 2 entries (globalDepth 1) → 2 tables');
    assert.ok(await arrows() > 0, 'arrows from the old slots');
    const left = Number(/(\d+) keys/.exec(await title.innerText())[1]);
    // The README picture: the panel's editor group maximized, so the left half is in view too.
    await clearToasts();
    await panel().locator('h1').click();
    await runCommand(page, 'View: Toggle Maximize Editor Group');
    await page.waitForFunction(() => [...document.querySelectorAll('iframe.webview.ready')].some((f) => f.getBoundingClientRect().width > 900));
    await panel().locator('.group[data-array=s1-new0]').first().waitFor();
    await shot(path.join(readmeShots, 'swiss-split-step.png'));
    await runCommand(page, 'View: Toggle Maximize Editor Group');

    // Step 2: the right half; the two halves hold the 896 old keys between them.
    await growth.locator('[data-testid=growth-next]').click();
    await title.filter({ hasText: /^split · step 2 of 3: \d+ keys to the right half$/ }).waitFor();
    await panel().locator('.group[data-array=s2-new1]').first().waitFor();
    assert.strictEqual(left + Number(/(\d+) keys/.exec(await title.innerText())[1]), 896);
    assert.match((await headings())[1], /^right half: table 1 \(capacity 1024, local depth 1, used \d+\)$/);

    // Step 3: the insert landed, its slot marked; then back to the map now.
    await growth.locator('[data-testid=growth-next]').click();
    await title.filter({ hasText: /^split · step 3 of 3: the insert landed$/ }).waitFor();
    await panel().locator('.slot.hl-landed').first().waitFor();
    assert.match(await panel().locator('.slot.hl-landed').getAttribute('title'), /^slot \d\n"split-key" = 1/);
    await panel().locator('[data-command="goMapInspector.finishGrowth"]').click();
    await title.filter({ hasText: /^split inside the last insert/ }).waitFor();
    await panel().locator('.group[data-array^="table-"]').first().waitFor();

    // Undo: the map before the insert (one table, no steps); redo: the split and its steps again.
    await panel().locator('[data-command="goMapInspector.undo"]').click();
    await summaryHas('used 896 · tables 1 · capacity 1024');
    await growth.waitFor({ state: 'hidden' });
    await panel().locator('[data-command="goMapInspector.redo"]').click();
    await summaryHas('used 897 · tables 2 · capacity 2048');
    await title.filter({ hasText: /^split inside the last insert/ }).waitFor();
    await panel().locator('[data-command="goMapInspector.stepGrowth"]').click();
    await title.filter({ hasText: new RegExp(`^split · step 1 of 3: ${left} keys to the left half$`) }).waitFor();
  });
});
