/**
 * Hovers in a module whose go.mod says Go 1.26 (Swiss tables), compared whole with golden files
 * (test/fixtures/hover/golden/swiss-*.md; GOMAP_UPDATE_GOLDEN=1 rewrites them after a deliberate
 * change). Their numbers come from the Swiss layout and make code, which equal the real runtime's
 * (test/unit/swiss-layout.fixtures.test.ts): map[string]Profile has 40-byte slots (string 16 +
 * Profile 24), a 328-byte group; make(…, 1000) is 48 + 16 + 2 × (32 + 49,152) = 98,432 bytes.
 * Worked by hand: 1000 × 8/7 = 1142 slots > maxTableCapacity 1024, so dirSize = ⌈1142/1024⌉ = 2
 * (global depth 1), each table 1142/2 = 571 → 1024 slots = 128 groups × 328 = 41,984 bytes, which
 * with the 8-byte malloc header of a pointerful object rounds up to 6 pages, 49,152. Each table takes
 * 1024 × 7/8 = 896 entries. Rebuilt for 10 survivors: 10 × 8/7 = 11 → one 16-slot table of 2 groups
 * (656 → 704) + 48 + 8 + 32 = 792. The nil-map hovers: map[string]int has 24-byte slots, a 200-byte
 * group (208 as malloc rounds it) for a small map's first insert.
 */
import * as assert from 'assert';
import { GoldenCase, goldenCases, matchesGolden, positionOf } from './golden';
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
  const cases: GoldenCase[] = [
    ['swiss-make-hint', 'make(map[string]Profile, 1000)', 1, 'make'],
    ['swiss-make-small', 'make(map[int32]int8)', 1, 'make'],
    ['swiss-literal', 'map[uint16]Blob{1', 1, 'make'],
    ['swiss-map-type', 'var registry map[string]Profile', 14, 'mapType'],
    ['swiss-delete', 'delete(profiles, "ann")', 1, 'delete'],
    ['swiss-delete-slow', 'delete(small, 1)', 1, 'delete'],
    ['swiss-clear', 'clear(profiles)', 1, 'clear'],
    ['swiss-range', 'for id := range profiles', 1, 'range'],
  ];
  goldenCases(src, cases, opts);

  it('nil maps say what a nil *maps.Map is and what make would allocate (swiss-nilmap-local.md, swiss-nilfield.md)', async () => {
    const edge = fs.readFileSync(path.join(dir, '..', 'edge', 'edge.go'), 'utf8');
    const server = fs.readFileSync(path.join(dir, '..', 'nilfield', 'server.go'), 'utf8');
    const local = await hover(edge, positionOf(edge, 'local["x"] = 1', 1), opts);
    assert.strictEqual(local?.kind, 'nilMap');
    matchesGolden('swiss-nilmap-local', local!.markdown);
    const field = await hover(server, positionOf(server, 's.pending[k]++', 3), opts);
    assert.strictEqual(field?.kind, 'nilField');
    matchesGolden('swiss-nilfield', field!.markdown);
    assert.ok(!/hmap|bucket/.test(local!.markdown + field!.markdown), 'no classic words in a Swiss nil-map hover');
  });

  it('a slot with padding between key and elem: the article follows the number as read ("an 8-byte")', async () => {
    // struct{ key int8; elem int64 }: the key at offset 0 (1 byte), 7 bytes of padding to align the
    // int64 at offset 8: a 16-byte slot, a group of 8 + 8 × 16 = 136 bytes.
    const text = 'package p\n\nvar m map[int8]int64\n';
    const r = await hover(text, positionOf(text, 'map[int8]int64', 1), opts);
    assert.match(r?.markdown ?? '', /in 136 bytes on amd64: 8 \(ctrl\) \+ 128 \(slots\)/);
    assert.match(r?.markdown ?? '', /of 16 bytes: a 1-byte key and an 8-byte elem, 7 bytes of padding between key and elem\./);
  });

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
