/**
 * The Swiss oracle's committed fixtures and its tools, without Go: every dump in
 * test/fixtures/swiss passes check.mjs (FORMAT.md's self-check, a plain-map replay of its trace,
 * the iteration order its offsets give), the set covers what the issue asks (both Go versions,
 * 386, the split layout, under 8 MB), check.mjs notices a changed dump, and randomSwissTrace is
 * a deterministic function of its seed that reaches every shape it promises.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { randomSwissTrace, swissValue } from './run';

const dir = path.join(__dirname, '../../fixtures/swiss');
const files = fs.readdirSync(dir);
const dumps = files.filter((f) => f.endsWith('.dump.json')).sort();
const traceOf = (dump: string) => `${dump.slice(0, dump.indexOf('.go1.'))}.trace.json`;
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));

type CheckDump = (dump: unknown, trace?: unknown) => string[];
// check.mjs is plain node (so it runs without TypeScript); load it as an ES module.
const loadCheck = async (): Promise<CheckDump> => ((await import(path.join(__dirname, '../swissgen/check.mjs') as string)) as { checkDump: CheckDump }).checkDump;

describe('Swiss oracle: committed fixtures and tools', function () {
  this.timeout(120_000);
  let checkDump: CheckDump;
  before(async () => {
    checkDump = await loadCheck();
  });

  it('covers both Go versions, 386 and the split layout, each dump with its trace, under 8 MB', () => {
    const count = (re: RegExp) => dumps.filter((f) => re.test(f)).length;
    assert.ok(dumps.length >= 36, `${dumps.length} dumps`);
    assert.ok(count(/\.go1\.26\.8-/) >= 12 && count(/\.go1\.27\.3-/) >= 12, 'both versions');
    assert.ok(count(/-386\.dump\.json$/) >= 8, `${count(/-386\.dump\.json$/)} on 386`);
    assert.ok(count(/-split\.dump\.json$/) >= 2, 'split layout');
    for (const d of dumps) assert.ok(files.includes(traceOf(d)), `${d} has no ${traceOf(d)}`);
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    assert.ok(bytes < 8 * 1024 * 1024, `${bytes} bytes`);
  });

  it('names each dump by its goversion, goarch and layout', () => {
    for (const f of dumps) {
      const d = read(f);
      const tag = `${d.goversion.replace(/-X:.*/, '')}-${d.goarch}${d.type.layout === 'split' ? '-split' : ''}`;
      assert.ok(f.endsWith(`.${tag}.dump.json`), `${f} holds ${tag}`);
    }
  });

  for (const f of dumps) {
    it(`check.mjs: ${f.replace('.dump.json', '')}`, () => {
      const errs = checkDump(read(f), read(traceOf(f)));
      assert.deepStrictEqual(errs.slice(0, 5), []);
    });
  }

  it('check.mjs reports a changed control byte, elem, growthLeft and iteration order', () => {
    const f = 'split-shared-run.go1.26.8-amd64.dump.json';
    const trace = read(traceOf(f));
    const mutations: [string, (d: any) => void, RegExp][] = [
      ['ctrl', (d) => { const g = d.snapshots[0].tables[0].groups.find((x: any) => x.ctrl[0] < 128); g.ctrl[0] ^= 1; }, /is not h2/],
      ['elem', (d) => { const g = d.snapshots[0].tables[0].groups.find((x: any) => x.ctrl[0] < 128); g.elems[0] = 99; }, /holds 99/],
      ['growthLeft', (d) => { d.snapshots[0].tables[1].growthLeft--; }, /tombstones; capacity 1024/],
      ['directory', (d) => { d.snapshots[1].directory.reverse(); }, /directory entry|selects directory entry/],
    ];
    for (const [what, change, want] of mutations) {
      const d = read(f);
      change(d);
      assert.match(checkDump(d, trace).join('\n'), want, what);
    }
    const it = read('iterate-small.go1.26.8-amd64.dump.json');
    // The last of two iterations with no write after it: its order must follow from its offsets.
    const order = it.snapshots.find((s: any) => s.label === 'two iterations of 3 keys').iterations[1].order;
    order.push(order.shift());
    assert.match(checkDump(it, read('iterate-small.trace.json')).join('\n'), /order is not the one its offsets give/);
  });

  it('randomSwissTrace is a function of its seed and reaches every shape', () => {
    assert.deepStrictEqual(randomSwissTrace(7), randomSwissTrace(7));
    assert.notDeepStrictEqual(randomSwissTrace(7), randomSwissTrace(8));
    const shapes = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const t = randomSwissTrace(seed) as { name: string; key: string; ops: { op: string; label?: string }[] };
      shapes.add(t.name.split(' ')[1]);
      assert.strictEqual(t.ops[t.ops.length - 1].label, 'end', 'ends with a snapshot');
    }
    assert.deepStrictEqual([...shapes].sort(), ['churn', 'grow', 'mixed', 'small']);
    const fixed = randomSwissTrace(3, { key: 'string', elem: 'struct{}', maxKeys: 50 }) as { key: string; elem: string };
    assert.deepStrictEqual([fixed.key, fixed.elem], ['string', 'struct{}']);
  });

  it('swissValue gives distinct keys for distinct numbers within a type', () => {
    for (const [type, n] of [['int8', 256], ['uint16', 5000], ['int32', 5000], ['uint32', 5000], ['int64', 5000], ['string', 5000], ['[16]byte', 5000]] as const) {
      const texts = new Set(Array.from({ length: n }, (_, i) => JSON.stringify(swissValue(type, i))));
      assert.strictEqual(texts.size, n, type);
    }
  });
});
