/**
 * `npm start` on a fresh clone: `test/e2e/start.mjs` installs the packages itself (`buildExtension`)
 * before it needs them, so nothing it imports statically, directly or through the local modules it
 * imports, may be a package: an ES module's static imports are all loaded before its first line
 * runs, and a clone without node_modules would stop at ERR_MODULE_NOT_FOUND (it did, when start.mjs
 * imported run.mjs, which imports playwright-core). Dynamic `import()` after the install is fine.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

/** The specifiers of a module's static imports and re-exports (`import … from '…'`, `import '…'`, `export … from '…'`). */
function staticImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(?:[^'"()]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) out.push(m[1]);
  return out;
}

/** Every static import reachable from `entry` through relative specifiers, as `file: specifier`. */
function importGraph(entry: string): { from: string; spec: string }[] {
  const seen = new Set<string>();
  const out: { from: string; spec: string }[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      out.push({ from: path.relative(root, file), spec });
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
    }
  };
  visit(entry);
  return out;
}

describe('npm start on a fresh clone', () => {
  it('start.mjs imports nothing but Node\'s own modules and local files before it installs', () => {
    const graph = importGraph(path.join(root, 'test/e2e/start.mjs'));
    // start.mjs itself, setup.mjs, lib/codeserver.mjs and lib/build.mjs at least.
    assert.ok(new Set(graph.map((g) => g.from)).size >= 4, JSON.stringify(graph));
    const packages = graph.filter((g) => !g.spec.startsWith('node:') && !g.spec.startsWith('.'));
    assert.deepStrictEqual(packages, []);
  });

  it('the check sees a package imported through a local module (run.mjs imports playwright-core)', () => {
    const graph = importGraph(path.join(root, 'test/e2e/run.mjs'));
    assert.ok(graph.some((g) => g.from === path.join('test', 'e2e', 'lib', 'browser.mjs') && g.spec === 'playwright-core'), JSON.stringify(graph));
  });
});
