/**
 * `gomap literal` end to end through the CLI dispatcher, with files in memory.
 */
import * as assert from 'assert';
import { run } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';

function memoryIO(files: Record<string, string>): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return files[p];
    },
  };
}

const goFile = [
  'package main',
  '',
  'type Point struct{ X, Y int }',
  '',
  'var names = map[Point]string{{1, 2}: "a", {X: 3}: "b"}',
  '',
  'var big = map[uint64]float32{1<<64 - 1: 0.1, 1 << 53: 1e-3}',
].join('\n');

describe('gomap literal', () => {
  it('prints the first map literal as JSON', async () => {
    const io = memoryIO({ 'm.go': goFile });
    assert.strictEqual(await run(['literal', 'm.go', '--json'], io), 0);
    assert.deepStrictEqual(JSON.parse(io.stdout.join('')), {
      key: 'Point',
      elem: 'string',
      entries: [[{ X: 1, Y: 2 }, 'a'], [{ X: 3, Y: 0 }, 'b']],
    });
  });

  it('takes the literal at --at, and lists it readably', async () => {
    const io = memoryIO({ 'm.go': goFile });
    assert.strictEqual(await run(['literal', 'm.go', '--at', '7:12'], io), 0);
    assert.deepStrictEqual(io.stdout, [
      'map[uint64]float32, 2 entries in source order\n  18446744073709551615: 0.1\n  9007199254740992: 0.001',
    ]);
    const json = memoryIO({ 'm.go': goFile });
    await run(['literal', 'm.go', '--at=7:12', '--json'], json);
    assert.deepStrictEqual(JSON.parse(json.stdout.join('')).entries, [['18446744073709551615', Math.fround(0.1)], [9007199254740992, Math.fround(1e-3)]]);
  });

  it('prints errors as FILE:LINE:COL: message and exits 2', async () => {
    const io = memoryIO({ 'bad.go': 'package main\n\nvar m = map[int8]int{1: 1, 1: 2, 300: 3}\n' });
    assert.strictEqual(await run(['literal', 'bad.go'], io), 2);
    assert.deepStrictEqual(io.stderr, [
      'bad.go:3:28: duplicate key 1 in map literal',
      'bad.go:3:34: cannot use 300 (untyped int constant) as int8 value in map literal (overflows)',
    ]);
    assert.deepStrictEqual(io.stdout, []);
  });

  it('quotes a type spelt over several lines on one line (the fuzz tier found a two-line refusal)', async () => {
    const io = memoryIO({ 'g.go': 'package main\n\ntype G[P any] struct{ x P }\n\ntype T struct{ g G[\n\tint] }\n\nvar m = map[T]int{}\n' });
    assert.strictEqual(await run(['literal', 'g.go'], io), 2);
    assert.deepStrictEqual(io.stderr, ['g.go:5:18: generic type G[ int] is not supported (instantiate it by hand)']);
  });

  it('reads .json files, with types overridden', async () => {
    const files = { 'c.json': '{\n  // limits\n  "low": 1,\n  "high": 200,\n}\n' };
    const inferred = memoryIO(files);
    assert.strictEqual(await run(['literal', 'c.json', '--json'], inferred), 0);
    assert.deepStrictEqual(JSON.parse(inferred.stdout.join('')), { key: 'string', elem: 'int', entries: [['low', 1], ['high', 200]] });
    const narrow = memoryIO(files);
    assert.strictEqual(await run(['literal', 'c.json', '--elem-type', 'int8'], narrow), 2);
    assert.deepStrictEqual(narrow.stderr, ['c.json:4:11: cannot use 200 (JSON number) as int8 value (overflows)']);
    const keyed = memoryIO({ 'p.json': '[[1.5, "x"]]' });
    assert.strictEqual(await run(['literal', 'p.json', '--key-type', 'float32', '--elem-type', '[]byte', '--json'], keyed), 2);
    assert.deepStrictEqual(keyed.stderr, ['p.json:1:8: cannot use "x" (JSON string) as []byte value']);
  });

  it('refuses bad arguments with a usage line', async () => {
    const cases: [string[], string][] = [
      [['literal'], 'gomap literal: usage: gomap literal FILE [--at LINE:COL] [--key-type T] [--elem-type T] [--arch amd64|arm64|386|arm] [--json]'],
      [['literal', 'm.go', '--at', '7'], 'gomap literal: --at must be LINE:COL (1-based), got "7"'],
      [['literal', 'm.go', '--key-type', 'int'], 'gomap literal: --key-type applies to JSON files; a Go literal has its own types'],
      [['literal', 'nope.go'], 'gomap literal: cannot read nope.go: ENOENT'],
      [['literal', 'c.json', '--elem-type', 'map[int'], 'gomap literal: --elem-type "map[int": 8: unexpected end of type expression'],
    ];
    for (const [args, message] of cases) {
      const io = memoryIO({ 'm.go': goFile, 'c.json': '{}' });
      assert.strictEqual(await run(args, io), 2, args.join(' '));
      assert.deepStrictEqual(io.stderr, [message], args.join(' '));
    }
  });

  it('gomap build runs the literal on the map model, in the order gc inserts', async () => {
    const io = memoryIO({ 's.go': 'package main\n\nvar m = map[string][]int{"a": nil, "b": {1}, "c": nil}\n' });
    assert.strictEqual(await run(['build', 's.go', '--seed', '7'], io), 0);
    const dump = JSON.parse(io.stdout.join(''));
    assert.strictEqual(dump.hint, 3);
    assert.deepStrictEqual(dump.type.key, 'string');
    const [snap] = dump.snapshots;
    assert.strictEqual(snap.count, 3);
    assert.strictEqual(snap.B, 0);
    // One bucket; slots fill in insertion order: the nil (static) entries first.
    assert.deepStrictEqual(snap.buckets[0][0].keys.slice(0, 3), ['a', 'c', 'b']);
    assert.deepStrictEqual(snap.buckets[0][0].elems.slice(0, 3), [null, null, [1]]);
    const bad = memoryIO({ 's.go': 'package main\nvar m = map[int]int{1: 1, 1: 2}\n' });
    assert.strictEqual(await run(['build', 's.go'], bad), 2);
    assert.deepStrictEqual(bad.stderr, ['s.go:2:27: duplicate key 1 in map literal']);
  });
});
