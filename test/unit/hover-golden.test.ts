/**
 * Whole hovers compared with golden files (test/fixtures/hover/golden/*.md), so a changed word is
 * seen in review. To rewrite the golden files after a deliberate change: GOMAP_UPDATE_GOLDEN=1.
 *
 * The nil-map hovers: a local `var m map[K]V` never made (edge.go), and a map field of a struct
 * declared in the file that the file never assigns (nilfield/server.go: `pending`), while fields
 * made in a literal (`seen: make(...)`) or assigned (`s.names = ...`) get no warning.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HoverOptions, Position, hover } from '../../src/core/hover';

const fixtures = path.join(__dirname, '..', 'fixtures', 'hover');
const golden = path.join(fixtures, 'golden');
const amd64: HoverOptions = { goarch: 'amd64', goVersion: '1.22' };

function at(src: string, snippet: string, offset: number): Position {
  const i = src.indexOf(snippet);
  assert.ok(i >= 0, `snippet not found: ${snippet}`);
  const before = src.slice(0, i + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function matchesGolden(name: string, markdown: string): void {
  const file = path.join(golden, `${name}.md`);
  if (process.env.GOMAP_UPDATE_GOLDEN === '1') fs.writeFileSync(file, markdown);
  assert.strictEqual(markdown, fs.readFileSync(file, 'utf8'), `hover differs from ${path.relative(process.cwd(), file)}`);
}

describe('hover: golden files for nil maps (locals and struct fields)', () => {
  const server = fs.readFileSync(path.join(fixtures, 'nilfield', 'server.go'), 'utf8');
  const edge = fs.readFileSync(path.join(fixtures, 'edge', 'edge.go'), 'utf8');

  it('a local map declared and never made', async () => {
    const r = await hover(edge, at(edge, 'local["x"] = 1', 1), amd64);
    assert.strictEqual(r?.kind, 'nilMap');
    matchesGolden('nilmap-local', r!.markdown);
  });

  it('a struct field never made, hovered where it is written (s.pending[k]++)', async () => {
    const r = await hover(server, at(server, 's.pending[k]++', 3), amd64);
    assert.strictEqual(r?.kind, 'nilField', r?.markdown);
    // Writes on lines 17 (s.pending[k]++) and 21 (s.pending[k] = 0); line 20 only reads it.
    matchesGolden('nilfield-write', r!.markdown);
  });

  it('the same field hovered in its declaration', async () => {
    const r = await hover(server, at(server, 'pending map[string]int', 1), amd64);
    assert.strictEqual(r?.kind, 'nilField', r?.markdown);
    matchesGolden('nilfield-decl', r!.markdown);
  });

  it('no warning for a field made in a literal or assigned in this file', async () => {
    for (const snippet of ['s.seen[1] = true', 's.names[k] = k']) {
      const r = await hover(server, at(server, snippet, 3), amd64);
      assert.notStrictEqual(r?.kind, 'nilField', `${snippet}: ${r?.markdown}`);
    }
  });

  it('no warning for a field that is not a map', async () => {
    const r = await hover(server, at(server, 'id      int', 1), amd64);
    assert.strictEqual(r, undefined);
  });
});
