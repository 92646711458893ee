// `npm run bench:hover`: hover and code-action time per request on a generated 2,000-line Go file,
// after the first parse, printed beside the baseline of the same run: a bare tree-sitter parse of
// the same text. The editor keeps the tree per document version, so a hover never reparses an
// unchanged file; the per-request figure is what a user waits for. Target: under 5 ms/request.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

// The core from source, as the unit tests load it (tsx compiles the TypeScript on the fly).
register();
const require = createRequire(import.meta.url);
const core = require('../../src/core/hover/index.ts');
const { loadGoParser } = require('../../src/core/go/parser.ts');

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

// Then every position, many rounds, same version: cached tree.
const rounds = 30;
const perRequest = [];
let said = 0;
for (let r = 0; r < rounds; r++) {
  for (const p of pos) {
    t0 = performance.now();
    const h = core.hoverSync(src, p, opts, key);
    perRequest.push(performance.now() - t0);
    if (r === 0 && h) said++;
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
console.log(`hover bench: ${lineCount}-line Go file, ${pos.length} positions (${said} with a hover) × ${rounds} rounds`);
console.log(`  baseline  bare tree-sitter parse:      ${fmt(median(parseMs))} ms (median of ${parseMs.length})`);
console.log(`  first hover (parse, scope, index):     ${fmt(firstMs)} ms`);
console.log(`  hover per request, cached tree:        ${fmt(median(perRequest))} ms median, ${fmt(mean(perRequest))} mean, ${fmt(p95(perRequest))} p95` +
  ` = ${fmt(median(perRequest) / median(parseMs))}× a bare parse`);
console.log(`  code actions per request, cached tree: ${fmt(median(actionMs))} ms median, ${fmt(p95(actionMs))} p95`);
const ok = p95(perRequest) < 5;
console.log(`  target < 5 ms/request: ${ok ? 'met' : 'NOT met'} (p95)`);
