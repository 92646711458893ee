/**
 * Go's `==` on keys and the words a hasher reads (src/core/go), and both maps built on them.
 * Expected values are Go's: each case says what `go run` prints for the same keys (checked with
 * Go 1.19 and 1.26: `len(m)` after the inserts, or the panic).
 */
import * as assert from 'assert';
import { GoPanic, goEqual, holdsNaN, writeKeyWords } from '../../src/core/go/equal';
import { dynamicTypeComparable, goString, iface } from '../../src/core/go/value';
import { DefaultHasher } from '../../src/core/classic/hash';
import { HMap, seededRandomness } from '../../src/core/classic/hmap';
import { SeededFastRand } from '../../src/core/classic/rand';
import { normalizeValue } from '../../src/core/classic/values';
import { mapTypeOf, GoType } from '../../src/core/types';

const t = (name: string): GoType => ({ kind: 'basic', name } as GoType);
const anyT: GoType = { kind: 'interface', methods: [], embeds: [], alias: 'any' };

function words(v: unknown, random = () => 0x12345678): number[] {
  const out: number[] = [];
  writeKeyWords(v, { word: (w) => out.push(w >>> 0) }, random);
  return out;
}

/** A classic map of the given types after inserting `keys` (elem = index), with invariants checked. */
function classicMap(key: GoType, keys: unknown[]): HMap {
  const rand = new SeededFastRand(7);
  const h = new HMap(mapTypeOf(key, t('int64'), 'amd64'), 0, { hasher: new DefaultHasher(rand), random: seededRandomness(rand) });
  keys.forEach((k, i) => {
    h.assign(k, i);
    h.checkInvariants();
  });
  return h;
}

describe('go: Go equality on the model value form', () => {
  it('compares floats as IEEE numbers wherever they sit', () => {
    assert.strictEqual(goEqual(NaN, NaN), false);
    assert.strictEqual(goEqual(0, -0), true);
    assert.strictEqual(goEqual([1, NaN], [1, NaN]), false);
    assert.strictEqual(goEqual({ X: NaN, Y: 1 }, { X: NaN, Y: 1 }), false);
    assert.strictEqual(goEqual([0, NaN], [0, NaN]), false); // a complex128 with a NaN part
    assert.strictEqual(goEqual(iface('float64', NaN), iface('float64', NaN)), false);
    const k = { X: [NaN] };
    assert.strictEqual(goEqual(k, k), false, 'the same key object holding NaN is not equal to itself');
    assert.strictEqual(goEqual({ X: -0, Y: [0, -0] }, { X: 0, Y: [-0, 0] }), true);
  });

  it('compares interfaces by dynamic type, then value', () => {
    assert.strictEqual(goEqual(iface('int', 1), iface('int64', 1)), false);
    assert.strictEqual(goEqual(iface('int', 1), iface('float64', 1)), false);
    assert.strictEqual(goEqual(iface('int8', 1), iface('int8', 1)), true);
    assert.strictEqual(goEqual(iface('[2]interface {}', [iface('int', 1), null]), iface('[2]interface {}', [iface('int', 1), null])), true);
    assert.strictEqual(goEqual(null, iface('*int', null)), false, 'a nil interface is not an interface holding a nil pointer');
    // efaceeq: different dynamic types compare false before comparability is looked at.
    assert.strictEqual(goEqual(iface('[]int', [1]), iface('int', 1)), false);
  });

  it('panics as Go does on uncomparable dynamic types', () => {
    assert.throws(() => goEqual(iface('[]int', [1]), iface('[]int', [1])), (e) => e instanceof GoPanic && e.message === 'comparing uncomparable type []int');
    assert.throws(() => words(iface('map[string]int', [])), (e) => e instanceof GoPanic && e.goText === 'panic: runtime error: hash of unhashable type map[string]int');
    assert.throws(() => words({ A: iface('struct { B []int }', { B: [] }) }), /hash of unhashable type struct \{ B \[\]int \}/);
  });

  it('classifies dynamic types as reflect names them', () => {
    for (const c of ['int', '*int', 'chan int', '[3]string', 'struct { A int; B [2]string }', 'interface {}', 'main.T', 'struct {}']) assert.ok(dynamicTypeComparable(c), c);
    for (const u of ['[]int', 'map[int]int', 'func()', 'func(int) string', '[2][]int', 'struct { A int; B []int }', 'struct { A, B map[int]int }', 'struct { main.T; C func() }']) assert.ok(!dynamicTypeComparable(u), u);
  });

  it('gives equal keys equal words, and a NaN anywhere random ones', () => {
    assert.deepStrictEqual(words({ X: -0 }), words({ X: 0 }));
    assert.deepStrictEqual(words(2n ** 60n), words((2n ** 60n).toString()));
    assert.notDeepStrictEqual(words(iface('int', 1)), words(iface('int64', 1)));
    assert.notDeepStrictEqual(words(['a', 'b']), words(['ab', '']));
    let n = 0;
    const draws = () => ++n;
    assert.notDeepStrictEqual(words([1, NaN], draws), words([1, NaN], draws));
    assert.ok(holdsNaN({ A: [1, iface('float64', NaN)] }));
    assert.ok(!holdsNaN({ A: [1, iface('float64', 1)] }));
  });

  it('reads lone surrogates as encoding/json does', () => {
    // json.Unmarshal([]byte(`"\ud800x\udc00\ud83d\ude00"`), &s): "\uFFFDx\uFFFD😀"
    assert.strictEqual(goString('\ud800x\udc00\ud83d\ude00'), '\ufffdx\ufffd\u{1F600}');
  });
});

describe('go: maps keyed by interfaces and NaN, as Go builds them', () => {
  it('map[any]int{1: 1, int64(1): 2, int8(1): 3, 1.0: 4} has 4 entries (Go: len 4)', () => {
    const keys = [iface('int', 1), iface('int64', 1), iface('int8', 1), iface('float64', 1)];
    assert.strictEqual(classicMap(anyT, keys).count, 4);
    // m[int64(1)] = 5 replaces; m[uint8(1)] adds (Go: len 5).
    const h = classicMap(anyT, [...keys, iface('int64', 1), iface('uint8', 1)]);
    assert.strictEqual(h.count, 5);
    assert.strictEqual(h.lookup(iface('int64', 1)).elem, 4);
  });

  it('keys holding NaN are each a new entry and never found (Go: len 3, ok false)', () => {
    const key = t('float64');
    const structKey: GoType = { kind: 'struct', fields: [{ name: 'X', type: key, embedded: false }] };
    const h = classicMap(structKey, [{ X: NaN }, { X: NaN }, { X: 1 }, { X: 1 }]);
    assert.strictEqual(h.count, 3);
    assert.strictEqual(h.lookup({ X: NaN }).found, false);
    assert.strictEqual(h.lookup({ X: 1 }).found, true);
  });

  it('an unhashable dynamic key panics and leaves the map as it was', () => {
    const h = classicMap(anyT, [iface('int', 1)]);
    assert.throws(() => h.assign(iface('[]int', [1]), 2), /hash of unhashable type \[\]int/);
    assert.strictEqual(h.count, 1);
    h.checkInvariants();
  });
});

describe('go: trace values in interface positions', () => {
  const norm = (v: unknown, isKey = true) => normalizeValue(anyT, v, 8, { isKey });

  it('gives bare JSON the types untyped constants would get, and keeps tagged values', () => {
    assert.deepStrictEqual(norm(1), iface('int', 1));
    assert.deepStrictEqual(norm(1.5), iface('float64', 1.5));
    assert.deepStrictEqual(norm('x'), iface('string', 'x'));
    assert.deepStrictEqual(norm(true), iface('bool', true));
    assert.strictEqual(norm(null), null);
    assert.deepStrictEqual(norm({ $type: 'int8', value: '127' }), iface('int8', 127));
    assert.deepStrictEqual((norm({ $type: 'float64', value: 'NaN' }) as { value: unknown }).value, NaN);
  });

  it('refuses what Go refuses', () => {
    assert.throws(() => norm({ $type: 'int8', value: 300 }), /300 does not fit in int8/);
    assert.throws(() => norm({ $type: '[]int', value: [1] }), /panic: runtime error: hash of unhashable type \[\]int/);
    assert.throws(() => norm([1, 2]), /hash of unhashable type \[\]interface \{\}/);
    assert.deepStrictEqual(norm([1, 2], false), [1, 2], 'an element may hold anything');
  });
});
