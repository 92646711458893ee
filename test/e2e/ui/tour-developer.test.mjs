// UI scenarios of issue 14: the panel as a Go developer reads it, on a service package with
// workspace and standard types (test/e2e/workspace-service, copied into the workspace as service/).
// Each item of the issue is exercised from the palette in code-server and read from the panel's
// DOM; the screenshots of the README are taken here at 1440×900 (test/e2e/.run/screenshots/).

import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  answerQuickInput, cursorIn, focusWorkbench, notification, openFile, openWorkbench, runCommand, webviewFrame,
} from '../lib/browser.mjs';

const ctx = globalThis.__gomapE2E;
const here = path.dirname(fileURLToPath(import.meta.url));


describe('UI (issue 14): the panel as a Go developer reads it', function () {
  let page;
  const shot = (name) => page.screenshot({ path: path.join(ctx.screenshotsDir, `${name}.png`) });
  const panel = () => webviewFrame(page);
  const summaryHas = (text) => panel().locator('[data-testid=summary]', { hasText: text }).waitFor({ timeout: 60000 });
  const mapTabs = () => page.locator('.tabs-container [role=tab]', { hasText: '— Go Map' });

  const cursorAt = (relPath, text, offset = 0) => cursorIn(page, ctx.workspace, relPath, text, offset);


  /** Types `text` into the input box titled `title` without accepting it; returns the validation
   * message (once it has replaced the box's prompt). */
  async function validationOf(title, text) {
    const prompt = await promptMessage(title);
    await page.locator('.quick-input-widget input').fill(text);
    await page.waitForFunction((before) => {
      const m = document.querySelector('.quick-input-widget .quick-input-message')?.textContent ?? '';
      return m.length > 0 && m !== before;
    }, prompt);
    return page.locator('.quick-input-widget .quick-input-message').innerText();
  }

  /** "New Map…" from a file of the Go 1.19 module (so the map is the classic hmap), answering its four questions. */
  async function newMap(key, elem, hint, n) {
    await openFile(page, 'service/users.go');
    await runCommand(page, 'Go Map: New Map…');
    for (const answer of [key, elem, hint, n]) await answerQuickInput(page, answer);
  }

  /** The message of the input box titled with `title` (what it expects). */
  async function promptMessage(title) {
    await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
    return page.locator('.quick-input-widget .quick-input-message').innerText();
  }

  /** The map panel whose tab says `title` alone in the window (no side bar, no code editor), for the
   * screenshots. */
  async function panelAlone(title) {
    // The panel just shown is the active tab of its group.
    await page.locator('.tabs-container [role=tab].active', { hasText: `${title}` }).filter({ hasText: '— Go Map' }).first().click();
    await focusWorkbench(page);
    if (await page.locator('.part.sidebar:visible').count()) await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await runCommand(page, 'View: Close Editors in Other Groups');
    await page.locator('.tabs-container [role=tab].active', { hasText: title }).waitFor();
    await runCommand(page, 'Notifications: Clear All Notifications');
  }

  /**
   * Every evacuation arrow starts inside the box of the slot it comes from (`data-from`:
   * array:row:group:slot) and ends inside the box of its destination row's first group
   * (`data-to`: array:row) when that row is drawn; otherwise it ends in a stub beside a label with
   * the destination's index. No arrow ends at the bottom edge of the view.
   */
  async function assertArrowsAttached(where) {
    // Wait for a frame in which the arrows match the rows drawn.
    await panel().locator('.arrows path[data-testid=arrow]').first().waitFor({ state: 'attached' });
    const report = await panel().locator('.scroller').evaluate((scroller) => {
      const inside = (p, r) => p.x >= r.left - 1 && p.x <= r.right + 1 && p.y >= r.top - 1 && p.y <= r.bottom + 1;
      const out = { arrows: 0, ended: 0, stubs: 0, bad: [] };
      for (const path of scroller.querySelectorAll('.arrows path[data-testid=arrow]')) {
        out.arrows++;
        const m = path.getScreenCTM();
        const at = (len) => new DOMPoint(path.getPointAtLength(len).x, path.getPointAtLength(len).y).matrixTransform(m);
        const [array, row, group, slot] = path.dataset.from.split(':');
        const [toArray, toRow] = path.dataset.to.split(':');
        const box = (a, r, g) => scroller.querySelector(`.group[data-array="${a}"][data-row="${r}"][data-group="${g}"]`);
        const src = box(array, row, group)?.querySelector(`[data-slot="${slot}"]`);
        const start = at(0);
        if (!src || !inside(start, src.getBoundingClientRect())) out.bad.push(`${path.dataset.from}: starts at ${start.x},${start.y} outside its slot`);
        const end = at(path.getTotalLength());
        const dest = box(toArray, toRow, 0);
        if (dest) {
          out.ended++;
          if (!inside(end, dest.getBoundingClientRect())) out.bad.push(`${path.dataset.from} → ${path.dataset.to}: ends at ${end.x},${end.y} outside its destination`);
        } else {
          out.stubs++;
          const labels = [...scroller.querySelectorAll('.arrows text.dest')].map((t) => t.firstChild?.nodeValue);
          if (!labels.includes(toRow)) out.bad.push(`${path.dataset.from} → ${path.dataset.to}: off screen without a label`);
        }
      }
      return out;
    });
    assert.ok(report.arrows > 0, `${where}: no arrows`);
    assert.deepStrictEqual(report.bad, [], `${where}: ${JSON.stringify(report)}`);
    return report;
  }

  before(async () => {
    fs.cpSync(path.join(here, '..', 'workspace-service', 'service'), path.join(ctx.workspace, 'service'), { recursive: true });
    page = await ctx.newPage(ctx.browser);
    await openWorkbench(page, ctx.cs.folderUrl(ctx.workspace), {
      fileName: 'service',
      readySelector: '.activitybar [role=tab][aria-label^="Go Map Inspector"], .activitybar .action-item a[aria-label^="Go Map Inspector"]',
    });
  });

  after(async () => {
    if (page) await page.context().close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await shot(`failed-dev-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
    }
  });

  it('1, 2, 8: a map[UserID]Profile literal with a time.Time field: Go-syntax slots, full text in the detail strip', async () => {
    await cursorAt('service/users.go', '1: {Name: "ann"');
    await runCommand(page, 'Go Map: Inspect Map Under Cursor');
    await summaryHas('count 4 · B 0');
    await panelAlone('profiles · map[UserID]Profile');
    const slots = await panel().locator('[data-testid=slot][data-state=full]').evaluateAll((els) => els.map((e) => e.textContent));
    assert.strictEqual(slots.length, 4);
    // The slot text is cut with a marker; the tooltip and the detail strip have it all.
    const ann = panel().locator('[data-testid=slot][data-state=full][title*="Profile{Name: \\"ann\\""]').first();
    await ann.click();
    const detail = panel().locator('[data-testid=slot-detail]');
    await detail.locator('.detail-elem', { hasText: 'Profile{Name: "ann", Admin: true, Quota: 1024, Tags: []string{"ops", "billing"}}' }).waitFor();
    assert.match(await detail.innerText(), /key \(UserID\): 1/);
    const cy = panel().locator('[data-testid=slot][data-state=full]', { hasText: 'cyrille' }).first();
    // A long elem is cut in its slot with an ellipsis (the marker), the whole text in its tooltip.
    const cut = await cy.locator('.v').evaluate((e) => ({ overflows: e.scrollWidth > e.clientWidth, marker: getComputedStyle(e).textOverflow }));
    assert.deepStrictEqual(cut, { overflows: true, marker: 'ellipsis' });
    assert.match(await cy.getAttribute('title'), /eu-west"\}\}/);
    await cy.click();
    await detail.locator('.detail-elem', { hasText: 'Tags: []string{"night-shift", "on-call", "eu-west"}}' }).waitFor();
    // The layout card says what padding Profile wastes (Admin bool before Quota int64: 7 bytes).
    await panel().locator('[data-testid=card-layout]', { hasText: 'Padding inside the elem type: Profile wastes 7 bytes per elem, 56 B per bucket' }).waitFor();
  });

  it('3: the three cards are visible at 1440×900 without a scroll box of their own, and fold', async () => {
    await panelAlone('profiles · map[UserID]Profile');
    for (const id of ['card-hmap', 'card-memory', 'card-layout']) {
      const box = await panel().locator(`[data-testid=${id}]`).boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= 900, `${id} in view: ${JSON.stringify(box)}`);
      const scrolls = await panel().locator(`[data-testid=${id}]`).evaluate((e) => [...e.querySelectorAll('*'), e].some((x) => x.scrollHeight > x.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(x).overflowY)));
      assert.strictEqual(scrolls, false, `${id} has no inner scroll box`);
    }
    const rows = await panel().locator('.scroller').boundingBox();
    assert.ok(rows && rows.height >= 200, `the rows get the rest of the height: ${rows?.height}px`);
    await panel().locator('[data-testid=card-memory]', { hasText: 'in-use heap (pprof inuse_space)' }).waitFor();
    await panel().locator('[data-testid=card-memory]', { hasText: 'occupied buckets: 1 of 1 bmap' }).waitFor();
    await shot('map-userid-profile');
    // Folding the cards gives their height to the rows.
    const before = (await panel().locator('.scroller').boundingBox()).height;
    for (const id of ['card-hmap', 'card-memory', 'card-layout']) await panel().locator(`[data-testid=${id}] > summary`).click();
    await page.waitForFunction(() => true);
    const after = (await panel().locator('.scroller').boundingBox()).height;
    assert.ok(after > before + 100, `rows grow when the cards fold: ${before} → ${after}`);
    for (const id of ['card-hmap', 'card-memory', 'card-layout']) await panel().locator(`[data-testid=${id}] > summary`).click();
  });

  it('5: inspecting the same literal again reveals its panel instead of opening another', async () => {
    const before = await mapTabs().count();
    await cursorAt('service/users.go', '2: {Name: "bob"');
    await runCommand(page, 'Go Map: Inspect Map Under Cursor');
    await page.locator('.tabs-container [role=tab].active', { hasText: 'profiles · map[UserID]Profile' }).waitFor();
    assert.strictEqual(await mapTabs().count(), before);
  });

  it('1: make(map[string]*Session) with time.Time inside, and a map whose elems are maps, are built', async () => {
    await cursorAt('service/users.go', 'make(map[string]*Session)', 2);
    await runCommand(page, 'Go Map: Inspect Map Under Cursor');
    await page.locator('.tabs-container [role=tab]', { hasText: 'sessions · map[string]*Session' }).waitFor();
    await summaryHas('count 0 · B 0');
    // An empty map says so instead of a blank area.
    await panel().locator('[data-testid=note]', { hasText: 'allocates no bucket until the first insert' }).waitFor();
    await cursorAt('service/regions.go', '"eu-west": {"free"');
    await runCommand(page, 'Go Map: Inspect Map Under Cursor');
    await summaryHas('count 2');
    await panel().locator('[data-testid=slot]', { hasText: 'map[string]int{"free": 1, "pro": 10}' }).waitFor();
  });

  it('1, 4: New Map… with a workspace type; prompts say what they expect and validate as you type', async () => {
    await openFile(page, 'service/users.go');
    await runCommand(page, 'Go Map: New Map…');
    assert.match(await validationOf('key type', '[]byte'), /invalid map key type \[\]byte/);
    await answerQuickInput(page, 'string');
    assert.match(await validationOf('map[string]…', 'Profil'), /undefined: Profil/);
    await answerQuickInput(page, 'Profile');
    await answerQuickInput(page, '0');
    await answerQuickInput(page, '0');
    await summaryHas('count 0 · B 0');
    await page.locator('.tabs-container [role=tab]', { hasText: 'map[string]Profile' }).waitFor();
    await runCommand(page, 'Go Map: Insert Key…');
    assert.match(await promptMessage('the key'), /bare text is the string itself/);
    await answerQuickInput(page, 'ann');
    assert.match(await promptMessage('the elem'), /a Go expression of type Profile, e\.g\. Profile\{/);
    assert.match(await validationOf('the elem', 'Profile{Nmae: "x"}'), /unknown field/);
    await answerQuickInput(page, 'Profile{Name: "Ann", Tags: []string{"a", "b"}}');
    await panel().locator('[data-testid=slot]', { hasText: '"ann"' }).waitFor();
    // Random values of every field type, slices included.
    await runCommand(page, 'Go Map: Insert Random Keys…');
    await answerQuickInput(page, '20');
    await summaryHas('count 21');
  });

  it('1: values of slice, pointer and interface types can be inserted', async () => {
    await newMap('string', '[]byte', '0', '0');
    await summaryHas('count 0');
    await runCommand(page, 'Go Map: Insert Key…');
    await answerQuickInput(page, 'greeting');
    assert.match(await promptMessage('the elem'), /a Go expression of type \[\]byte/);
    await answerQuickInput(page, '[]byte("hi")');
    await panel().locator('[data-testid=slot]', { hasText: '[]byte{104, 105}' }).waitFor();
  });

  it('4: deleting or looking up a missing key says so in the panel', async () => {
    await runCommand(page, 'Go Map: Delete Key…');
    await answerQuickInput(page, 'nobody');
    await panel().locator('[data-testid=result]', { hasText: 'the key was not in the map: delete did nothing' }).waitFor();
    await runCommand(page, 'Go Map: Look Up Key…');
    await answerQuickInput(page, 'nobody');
    await panel().locator('[data-testid=result]', { hasText: '"nobody" is not in the map' }).waitFor();
  });

  it('3: the lookup path shows the hash with its tophash and bucket bits highlighted', async () => {
    await newMap('int64', 'int64', '100', '0'); // B = 4
    await runCommand(page, 'Go Map: Insert Key…');
    await answerQuickInput(page, '42');
    await answerQuickInput(page, '1');
    await runCommand(page, 'Go Map: Look Up Key…');
    await answerQuickInput(page, '42');
    const bits = panel().locator('[data-testid=hash-bits]');
    await bits.waitFor();
    assert.strictEqual(await bits.locator('.bits .bit-tophash').count(), 8);
    assert.strictEqual(await bits.locator('.bits .bit-bucket').count(), 4);
    assert.match(await bits.innerText(), /tophash = 0x[0-9a-f]{2} \(bits 63–56\)/);
    assert.match(await bits.innerText(), /bucket = \d+ \(bits 3–0\)/);
    await panel().locator('.slot.hl-found').waitFor();
  });

  it('2: zoom between detailed and compact slots', async () => {
    const width = () => panel().locator('[data-testid=slot]').first().evaluate((e) => e.getBoundingClientRect().width);
    const detailed = await width();
    await panel().locator('[data-testid=zoom]').click();
    await page.waitForFunction(() => true);
    await panel().locator('[data-testid=zoom]', { hasText: 'compact' }).waitFor();
    const compact = await width();
    assert.ok(compact < detailed, `compact ${compact} < detailed ${detailed}`);
    // Compact slots keep the elem in view too: `key: elem` on one line, cut with an ellipsis.
    const kv = await panel().locator('[data-testid=slot][data-state=full] .kv').first().evaluate((e) => ({
      key: e.querySelector('.k')?.textContent ?? '',
      elem: e.querySelector('.v')?.textContent ?? '',
      marker: getComputedStyle(e).textOverflow,
    }));
    assert.ok(kv.key.length > 0 && kv.elem.startsWith(': ') && kv.elem.length > 2 && kv.marker === 'ellipsis', JSON.stringify(kv));
    await panel().locator('[data-testid=zoom]').click();
    await panel().locator('[data-testid=zoom]', { hasText: 'detailed' }).waitFor();
  });

  it('2, 9: a growth step at B = 6: old and new buckets side by side with headings and arrows', async () => {
    await newMap('int64', 'string', '0', '208'); // 6.5 × 32: the most B = 5 holds
    await summaryHas('count 208 · B 5');
    await runCommand(page, 'Go Map: Insert Random Keys…');
    await answerQuickInput(page, '1');
    await summaryHas('B 6 · buckets 64');
    await runCommand(page, 'Go Map: Step Growth (one growWork)');
    await runCommand(page, 'Go Map: Step Growth (one growWork)');
    await panel().locator('[data-testid=column-heading]', { hasText: 'old buckets (32)' }).waitFor();
    await panel().locator('[data-testid=column-heading]', { hasText: 'new buckets (64)' }).waitFor();
    await panel().locator('.arrows path.x, .arrows path.y').first().waitFor({ state: 'attached' });
    // Beside the code (a narrow panel) every arrow starts in its slot and ends in its destination
    // bucket's box, or in a labelled stub when that bucket is off screen.
    await assertArrowsAttached('narrow');
    await panelAlone('map[int64]string');
    await assertArrowsAttached('1440×900');
    // Old and new buckets both in view: the new column starts inside the panel.
    const heading = await panel().locator('[data-testid=column-heading]', { hasText: 'new buckets' }).boundingBox();
    assert.ok(heading && heading.x < 1440, `new buckets heading at x = ${heading?.x}`);
    await shot('growth-step-b6');
    // Scrolled by a few rows, the arrows are drawn again from the slots now in view.
    await panel().locator('.scroller').evaluate((e) => { e.scrollTop = 90; });
    await panel().locator('.row .index', { hasText: /^2$/ }).first().waitFor();
    await assertArrowsAttached('scrolled');
  });

  it('9: a map of 10^6 entries opens, scrolls, and says what it holds', async () => {
    await newMap('int64', 'int64', '0', '1000000');
    await summaryHas('count 1000000 · B 18');
    await panel().locator('[data-testid=card-memory]', { hasText: 'in-use heap (pprof inuse_space)' }).waitFor({ timeout: 60000 });
    await panelAlone('map[int64]int64');
    await panel().locator('.overview').click({ position: { x: 600, y: 8 } });
    await panel().locator('[data-testid=slot][data-state=full]').first().waitFor();
    await shot('million-entries');
  });

  it('6: the SVG holds the whole map, a range for huge maps; the PNG too', async () => {
    await runCommand(page, 'Go Map: Export Picture (SVG)…');
    // 2^18 rows: the command asks which rows, saying how large the file will be.
    const msg = await promptMessage('SVG of which rows?');
    assert.match(msg, /The map has 262,144 rows; one SVG holds at most 20,000 \(about [\d.]+ [KMG]iB\)/);
    await answerQuickInput(page, '0-99');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export map picture' }).waitFor();
    await page.locator('.quick-input-widget input').press('Enter');
    await notification(page, 'picture of rows 0–99 written to');
    const svg = fs.readFileSync(path.join(ctx.workspace, 'map_int64_int64.svg'), 'utf8');
    assert.match(svg, /^<svg /);
    assert.strictEqual((svg.match(/>0 · 0x[0-9a-f]{2}</g) ?? []).length > 0, true);
    await runCommand(page, 'Go Map: Export Picture (PNG)…');
    await promptMessage('PNG of which rows?');
    await answerQuickInput(page, '0-49');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export map picture (PNG)' }).waitFor();
    await page.locator('.quick-input-widget input').press('Enter');
    await notification(page, 'PNG of rows 0–49');
    const png = fs.readFileSync(path.join(ctx.workspace, 'map_int64_int64.png'));
    assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('7: a struct field never made gets the nil-map warning in its hover', async () => {
    await cursorAt('service/users.go', 's.pending[id]++', 3);
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover', { hasText: 'nil map: never made in this file' }).first();
    await hover.waitFor();
    assert.match(await hover.innerText(), /the first write panics: assignment to entry in nil map/);
    await page.keyboard.press('Escape');
  });

  it('5: changing goarch offers to rebuild the open maps; titles then name the GOARCH', async () => {
    await cursorAt('service/regions.go', '"us-east": {"free"');
    await runCommand(page, 'Go Map: Inspect Map Under Cursor');
    await page.locator('.tabs-container [role=tab]', { hasText: 'quotas · map[Region]map[string]int' }).waitFor();
    // The user changes the setting in settings.json (VS Code opens it in a modal editor).
    await runCommand(page, 'Preferences: Open User Settings (JSON)');
    const editor = page.locator('.monaco-editor .view-lines', { hasText: 'workbench.startupEditor' }).first();
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"goMapInspector.goarch": "386",');
    await page.keyboard.press('Control+S');
    await page.keyboard.press('Control+W');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'rebuild the' }).first();
    await toast.waitFor();
    await toast.locator('a.monaco-button, .monaco-button', { hasText: 'Rebuild' }).first().click();
    await page.locator('.tabs-container [role=tab]', { hasText: 'quotas · map[Region]map[string]int · 386' }).waitFor();
  });

  it('5: "Close All Map Panels" closes every map panel', async () => {
    assert.ok(await mapTabs().count() > 0);
    await runCommand(page, 'Go Map: Close All Map Panels');
    await page.waitForFunction(() => ![...document.querySelectorAll('.tabs-container [role=tab]')].some((t) => (t.textContent ?? '').includes('— Go Map')));
  });
});
