/**
 * Every field of every Swiss layout fixture (test/fixtures/layout-swiss/go1.2x.y-ARCH[-split].json,
 * written by the real Go 1.26.8 and 1.27.3 compilers and runtimes through
 * test/oracle/layoutdump-swiss) against src/core/swiss: the abi.MapType in the dump's `type` shape
 * and its flags, the assign path gc compiled, the group and slot structs' size/align/ptrdata and
 * field offsets, the key and elem types, what the first and the 9th insert allocated, and for every
 * hint the directory, table capacity and depths, bytes and objects of make(map[K]V, hint). And
 * the assign path Go 1.26.8 compiles for every pair on arm and arm64 (built and disassembled, not
 * run: arm's 4-byte load alignment turns [4]byte and [8]byte keys slow, issue 46283).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { TypeScope } from '../../src/core/types';
import { LayoutSwissDump, diffPair, modelPair, oracleScope } from '../oracle/layoutdump-swiss/compare';
import { hints, pairList } from '../oracle/layoutdump-swiss/gen';
import { AssignDump, assignFixturePath, configName, configs, fixturePath } from '../oracle/layoutdump-swiss/run';
import { assignPath } from '../../src/core/swiss/alg';
import { parseTypeExpr } from '../../src/core/types';

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

describe('Swiss assign paths compiled by Go 1.26.8 for arm and arm64', () => {
  const dump = JSON.parse(fs.readFileSync(assignFixturePath, 'utf8')) as AssignDump;
  let scope: TypeScope;
  before(async () => {
    scope = await oracleScope();
  });

  it('cover the generated pair list', () => {
    assert.deepStrictEqual(dump.pairs.map(([k, e]) => `map[${k}]${e}`), pairList().map(([k, e]) => `map[${k}]${e}`), 'stale: run npx tsx test/oracle/layoutdump-swiss/run.ts');
    assert.deepStrictEqual(dump.arches, ['arm', 'arm64']);
  });

  it('walk.mapfast as modelled picks the same runtime.mapassign* for every pair', async () => {
    const diffs: string[] = [];
    for (const [k, e, ...paths] of dump.pairs) {
      const kt = await parseTypeExpr(k, scope);
      const et = await parseTypeExpr(e, scope);
      dump.arches.forEach((arch, i) => {
        const got = assignPath(kt, et, arch);
        if (got !== paths[i]) diffs.push(`map[${k}]${e} on ${arch}: compiled ${paths[i]}, model ${got}`);
      });
    }
    assert.deepStrictEqual(diffs, []);
    // The arm alignment rule is exercised: [8]byte is fast64 on arm64 and slow on arm.
    assert.deepStrictEqual(dump.pairs.find(([k, e]) => k === '[8]byte' && e === 'int64')?.slice(2), ['slow', 'fast64']);
  });
});
