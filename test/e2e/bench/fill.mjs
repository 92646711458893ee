// `npm run bench:render -- --fill`: "Go Map: Insert Random Keys…" with 10^6 keys in code-server,
// from the Enter that answers its question to the panel painted with the new map, for a classic map
// (goMapInspector.runtime "classic") and a Swiss one ("swiss"); then the same fill again on a fresh
// map, cancelled from its progress notification, and the panel must still show the map as it was.
//
// One code-server a runtime (the setting is read when a map is made), the extension installed from
// the tree (built first), Debian's Chromium driving the workbench as a person would.

import fs from 'node:fs';
import path from 'node:path';
import { rootDir } from '../setup.mjs';
import { startCodeServer } from '../lib/codeserver.mjs';
import { answerQuickInput, newPage, openWorkbench, runCommand, webviewFrame } from '../lib/browser.mjs';
import { workspaceCopy } from '../run.mjs';

const summaryOf = (page) => webviewFrame(page).locator('[data-testid=summary]');

/** Waits until the panel's summary says the map holds `n` entries (classic `count n`, Swiss `used n`). */
async function summaryCount(page, n, timeout) {
  await summaryOf(page).filter({ hasText: new RegExp(`(count|used) ${n} `) }).waitFor({ timeout });
}

/** Two animation frames of the webview after its rows are drawn: what it shows is on screen. */
async function painted(page) {
  await webviewFrame(page).locator('[data-testid=slot]').first().waitFor();
  await webviewFrame(page).locator('body').evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** "New Map…": map[int64]int64, no hint, `n` random entries; waits for its panel. */
async function newMap(page, n) {
  await runCommand(page, 'Go Map: New Map…');
  for (const answer of ['int64', 'int64', '0', String(n)]) await answerQuickInput(page, answer);
  await summaryCount(page, n, 30_000);
  await painted(page);
}

/** Runs Insert Random Keys… up to its question; returns a function that answers it with `n`. */
async function askFill(page) {
  await runCommand(page, 'Go Map: Insert Random Keys…');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  return async (n) => {
    await input.fill(String(n));
    await input.press('Enter');
  };
}

async function measureRuntime(browser, runtime, entries) {
  const workspace = workspaceCopy(`fill-${runtime}`);
  const cs = await startCodeServer({
    name: `fill-${runtime}`,
    workspace,
    installExtension: true,
    settings: { 'goMapInspector.runtime': runtime, 'goMapInspector.maxEntries': 4 * entries },
  });
  const page = await newPage(browser);
  try {
    await openWorkbench(page, cs.folderUrl(workspace), { fileName: 'literals.go', readySelector: '.activitybar [aria-label^="Go Map Inspector"]' });
    // A small map first, so the extension, the panel and the JIT are past their first use.
    await newMap(page, 1);
    const answer = await askFill(page);
    const t0 = Date.now();
    await answer(entries);
    await summaryCount(page, entries + 1, 60_000);
    const summaryMs = Date.now() - t0;
    await painted(page);
    const paintedMs = Date.now() - t0;
    const summary = await summaryOf(page).innerText();

    // Cancelled: a fresh map of one key, the same fill, Cancel as soon as the notification shows.
    await runCommand(page, 'Notifications: Clear All Notifications');
    await newMap(page, 1);
    const before = await summaryOf(page).innerText();
    const again = await askFill(page);
    await again(entries);
    const cancel = page.locator('.notifications-toasts .notification-list-item', { hasText: 'random keys' }).getByRole('button', { name: 'Cancel' });
    let cancelled;
    try {
      await cancel.click({ timeout: 10_000 });
      await page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'cancelled: the map is as it was before' }).waitFor({ timeout: 30_000 });
      await painted(page);
      const after = await summaryOf(page).innerText();
      cancelled = { ok: after === before, before, after };
    } catch (e) {
      cancelled = { ok: false, error: `no cancel seen (the fill may have ended first): ${String(e?.message ?? e).split('\n')[0]}`, after: await summaryOf(page).innerText() };
    }
    return { runtime, entries, summaryMs, paintedMs, summary, cancelled };
  } catch (e) {
    await page.screenshot({ path: path.join(rootDir, 'test', 'e2e', '.run', `failed-fill-${runtime}.png`) }).catch(() => undefined);
    throw e;
  } finally {
    await page.context().close();
    await cs.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** Both runtimes; prints a line each (or JSON) and returns whether both were under `limitMs` and cancelled cleanly. */
export async function benchFill(browser, { entries = 1_000_000, limitMs = 3000, asJson = false } = {}) {
  const results = [];
  for (const runtime of ['classic', 'swiss']) results.push(await measureRuntime(browser, runtime, entries));
  if (asJson) console.log(JSON.stringify(results));
  for (const r of results) {
    if (asJson) continue;
    const c = r.cancelled.ok ? 'cancel left the map as it was' : `CANCEL FAILED (${r.cancelled.error ?? `before "${r.cancelled.before}", after "${r.cancelled.after}"`})`;
    console.log(`${r.runtime}: Insert Random Keys… ${r.entries.toLocaleString('en-US')} → panel painted in ${r.paintedMs} ms (summary after ${r.summaryMs} ms: ${r.summary.split('\n')[0]}) ${r.paintedMs <= limitMs ? 'ok' : `MISSED (target ${limitMs} ms)`}; ${c}`);
  }
  return results.every((r) => r.paintedMs <= limitMs && r.cancelled.ok);
}
