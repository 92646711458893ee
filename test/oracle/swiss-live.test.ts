/**
 * Fresh random traces compared live with the real Go 1.26.8 and 1.27.3 runtimes, on amd64 and 386
 * (and Go 1.27's split group layout): the traces come from a seed printed in the suite's title
 * (set GOMAP_SWISS_LIVE_SEED to replay one, GOMAP_SWISS_LIVE_N for more traces per configuration),
 * the oracle (`test/oracle/swissdump`) runs them on real maps, and the model must replay each
 * dump equal given only its seeds, hashes and iteration offsets. A configuration that cannot run
 * here (no Go, Go 1.27.3 not fetchable) skips with one line saying why.
 */
import * as assert from 'assert';
import { GoType } from '../../src/core/types';
import { typeResolver } from './compare';
import { compareSwissDumps, layoutTypeFor, makeAllocOf, replaySwissAgainst } from './swiss-compare';
import { SwissOracleArch, SwissOracleGo, randomSwissTrace, runSwissOracle, swissOracleAvailable } from './swissdump/run';

const seed = Number(process.env.GOMAP_SWISS_LIVE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const perConfig = Number(process.env.GOMAP_SWISS_LIVE_N ?? 3);

const configs: { go: SwissOracleGo; arch: SwissOracleArch; split?: boolean }[] = [
  { go: '1.26', arch: 'amd64' },
  { go: '1.26', arch: '386' },
  { go: '1.27', arch: 'amd64' },
  { go: '1.27', arch: '386' },
  { go: '1.27', arch: 'amd64', split: true },
];

describe(`Swiss live oracle: random traces on real Go 1.26.8/1.27.3 maps (GOMAP_SWISS_LIVE_SEED=${seed})`, function () {
  this.timeout(20 * 60_000);
  let resolve: (t: string) => GoType;
  before(async () => {
    resolve = await typeResolver();
  });

  configs.forEach((c, ci) => {
    const name = `Go ${c.go} ${c.arch}${c.split ? ' split groups' : ''}`;
    it(`${name}: ${perConfig} random traces replay equal`, async function () {
      const why = await swissOracleAvailable(c.go, c.arch, c.split);
      if (why) {
        console.log(`      skipped ${name}: ${why}`);
        this.skip();
      }
      for (let i = 0; i < perConfig; i++) {
        const traceSeed = seed + ci * 1000 + i;
        const trace = randomSwissTrace(traceSeed);
        const runtime = await runSwissOracle(trace, c);
        const sim = replaySwissAgainst(JSON.stringify(trace), runtime, resolve, layoutTypeFor(resolve), makeAllocOf);
        const diff = compareSwissDumps(runtime, sim);
        const t = trace as { key: string; elem: string; hint: number; ops: unknown[] };
        assert.strictEqual(diff, undefined, `trace seed ${traceSeed} (map[${t.key}]${t.elem}, hint ${t.hint}, ${t.ops.length} ops): ${diff}`);
      }
    });
  });
});
