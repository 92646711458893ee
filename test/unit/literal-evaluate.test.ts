/**
 * The evaluator beyond what the Go corpus can show: what we refuse to guess (variables, calls,
 * other packages), which literal a position selects, positions in compiler columns, GOARCH-sized
 * ints, typed values with their dynamic types. Expected values are reasoned by hand from the spec.
 */
import * as assert from 'assert';
import { EvaluateOptions, LiteralResult, evaluateMapLiteral } from '../../src/core/literal/evaluate';

async function ok(src: string, opts: EvaluateOptions = {}) {
  const r = await evaluateMapLiteral(src, opts);
  assert.ok(r.ok, r.ok ? '' : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return r.map;
}

async function errors(src: string, opts: EvaluateOptions = {}): Promise<string[]> {
  const r: LiteralResult = await evaluateMapLiteral(src, opts);
  assert.ok(!r.ok, 'expected errors');
  return r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
}

describe('literal: evaluation', () => {
  it('names what it will not evaluate, at its place', async () => {
    const src = [
      'package main',
      '',
      'import "strconv"',
      '',
      'var x = 3',
      '',
      'func f() int { return 1 }',
      '',
      'var m = map[int]int{f(): 1, x: 2, y: 3, strconv.IntSize: 4, 5: func() int { return 5 }()}',
    ].join('\n');
    assert.deepStrictEqual(await errors(src), [
      '9:21: cannot evaluate: function call f()',
      '9:29: cannot evaluate: variable x',
      '9:35: cannot evaluate: y is not declared in this file',
      '9:41: cannot evaluate: strconv.IntSize (declared in package strconv)',
      '9:64: cannot evaluate: function call func() int {…}()',
    ]);
  });

  it('reports compiler errors before what it will not evaluate', async () => {
    const src = 'package main\nvar v = 1\nvar m = map[int8]int{v: 1, 300: 2}\n';
    assert.deepStrictEqual(await errors(src), ['3:28: cannot use 300 (untyped int constant) as int8 value in map literal (overflows)']);
  });

  it('sees local declarations before the literal and their shadowing', async () => {
    const src = [
      'package main',
      'const k = 1',
      'func main() {',
      '\tconst k = 2',
      '\ttype T struct{ A int }',
      '\tm := map[int]T{k: {k}}',
      '\t{',
      '\t\tk := 3',
      '\t\t_ = map[int]int{k: 0}',
      '\t}',
      '\t_ = m',
      '}',
    ].join('\n');
    const m = await ok(src);
    assert.deepStrictEqual(m.entries, [[2, { A: 2 }]]);
    assert.deepStrictEqual(await errors(src, { at: { line: 9, col: 10 } }), ['9:19: cannot evaluate: variable k']);
  });

  it('selects the innermost map literal at a position, or the first one', async () => {
    const src = 'package main\n\nvar a = map[string]int{"a": 1}\nvar b = map[int][]map[int]bool{1: {map[int]bool{2: true}}}\n';
    assert.deepStrictEqual((await ok(src)).entries, [['a', 1]]);
    const inner = await ok(src, { at: { line: 4, col: 42 } });
    assert.strictEqual(inner.keyText, 'int');
    assert.strictEqual(inner.elemText, 'bool');
    assert.deepStrictEqual(inner.entries, [[2, true]]);
    const outer = await ok(src, { at: { line: 4, col: 9 } });
    assert.strictEqual(outer.elemText, '[]map[int]bool');
    assert.deepStrictEqual(outer.entries, [[1, [[[2, true]]]]]);
    assert.deepStrictEqual(await errors(src, { at: { line: 1, col: 1 } }), ['1:1: no map literal here']);
    assert.deepStrictEqual(await errors('package main\n'), ['1:1: no map literal in this file']);
  });

  it('selects an elided map literal inside a typed one', async () => {
    const src = [
      'package main',
      'type Row struct {',
      '\tName  string',
      '\tAttrs map[string]int',
      '\tPtr   *map[int]bool',
      '}',
      'var rows = []Row{{"a", map[string]int{"typed": 0}, nil}, {Name: "b", Attrs: {"x": 1, "y": 2}}}',
      'var nested = map[string][]map[int8]string{"k": {{1: "one"}, {2: "two", 3: "three"}}}',
    ].join('\n');
    const at = (line: number, text: string) => ({ line, col: src.split('\n')[line - 1].indexOf(text) + 1 });
    const attrs = await ok(src, { at: at(7, '"y"') });
    assert.deepStrictEqual({ key: attrs.keyText, elem: attrs.elemText, entries: attrs.entries }, { key: 'string', elem: 'int', entries: [['x', 1], ['y', 2]] });
    assert.deepStrictEqual((await ok(src, { at: at(7, '"typed"') })).entries, [['typed', 0]]);
    const second = await ok(src, { at: at(8, '"three"') });
    assert.deepStrictEqual({ key: second.keyText, entries: second.entries }, { key: 'int8', entries: [[2, 'two'], [3, 'three']] });
    assert.deepStrictEqual((await ok(src, { at: at(8, '"k"') })).entries, [['k', [[[1, 'one']], [[2, 'two'], [3, 'three']]]]]);
    assert.deepStrictEqual(await errors(src, { at: at(7, '"a"') }), [`7:${at(7, '"a"').col}: no map literal here`]);
  });

  it('takes a UTF-16 offset as editors give it', async () => {
    const src = 'package main\nvar s = "é😀"\nvar m = map[string]int{"é": 1}\n';
    const m = await ok(src, { at: src.indexOf('"é": 1') });
    assert.deepStrictEqual(m.entries, [['é', 1]]);
    assert.deepStrictEqual(m.span, { offset: src.indexOf('map[string]int{'), end: src.lastIndexOf('}') + 1 });
    assert.deepStrictEqual(m.entrySpans, [{ offset: src.indexOf('"é": 1'), end: src.indexOf('"é": 1') + 6 }]);
  });

  it('counts columns in bytes, as the compiler does', async () => {
    // "é" is two bytes and "😀" four: the duplicate key "b" starts at byte column 45, UTF-16 column 42.
    const src = 'package main\nvar m = map[string]int{"é😀": 1, "b": 2, "b": 3}\n';
    assert.deepStrictEqual(await errors(src), ['2:45: duplicate key "b" in map literal']);
  });

  it('sizes int by GOARCH', async () => {
    // As GOARCH=386 go build says; a bad key skips its value, so 1 << 33 is not reported.
    const src = 'package main\nvar m = map[int]uint{1 << 40: 1 << 33}\n';
    assert.deepStrictEqual((await ok(src)).entries, [[2 ** 40, 2 ** 33]]);
    assert.deepStrictEqual(await errors(src, { goarch: '386' }), [
      '2:22: cannot use 1 << 40 (untyped int constant 1099511627776) as int value in map literal (overflows)',
    ]);
    assert.deepStrictEqual(await errors('package main\nvar n = map[int]uint{1 << 20: 1 << 33}\n', { goarch: '386' }), [
      '2:31: cannot use 1 << 33 (untyped int constant 8589934592) as uint value in map literal (overflows)',
    ]);
  });

  it('keeps the dynamic types of interface keys', async () => {
    const m = await ok('package main\nvar m = map[any]bool{1: true, int8(1): false, "s": true, 2.5: false}\n');
    assert.deepStrictEqual(
      m.values.map(([k]) => (k.kind === 'interface' ? `${k.type.kind === 'basic' ? k.type.name : '?'}:${k.value.kind}` : k.kind)),
      ['int:int', 'int8:int', 'string:string', 'float64:float'],
    );
    // The JSON value form names each dynamic type as reflect does (Go 1.19 prints the same
    // through test/literal-corpus), so the keys 1 and int8(1) stay apart in every output.
    assert.deepStrictEqual(m.entries.map(([k]) => k), [
      { $type: 'int', value: 1 }, { $type: 'int8', value: 1 }, { $type: 'string', value: 's' }, { $type: 'float64', value: 2.5 },
    ]);
  });

  it('evaluates named map types and large integers', async () => {
    const src = 'package main\ntype Table map[uint64]int64\nvar t = Table{1<<64 - 1: -1 << 63, 1 << 53: 1<<53 + 1}\n';
    const m = await ok(src);
    assert.strictEqual(m.keyText, 'uint64');
    assert.deepStrictEqual(m.entries, [['18446744073709551615', '-9223372036854775808'], [9007199254740992, '9007199254740993']]);
  });

  it('inserts static entries before dynamic ones, as gc orders a map literal', async () => {
    // Go 1.19 ranges over these (B = 0, one bucket, slots in insertion order) in the cyclic orders
    // a c e b d, b d a c and a c d b: nils and constants first, then slices, interfaces, pointers.
    const src = [
      'package main',
      'type P struct {',
      '\tA int',
      '\tI any',
      '}',
      'var m = map[string][]int{"a": nil, "b": {1}, "c": nil, "d": {2}, "e": nil}',
      'var n = map[string]any{"a": 1, "b": nil, "c": "x", "d": nil}',
      'var o = map[string]P{"a": {1, nil}, "b": {2, 3}, "c": {3, nil}, "d": P{4, nil}}',
    ].join('\n');
    const order = async (line: number) => {
      const m = await ok(src, { at: { line, col: 10 } });
      return { hint: m.hint, order: m.insertionOrder.map((i) => m.entries[i][0]).join('') };
    };
    assert.deepStrictEqual(await order(6), { hint: 5, order: 'acebd' });
    assert.deepStrictEqual(await order(7), { hint: 4, order: 'bdac' });
    assert.deepStrictEqual(await order(8), { hint: 4, order: 'acdb' });
  });

  it('refuses absurd nesting with a placed error instead of exhausting the stack', async () => {
    const deep = (open: string, close: string, n: number) => `package main\nvar m = map[int]int{1: ${open.repeat(n)}1${close.repeat(n)}}\n`;
    for (const src of [deep('(', ')', 20000), deep('- ', '', 20000), deep('', '+1', 20000)]) {
      const [e] = await errors(src);
      assert.match(e, /^2:\d+: cannot evaluate: an expression nested more than 400 levels deep$/);
    }
    assert.deepStrictEqual((await ok(deep('(', ')', 300))).entries, [[1, 1]]);
  });

  it('checks but declines values too large to show', async () => {
    assert.deepStrictEqual(await errors('package main\ntype S struct{ A [1 << 40]int }\nvar m = map[int]S{1: {}}\n'), ['3:22: cannot evaluate: {} (too large to show)']);
    assert.deepStrictEqual(await errors('package main\nvar m = map[int][1 << 20][1 << 20]int{1: {}, 2: 3}\n'), [
      '2:49: cannot use 3 (untyped int constant) as [1048576][1048576]int value in map literal',
    ]);
    assert.deepStrictEqual((await ok('package main\nvar m = map[[1 << 40]int]int{}\n')).entries, []);
  });

  it('reports syntax errors inside the literal', async () => {
    const [e] = await errors('package main\nvar m = map[string]int{"a": 1, "b" 2}\n');
    assert.match(e, /^2:\d+: syntax error/);
  });

  it('refuses types from other packages and generic types by name', async () => {
    const src = 'package main\nimport "net/http"\nvar m = map[string]http.Header{"a": nil}\n';
    assert.deepStrictEqual(await errors(src), ['3:20: cannot evaluate: type http.Header from another package']);
  });
});
