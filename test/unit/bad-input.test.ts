/**
 * Bad input gets Go's answer or one clear line (issue 13), through the core and the CLI with files
 * in memory. Each expected compiler message and position is what `go build` printed with Go 1.19
 * (/usr/lib/go-1.19/bin/go) for the same file; each panic what `go run` printed.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { CliIO, maxInputBytes, readCapped } from '../../src/cli/io';
import { decodeGoSource } from '../../src/core/literal/sourcebytes';
import { evaluateMapLiteral } from '../../src/core/literal/evaluate';
import { SourceText } from '../../src/core/literal/position';

function memoryIO(files: Record<string, string | Buffer>): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const get = (p: string) => {
    if (!(p in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    return files[p];
  };
  return {
    stdout,
    stderr,
    out: (s) => stdout.push(s),
    err: (s) => stderr.push(s),
    readFile: (p) => get(p).toString(),
    readBytes: (p) => Buffer.from(get(p)),
  };
}

async function cli(args: string[], files: Record<string, string | Buffer>): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIO(files);
  const code = await run(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

async function errors(src: string): Promise<string[]> {
  const r = await evaluateMapLiteral(src);
  assert.ok(!r.ok, 'expected errors');
  return r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
}

describe('bad input: the compiler\'s errors at its positions', () => {
  const file = (body: Buffer) => Buffer.concat([Buffer.from('package main\n\nvar m = map[string]int{"a'), body, Buffer.from('": 1}\n')]);

  it('reads Go source bytes as the scanner does (invalid UTF-8, NUL, BOM)', () => {
    const at = (bytes: number[]) => decodeGoSource(file(Buffer.from(bytes))).errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
    assert.deepStrictEqual(at([0xff]), ['3:26: invalid UTF-8 encoding']);
    assert.deepStrictEqual(at([0xc0, 0x80]), ['3:26: invalid UTF-8 encoding'], 'an overlong NUL');
    assert.deepStrictEqual(at([0xed, 0xa0, 0x80]), ['3:26: invalid UTF-8 encoding'], 'an encoded surrogate');
    assert.deepStrictEqual(at([0]), ['3:26: invalid NUL character']);
    assert.deepStrictEqual(at([0xef, 0xbb, 0xbf]), ['3:26: invalid BOM in the middle of the file']);
    assert.deepStrictEqual(at([0xe2, 0x82, 0xac]), [], 'a valid euro sign');
    // A BOM at the very start is skipped; one error per line and message, as gc keeps them.
    const bom = decodeGoSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), file(Buffer.from([0xff, 0xfe, 0x41, 0xff]))]));
    assert.deepStrictEqual(bom.errors.map((e) => `${e.line}:${e.col}`), ['3:26']);
  });

  it('finds NUL and BOM in editor text too', async () => {
    assert.deepStrictEqual(await errors('package main\nvar m = map[string]int{"\u0000": 1}\n'), ['2:25: invalid NUL character']);
  });

  it('reports invalid recursive interfaces where a literal uses them', async () => {
    assert.deepStrictEqual(await errors('package main\n\ntype I interface{ I }\n\nvar m = map[I]int{}\n'), ['3:6: invalid recursive type I']);
    assert.deepStrictEqual(
      await errors('package main\n\ntype I interface{ J; M() }\ntype J interface{ K }\ntype K interface{ J }\n\nvar m = map[int]I{}\n'),
      ['4:6: invalid recursive type J'],
    );
    // Embedding another (valid) interface is fine.
    const ok = await evaluateMapLiteral('package main\n\ntype J interface{ M() }\ntype I interface{ J }\n\nvar m = map[I]int{}\n');
    assert.ok(ok.ok);
  });

  it('refuses types larger than the address space as gc\'s backend does', async () => {
    assert.deepStrictEqual(await errors('package main\n\nvar m = map[[1 << 62]byte]int{}\n'), ['3:5: type [4611686018427387904]byte larger than address space']);
    assert.deepStrictEqual(await errors('package main\n\nvar m = map[int][(1<<50-1)/8+1]int64{}\n'), ['3:5: type [140737488355328]int64 larger than address space']);
    assert.deepStrictEqual(await errors('package main\n\ntype T [1<<40][1<<20]byte\n\nvar m = map[int]T{}\n'), ['3:6: type [1099511627776][1048576]byte larger than address space']);
    assert.deepStrictEqual(await errors('package main\n\nfunc f() { _ = map[int][1<<50]byte{} }\n'), ['3:35: type [1125899906842624]byte larger than address space']);
    // (1<<50-1)/8 int64s is just within the limit: go build accepts it.
    assert.ok((await evaluateMapLiteral('package main\n\nvar m = map[int][(1<<50-1)/8]int64{}\n')).ok);
  });

  it('refuses an unhashable key as the runtime panics, at the key', async () => {
    assert.deepStrictEqual(await errors('package main\n\nvar m = map[any]int{1: 1, []int{1}: 2}\n'), ['3:27: panic: runtime error: hash of unhashable type []int']);
    assert.deepStrictEqual(await errors('package foo\n\ntype S struct{ A []int }\n\nvar m = map[any]int{S{}: 1}\n'), ['5:21: panic: runtime error: hash of unhashable type foo.S']);
  });
});

describe('bad input: NaN keys from Go source', () => {
  // go run: len(m) == 4, and m[P{math.NaN()}] is never found.
  const src = 'package main\n\nimport "math"\n\ntype P struct{ X float64 }\n\nvar m = map[P]int{{math.NaN()}: 1, {math.NaN()}: 2, {1}: 3, {math.Inf(-1)}: 4}\n';

  it('evaluates math.NaN() and math.Inf(sign) as run-time values', async () => {
    const r = await evaluateMapLiteral(src);
    assert.ok(r.ok);
    assert.deepStrictEqual(r.map.entries, [[{ X: 'NaN' }, 1], [{ X: 'NaN' }, 2], [{ X: 1 }, 3], [{ X: '-Inf' }, 4]]);
    // gc inserts the static entry first, then the ones holding call results, in source order.
    assert.deepStrictEqual(r.map.insertionOrder, [2, 0, 1, 3]);
  });

  it('builds a map where each NaN key is its own entry', async () => {
    const r = await cli(['build', 'm.go'], { 'm.go': src });
    assert.strictEqual(r.code, 0, r.err);
    const s = JSON.parse(r.out).snapshots[0];
    assert.strictEqual(s.count, 4);
    assert.deepStrictEqual(s.buckets[0][0].keys.slice(0, 4), [{ X: 1 }, { X: 'NaN' }, { X: 'NaN' }, { X: '-Inf' }]);
  });
});

describe('bad input: bounded work', () => {
  it('finds a compiler position far into a long line in linear time', () => {
    const line = 'x'.repeat(2_000_000) + 'é' + 'y';
    const src = new SourceText(`a\n${line}\n`);
    const t0 = Date.now();
    assert.strictEqual(src.offsetOf(2, 2_000_003), 2 + 2_000_001);
    assert.ok(Date.now() - t0 < 2000, 'linear, not quadratic');
  });

  it('reads at most the input limit from a file that never ends', () => {
    assert.throws(() => readCapped('/dev/zero'), new RegExp(`more than the ${maxInputBytes >> 20} MiB limit on input`));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomap-cap-'));
    try {
      fs.writeFileSync(path.join(dir, 'big.go'), Buffer.alloc(maxInputBytes + 1, 0x20));
      assert.throws(() => readCapped(path.join(dir, 'big.go')), /8388609 bytes, more than the 8 MiB limit on input/);
      fs.writeFileSync(path.join(dir, 'ok.go'), 'package main\n');
      assert.strictEqual(readCapped(path.join(dir, 'ok.go')).toString(), 'package main\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad input: traces', () => {
  const trace = (doc: unknown) => ({ 't.json': JSON.stringify(doc) });

  it('refuses ops nested in a range other than insert, delete and lookup, as the oracle does', async () => {
    const r = await cli(['replay', 't.json'], trace({ key: 'int64', elem: 'int64', ops: [{ op: 'insert', key: 1, elem: 1 }, { op: 'iterate', after: 1, ops: [{ op: 'clear' }] }] }));
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /^gomap replay: t\.json:1:\d+: ops\[1\]\.ops\[0\]\.op: only insert, delete and lookup may be nested in iterate, not "clear"$/);
    const ok = await cli(['replay', 't.json'], trace({ key: 'int64', elem: 'int64', ops: [{ op: 'insert', key: 1, elem: 1 }, { op: 'iterate', after: 1, ops: [{ op: 'delete', key: 1 }] }] }));
    assert.strictEqual(ok.code, 0, ok.err);
  });

  it('refuses deep JSON before parsing it, and hints beyond 2^53', async () => {
    const deep = await cli(['replay', 't.json'], { 't.json': `{"ops":${'['.repeat(100_000)}` });
    assert.strictEqual(deep.code, 2);
    assert.match(deep.err, /^gomap replay: t\.json:1:\d+: JSON nested more than 400 levels deep$/);
    const hint = await cli(['replay', 't.json'], trace({ key: 'int64', elem: 'int64', hint: 1e300, ops: [] }));
    assert.match(hint.err, /"hint" must be a non-negative integer \(at most 2\^53\)$/);
  });

  it('writes NaN as "NaN" and a 2^27-bucket array sparsely', async () => {
    const r = await cli(['replay', 't.json'], trace({
      key: 'float64', elem: 'float64', hint: Math.floor(6.5 * 2 ** 27),
      ops: [{ op: 'insert', key: 'NaN', elem: '+Inf' }, { op: 'insert', key: 'NaN', elem: '-Inf' }, { op: 'snapshot', label: 's' }],
    }));
    assert.strictEqual(r.code, 0, r.err);
    const s = JSON.parse(r.out).snapshots[0];
    assert.strictEqual(s.B, 27);
    assert.strictEqual(s.count, 2, 'two NaN keys are two entries');
    assert.strictEqual(s.buckets.length, 2 ** 27);
    const chains = Object.values(s.buckets.chains) as { keys: unknown[]; elems: unknown[] }[][];
    const slots = chains.flatMap((c) => c.flatMap((b) => b.keys.map((k, i) => [k, b.elems[i]]))).filter(([k]) => k !== null);
    assert.deepStrictEqual(slots.map(([k]) => k), ['NaN', 'NaN']);
    assert.deepStrictEqual(slots.map(([, e]) => e).sort(), ['+Inf', '-Inf']);
  });
});
