/**
 * Golden files for whole hovers (test/fixtures/hover/golden/*.md): a changed word is seen in
 * review. GOMAP_UPDATE_GOLDEN=1 rewrites them after a deliberate change.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Position } from '../../src/core/hover';

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
