/**
 * The simulator against the real Go 1.19 runtime: every committed fixture (a trace and the dump
 * the oracle made of a real map) replays equal, field by field; the first difference is reported
 * by its path. The runtime's hashes, seeds and iteration starts are inputs (FORMAT.md).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Dump } from '../../src/core/classic/trace';
import { GoType } from '../../src/core/types';
import { compareDumps, replayAgainst, typeResolver } from './compare';

const dir = path.join(__dirname, '../fixtures/maps');
const names = fs.readdirSync(dir).filter((f) => f.endsWith('.trace.json')).map((f) => f.slice(0, -'.trace.json'.length)).sort();

describe('oracle fixtures: the simulator replays every real Go 1.19 dump equal', function () {
  this.timeout(60_000); // the B = 11 fixture checks invariants after each of 8000 inserts
  let resolve: (t: string) => GoType;
  before(async () => {
    resolve = await typeResolver();
  });

  it('has at least 25 fixtures', () => {
    assert.ok(names.length >= 25, `${names.length} fixtures`);
  });

  for (const name of names) {
    it(name, () => {
      const traceText = fs.readFileSync(path.join(dir, `${name}.trace.json`), 'utf8');
      const runtime = JSON.parse(fs.readFileSync(path.join(dir, `${name}.dump.json`), 'utf8')) as Dump;
      const sim = replayAgainst(traceText, runtime, resolve);
      const diff = compareDumps(runtime, sim);
      assert.strictEqual(diff, undefined, diff);
    });
  }
});
