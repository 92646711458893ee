// Debian's Chromium driven by playwright-core, and the few workbench gestures the scenarios need.
// Every wait is for a condition on the page, never a fixed sleep.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../setup.mjs';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** A fresh page the size of a laptop screen. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  context.setDefaultTimeout(Number(process.env.GOMAP_E2E_TIMEOUT_MS) || 20000);
  return context.newPage();
}

/**
 * Opens the workbench on `url` and waits until it is usable: the Explorer shows a file of the
 * workspace and, if given, `readySelector` (e.g. the extension's activity-bar entry) is visible.
 */
export async function openWorkbench(page, url, { fileName, readySelector } = {}) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor();
  if (fileName) {
    await page.locator('.explorer-folders-view [role=treeitem]', { hasText: fileName }).first().waitFor();
  }
  if (readySelector) await page.locator(readySelector).first().waitFor();
}

/** Takes keyboard focus out of a webview's iframe, so workbench keybindings reach the workbench. */
export async function focusWorkbench(page) {
  await page.evaluate(() => {
    const a = document.activeElement;
    if (a && a.tagName === 'IFRAME') a.blur();
  });
}

/**
 * Opens the quick input with `key` (Ctrl+P: Quick Open, F1: the command palette) and types `text`.
 * The quick input can close again just after it opened, when a webview re-laid out by the previous
 * step takes the focus (seen once in a clean-clone run: the input went inert, then hidden): it is
 * opened again then.
 */
async function typeInQuickInput(page, key, text) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    await focusWorkbench(page);
    await page.keyboard.press(key);
    await input.waitFor();
    try {
      await input.fill(text, { timeout: attempt < 3 ? 5000 : undefined });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/** Opens a workspace file through Quick Open and waits for its editor tab to be active. */
export async function openFile(page, relPath) {
  const base = relPath.split('/').at(-1);
  const active = page.locator(`.tabs-container [role=tab].active[aria-label*="${base}"]`);
  // A map panel that was still being revealed can take the active tab back just after Quick Open
  // chose the file (seen once in a clean-clone run, with a 10^6-entry panel open): ask again.
  for (let attempt = 1; ; attempt++) {
    await typeInQuickInput(page, 'Control+P', relPath);
    // Click the row itself: pressing Enter could accept a row of the list before the filter applied.
    const row = page.locator('.quick-input-list [role=option]', { hasText: base }).first();
    await row.waitFor();
    await row.click();
    try {
      await active.waitFor({ timeout: attempt < 3 ? 7000 : undefined });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/**
 * Runs a command from the palette by its title (as shown: "Go Map: Insert Key"), waiting for the
 * entry to be listed before pressing Enter.
 */
export async function runCommand(page, title) {
  await typeInQuickInput(page, 'F1', `>${title}`);
  const row = page.locator('.quick-input-list [role=option]', { hasText: title }).first();
  await row.waitFor();
  // Take the exact match when several titles share a prefix.
  const exact = page.locator('.quick-input-list [role=option]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) });
  await ((await exact.count()) > 0 ? exact.first() : row).click();
  // The palette is gone (or replaced by the command's own input) before anything else is typed.
  await page.waitForFunction(() => {
    const w = document.querySelector('.quick-input-widget');
    const input = w?.querySelector('input');
    return !w || getComputedStyle(w).display === 'none' || !input || !input.value.startsWith('>');
  });
}

/** Waits for a quick input (or the simple file dialog) titled `title`, then presses Enter in it. */
export async function acceptQuickInputTitled(page, title) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
  await page.locator('.quick-input-widget input').press('Enter');
}

/**
 * Answers the open quick input (input box or quick pick) with `text` and Enter, then waits until it
 * was taken: the widget closed or shows another title (the next question), so the next answer
 * cannot land in this box.
 */
export async function answerQuickInput(page, text) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  await input.waitFor();
  const title = (await widget.locator('.quick-input-title').textContent()) ?? '';
  await input.fill(text);
  await input.press('Enter');
  await page.waitForFunction((before) => {
    const w = document.querySelector('.quick-input-widget');
    if (!w || getComputedStyle(w).display === 'none') return true;
    return (w.querySelector('.quick-input-title')?.textContent ?? '') !== before;
  }, title);
}

/** Picks the quick-pick entry whose label is `label`. */
export async function pickQuickItem(page, label) {
  const input = page.locator('.quick-input-widget:visible input');
  await input.waitFor();
  await input.fill(label);
  const row = page.locator('.quick-input-list [role=option]', { hasText: label }).first();
  await row.waitFor();
  await row.click();
}

/** The content frame of the visible webview: two nested iframes. */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready:visible').first().frameLocator('#active-frame');
}

/**
 * Puts the cursor on `line` (1-based) of the active editor through Go to Line (Ctrl+G), then
 * `Home` (the first non-blank character) and `right` presses of the right arrow.
 */
export async function gotoLine(page, line, right = 0) {
  await focusWorkbench(page);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: `Ln ${line},` }).waitFor();
  await page.keyboard.press('Home');
  for (let i = 0; i < right; i++) await page.keyboard.press('ArrowRight');
}

/** Waits for a notification toast whose message contains `text`; returns its full text. */
export async function notification(page, text) {
  const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
  await toast.waitFor();
  return toast.innerText();
}

/**
 * Records the message of every notification toast the workbench shows from now on (a toast hidden
 * again, or replaced, stays in the record). Returns a function that reads the record.
 */
export async function recordToasts(page) {
  const id = `__toasts${Date.now()}`;
  await page.evaluate((key) => {
    const messages = () => document.querySelectorAll('.notifications-toasts .notification-list-item-message');
    const seen = new WeakSet(messages()); // the toasts already shown are not this gesture's
    const record = (window[key] = []);
    new MutationObserver(() => {
      for (const m of messages()) {
        if (!seen.has(m)) { seen.add(m); record.push(m.textContent ?? ''); }
      }
    }).observe(document.body, { subtree: true, childList: true });
  }, id);
  return () => page.evaluate((key) => [...window[key]], id);
}

/** Places the editor cursor on the first line containing `text`. */
export async function cursorOnText(page, text) {
  const line = page.locator('.editor-instance .view-line', { hasText: text }).first();
  await line.waitFor();
  await line.click();
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Line (1-based) of the first occurrence of `text` in a workspace file, and how far `text`
 * starts after the line's first non-blank character. */
export function positionIn(workspace, relPath, text) {
  const lines = fs.readFileSync(path.join(workspace, relPath), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i].indexOf(text);
    if (c >= 0) return { line: i + 1, fromFirstNonBlank: c - (lines[i].length - lines[i].trimStart().length) };
  }
  throw new Error(`${text} not in ${relPath}`);
}

/** Opens a workspace file and puts the cursor `offset` characters into the first `text`. */
export async function cursorIn(page, workspace, relPath, text, offset = 0) {
  await openFile(page, relPath);
  const p = positionIn(workspace, relPath, text);
  await gotoLine(page, p.line, p.fromFirstNonBlank + offset);
}
