/**
 * Whole hovers compared with golden files (test/fixtures/hover/golden/*.md), so a changed word is
 * seen in review. To rewrite the golden files after a deliberate change: GOMAP_UPDATE_GOLDEN=1.
 *
 * The nil-map hovers: a local `var m map[K]V` never made (edge.go), and a map field of a struct
 * declared in the file that the file never assigns (nilfield/server.go: `pending`), while fields
 * made in a literal (`seen: make(...)`) or assigned (`s.names = ...`) get no warning.
 */
import * as assert from 'assert';
import { matchesGolden, positionOf } from './golden';
import * as fs from 'fs';
import * as path from 'path';
import { HoverOptions, hover } from '../../src/core/hover';

const fixtures = path.join(__dirname, '..', 'fixtures', 'hover');
const amd64: HoverOptions = { goarch: 'amd64', goVersion: '1.22' };



describe('hover: golden files for nil maps (locals and struct fields)', () => {
  const server = fs.readFileSync(path.join(fixtures, 'nilfield', 'server.go'), 'utf8');
  const edge = fs.readFileSync(path.join(fixtures, 'edge', 'edge.go'), 'utf8');

  it('a local map declared and never made', async () => {
    const r = await hover(edge, positionOf(edge, 'local["x"] = 1', 1), amd64);
    assert.strictEqual(r?.kind, 'nilMap');
    matchesGolden('nilmap-local', r!.markdown);
  });

  it('a struct field never made, hovered where it is written (s.pending[k]++)', async () => {
    const r = await hover(server, positionOf(server, 's.pending[k]++', 3), amd64);
    assert.strictEqual(r?.kind, 'nilField', r?.markdown);
    // Writes on lines 17 (s.pending[k]++) and 21 (s.pending[k] = 0); line 20 only reads it.
    matchesGolden('nilfield-write', r!.markdown);
  });

  it('the same field hovered in its declaration', async () => {
    const r = await hover(server, positionOf(server, 'pending map[string]int', 1), amd64);
    assert.strictEqual(r?.kind, 'nilField', r?.markdown);
    matchesGolden('nilfield-decl', r!.markdown);
  });

  it('no warning for a field made in a literal or assigned in this file', async () => {
    for (const snippet of ['s.seen[1] = true', 's.names[k] = k']) {
      const r = await hover(server, positionOf(server, snippet, 3), amd64);
      assert.notStrictEqual(r?.kind, 'nilField', `${snippet}: ${r?.markdown}`);
    }
  });

  it('no warning for a field that is not a map', async () => {
    const r = await hover(server, positionOf(server, 'id      int', 1), amd64);
    assert.strictEqual(r, undefined);
  });
});
