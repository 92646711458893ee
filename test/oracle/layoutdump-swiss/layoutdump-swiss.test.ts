/**
 * Live check: rebuild and rerun the Swiss layout oracle with the real toolchains (Go 1.26.8, the
 * machine's go; Go 1.27.3 through GOTOOLCHAIN, with and without GOEXPERIMENT=mapsplitgroup) for
 * GOARCH=amd64 and 386, in a temporary directory, and compare every field with src/core/swiss and
 * with the committed fixtures; and compile it for arm and arm64 to read the assign paths again.
 * Skipped, saying why, where go is missing or older than 1.26, and
 * per configuration where the go command cannot fetch Go 1.27.3.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { LayoutSwissDump, diffDump, oracleScope } from './compare';
import { AssignDump, assignFixturePath, compileAssignPaths, configName, configs, fixturePath, goMissing, runOracle } from './run';

const missing = goMissing();

describe('layoutdump-swiss live against Go 1.26.8 and 1.27.3', function () {
  this.timeout(900_000);

  before(function () {
    if (missing) {
      console.log(`      skipping the live Swiss layout check: ${missing}; the committed fixtures stand`);
      this.skip();
    }
  });

  for (const c of configs) {
    it(`${configName(c)}: the runtime agrees with the model and with the committed fixture`, async function () {
      let out: string;
      try {
        out = runOracle(c);
      } catch (e) {
        const msg = String((e as { stderr?: unknown }).stderr ?? (e as Error).message);
        // Only a toolchain the go command could not download is a reason to skip; anything else fails.
        if (c.go !== '1.26.8' && /downloading go1|toolchain|dial tcp|no such host|proxy/i.test(msg)) {
          console.log(`      skipping ${configName(c)}: the go command could not fetch Go ${c.go} (${msg.trim().split('\n')[0]})`);
          this.skip();
        }
        throw e;
      }
      const live = JSON.parse(out) as LayoutSwissDump;
      assert.strictEqual(live.goarch, c.arch);
      const diffs = await diffDump(live, await oracleScope());
      assert.deepStrictEqual(diffs, [], diffs.slice(0, 20).join('\n'));
      const fixture = JSON.parse(fs.readFileSync(fixturePath(c), 'utf8')) as LayoutSwissDump;
      assert.deepStrictEqual(live.pairs, fixture.pairs, 'the committed fixture is stale: run npx tsx test/oracle/layoutdump-swiss/run.ts');
    });
  }

  it('arm and arm64 (compiled by Go 1.26.8, not run): the same assign paths as the committed fixture', () => {
    const live = compileAssignPaths();
    const fixture = JSON.parse(fs.readFileSync(assignFixturePath, 'utf8')) as AssignDump;
    // The model is compared with the fixture in test/unit/swiss-layout.fixtures.test.ts.
    assert.deepStrictEqual(live.pairs, fixture.pairs, 'the committed fixture is stale: run npx tsx test/oracle/layoutdump-swiss/run.ts');
  });
});
