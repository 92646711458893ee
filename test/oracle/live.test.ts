/**
 * Fresh random traces, compared live with the real Go 1.19 runtime: the traces come from a seed
 * printed in the test title (set GOMAP_LIVE_SEED to replay one), the oracle runs them on real maps,
 * and the simulator must replay each dump equal. Skips, saying why, where Go 1.19 is absent.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SeededFastRand } from '../../src/core/classic/rand';
import { Dump, Trace, TraceOp } from '../../src/core/classic/trace';
import { GoType } from '../../src/core/types';
import { compareDumps, replayAgainst, typeResolver } from './compare';

const go119 = '/usr/lib/go-1.19/bin/go';
const seed = Number(process.env.GOMAP_LIVE_SEED ?? Math.floor(Math.random() * 2 ** 31));

type KeyGen = (n: number) => unknown;
const keyTypes: [string, KeyGen][] = [
  ['int8', (n) => (n % 256) - 128],
  ['int32', (n) => n * 7919 - 100000],
  ['int64', (n) => (n % 5 === 0 ? `${9007199254740993n + BigInt(n)}` : n * 104729 - 5000)],
  ['uint16', (n) => n % 65536],
  ['string', (n) => (n % 7 === 0 ? `<script>${n}</script>` : `key-${n}`)],
  ['[129]byte', (n) => n * 31],
  ['bool', (n) => n % 2 === 0],
];
const elemTypes: [string, KeyGen][] = [
  ['int8', (n) => (n % 200) - 100],
  ['int64', (n) => n],
  ['string', (n) => `v${n}`],
  ['[200]byte', (n) => n],
];

/** One random trace: a small key space so deletes hit, reinserts happen and growth runs. */
export function randomTrace(rand: SeededFastRand): Trace {
  const [key, kg] = keyTypes[rand.next() % keyTypes.length];
  const [elem, eg] = elemTypes[rand.next() % elemTypes.length];
  const hint = [0, 0, 8, 9, 53, 200][rand.next() % 6];
  const space = key === 'bool' ? 2 : key === 'int8' ? 256 : 40 + (rand.next() % 400);
  const nops = 200 + (rand.next() % 900);
  const ops: TraceOp[] = [];
  const k = () => kg(rand.next() % space);
  const simple = (): TraceOp => {
    const r = rand.next() % 100;
    if (r < 60) return { op: 'insert', key: k(), elem: eg(rand.next() % 1000) };
    if (r < 85) return { op: 'delete', key: k() };
    return { op: 'lookup', key: k() };
  };
  for (let i = 0; i < nops; i++) {
    const r = rand.next() % 1000;
    if (r < 15) ops.push({ op: 'iterate' });
    else if (r < 22) ops.push({ op: 'iterate', after: rand.next() % 10, ops: [simple(), simple(), simple()] });
    else if (r < 24) ops.push({ op: 'clear' });
    else if (r < 26) ops.push({ op: 'clearloop' });
    else ops.push(simple());
    if (rand.next() % 40 === 0) ops.push({ op: 'snapshot', label: `s${i}` });
  }
  ops.push({ op: 'snapshot', label: 'end' });
  return { key, elem, hint, ops };
}

describe(`live: fresh random traces against Go 1.19 (seed ${seed}; GOMAP_LIVE_SEED=${seed} replays them)`, function () {
  let bin = '';
  let tmp = '';
  let resolve: (t: string) => GoType;
  before(async function () {
    this.timeout(180_000); // building the oracle with Go 1.19
    if (!fs.existsSync(go119)) this.skip(); // reported below
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gomap-live-'));
    bin = path.join(tmp, 'mapdump');
    execFileSync(path.join(__dirname, 'mapdump/build.sh'), [bin], { stdio: 'inherit' });
    resolve = await typeResolver();
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  if (!fs.existsSync(go119)) {
    it(`skipped: ${go119} is not installed (apt-get install -y golang-1.19-go; npm test installs it when run as root)`, function () {
      this.skip();
    });
    return;
  }

  const rand = new SeededFastRand(seed);
  for (let i = 0; i < 8; i++) {
    const trace = randomTrace(rand);
    it(`trace ${i}: map[${trace.key}]${trace.elem}, hint ${trace.hint}, ${trace.ops.length} ops`, () => {
      const file = path.join(tmp, `t${i}.trace.json`);
      const text = JSON.stringify(trace);
      fs.writeFileSync(file, text);
      const runtime = JSON.parse(execFileSync(bin, [file], { encoding: 'utf8', maxBuffer: 1 << 28 })) as Dump;
      const diff = compareDumps(runtime, replayAgainst(text, runtime, resolve));
      assert.strictEqual(diff, undefined, `${diff} (trace kept at ${file}; seed ${seed})`);
    });
  }
});
