/**
 * `gomap hover FILE --at LINE:COL` (1-based) prints what the editor's hover shows; nothing to say
 * prints nothing (exit 0); a position outside the file is `FILE:LINE:COL: message` (exit 2).
 * And the go.mod reader the CLI and the extension share.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { goAtLeast, hover, newestGoVersion, parseGoMod, parseGoVersion, usesSwissTables } from '../../src/core/hover';

const dir = path.join(__dirname, '..', 'fixtures', 'hover');
const sample = path.join(dir, 'sample.go');
const swiss = path.join(dir, 'swiss', 'main.go');

async function gomapHover(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['hover', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), readFile: (p) => fs.readFileSync(p, 'utf8') });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** 1-based LINE:COL of a unique snippet. */
function lineCol(file: string, snippet: string, offset = 0): string {
  const src = fs.readFileSync(file, 'utf8');
  const before = src.slice(0, src.indexOf(snippet) + offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe('gomap hover', () => {
  it('prints the same markdown as the core hover, with the Go version of the nearest go.mod', async () => {
    const r = await gomapHover(sample, '--at', lineCol(sample, 'make(map[int64]*Order, 50000)'));
    assert.strictEqual(r.code, 0, r.err);
    const [line, col] = lineCol(sample, 'make(map[int64]*Order, 50000)').split(':').map(Number);
    const core = await hover(fs.readFileSync(sample, 'utf8'), { line: line - 1, character: col - 1 }, { goarch: 'amd64', goVersion: '1.22' });
    assert.strictEqual(r.out, core?.markdown);
    assert.ok(r.out.includes('**1,253,448 bytes (1.2 MiB)**'));
  });

  it('--arch and --json', async () => {
    const r = await gomapHover(sample, '--at', lineCol(sample, 'counts map[int64]int8', 8), '--arch', '386', '--json');
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.strictEqual(j.kind, 'mapType');
    assert.strictEqual(j.layout.info.bucketsize, 84);
  });

  it('reads go.mod above the file: a go1.24 toolchain means Swiss tables; --go and --runtime override', async () => {
    const at = lineCol(swiss, 'make(', 1);
    const out = (await gomapHover(swiss, '--at', at)).out;
    assert.match(out, /\*\*swiss · Go 1\.24 \(go\.mod: toolchain go1\.24\.2\)\*\*/);
    assert.match(out, /NewMap sizes it for 1,000 × 8\/7 = 1,142 slots/);
    assert.match((await gomapHover(swiss, '--at', at, '--go', '1.22')).out, /\*\*classic · Go 1\.22 \(setting goMapInspector\.goVersion: 1\.22\)\*\*/);
    assert.match((await gomapHover(swiss, '--at', at, '--runtime', 'classic')).out, /makemap picks B = 8/);
    const bad = await gomapHover(swiss, '--at', at, '--runtime', 'hashtrie');
    assert.deepStrictEqual([bad.code, bad.err], [2, 'gomap hover: --runtime must be auto, classic or swiss, got "hashtrie"']);
  });

  it('nothing to say: no output, exit 0', async () => {
    const r = await gomapHover(sample, '--at', '1:1');
    assert.deepStrictEqual(r, { code: 0, out: '', err: '' });
  });

  it('a position outside the file: FILE:LINE:COL: message, exit 2', async () => {
    const lines = fs.readFileSync(sample, 'utf8').split('\n').length;
    const r1 = await gomapHover(sample, '--at', `${lines + 5}:1`);
    assert.strictEqual(r1.code, 2);
    assert.strictEqual(r1.err, `${sample}:${lines + 5}:1: line ${lines + 5} is outside the file (${lines} lines)`);
    const r2 = await gomapHover(sample, '--at', '1:400');
    assert.strictEqual(r2.code, 2);
    assert.match(r2.err, new RegExp(`^${sample.replace(/[.]/g, '\\.')}:1:400: column 400 is outside line 1 \\(\\d+ characters\\)$`));
    const r3 = await gomapHover(sample, '--at', '0:1');
    assert.strictEqual(r3.code, 2);
    assert.match(r3.err, /:0:1: line 0 is outside the file/);
  });

  it('usage errors exit 2', async () => {
    assert.strictEqual((await gomapHover(sample)).code, 2);
    assert.strictEqual((await gomapHover(sample, '--at', '3')).code, 2);
    assert.strictEqual((await gomapHover(sample, '--at', '3:1', '--arch', 'mips')).code, 2);
    const missing = await gomapHover(path.join(dir, 'nope.go'), '--at', '1:1');
    assert.strictEqual(missing.code, 2);
    assert.match(missing.err, /nope\.go: no such file/);
  });
});

describe('go.mod: go and toolchain lines', () => {
  const cases: Array<[string, ReturnType<typeof parseGoMod>]> = [
    ['module m\n\ngo 1.22\n', { go: '1.22' }],
    ['module m\ngo 1.21.5 // comment\ntoolchain go1.24.1\n', { go: '1.21.5', toolchain: '1.24.1' }],
    ['module m\r\ngo 1.23rc1\r\ntoolchain go1.24.0+auto\r\n', { go: '1.23rc1', toolchain: '1.24.0' }],
    ['module m\nrequire (\n\tgolang.org/x/tools v0.1.0\n)\n', {}],
    ['// go 1.99\nmodule m\n', {}],
  ];
  for (const [text, want] of cases) {
    it(JSON.stringify(text), () => assert.deepStrictEqual(parseGoMod(text), want));
  }

  it('versions compare as numbers; the runtime is at least the newer of go and toolchain', () => {
    assert.deepStrictEqual(parseGoVersion('go1.24.2'), [1, 24, 2]);
    assert.deepStrictEqual(parseGoVersion('1.9'), [1, 9, 0]);
    assert.strictEqual(parseGoVersion('latest'), undefined);
    assert.ok(goAtLeast('1.21', 1, 21) && !goAtLeast('1.20.14', 1, 21) && goAtLeast('1.100', 1, 21));
    assert.strictEqual(newestGoVersion('1.23', '1.24.2'), '1.24.2');
    assert.strictEqual(newestGoVersion('1.25', '1.24.2'), '1.25');
    assert.strictEqual(newestGoVersion(undefined, undefined), undefined);
    assert.ok(usesSwissTables('1.24') && !usesSwissTables('1.23.9') && !usesSwissTables(undefined));
  });
});
