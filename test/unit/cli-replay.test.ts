import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';

/** Runs gomap in memory: files from `files` first, then the disk. */
async function gomap(args: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => files[p] ?? fs.readFileSync(p, 'utf8'),
  };
  const code = await run(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const fixture = path.join(__dirname, '../fixtures/maps/lookups-during-growth');

describe('gomap replay', () => {
  it('with --hashes prints the runtime\'s own dump for the trace', async () => {
    const r = await gomap(['replay', `${fixture}.trace.json`, '--hashes', `${fixture}.dump.json`]);
    assert.strictEqual(r.code, 0, r.err);
    const runtime = JSON.parse(fs.readFileSync(`${fixture}.dump.json`, 'utf8'));
    const sim = JSON.parse(r.out);
    assert.deepStrictEqual(sim.snapshots, runtime.snapshots);
    assert.deepStrictEqual(sim.seeds, runtime.seeds);
    assert.deepStrictEqual(sim.alloc, runtime.alloc);
  });

  it('without --hashes says it uses its own hash, and is the same for the same --seed', async () => {
    const a = await gomap(['replay', `${fixture}.trace.json`, '--seed', '5']);
    const b = await gomap(['replay', `${fixture}.trace.json`, '--seed', '5']);
    assert.strictEqual(a.code, 0);
    assert.match(a.err, /own seeded hash/);
    assert.strictEqual(a.out, b.out);
  });

  const bad: [string, string, RegExp][] = [
    ['a key that does not fit its type', '{"key":"int8","elem":"int64","hint":0,\n "ops":[{"op":"insert","key":300,"elem":1}]}', /^gomap replay: t\.json:2:30: ops\[0\]\.key: 300 does not fit in int8 \(overflows\)$/],
    ['an unknown type', '{"key":"Order","elem":"int64","ops":[]}', /^gomap replay: t\.json:1:8: key: type "Order": 1: undefined: Order$/],
    ['malformed JSON', '{"key": "int8",\n  "elem" 5}', /^gomap replay: t\.json:2:10: malformed JSON/],
    ['an unknown op', '{"key":"int8","elem":"int8","ops":[{"op":"frob"}]}', /^gomap replay: t\.json:1:42: ops\[0\]\.op: unknown op "frob"/],
    ['a non-comparable key type', '{"key":"[]int","elem":"int8","ops":[]}', /^gomap replay: t\.json:1:8: key: .*invalid map key type/],
  ];
  for (const [what, text, expected] of bad) {
    it(`rejects ${what} with one positioned line and exit 2`, async () => {
      const r = await gomap(['replay', 't.json'], { 't.json': text });
      assert.strictEqual(r.code, 2);
      assert.strictEqual(r.out, '');
      assert.strictEqual(r.err.split('\n').length, 1, r.err);
      assert.match(r.err, expected);
    });
  }
});
