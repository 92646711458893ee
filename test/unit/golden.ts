/**
 * Golden files for whole hovers (test/fixtures/hover/golden/*.md): a changed word is seen in
 * review. GOMAP_UPDATE_GOLDEN=1 rewrites them after a deliberate change.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HoverOptions, Position, hover } from '../../src/core/hover';

export const goldenDir = path.join(__dirname, '..', 'fixtures', 'hover', 'golden');

/** The position of `snippet` in `src`, plus `offset` characters. */
export function positionOf(src: string, snippet: string, offset: number): Position {
  const i = src.indexOf(snippet);
  assert.ok(i >= 0, `snippet not found: ${snippet}`);
  const before = src.slice(0, i + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

export function matchesGolden(name: string, markdown: string): void {
  const file = path.join(goldenDir, `${name}.md`);
  if (process.env.GOMAP_UPDATE_GOLDEN === '1') fs.writeFileSync(file, markdown);
  assert.strictEqual(markdown, fs.readFileSync(file, 'utf8'), `hover differs from ${path.relative(process.cwd(), file)}`);
}

/** One construct per golden file: [golden name, snippet, offset into it, expected construct kind]. */
export type GoldenCase = [string, string, number, string];

/** Registers an `it` per case: the hover at the snippet is of that kind and equals its golden file. */
export function goldenCases(src: string, cases: readonly GoldenCase[], opts: HoverOptions): void {
  for (const [name, snippet, offset, kind] of cases) {
    it(`${snippet} (${name}.md)`, async () => {
      const r = await hover(src, positionOf(src, snippet, offset), opts);
      assert.strictEqual(r?.kind, kind, r?.markdown);
      matchesGolden(name, r!.markdown);
    });
  }
}
