#!/usr/bin/env node
// The real-VS-Code tests, both tiers, in one run:
//   (a) mocha suites inside the real extension host: test/e2e/suite/*.test.ts, bundled with esbuild,
//       loaded by code-server's smoke-test driver through the `extensionTestsPath` payload; results
//       come back through codeAutomationExit (exit code) and a results file;
//   (b) UI scenarios: test/e2e/ui/*.test.mjs, mocha in this process driving Debian's Chromium with
//       playwright-core against code-server with the extension installed; screenshots go to
//       test/e2e/.run/screenshots/.
// The last line is always `e2e: N passed, N failed`; when code-server or Chromium cannot be set up
// it is `e2e: 0 passed, 0 failed` after a line `e2e skipped: <reason>`.
//
//   (c) the packaged .vsix (`npm run package`) installed into a fresh code-server and opened.
// Usage: node test/e2e/run.mjs [--host-only | --ui-only | --vsix-only] [--grep PATTERN]

import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { e2eDir, rootDir, setup } from './setup.mjs';
import { runRoot, startCodeServer } from './lib/codeserver.mjs';
import { launchBrowser, newPage } from './lib/browser.mjs';
import { buildExtension, fixtureWorkspace } from './lib/build.mjs';

export { buildExtension, fixtureWorkspace };

const args = process.argv.slice(2);
const only = args.includes('--host-only') ? 'host' : args.includes('--ui-only') ? 'ui' : args.includes('--vsix-only') ? 'vsix' : undefined;
const grepIdx = args.indexOf('--grep');
const grep = grepIdx >= 0 ? args[grepIdx + 1] : undefined;
export const screenshotsDir = path.join(runRoot, 'screenshots');

const say = (line) => process.stdout.write(`${line}\n`);

/** A fresh copy of the sample workspace, so tests may write exports into it. */
export function workspaceCopy(name) {
  const dest = path.join(runRoot, 'workspaces', `${name}-${process.pid}`);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(fixtureWorkspace, dest, { recursive: true });
  return dest;
}

async function bundleHostSuite() {
  const { build } = await import(pathToImport(path.join(rootDir, 'node_modules', 'esbuild', 'lib', 'main.js')));
  const suiteDir = path.join(e2eDir, 'suite');
  const outdir = path.join(runRoot, 'suite');
  fs.rmSync(outdir, { recursive: true, force: true });
  const entryPoints = fs.readdirSync(suiteDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => path.join(suiteDir, f));
  const { nodeBundle } = createRequire(import.meta.url)(path.join(rootDir, 'esbuild.js'));
  await build({
    ...nodeBundle,
    entryPoints,
    outdir,
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
  });
  return path.join(outdir, 'index.js');
}

function pathToImport(p) {
  return new URL(`file://${p}`).href;
}

/** Tier (a): the suites inside the extension host. Returns { passed, failed }. */
async function runHost(browser) {
  const index = await bundleHostSuite();
  const resultsFile = path.join(runRoot, `host-results-${process.pid}.json`);
  fs.rmSync(resultsFile, { force: true });
  const workspace = workspaceCopy('host');
  const cs = await startCodeServer({ name: 'host', workspace, smokeTestDriver: true, env: { GOMAP_E2E_RESULTS: resultsFile } });
  const page = await newPage(browser);
  const logs = [];
  try {
    let exit;
    const exited = new Promise((resolve) => { exit = resolve; });
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const text = typeof message === 'string' ? message : JSON.stringify(message);
      logs.push(text);
    });
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    page.on('console', (m) => logs.push(m.text()));
    const payload = [
      ['extensionDevelopmentPath', cs.remoteUri(rootDir)],
      ['extensionTestsPath', cs.remoteUri(index)],
    ];
    await page.goto(cs.folderUrl(workspace, payload));
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5 * 60 * 1000).unref());
    const code = await Promise.race([exited, timeout]);
    let result;
    try {
      result = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    } catch {
      const line = logs.map(String).reverse().find((l) => l.includes('GOMAP-E2E-HOST '));
      result = line ? JSON.parse(line.slice(line.indexOf('GOMAP-E2E-HOST ') + 15)) : undefined;
    }
    if (!result) {
      say(`e2e host: no results (exit ${code}); last log lines:\n  ${logs.slice(-20).join('\n  ')}\n  code-server log: ${cs.logPath}`);
      return { passed: 0, failed: 1 };
    }
    say(`e2e host: ${result.passed} passing, ${result.failed} failing (exit code ${code})`);
    for (const f of result.failures ?? []) say(`  ✗ ${f.title}\n    ${String(f.error).split('\n').slice(0, 6).join('\n    ')}`);
    if (code === 'timeout') return { passed: result.passed, failed: result.failed + 1 };
    return { passed: result.passed, failed: result.failed };
  } finally {
    await page.context().close();
    await cs.stop();
  }
}

/** Tier (b): the UI scenarios, mocha in this process. Returns { passed, failed }. */
async function runUi(browser) {
  const { default: Mocha } = await import('mocha');
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const workspace = workspaceCopy('ui');
  // Typing into settings.json (a scenario changes goarch) must not get auto-closed quotes.
  const cs = await startCodeServer({ name: 'ui', workspace, installExtension: true, settings: { 'editor.autoClosingQuotes': 'never', 'editor.autoClosingBrackets': 'never', 'editor.autoSurround': 'never', 'editor.formatOnType': false } });
  globalThis.__gomapE2E = { browser, cs, workspace, screenshotsDir, newPage };
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec', bail: false });
  if (grep) mocha.grep(grep);
  const uiDir = path.join(e2eDir, 'ui');
  for (const f of fs.readdirSync(uiDir).filter((f) => f.endsWith('.test.mjs')).sort()) mocha.addFile(path.join(uiDir, f));
  try {
    await mocha.loadFilesAsync();
    let passed = 0;
    const failed = await new Promise((resolve) => {
      const runner = mocha.run(resolve);
      runner.on('pass', () => { passed++; });
    });
    return { passed, failed };
  } finally {
    delete globalThis.__gomapE2E;
    await cs.stop();
  }
}

/** Tier (c): `npm run package` makes the .vsix; code-server installs it; the workbench shows the
 * extension's container and a new map opens in its panel. Returns { passed, failed }. */
async function runVsix(browser) {
  const vsix = path.join(runRoot, 'go-map-inspector.vsix');
  fs.rmSync(vsix, { force: true });
  const r = spawnSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: rootDir, encoding: 'utf8' });
  buildExtension(); // back to the development build (with source maps) that `package` replaced
  if (r.status !== 0 || !fs.existsSync(vsix)) {
    say(`e2e vsix: npm run package failed:\n${(r.stdout + r.stderr).split('\n').slice(-15).join('\n')}`);
    return { passed: 0, failed: 1 };
  }
  const workspace = workspaceCopy('vsix');
  const cs = await startCodeServer({ name: 'vsix', workspace, vsix });
  const page = await newPage(browser);
  try {
    const installed = fs.readdirSync(cs.extensions).filter((d) => d.startsWith('go-map-inspector.go-map-inspector-'));
    if (installed.length !== 1) throw new Error(`the .vsix did not install: extensions dir has ${fs.readdirSync(cs.extensions).join(', ')}`);
    const { openFile, openWorkbench, runCommand, answerQuickInput, webviewFrame } = await import('./lib/browser.mjs');
    await openWorkbench(page, cs.folderUrl(workspace), { fileName: 'literals.go', readySelector: '.activitybar [aria-label^="Go Map Inspector"]' });
    // From a file of the Go 1.19 module: the new map is the classic hmap.
    await openFile(page, 'literals.go');
    await runCommand(page, 'Go Map: New Map…');
    for (const answer of ['string', 'int', '0', '9']) await answerQuickInput(page, answer);
    await webviewFrame(page).locator('[data-testid=summary]', { hasText: 'count 9 · B 1' }).waitFor();
    say(`e2e vsix: ${path.basename(vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB) installed as ${installed[0]}; a new map renders in its panel`);
    return { passed: 1, failed: 0 };
  } catch (e) {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotsDir, 'failed-vsix.png') }).catch(() => undefined);
    say(`e2e vsix: ✗ ${e?.message ?? e}`);
    return { passed: 0, failed: 1 };
  } finally {
    await page.context().close();
    await cs.stop();
  }
}

async function main() {
  const t0 = Date.now();
  const ready = await setup();
  if (!ready.ok) {
    say(`e2e skipped: ${ready.reason}`);
    return { passed: 0, failed: 0 };
  }
  buildExtension();
  const browser = await launchBrowser();
  const total = { passed: 0, failed: 0 };
  try {
    for (const [name, tier] of [['host', runHost], ['ui', runUi], ['vsix', runVsix]]) {
      if (only && only !== name) continue;
      const t = Date.now();
      try {
        const r = await tier(browser);
        total.passed += r.passed;
        total.failed += r.failed;
      } catch (e) {
        say(`e2e ${name}: could not run: ${e?.stack ?? e}`);
        total.failed++;
      }
      say(`e2e ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await browser.close();
  }
  say(`e2e: total ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${path.relative(rootDir, screenshotsDir)}/`);
  return total;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(e2eDir, 'run.mjs')) {
  main().then(
    (r) => {
      say(`e2e: ${r.passed} passed, ${r.failed} failed`);
      process.exitCode = r.failed > 0 ? 1 : 0;
    },
    (e) => {
      say(`e2e: run failed: ${e?.stack ?? e}`);
      say('e2e: 0 passed, 1 failed');
      process.exitCode = 1;
    },
  );
}
