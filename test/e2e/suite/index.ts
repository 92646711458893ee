/**
 * Entry of the mocha suites that run inside the real extension host (code-server opened with the
 * smoke-test driver and an `extensionTestsPath` payload). VS Code calls `run()`; when it settles the
 * workbench reports the exit code through `codeAutomationExit`. The counts also go to the file
 * named by GOMAP_E2E_RESULTS and to the console as one `GOMAP-E2E-HOST {json}` line.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  const dir = __dirname;
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const failures: { title: string; error: string }[] = [];
    let passed = 0;
    const runner = mocha.run((failed) => {
      const result = { passed, failed, failures };
      const line = `GOMAP-E2E-HOST ${JSON.stringify(result)}`;
      console.log(line);
      const out = process.env.GOMAP_E2E_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(result));
      if (failed > 0) reject(new Error(`${failed} host test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => {
      passed++;
    });
    runner.on('fail', (test, err: Error) => {
      failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err).slice(0, 2000) });
    });
  });
}
