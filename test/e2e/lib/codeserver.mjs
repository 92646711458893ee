// Starts and stops one code-server (VS Code in the browser) for a demo or a test run.
//
// Each instance gets a free port, fresh user-data and extensions folders, its own TMPDIR and
// XDG_* folders (so nothing is written into the home folder), and runs detached in its own process
// group so `stop()` can signal the whole group. Ready means `GET /healthz` answers.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { codeServerEntry, e2eDir, node24, rootDir } from '../setup.mjs';

export const runRoot = path.join(e2eDir, '.run');

/** A port nobody listens on right now (the kernel picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** `publisher.name-version`, the folder name VS Code gives an installed extension. */
export function extensionFolderName(extensionRoot = rootDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}-${pkg.version}`.toLowerCase();
}

function getStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => { req.destroy(); resolve(0); });
  });
}

/**
 * Starts code-server.
 * @param {object} o
 * @param {string} o.name            label for the run folder and log
 * @param {string} [o.workspace]     folder to open
 * @param {boolean} [o.installExtension]  symlink the extension (rootDir) into the extensions dir
 * @param {string[]} [o.extraExtensions]  more extension folders to symlink there (test-only extensions)
 * @param {string} [o.vsix]          install this .vsix instead (code-server --install-extension)
 * @param {boolean} [o.smokeTestDriver]   enable the driver that honours `payload` (extension tests)
 * @param {number} [o.port]          fixed port (default: a free one)
 * @param {boolean} [o.keep]         keep the run folder after stop (logs are always kept)
 * @param {number} [o.timeoutMs]     how long to wait for /healthz
 * @param {Record<string,string>} [o.env]      extra environment (seen by the extension host too)
 * @param {Record<string,unknown>} [o.settings] user settings beside the quiet defaults
 */
export async function startCodeServer(o) {
  const port = o.port ?? await freePort();
  fs.mkdirSync(runRoot, { recursive: true });
  const dir = fs.mkdtempSync(path.join(runRoot, `${o.name}-`));
  const d = (sub) => { const p = path.join(dir, sub); fs.mkdirSync(p, { recursive: true }); return p; };
  const userData = d('user-data');
  const extensions = d('extensions');
  const env = {
    ...process.env,
    TMPDIR: d('tmp'),
    XDG_CONFIG_HOME: d('xdg/config'),
    XDG_DATA_HOME: d('xdg/data'),
    XDG_CACHE_HOME: d('xdg/cache'),
    XDG_RUNTIME_DIR: d('xdg/runtime'),
    // code-server forwards these to the extension host; keep the host quiet and ours.
    VSCODE_PROXY_URI: '',
    ...(o.env ?? {}),
  };
  delete env.NODE_OPTIONS;
  delete env.ELECTRON_RUN_AS_NODE;
  const logsDir = path.join(runRoot, 'logs');
  fs.mkdirSync(logsDir, { recursive: true });
  const logPath = path.join(logsDir, `${path.basename(dir)}.log`);

  // Quiet, predictable workbench: no welcome page, no tips, no telemetry prompts.
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), `${JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'window.restoreWindows': 'none',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.layoutControl.enabled': false,
    ...(o.settings ?? {}),
  }, null, 2)}\n`);

  const baseArgs = [
    codeServerEntry,
    '--auth', 'none',
    '--user-data-dir', userData,
    '--config', path.join(dir, 'config.yaml'),
    '--extensions-dir', extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  if (o.vsix) {
    const r = await runOnce([...baseArgs, '--install-extension', o.vsix], env, logPath);
    if (r !== 0) throw new Error(`code-server --install-extension ${o.vsix} exited ${r}; see ${logPath}`);
  } else if (o.installExtension) {
    fs.symlinkSync(rootDir, path.join(extensions, extensionFolderName()), 'dir');
  }
  for (const extra of o.extraExtensions ?? []) fs.symlinkSync(extra, path.join(extensions, extensionFolderName(extra)), 'dir');

  const args = [...baseArgs, '--bind-addr', `127.0.0.1:${port}`, '--ignore-last-opened'];
  if (o.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (o.workspace) args.push(o.workspace);

  const out = fs.openSync(logPath, 'a');
  const child = spawn(node24, args, { env, cwd: dir, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));
  child.unref();

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.timeoutMs ?? 30000);
  while ((await getStatus(`${url}/healthz`)) !== 200) {
    if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}) before answering /healthz; log: ${tail(logPath)}`);
    if (Date.now() > deadline) {
      killGroup(child.pid, 'SIGKILL');
      throw new Error(`code-server did not answer ${url}/healthz in time; log: ${tail(logPath)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  let stopped = false;
  return {
    url,
    port,
    dir,
    userData,
    extensions,
    logPath,
    pid: child.pid,
    /** The browser URL that opens `folder` (default: the workspace), with an optional payload. */
    folderUrl(folder = o.workspace, payload) {
      const q = new URLSearchParams();
      if (folder) q.set('folder', folder);
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${url}/?${q}`;
    },
    /** A `vscode-remote://` URI for a path on this server (what `payload` entries take). */
    remoteUri(p) {
      return `vscode-remote://127.0.0.1:${port}${p}`;
    },
    /** Signals the process group, waits for the exit, removes the run folder unless `keep`. */
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!exited) {
        child.ref(); // keep node alive until the exit arrives
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
        timer.unref();
        await exitPromise;
        clearTimeout(timer);
      }
      // Children left in the group (extension host, pty host) go too.
      killGroup(child.pid, 'SIGKILL');
      if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function killGroup(pid, signal) {
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}

/** Runs code-server once to completion (e.g. --install-extension). */
function runOnce(args, env, logPath) {
  return new Promise((resolve) => {
    const out = fs.openSync(logPath, 'a');
    const child = spawn(node24, args, { env, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function tail(file, lines = 15) {
  try {
    return `\n${fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n')}`;
  } catch {
    return '(no log)';
  }
}
