/**
 * `gomap replay --runtime swiss`: the Swiss model's dump of a trace (shared/oracle-swiss/FORMAT.md),
 * equal to the real runtime's when given its inputs; bad input is one line with its place, exit 2.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';

async function gomap(args: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), readFile: (p) => files[p] ?? fs.readFileSync(p, 'utf8') };
  const code = await run(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = path.join(__dirname, '../fixtures/swiss');

describe('gomap replay --runtime swiss', function () {
  this.timeout(60_000);
  for (const [go, file] of [['1.26', 'sample-d_tombstones.go1.26.8-amd64'], ['1.27', 'sample-a_small.go1.27.3-amd64']]) {
    it(`with --hashes DUMP prints the real Go ${go} map's dump`, async () => {
      const name = file.slice(0, file.indexOf('.go1.'));
      const dump = path.join(dir, `${file}.dump.json`);
      const r = await gomap(['replay', path.join(dir, `${name}.trace.json`), '--runtime', 'swiss', '--go', go, '--hashes', dump]);
      assert.strictEqual(r.code, 0, r.err);
      const runtime = JSON.parse(fs.readFileSync(dump, 'utf8'));
      const sim = JSON.parse(r.out);
      for (const f of ['type', 'alloc', 'seeds', 'snapshots']) assert.deepStrictEqual(sim[f], runtime[f], f);
    });
  }

  it('takes an inputs file of seeds, hashes and iteration offsets only', async () => {
    const name = 'sample-f_clear';
    const runtime = JSON.parse(fs.readFileSync(path.join(dir, `${name}.go1.26.8-amd64.dump.json`), 'utf8'));
    const inputs = {
      seeds: runtime.seeds,
      hashes: runtime.hashes,
      iterations: runtime.snapshots.flatMap((s: { iterations: { entryOffset: string; dirOffset: string }[] }) => s.iterations.map(({ entryOffset, dirOffset }) => ({ entryOffset, dirOffset }))),
    };
    const r = await gomap(['replay', path.join(dir, `${name}.trace.json`), '--runtime', 'swiss', '--hashes', 'inputs.json'], { 'inputs.json': JSON.stringify(inputs) });
    assert.strictEqual(r.code, 0, r.err);
    assert.deepStrictEqual(JSON.parse(r.out).snapshots, runtime.snapshots);
  });

  it('without --hashes uses its own seeded hash, says so, and repeats itself for one --seed', async () => {
    const trace = path.join(dir, 'sample-b_grow.trace.json');
    const a = await gomap(['replay', trace, '--runtime', 'swiss', '--seed', '9']);
    const b = await gomap(['replay', trace, '--runtime', 'swiss', '--seed', '9']);
    assert.strictEqual(a.code, 0, a.err);
    assert.match(a.err, /own seeded hash/);
    assert.strictEqual(a.out, b.out);
    // 386: 32-bit seeds (8 hex digits) and the 386 group layout (same 136-byte int64 group).
    const c = await gomap(['replay', trace, '--runtime', 'swiss', '--arch', '386']);
    const d = JSON.parse(c.out);
    assert.match(d.seeds[0], /^0x[0-9a-f]{8}$/);
    assert.deepStrictEqual([d.goarch, d.type.groupsize, d.alloc.bytes], ['386', 136, 32]);
  });

  it('takes a missing elem as the zero value (FORMAT.md: m[k] = V{})', async () => {
    const trace = { key: 'string', elem: 'int64', hint: 0, ops: [{ op: 'insert', key: 'a' }, { op: 'snapshot', label: 's' }] };
    const r = await gomap(['replay', 't.json', '--runtime', 'swiss'], { 't.json': JSON.stringify(trace) });
    assert.strictEqual(r.code, 0, r.err);
    assert.deepStrictEqual(JSON.parse(r.out).snapshots[0].group.elems[0], 0);
  });

  const bad: [string, string[], Record<string, string>, RegExp][] = [
    ['an unknown Go version', ['--go', '1.22'], {}, /^gomap replay: --go must be one of 1\.26, 1\.27, got "1\.22"$/],
    ['split groups on 1.26', ['--split'], {}, /mapsplitgroup\) exists from Go 1\.27 on/],
    ['an unknown runtime', ['--runtime', 'noswiss'], {}, /--runtime must be classic or swiss/],
    ['an inputs file without seeds', ['--hashes', 'h.json'], { 'h.json': '{"hashes": {}}' }, /^gomap replay: h\.json:1:1: seeds: "seeds" must be a non-empty array/],
    ['a bad hash', ['--hashes', 'h.json'], { 'h.json': '{"seeds": ["0x1"], "hashes": {"0x1": {"7": "seven"}}}' }, /^gomap replay: h\.json:1:\d+: hashes\.0x1\.7: bad hash "seven"$/],
    ['a key the inputs do not hash', ['--hashes', 'h.json'], { 'h.json': '{"seeds": ["0x1"], "hashes": {"0x1": {}}}' }, /no hash for key 1 under seed 0x0000000000000001/],
  ];
  for (const [what, args, files, want] of bad) {
    it(`refuses ${what} with one line, exit 2`, async () => {
      const runtimeArgs = args.includes('--runtime') ? [] : ['--runtime', 'swiss'];
      const r = await gomap(['replay', path.join(dir, 'sample-a_small.trace.json'), ...runtimeArgs, ...args], files);
      assert.strictEqual(r.code, 2);
      assert.strictEqual(r.err.split('\n').length, 1, r.err);
      assert.match(r.err, want);
    });
  }
});
