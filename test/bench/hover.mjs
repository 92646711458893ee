// `npm run bench:hover`: hover and code-action time per request on a generated 2,000-line Go file,
// after the first parse, printed beside the baseline of the same run: a bare tree-sitter parse of
// the same text. The editor keeps the tree per document version, so a hover never reparses an
// unchanged file; the per-request figure is what a user waits for. Target: under 5 ms/request.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The core bundled by esbuild as the extension's own bundle is (tsx, which the unit tests load the
// sources through, wraps every nested function in a naming helper: a tenth of a hover's time).
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { nodeBundle } = require(path.join(root, 'esbuild.js'));
const outfile = path.join(root, 'test', 'bench', 'out', 'hover.cjs');
await require('esbuild').build({ ...nodeBundle, stdin: { contents: "export * from './src/core/hover/index';\nexport { loadGoParser } from './src/core/go/parser';", resolveDir: root, loader: 'ts' }, outfile, sourcemap: false, logLevel: 'warning' });
const core = require(outfile);
const { loadGoParser } = core;

/** A Go file of about `lines` lines with every construct the hover explains, repeated. */
function generate(lines) {
  const out = ['package bench', '', 'import "sync"', '', 'const batch = 1 << 10', ''];
  const types = [];
  for (let i = 0; out.length < lines; i++) {
    types.push(`Order${i}`);
    out.push(
      `type Order${i} struct {`, '\tok      bool', '\tid      int64', '\ttag     byte', '\tname    string', '}', '',
      `type Store${i} struct {`, '\tmu     sync.Mutex', `\tbyID   map[int64]*Order${i}`, '\tcounts map[int64]int8', '}', '',
      `var registry${i} map[string]Order${i}`, '',
      `func work${i}(m map[string]Order${i}, ids []int64, s *Store${i}) int {`,
      `\tbyName := make(map[string]Order${i}, 50000)`,
      '\tsmall := make(map[int64]int8, batch)',
      '\ttotal := 0',
      '\tfor k, v := range m {',
      '\t\tif v.ok {',
      '\t\t\tdelete(m, k)',
      '\t\t}',
      '\t\tbyName[k] = v',
      '\t}',
      '\tfor _, id := range ids {',
      '\t\tgo func() {',
      '\t\t\ts.counts[id]++',
      '\t\t}()',
      '\t\ttotal += int(small[id])',
      '\t}',
      '\tclear(small)',
      `\tregistry${i}["x"] = Order${i}{}`,
      '\treturn total + len(byName)',
      '}',
      '',
    );
  }
  return out.join('\n');
}

function positions(src) {
  // Every construct in the middle function, and a few plain places.
  const lines = src.split('\n');
  const mid = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('func work'));
  const want = [
    ['byName := make(', 12], ['small := make(', 10], ['for k, v := range m', 1], ['delete(m, k)', 1],
    ['s.counts[id]++', 3], ['clear(small)', 1], ['["x"] = Order', -3], ['total := 0', 1], ['return total', 2],
    ['func work', 30], ['map[int64]int8', 5],
  ];
  const out = [];
  for (const [snippet, offset] of want) {
    let row = -1;
    // map types are in the struct above the function; the rest inside it.
    for (let i = snippet.startsWith('map[') ? mid - 12 : mid; i < lines.length; i++) {
      if (lines[i].includes(snippet)) { row = i; break; }
    }
    if (row < 0) throw new Error(`bench: ${snippet} not generated`);
    const col = lines[row].indexOf(snippet) + (offset < 0 ? snippet.length + offset : offset);
    out.push({ line: row, character: col });
  }
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const src = generate(2000);
const lineCount = src.split('\n').length;
const parser = await loadGoParser();
await core.initHover();
const opts = { goarch: 'amd64', goVersion: '1.22' };

// Baseline: a bare parse of the same text (what every hover would cost without the cache).
const parseMs = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  parser.parse(src).delete();
  parseMs.push(performance.now() - t0);
}

// First request on the document: parse + scope + identifier index.
const key = { key: 'file:///bench.go', version: 1 };
const pos = positions(src);
let t0 = performance.now();
core.hoverSync(src, pos[0], opts, key);
const firstMs = performance.now() - t0;

// Then every position, many rounds, same version: cached tree; as a module on Go 1.22 (classic
// hovers) and on Go 1.26 (Swiss hovers) sees them.
const rounds = 30;
const perRequest = { classic: [], swiss: [] };
let said = 0;
for (let r = 0; r < rounds; r++) {
  for (const [runtime, goVersion] of [['classic', '1.22'], ['swiss', '1.26']]) {
    for (const p of pos) {
      t0 = performance.now();
      const h = core.hoverSync(src, p, { ...opts, goVersion }, key);
      perRequest[runtime].push(performance.now() - t0);
      if (r === 0 && runtime === 'classic' && h) said++;
    }
  }
}
const actionMs = [];
for (let r = 0; r < rounds; r++) {
  for (const p of pos) {
    t0 = performance.now();
    core.codeActionsSync(src, { start: p, end: p }, { goarch: 'amd64' }, key);
    actionMs.push(performance.now() - t0);
  }
}

const fmt = (x) => x.toFixed(2);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const all = [...perRequest.classic, ...perRequest.swiss];
console.log(`hover bench: ${lineCount}-line Go file, ${pos.length} positions (${said} with a hover) × ${rounds} rounds × 2 runtimes`);
console.log(`  baseline  bare tree-sitter parse:      ${fmt(median(parseMs))} ms (median of ${parseMs.length})`);
console.log(`  first hover (parse, scope, index):     ${fmt(firstMs)} ms`);
for (const [runtime, xs] of Object.entries(perRequest)) {
  console.log(`  hover per request, cached tree, ${runtime.padEnd(7)} ${fmt(median(xs))} ms median, ${fmt(mean(xs))} mean, ${fmt(p95(xs))} p95` +
    ` = ${fmt(median(xs) / median(parseMs))}× a bare parse`);
}
console.log(`  code actions per request, cached tree: ${fmt(median(actionMs))} ms median, ${fmt(p95(actionMs))} p95`);
const ok = p95(all) < 5;
console.log(`  target < 5 ms/request: ${ok ? 'met' : 'NOT met'} (p95 of both: ${fmt(p95(all))} ms)`);
