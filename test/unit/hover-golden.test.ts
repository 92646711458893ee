/**
 * Whole hovers compared with golden files (test/fixtures/hover/golden/*.md), so a changed word is
 * seen in review. To rewrite the golden files after a deliberate change: GOMAP_UPDATE_GOLDEN=1.
 *
 * The nil-map hovers: a local `var m map[K]V` never made (edge.go), and a map field of a struct
 * declared in the file that the file never assigns (nilfield/server.go: `pending`), while fields
 * made in a literal (`seen: make(...)`) or assigned (`s.names = ...`) get no warning.
 *
 * Every construct of the classic map (Go 1.22) on swiss126/sessions.go, whose numbers the hover
 * explains in its own text; checked by hand here (amd64, Profile = {bool, int64, bool}, 24 bytes):
 * - make(map[string]Profile, 1000): B = 8, the smallest B with 1000 ≤ 6.5 × 2^B (6.5 × 128 = 832 <
 *   1000 ≤ 1664). bmap = 8 tophash + 8 × 16 + 8 × 24 + 8 overflow = 336 bytes. makeBucketArray adds
 *   2^(8−4) = 16 overflow buckets: 272 × 336 = 91,392 bytes, rounded to the 98,304 size class, which
 *   holds 98,304 / 336 = 292 buckets: 36 overflow. Heap 48 (hmap) + 98,304 + 24 (mapextra) = 98,376.
 *   Growth at the 1,665th insert (overLoadFactor(1665, 8): 1665 > 1664) to B = 9: (512 + 32) × 336 =
 *   182,784 bytes, rounded up to whole 8 KiB pages: 188,416.
 * - Bytes per entry at B = 17: (2^17 + 2^13) × 336 = 46,792,704 / 851,968 = 54.9.
 * - delete: rebuilt for 10 survivors, B = 1: 2 × 336 = 672 → size class 704, + 48 = 752.
 * - make(map[int32]int8) growing to 10^6: evacuated 8 + 13 × (2^17 − 1) = 1,703,931.
 */
import * as assert from 'assert';
import { GoldenCase, goldenCases, matchesGolden, positionOf } from './golden';
import * as fs from 'fs';
import * as path from 'path';
import { HoverOptions, hover } from '../../src/core/hover';

const fixtures = path.join(__dirname, '..', 'fixtures', 'hover');
const amd64: HoverOptions = { goarch: 'amd64', goVersion: '1.22' };

describe('hover: golden files for every classic construct (Go 1.22)', () => {
  const src = fs.readFileSync(path.join(fixtures, 'swiss126', 'sessions.go'), 'utf8');
  const cases: GoldenCase[] = [
    ['classic-make-hint', 'make(map[string]Profile, 1000)', 1, 'make'],
    ['classic-make-small', 'make(map[int32]int8)', 1, 'make'],
    ['classic-literal', 'map[uint16]Blob{1', 1, 'make'],
    ['classic-map-type', 'var registry map[string]Profile', 14, 'mapType'],
    ['classic-delete', 'delete(profiles, "ann")', 1, 'delete'],
    ['classic-delete-small', 'delete(small, 1)', 1, 'delete'],
    ['classic-clear', 'clear(profiles)', 1, 'clear'],
    ['classic-range', 'for id := range profiles', 1, 'range'],
  ];
  goldenCases(src, cases, amd64);
});



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
