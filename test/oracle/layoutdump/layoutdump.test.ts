/**
 * Live check: regenerate the layout dump with the real Go 1.19 toolchain (in a temporary copy of
 * test/oracle/layoutdump, so the repository is not touched), for GOARCH=amd64 and GOARCH=386, and
 * compare every field with src/core/types and with the committed fixtures. Skipped, saying why,
 * where Go 1.19 is not installed at /usr/lib/go-1.19/bin/go (or $GO119).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GoArch } from '../../../src/core/maptype';
import { goSource } from './gen';
import { LayoutDump, diffDump, dumpArches, fixturePath, oracleDir, oracleScope } from './compare';

const go = process.env.GO119 ?? '/usr/lib/go-1.19/bin/go';

const missing = fs.existsSync(go) ? undefined : `Go 1.19 not found at ${go} (apt-get install golang-1.19-go, or set GO119)`;

describe('layoutdump live against Go 1.19', function () {
  this.timeout(600_000);
  let work: string | undefined;

  before(function () {
    if (missing) {
      console.log(`      skipping the live layout check: ${missing}; the committed fixtures stand`);
      this.skip();
    }
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'layoutdump-'));
    for (const f of ['go.mod', 'main.go', 'types.go']) fs.copyFileSync(path.join(oracleDir, f), path.join(work, f));
    fs.writeFileSync(path.join(work, 'pairs_gen.go'), goSource());
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  for (const arch of dumpArches) {
    it(`GOARCH=${arch}: the runtime agrees with the model and with the committed fixture`, async () => {
      const out = execFileSync(go, ['run', '.'], {
        cwd: work,
        env: { ...process.env, GOARCH: arch as GoArch },
        maxBuffer: 64 << 20,
        encoding: 'utf8',
      });
      const live = JSON.parse(out) as LayoutDump;
      assert.strictEqual(live.goarch, arch);
      const diffs = await diffDump(live, await oracleScope());
      assert.deepStrictEqual(diffs, [], diffs.slice(0, 20).join('\n'));
      const fixture = JSON.parse(fs.readFileSync(fixturePath(arch), 'utf8')) as LayoutDump;
      assert.deepStrictEqual(live.pairs, fixture.pairs, 'the committed fixture is stale: run test/oracle/layoutdump/regen.sh');
    });
  }
});
