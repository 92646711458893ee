#!/usr/bin/env node
// `npm run bench:render`: the panel's webview bundle (dist/webview.js) in Debian's Chromium with a
// simulated map of 2^20 buckets (1,000,000 int64 keys). The extension side is the real model and
// message handling (test/e2e/bench/session.ts), answering the page's messages through Playwright.
// Prints the time to the first complete frame and the frame time per scroll step.
//
// With `--runtime swiss`, a Swiss map of `--entries` int64 keys grown from empty (about 2,000
// tables of 1024 slots for 10^6) in the stacked column of tables; it also counts the elements of the
// directory strip and checks, after every scroll step, that the sticky heading names the table
// whose line is at the top of the view.
//
// With `--fill`, instead: "Insert Random Keys…" with `--entries` keys (10^6) in code-server, from
// the answer to the painted panel, classic and Swiss, and the same fill cancelled (bench/fill.mjs).
//
// `--profile` prints the page's CPU profile from its ready to its first frame, self time per function
// (a forced layout shows as the function that read a size). `--trace` prints, from a Chromium trace,
// the renderer's wall and CPU time from the map message to the first frame, by kind of work.
//
// Usage: node test/e2e/bench-render.mjs [--B 20] [--entries 1000000] [--steps 120] [--runtime swiss] [--fill] [--profile] [--trace] [--json]

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromiumPath, ensureChromium, rootDir, setup } from './setup.mjs';
import { runRoot } from './lib/codeserver.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { buildExtension } from './run.mjs';
import { benchFill } from './bench/fill.mjs';

const args = process.argv.slice(2);
const num = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const B = num('--B', 20);
const entries = num('--entries', 1_000_000);
const steps = num('--steps', 120);
const asJson = args.includes('--json');
const runtime = args.includes('--runtime') ? args[args.indexOf('--runtime') + 1] : 'classic';
/** `--profile`: a CPU profile of the page from its load to the first frame, summed per function. */
const profile = args.includes('--profile');
/** `--trace`: the renderer's own time from the page's load to the first frame, by kind of work
 * (script, style, layout, paint), from a Chromium trace. */
const trace = args.includes('--trace');

/** Dark-theme values for the --vscode-* variables the panel uses (VS Code injects them normally). */
const themeCss = `
:root {
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-editor-background: #1e1e1e;
  --vscode-focusBorder: #007fd4; --vscode-widget-border: #454545; --vscode-panel-border: #454545;
  --vscode-sideBar-background: #252526; --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616;
  --vscode-charts-purple: #b180d7; --vscode-charts-red: #f14c4c; --vscode-textLink-activeForeground: #3794ff;
  --vscode-editorWarning-foreground: #cca700; --vscode-button-secondaryForeground: #fff; --vscode-button-secondaryBackground: #3a3d41;
  --vscode-goMapInspector-storedSlot: #3c8d5a; --vscode-goMapInspector-emptyOneSlot: #8a6d1f; --vscode-goMapInspector-emptyRestSlot: #2d2d30;
  --vscode-goMapInspector-evacuatedXSlot: #2f6fb0; --vscode-goMapInspector-evacuatedYSlot: #8a4fb8; --vscode-goMapInspector-evacuatedEmptySlot: #555555;
}`;

async function main() {
  buildExtension();
  const chrome = ensureChromium();
  if (!chrome.ok) {
    console.log(`bench:render skipped: ${chrome.reason}`);
    return;
  }
  if (args.includes('--fill')) {
    const ready = await setup();
    if (!ready.ok) {
      console.log(`bench:render --fill skipped: ${ready.reason}`);
      return;
    }
    const browser = await launchBrowser();
    try {
      if (!(await benchFill(browser, { entries, asJson }))) process.exitCode = 1;
    } finally {
      await browser.close();
    }
    return;
  }
  // Bundle the extension side (model + protocol) for Node.
  const esbuild = createRequire(path.join(rootDir, 'package.json'))('esbuild');
  const out = path.join(runRoot, 'bench', 'session.cjs');
  const { nodeBundle } = createRequire(path.join(rootDir, 'package.json'))(path.join(rootDir, 'esbuild.js'));
  await esbuild.build({ ...nodeBundle, entryPoints: [path.join(rootDir, 'test/e2e/bench/session.ts')], outfile: out, sourcemap: false });
  const { makeBenchSession } = await import(pathToFileURL(out).href);

  const session = await makeBenchSession(B, entries, runtime);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const origin = 'http://bench.invalid';
    const files = {
      '/webview.js': [fs.readFileSync(path.join(rootDir, 'dist', 'webview.js')), 'text/javascript'],
      '/panel.css': [fs.readFileSync(path.join(rootDir, 'media', 'panel.css')), 'text/css'],
      '/': [Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>${themeCss}</style><link rel="stylesheet" href="/panel.css">
<script>
  // Time the work of every animation-frame callback (the panel draws in them).
  window.__frameWork = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => { const s = performance.now(); cb(t); window.__frameWork.push(performance.now() - s); });
  window.acquireVsCodeApi = () => ({ postMessage: (m) => { if (m.type === 'rendered') performance.mark('gomap-rendered'); window.__gomapPost(m); }, getState: () => undefined, setState: () => undefined });
  // The first map message: when its event reached the page and when the panel's handler returned
  // (this listener runs before the panel's, the one after webview.js after it).
  window.__marks = {};
  const mark = (name, type = 'map') => (e) => {
    if (e.data?.type !== type || window.__marks[name]) return;
    window.__marks[name] = performance.timeOrigin + performance.now();
    performance.mark('gomap-' + name);
  };
  window.addEventListener('message', mark('event'));
  window.addEventListener('message', mark('rows', 'rows'));
</script></head><body><div id="app" data-initial='{"sessionId":"bench"}'></div><script src="/webview.js"></script>
<script>window.addEventListener('message', mark('handled'));</script></body></html>`), 'text/html'],
    };
    await page.route(`${origin}/**`, (route) => {
      const f = files[new URL(route.request().url()).pathname];
      return f ? route.fulfill({ body: f[0], contentType: f[1] }) : route.fulfill({ status: 404, body: '' });
    });

    let bytesToWebview = 0;
    let rendered;
    const renderedWaiters = [];
    /** Wall-clock marks (ms since the epoch, the page's and Node's clocks are the same) of the first map message. */
    const marks = {};
    const now = () => performance.timeOrigin + performance.now();
    const toPage = async (m) => {
      const first = m.type === 'map' && !marks.stringify;
      if (first) marks.stringify = now();
      const text = JSON.stringify(m);
      bytesToWebview += text.length;
      if (first) marks.stringified = now();
      const inPage = await page.evaluate((t) => {
        const at = () => performance.timeOrigin + performance.now();
        const evaluated = at();
        const data = JSON.parse(t);
        const parsed = at();
        window.postMessage(data, '*');
        return { evaluated, parsed, posted: at() };
      }, text);
      if (first) Object.assign(marks, inPage, { returned: now() });
    };
    let mapSentAt = 0;
    let cdp;
    let mapComputeMs = 0;
    /** From the map message's JSON to the page's `postMessage` of it returning. */
    let mapToPageMs = 0;
    let fullComputeMs = 0;
    await page.exposeFunction('__gomapPost', async (m) => {
      if (m?.type === 'ready') {
        // Profiled from the webview's ready on (its load and script compile left out).
        if (cdp) await cdp.send('Profiler.start');
        mapSentAt = performance.now();
        const { message, ms } = session.mapMessage();
        mapComputeMs = ms;
        const t = performance.now();
        await toPage(message);
        mapToPageMs = performance.now() - t;
      } else if (m?.type === 'rendered') {
        rendered = { inPageMs: m.ms, wallMs: performance.now() - mapSentAt };
        Object.assign(marks, await page.evaluate(() => window.__marks), { rendered: now() });
        if (cdp) await cdp.send('Profiler.stop').then((r) => printProfile(r.profile));
        renderedWaiters.splice(0).forEach((f) => f());
        // As the panel does: the counts over every bucket once the first frame is drawn.
        const full = await session.fullMapMessage();
        fullComputeMs = full.ms;
        await toPage(full.message);
      } else {
        const reply = session.reply(m);
        if (reply) await toPage(reply);
      }
    });
    cdp = profile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    }
    if (trace) await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel', 'blink.user_timing'] });
    await page.goto(`${origin}/`);
    if (!rendered) await new Promise((resolve) => renderedWaiters.push(resolve));
    const firstFrameBytes = bytesToWebview;
    if (trace) printTrace(JSON.parse((await browser.stopTracing()).toString('utf8')));

    // Scroll: small steps (wheel-like) and, every tenth step, a jump anywhere in the array. For each
    // step: the work of the frames it caused, and the time until the rows in view show their slots
    // (a jump waits for one round trip to the extension for the new rows).
    const frames = await page.evaluate(async (n) => {
      const scroller = document.querySelector('.scroller');
      const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
      const filled = () => {
        const rows = [...document.querySelectorAll('.row')];
        return rows.length > 0 && rows.every((r) => r.classList.contains('table-heading') || r.querySelector('[data-testid=slot]'));
      };
      const work = [];
      const latency = [];
      // The sticky heading of stacked tables must name the table of the top line in view.
      let headingChecked = 0;
      const headingWrong = [];
      const checkHeading = () => {
        const top = document.querySelector('.row');
        const array = top?.dataset.array ?? top?.querySelector('[data-array]')?.dataset.array;
        if (!array?.startsWith('table-')) return;
        const text = document.querySelector('[data-testid=column-heading]')?.textContent ?? '';
        headingChecked++;
        if (!text.startsWith(`${array.replace('table-', 'table ')} ·`)) headingWrong.push(`${array}: ${text.slice(0, 40)}`);
      };
      for (let i = 0; i < n; i++) {
        window.__frameWork.length = 0;
        const t = performance.now();
        if (i % 10 === 9) scroller.scrollTop = Math.random() * (scroller.scrollHeight - scroller.clientHeight);
        else scroller.scrollTop += 240;
        await nextFrame();
        while (!filled() && performance.now() - t < 5000) await nextFrame();
        latency.push(performance.now() - t);
        work.push(...window.__frameWork);
        checkHeading();
      }
      return {
        work, latency, rows: document.querySelectorAll('.row').length, slots: document.querySelectorAll('[data-testid=slot]').length,
        directoryElements: document.querySelectorAll('[data-testid=directory] *').length, headingChecked, headingWrong: headingWrong.slice(0, 5),
      };
    }, steps);
    const stats = (xs) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const at = (p) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
      return { median: at(0.5), p95: at(0.95), max: at(1) };
    };
    const work = stats(frames.work);
    const latency = stats(frames.latency);
    const result = {
      B: session.B,
      buckets: 2 ** session.B,
      count: session.count,
      buildMs: Math.round(session.buildMs),
      mapViewMs: Math.round(mapComputeMs * 10) / 10,
      mapToPageMs: Math.round(mapToPageMs * 10) / 10,
      fullMapViewMs: Math.round(fullComputeMs * 10) / 10,
      firstFrameMs: Math.round(rendered.wallMs * 10) / 10,
      firstFrameInPageMs: rendered.inPageMs,
      firstFrameBytes,
      // The first frame in parts: JSON of the map message in Node, Playwright carrying the text into
      // the page, JSON.parse there, window.postMessage (a structured clone), the wait for its event,
      // the panel's handler of the map message, the wait for the first rows (asked for at the start
      // of the handler), and from their arrival to the rendered message (the frame that draws them).
      firstFrameParts: marks.event ? {
        stringifyMs: round(marks.stringified - marks.stringify),
        carryMs: round(marks.evaluated - marks.stringified),
        parseMs: round(marks.parsed - marks.evaluated),
        postMessageMs: round(marks.posted - marks.parsed),
        toEventMs: round(marks.event - marks.posted),
        handlerMs: round(marks.handled - marks.event),
        // Absent when the rows of the first lines came with the map (no request before the frame).
        ...(marks.rows < marks.rendered ? { toRowsMs: round(marks.rows - marks.handled), toRenderedMs: round(marks.rendered - marks.rows) } : {}),
      } : undefined,
      scrollSteps: steps,
      frameWorkMs: work,
      scrollToFilledMs: latency,
      bytesToWebviewTotal: bytesToWebview,
      rowsInDom: frames.rows,
      slotsInDom: frames.slots,
      runtime,
      summary: session.summary,
      directoryElements: frames.directoryElements,
      headingChecked: frames.headingChecked,
      headingWrong: frames.headingWrong,
      chromium: chromiumPath,
    };
    if (asJson) console.log(JSON.stringify(result));
    else {
      if (runtime === 'swiss') console.log(`map[int64]int64, Swiss: ${session.summary} (simulated in ${result.buildMs} ms)`);
      else console.log(`map[int64]int64 with 2^${result.B} = ${result.buckets} buckets, ${result.count} entries (simulated in ${result.buildMs} ms)`);
      console.log(`first frame: ${result.firstFrameMs} ms from the webview's ready to its first complete frame (map view ${result.mapViewMs} ms, ${result.mapToPageMs} ms to post it into the page, ${result.firstFrameInPageMs} ms inside the page, ${(result.firstFrameBytes / 1024).toFixed(0)} KiB sent); the full counts (overview, memory) followed after ${result.fullMapViewMs} ms more`);
      if (result.firstFrameParts) console.log(`first frame in parts (ms): ${Object.entries(result.firstFrameParts).map(([k, v]) => `${k.replace(/Ms$/, '')} ${v}`).join(', ')}`);
      console.log(`scroll: ${steps} steps; frame work median ${work.median} ms, p95 ${work.p95} ms, max ${work.max} ms; scroll to rows filled median ${latency.median} ms, p95 ${latency.p95} ms, max ${latency.max} ms`);
      console.log(`DOM: ${result.rowsInDom} rows / ${result.slotsInDom} slots; ${(result.bytesToWebviewTotal / 1024).toFixed(0)} KiB sent to the webview in all`);
      if (runtime === 'swiss') console.log(`directory strip: ${result.directoryElements} elements; sticky heading named the top table ${result.headingChecked - result.headingWrong.length} of ${result.headingChecked} times${result.headingWrong.length ? ` (wrong: ${result.headingWrong.join('; ')})` : ''}`);
    }
  } finally {
    await browser.close();
  }
}

const round = (ms) => Math.round(ms * 10) / 10;

/**
 * The renderer main thread from the map message's event to the rendered message (the page's own
 * marks): wall time against the thread's CPU time, and the outermost events of a few kinds summed
 * (script, style, layout, paint, GC); the rest of the wall time the thread waited (for the rows'
 * round trip, for a core).
 */
function printTrace(t) {
  const all = t.traceEvents ?? t;
  const mark = (name) => all.find((e) => e.name === name);
  const from = mark('gomap-event');
  const to = mark('gomap-rendered');
  if (!from || !to) return console.log('trace: the page\'s marks are missing');
  const kinds = new Set(['FunctionCall', 'EvaluateScript', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MinorGC', 'MajorGC', 'FireAnimationFrame']);
  const events = all.filter((e) => e.ph === 'X' && e.tid === from.tid && e.pid === from.pid && kinds.has(e.name) && e.ts >= from.ts && e.ts <= to.ts).sort((a, b) => a.ts - b.ts);
  const sums = new Map();
  let end = 0;
  for (const e of events) {
    if (e.ts < end) continue; // inside an outer event already counted
    sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
    end = e.ts + e.dur;
  }
  const parts = [...sums].sort((a, b) => b[1] - a[1]).map(([n, ms]) => `${n} ${ms.toFixed(1)}`);
  console.log(`trace: map message to rendered ${((to.ts - from.ts) / 1000).toFixed(1)} ms wall, renderer main thread CPU ${((to.tts - from.tts) / 1000).toFixed(1)} ms; ${parts.join(', ')}`);
}

/** The functions with the most self time in a CDP profile, and the sampled time per URL. */
function printProfile(p) {
  const self = new Map();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const dt = p.timeDeltas;
  p.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  });
  const top = [...self].filter(([n]) => !n.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [n, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${n}`);
}

main().catch((e) => {
  console.error(`bench:render: ${e?.stack ?? e}`);
  process.exitCode = 1;
});
