// Test only (test/e2e/ui/capture.test.mjs): the `go` debug type, served by Delve's DAP server.
// Each debug session starts `dlv dap --listen 127.0.0.1:0` (the launch configuration's `dlvPath`,
// else GOMAP_E2E_DLV, else `dlv` on PATH), waits for the line that says where it listens, and hands VS Code a DebugAdapterServer
// on that port, as the Go extension does in its `dlv-dap` server mode. When the session ends,
// Delve and its children (Delve 1.27 may start a telemetry child in a session of its own) are
// ended by pid.
const vscode = require('vscode');
const { spawn } = require('child_process');
const fs = require('fs');

/** Pids whose parent is `pid` (from /proc). */
function childrenOf(pid) {
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}

function end(proc) {
  if (!proc || proc.pid === undefined) return;
  for (const pid of [...childrenOf(proc.pid), proc.pid]) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
}

function startDelve(dlv) {
  return new Promise((resolve, reject) => {
    const proc = spawn(dlv, ['dap', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { end(proc); reject(new Error(`${dlv} dap did not listen within 30 s: ${out}`)); }, 30000);
    const onData = (d) => {
      out += d.toString();
      const m = /listening at:\s*\S*?:(\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ proc, port: Number(m[1]) }); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

exports.activate = (context) => {
  const delves = new Map();
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory('go', {
      async createDebugAdapterDescriptor(session) {
        const { proc, port } = await startDelve(session.configuration.dlvPath || process.env.GOMAP_E2E_DLV || 'dlv');
        delves.set(session.id, proc);
        return new vscode.DebugAdapterServer(port, '127.0.0.1');
      },
    }),
    vscode.debug.onDidTerminateDebugSession((session) => {
      end(delves.get(session.id));
      delves.delete(session.id);
    }),
    { dispose: () => { for (const p of delves.values()) end(p); } },
  );
};

exports.deactivate = () => undefined;
