// Building the extension from a checkout, with nothing but Node's own modules: `npm start` runs it
// on a fresh clone before anything that needs the packages (playwright-core, esbuild) is imported.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { rootDir } from '../setup.mjs';

export const fixtureWorkspace = path.join(rootDir, 'test', 'fixtures', 'workspace');

/** Builds the extension (and installs the root packages first on a fresh clone). */
export function buildExtension() {
  if (!fs.existsSync(path.join(rootDir, 'node_modules', 'esbuild'))) {
    process.stdout.write('e2e: installing the extension\'s packages (npm install)\n');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: rootDir, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm install failed');
  }
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: rootDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('node esbuild.js failed');
}
