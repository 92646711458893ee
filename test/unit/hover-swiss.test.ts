/**
 * Hovers in a module whose go.mod says Go 1.26 (Swiss tables), compared whole with golden files
 * (test/fixtures/hover/golden/swiss-*.md; GOMAP_UPDATE_GOLDEN=1 rewrites them after a deliberate
 * change). Their numbers come from the Swiss layout and make code, which equal the real runtime's
 * (test/unit/swiss-layout.fixtures.test.ts): map[string]Profile has 40-byte slots (string 16 +
 * Profile 24), a 328-byte group; make(…, 1000) is 48 + 16 + 2 × (32 + 49,152) = 98,432 bytes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HoverOptions, Position, hover, parseGoMod } from '../../src/core/hover';
import { pickRuntime } from '../../src/core/runtime/pick';

const dir = path.join(__dirname, '..', 'fixtures', 'hover', 'swiss126');
const golden = path.join(__dirname, '..', 'fixtures', 'hover', 'golden');
const src = fs.readFileSync(path.join(dir, 'sessions.go'), 'utf8');
const modText = fs.readFileSync(path.join(dir, 'go.mod'), 'utf8');
const mod = parseGoMod(modText);
const opts: HoverOptions = { goarch: 'amd64', goVersion: mod.go, runtime: pickRuntime({ goMod: { path: path.join(dir, 'go.mod'), text: modText } }) };

function at(snippet: string, offset: number): Position {
  const i = src.indexOf(snippet);
  assert.ok(i >= 0 && src.indexOf(snippet, i + 1) < 0, `snippet not unique: ${snippet}`);
  const before = src.slice(0, i + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function matchesGolden(name: string, markdown: string): void {
  const file = path.join(golden, `${name}.md`);
  if (process.env.GOMAP_UPDATE_GOLDEN === '1') fs.writeFileSync(file, markdown);
  assert.strictEqual(markdown, fs.readFileSync(file, 'utf8'), `hover differs from ${path.relative(process.cwd(), file)}`);
}

describe('hover: a Go 1.26 module (Swiss tables), whole hovers against golden files', () => {
  const cases: [string, string, number, string][] = [
    ['swiss-make-hint', 'make(map[string]Profile, 1000)', 1, 'make'],
    ['swiss-make-small', 'make(map[int32]int8)', 1, 'make'],
    ['swiss-literal', 'map[uint16]Blob{1', 1, 'make'],
    ['swiss-map-type', 'var registry map[string]Profile', 14, 'mapType'],
    ['swiss-delete', 'delete(profiles, "ann")', 1, 'delete'],
    ['swiss-delete-slow', 'delete(small, 1)', 1, 'delete'],
    ['swiss-clear', 'clear(profiles)', 1, 'clear'],
    ['swiss-range', 'for id := range profiles', 1, 'range'],
  ];
  for (const [name, snippet, offset, kind] of cases) {
    it(`${snippet} (${name}.md)`, async () => {
      const r = await hover(src, at(snippet, offset), opts);
      assert.strictEqual(r?.kind, kind, r?.markdown);
      matchesGolden(name, r!.markdown);
    });
  }

  it('says why: the go.mod line', async () => {
    const r = await hover(src, at('clear(profiles)', 1), opts);
    assert.ok(r?.markdown.includes('**swiss · Go 1.26 (go.mod: go 1.26)**'));
  });

  it('the same file under go 1.22 describes the classic map, and says so', async () => {
    const classic = pickRuntime({ goMod: { path: 'go.mod', text: 'go 1.22\n' } });
    const r = await hover(src, at('make(map[string]Profile, 1000)', 1), { goarch: 'amd64', goVersion: '1.22', runtime: classic });
    assert.match(r?.markdown ?? '', /\*\*classic · Go 1\.22 \(go\.mod: go 1\.22\)\*\*/);
    assert.match(r?.markdown ?? '', /makemap picks B = 8/);
  });
});
