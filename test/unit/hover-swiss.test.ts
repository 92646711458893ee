/**
 * Hovers in a module whose go.mod says Go 1.26 (Swiss tables), compared whole with golden files
 * (test/fixtures/hover/golden/swiss-*.md; GOMAP_UPDATE_GOLDEN=1 rewrites them after a deliberate
 * change). Their numbers come from the Swiss layout and make code, which equal the real runtime's
 * (test/unit/swiss-layout.fixtures.test.ts): map[string]Profile has 40-byte slots (string 16 +
 * Profile 24), a 328-byte group; make(…, 1000) is 48 + 16 + 2 × (32 + 49,152) = 98,432 bytes.
 */
import * as assert from 'assert';
import { matchesGolden, positionOf } from './golden';
import * as fs from 'fs';
import * as path from 'path';
import { HoverOptions, hover, parseGoMod } from '../../src/core/hover';
import { pickRuntime } from '../../src/core/runtime/pick';

const dir = path.join(__dirname, '..', 'fixtures', 'hover', 'swiss126');
const src = fs.readFileSync(path.join(dir, 'sessions.go'), 'utf8');
const modText = fs.readFileSync(path.join(dir, 'go.mod'), 'utf8');
const mod = parseGoMod(modText);
const opts: HoverOptions = { goarch: 'amd64', goVersion: mod.go, runtime: pickRuntime({ goMod: { path: path.join(dir, 'go.mod'), text: modText } }) };



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
      const r = await hover(src, positionOf(src, snippet, offset), opts);
      assert.strictEqual(r?.kind, kind, r?.markdown);
      matchesGolden(name, r!.markdown);
    });
  }

  it('says why: the go.mod line', async () => {
    const r = await hover(src, positionOf(src, 'clear(profiles)', 1), opts);
    assert.ok(r?.markdown.includes('**swiss · Go 1.26 (go.mod: go 1.26)**'));
  });

  it('the same file under go 1.22 describes the classic map, and says so', async () => {
    const classic = pickRuntime({ goMod: { path: 'go.mod', text: 'go 1.22\n' } });
    const r = await hover(src, positionOf(src, 'make(map[string]Profile, 1000)', 1), { goarch: 'amd64', goVersion: '1.22', runtime: classic });
    assert.match(r?.markdown ?? '', /\*\*classic · Go 1\.22 \(go\.mod: go 1\.22\)\*\*/);
    assert.match(r?.markdown ?? '', /makemap picks B = 8/);
  });
});
