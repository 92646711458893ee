#!/usr/bin/env node
// `npm start`: the extension in a real VS Code (code-server) on the sample workspace.
//   1. the root `npm install` when node_modules is missing, then `node esbuild.js`;
//   2. code-server and Node 24 in test/e2e (setup.mjs, idempotent);
//   3. code-server on a free port (or $PORT) with the extension linked into its extensions folder
//      as `publisher.name-version` (a rebuild then needs only "Developer: Reload Window");
//   4. prints the URL and runs until Ctrl-C.
// Options: --vsix FILE installs that package instead of the link; --port N; --folder DIR.

import path from 'node:path';
import { setup } from './setup.mjs';
import { startCodeServer } from './lib/codeserver.mjs';
import { buildExtension, fixtureWorkspace } from './lib/build.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

async function main() {
  buildExtension();
  const ready = await setup({ needBrowser: false });
  if (!ready.ok) {
    console.error(`npm start: cannot run code-server here: ${ready.reason}`);
    process.exitCode = 3;
    return;
  }
  const folder = path.resolve(opt('--folder') ?? fixtureWorkspace);
  const vsix = opt('--vsix');
  const port = Number(opt('--port') ?? process.env.PORT) || undefined;
  const cs = await startCodeServer({ name: 'start', workspace: folder, installExtension: !vsix, vsix: vsix && path.resolve(vsix), port, keep: false });
  console.log(`\nGo Map Inspector in VS Code (code-server 4.139.1): ${cs.folderUrl(folder)}`);
  console.log(`  workspace: ${folder}`);
  console.log(`  extension: ${vsix ? `installed from ${vsix}` : 'linked from this checkout (rebuild with `npm run build`, then "Developer: Reload Window")'}`);
  console.log(`  log: ${cs.logPath}`);
  console.log('Press Ctrl-C to stop.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cs.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Keep running until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((e) => {
  console.error(`npm start: ${e?.stack ?? e}`);
  process.exitCode = 1;
});
