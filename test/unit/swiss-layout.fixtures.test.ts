/**
 * Every field of every Swiss layout fixture (test/fixtures/layout-swiss/go1.2x.y-ARCH[-split].json,
 * written by the real Go 1.26.8 and 1.27.3 compilers and runtimes through
 * test/oracle/layoutdump-swiss) against src/core/swiss: the abi.MapType in the dump's `type` shape
 * and its flags, the assign path gc compiled, the group and slot structs' size/align/ptrdata and
 * field offsets, the key and elem types, what the first and the 9th insert allocated, and for every
 * hint the directory, table capacity and depths, bytes and objects of make(map[K]V, hint).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { TypeScope } from '../../src/core/types';
import { LayoutSwissDump, diffPair, modelPair, oracleScope } from '../oracle/layoutdump-swiss/compare';
import { hints, pairList } from '../oracle/layoutdump-swiss/gen';
import { configName, configs, fixturePath } from '../oracle/layoutdump-swiss/run';

const dumps = configs.map((c) => ({ c, dump: JSON.parse(fs.readFileSync(fixturePath(c), 'utf8')) as LayoutSwissDump }));

describe('Swiss layout fixtures from the Go 1.26.8 and 1.27.3 runtimes', () => {
  let scope: TypeScope;
  before(async () => {
    scope = await oracleScope();
  });

  it('cover the generated pair list and hints, for every release, GOARCH and group layout', () => {
    const want = pairList().map(([k, e]) => `map[${k}]${e}`);
    for (const { c, dump } of dumps) {
      assert.deepStrictEqual([dump.goversion, dump.goarch, dump.splitGroup], [`go${c.go}${c.splitGroup ? '-X:mapsplitgroup' : ''}`, c.arch, c.splitGroup], configName(c));
      assert.deepStrictEqual(dump.hints, hints);
      assert.deepStrictEqual(dump.pairs.map((p) => `map[${p.key}]${p.elem}`), want, `${configName(c)} is stale: run npx tsx test/oracle/layoutdump-swiss/run.ts`);
    }
    assert.ok(want.length >= 250, `${want.length} pairs`);
  });

  it('measured every assign path and both the small-map and the table inserts', () => {
    const seen = new Set(dumps.flatMap(({ dump }) => dump.pairs.map((p) => p.type.assign)));
    assert.deepStrictEqual([...seen].sort(), ['fast32', 'fast32ptr', 'fast64', 'fast64ptr', 'faststr', 'slow']);
    const ninth = dumps[0].dump.pairs.filter((p) => p.ninthInsert !== null).length;
    assert.ok(ninth > 200, `${ninth} pairs with a 9th insert`);
  });

  it('notices a changed field (the comparison is not vacuous)', async () => {
    const { dump } = dumps[0];
    const want = dump.pairs[0];
    const got = await modelPair(want.key, want.elem, dump, scope, true);
    assert.deepStrictEqual(diffPair(want, got), []);
    const changed = {
      ...want,
      type: { ...want.type, groupsize: want.type.groupsize + 8, assign: 'slow' as const },
      makes: want.makes.map((m) => ({ ...m, bytes: m.bytes + 1 })),
    };
    const diffs = diffPair(changed, got);
    assert.strictEqual(diffs.length, 2 + want.makes.length, diffs.join('\n'));
  });

  for (const { c, dump } of dumps) {
    describe(`${configName(c)} (${dump.pairs.length} pairs x ${dump.hints.length} hints)`, () => {
      for (const want of dump.pairs) {
        it(`map[${want.key}]${want.elem}`, async () => {
          const got = await modelPair(want.key, want.elem, dump, scope, want.ninthInsert !== null);
          assert.deepStrictEqual(diffPair(want, got), []);
        });
      }
    });
  }
});
