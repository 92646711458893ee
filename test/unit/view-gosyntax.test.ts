import * as assert from 'assert';
import { goString, goText, goQuote } from '../../src/core/view/gosyntax';
import { GoType, parseTypeExpr, scopeFromSource } from '../../src/core/types';
import { MapSession } from '../../src/core/view/session';
import { printMap } from '../../src/core/view/print';

// Keys and elems as Go source writes them (src/core/view/gosyntax.ts). Each expected text is the
// Go literal that denotes the value, checked by reading it as Go: `Profile{Admin: true}` leaves
// Quota and Name at their zero values, as the value has them.
describe('view: values in Go syntax', () => {
  const src = `package p
type UserID int64
type Profile struct {
	Name  string
	Admin bool
	Quota int64
	Tags  []string
}
type Point struct{ X, Y int8 }
`;
  let T: (expr: string) => Promise<GoType>;
  before(async () => {
    const scope = await scopeFromSource(src);
    T = (expr) => parseTypeExpr(expr, scope);
  });

  it('writes a struct with its type name and leaves out zero fields', async () => {
    assert.strictEqual(goString(await T('Profile'), { Name: '', Admin: true, Quota: 1024, Tags: null }), 'Profile{Admin: true, Quota: 1024}');
    assert.strictEqual(goString(await T('Profile'), { Name: 'ann', Admin: false, Quota: 0, Tags: ['a', 'b'] }), 'Profile{Name: "ann", Tags: []string{"a", "b"}}');
    assert.strictEqual(goString(await T('Profile'), { Name: '', Admin: false, Quota: 0, Tags: null }), 'Profile{}');
  });

  it('writes slices, maps and arrays as composite literals, eliding element types inside', async () => {
    assert.strictEqual(goString(await T('[]byte'), [1, 2]), '[]byte{1, 2}');
    assert.strictEqual(goString(await T('[]byte'), null), 'nil');
    assert.strictEqual(goString(await T('map[string]int'), [['eu', 1]]), 'map[string]int{"eu": 1}');
    assert.strictEqual(goString(await T('[]Point'), [{ X: 1, Y: 2 }]), '[]Point{{X: 1, Y: 2}}');
    // [16]byte keys in the oracle's form: one little-endian integer; trailing zeros dropped.
    assert.strictEqual(goString(await T('[16]byte'), 0x0201), '[16]byte{1, 2}');
    assert.strictEqual(goString(await T('[3]int'), [0, 5, 0]), '[3]int{0, 5, 0}');
  });

  it('writes pointers as &T{…} in elems and as addresses in keys', async () => {
    assert.strictEqual(goString(await T('*Point'), { X: 3, Y: 0 }), '&Point{X: 3}');
    assert.strictEqual(goString(await T('*int'), 42), 'new(42)');
    assert.strictEqual(goString(await T('*Point'), null), 'nil');
    assert.strictEqual(goString(await T('*Point'), 0xc000010000, Infinity, true), '(*Point)(0xc000010000)');
  });

  it('writes an interface with its dynamic type where a constant would not carry it', async () => {
    const any = await T('any');
    assert.strictEqual(goString(any, { $type: 'int', value: 1 }), '1');
    assert.strictEqual(goString(any, { $type: 'int8', value: 1 }), 'int8(1)');
    assert.strictEqual(goString(any, { $type: 'float64', value: 1 }), 'float64(1)');
    assert.strictEqual(goString(any, { $type: 'float64', value: 1.5 }), '1.5');
    assert.strictEqual(goString(any, { $type: 'string', value: 'x' }), '"x"');
    assert.strictEqual(goString(any, { $type: '[]int', value: [1, 2] }), '[]int{1, 2}');
    assert.strictEqual(goString(any, { $type: 'main.UserID', value: 7 }), 'UserID(7)');
    assert.strictEqual(goString(any, null), 'nil');
  });

  it('writes floats as %v, and NaN, ±Inf and -0 as the math calls that make them', async () => {
    const f = await T('float64');
    assert.strictEqual(goString(f, 0.1), '0.1');
    assert.strictEqual(goString(f, 1e21), '1e+21');
    assert.strictEqual(goString(f, NaN), 'math.NaN()');
    assert.strictEqual(goString(f, -Infinity), 'math.Inf(-1)');
    assert.strictEqual(goString(f, -0), 'math.Copysign(0, -1)');
    assert.strictEqual(goString(await T('complex128'), [1, -2]), '(1-2i)');
  });

  it('quotes strings as strconv.Quote does', () => {
    assert.strictEqual(goQuote('a"b\\c\n\t'), '"a\\"b\\\\c\\n\\t"');
    assert.strictEqual(goQuote('\x00\x7f'), '"\\x00\\x7f"');
    assert.strictEqual(goQuote('héllo, 世界'), '"héllo, 世界"');
    assert.strictEqual(goQuote('\u200b'), '"\\u200b"'); // zero-width space: not printable in Go
    assert.strictEqual(goQuote('\ud800'), '"\\ufffd"'); // a lone surrogate is not UTF-8
  });

  it('cuts long text with a marker, never between the halves of a surrogate pair', async () => {
    const s = await T('string');
    const long = goText(s, 'x'.repeat(500), 20);
    assert.strictEqual(long.cut, true);
    assert.strictEqual(long.text, `"${'x'.repeat(19)}…`);
    // "😀" is two UTF-16 units; a cut at 2 units would split it: keep one unit less.
    const emoji = goText(s, '😀😀😀', 2);
    assert.strictEqual(emoji.text, '"…');
    assert.deepStrictEqual(goText(s, 'ok', 20), { text: '"ok"', cut: false });
    // A slice of a million elements is not written out in full.
    const big = goText(await T('[]int'), Array.from({ length: 1_000_000 }, (_, i) => i), 100);
    assert.strictEqual(big.cut, true);
    assert.ok(big.text.length <= 101);
  });
});

describe('view: the map as text (what the CLI prints)', () => {
  it('prints the header, memory and slots of the same view the panel draws', async () => {
    const s = await MapSession.create('p', { key: 'string', elem: '[]int', goarch: 'amd64', hint: 0, seed: 1, origin: 'test' }, 100);
    await s.apply({ op: 'insert', key: 'a', elem: [1, 2] });
    const text = printMap(s.mapView(), (a, b, e) => s.rows(a, b, e), { fullOnly: true });
    const lines = text.split('\n');
    assert.strictEqual(lines[1], 'count 1 · B 0 · buckets 1 · overflow buckets 0 · not growing');
    assert.ok(lines.includes('  count               1'), text);
    assert.ok(lines.some((l) => /^ {4}0: 0x[0-9a-f]{2} full {2}"a" = \[\]int\{1, 2\}$/.test(l)), text);
    assert.ok(lines.some((l) => l.startsWith('  in-use heap (pprof inuse_space): ')), text);
  });
});
