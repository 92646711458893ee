/**
 * Every field of every layout fixture (test/fixtures/layout/go1.19-{amd64,386}.json, written by the
 * real Go 1.19 compiler and runtime through test/oracle/layoutdump) against src/core/types:
 * maptype fields and flags, the bucket type's size/align/ptrdata and field offsets, the key and
 * elem types' size/align/ptrdata and struct field offsets, and for every hint the B, extra,
 * free preallocated overflow buckets, bytes and objects that make(map[K]V, hint) allocated.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { TypeScope } from '../../src/core/types';
import { pairList, hints } from '../oracle/layoutdump/gen';
import { LayoutDump, diffPair, dumpArches, fixturePath, modelPair, oracleScope } from '../oracle/layoutdump/compare';

const dumps = dumpArches.map((arch) => ({ arch, dump: JSON.parse(fs.readFileSync(fixturePath(arch), 'utf8')) as LayoutDump }));

describe('layout fixtures from the Go 1.19 runtime', () => {
  let scope: TypeScope;
  before(async () => {
    scope = await oracleScope();
  });

  it('cover the generated pair list and hints, from go1.19 on amd64 and 386', () => {
    const want = pairList().map(([k, e]) => `map[${k}]${e}`);
    for (const { arch, dump } of dumps) {
      assert.strictEqual(dump.goarch, arch);
      assert.match(dump.goversion, /^go1\.19(\.|$)/);
      assert.deepStrictEqual(dump.hints, hints);
      assert.deepStrictEqual(dump.pairs.map((p) => `map[${p.key}]${p.elem}`), want, `${arch} fixture is stale: run test/oracle/layoutdump/regen.sh`);
    }
    assert.ok(want.length >= 40, `${want.length} pairs`);
  });

  it('notices a changed field (the comparison is not vacuous)', async () => {
    const want = dumps[0].dump.pairs[0];
    const got = await modelPair(want.key, want.elem, 'amd64', dumps[0].dump.hints, scope);
    assert.deepStrictEqual(diffPair(want, got), []);
    const changed = { ...want, bucketsize: want.bucketsize + 8, makes: want.makes.map((m) => ({ ...m, allocBytes: m.allocBytes + 1 })) };
    const diffs = diffPair(changed, got);
    assert.strictEqual(diffs.length, 1 + want.makes.length, diffs.join('\n'));
  });

  for (const { arch, dump } of dumps) {
    describe(`${arch} (${dump.pairs.length} pairs x ${dump.hints.length} hints)`, () => {
      for (const want of dump.pairs) {
        it(`map[${want.key}]${want.elem}`, async () => {
          const got = await modelPair(want.key, want.elem, arch, dump.hints, scope);
          assert.deepStrictEqual(diffPair(want, got), []);
        });
      }
    });
  }
});
