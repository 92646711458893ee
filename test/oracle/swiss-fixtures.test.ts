/**
 * The Swiss model against the real Go 1.26/1.27 runtime: every committed fixture (a trace and the
 * dumps the oracle made of real maps, per Go version and GOARCH) replays equal, field by field,
 * given only the dump's seeds, hashes and iteration offsets. `checkInvariants()` runs after every op.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { GoType } from '../../src/core/types';
import { SwissDump } from '../../src/core/swiss/types';
import { typeResolver } from './compare';
import { compareSwissDumps, layoutTypeFor, makeAllocOf, replaySwissAgainst } from './swiss-compare';

const dir = path.join(__dirname, '../fixtures/swiss');
const dumps = fs.readdirSync(dir).filter((f) => f.endsWith('.dump.json')).sort();

describe('Swiss oracle fixtures: the model replays every real Go 1.26/1.27 dump equal', function () {
  this.timeout(120_000);
  let resolve: (t: string) => GoType;
  before(async () => {
    resolve = await typeResolver();
  });

  it('has fixtures from both Go versions', () => {
    assert.ok(dumps.some((f) => f.includes('go1.26')) && dumps.some((f) => f.includes('go1.27')), dumps.join(' '));
  });

  it('reports a one-field change of a dump (the comparison is live)', () => {
    const file = 'sample-d_tombstones.go1.26.8-amd64.dump.json';
    const traceText = fs.readFileSync(path.join(dir, 'sample-d_tombstones.trace.json'), 'utf8');
    const runtime = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as SwissDump;
    const sim = replaySwissAgainst(traceText, runtime, resolve, layoutTypeFor(resolve), makeAllocOf);
    const last = sim.snapshots[sim.snapshots.length - 1];
    last.tables[0].groups[1].ctrl[3] ^= 1;
    assert.match(compareSwissDumps(runtime, sim) ?? '', /tables\[0\]\.groups\[1\]\.ctrl\[3\]/);
  });

  for (const file of dumps) {
    it(file.replace('.dump.json', ''), () => {
      const name = file.slice(0, file.indexOf('.go1.'));
      const traceText = fs.readFileSync(path.join(dir, `${name}.trace.json`), 'utf8');
      const runtime = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as SwissDump;
      const sim = replaySwissAgainst(traceText, runtime, resolve, layoutTypeFor(resolve), makeAllocOf);
      const diff = compareSwissDumps(runtime, sim);
      assert.strictEqual(diff, undefined, diff);
    });
  }
});
