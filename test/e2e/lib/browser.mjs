// Debian's Chromium driven by playwright-core, and the few workbench gestures the scenarios need.
// Every wait is for a condition on the page, never a fixed sleep.

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
  context.setDefaultTimeout(30000);
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

/** Opens a workspace file through Quick Open and waits for its editor tab to be active. */
export async function openFile(page, relPath) {
  const base = relPath.split('/').at(-1);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relPath);
  await page.locator('.quick-input-list [role=option]', { hasText: base }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container [role=tab].active[aria-label*="${base}"]`).waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/**
 * Runs a command from the palette by its title (as shown: "Go Map: Insert Key"), waiting for the
 * entry to be listed before pressing Enter.
 */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list [role=option]', { hasText: title }).first();
  await row.waitFor();
  // Take the exact match when several titles share a prefix.
  const exact = page.locator('.quick-input-list [role=option]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) });
  await ((await exact.count()) > 0 ? exact.first() : row).click();
}

/** Answers the open quick input (input box or quick pick) with `text` and Enter. */
export async function answerQuickInput(page, text) {
  const input = page.locator('.quick-input-widget:visible input');
  await input.waitFor();
  await input.fill(text);
  await page.keyboard.press('Enter');
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

/** The content frame of the (first) visible webview: two nested iframes. */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
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
