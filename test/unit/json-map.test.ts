/**
 * JSON selections as Go maps: inference as a Go developer would declare the map, given types,
 * exact numbers, positioned errors. Expected values by hand from the rules in json.ts.
 */
import * as assert from 'assert';
import { parseTypeExpr } from '../../src/core/types';
import { JsonMapOptions, evaluateJsonMap } from '../../src/core/literal/json';

function ok(text: string, opts: JsonMapOptions = {}) {
  const r = evaluateJsonMap(text, opts);
  assert.ok(r.ok, r.ok ? '' : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return { key: r.map.keyText, elem: r.map.elemText, entries: r.map.entries };
}

function errors(text: string, opts: JsonMapOptions = {}): string[] {
  const r = evaluateJsonMap(text, opts);
  assert.ok(!r.ok, 'expected an error');
  return r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
}

describe('json: JSON selections as Go maps', () => {
  it('reads an object as map[string]V with V inferred', () => {
    assert.deepStrictEqual(ok('{"a": 1, "b": -2}'), { key: 'string', elem: 'int', entries: [['a', 1], ['b', -2]] });
    assert.deepStrictEqual(ok('{"a": 1, "b": 2.5}').elem, 'float64');
    assert.deepStrictEqual(ok('{"a": 1, "b": 1e3}').elem, 'float64');
    assert.deepStrictEqual(ok('{"a": "x"}').elem, 'string');
    assert.deepStrictEqual(ok('{"a": true, "b": false}').elem, 'bool');
    const int = (value: number) => ({ $type: 'int', value });
    assert.deepStrictEqual(ok('{"a": 1, "b": "x"}'), { key: 'string', elem: 'any', entries: [['a', int(1)], ['b', { $type: 'string', value: 'x' }]] });
    assert.deepStrictEqual(ok('{"a": [1, 2], "b": null}'), {
      key: 'string', elem: 'any', entries: [['a', { $type: '[]interface {}', value: [int(1), int(2)] }], ['b', null]],
    });
    assert.deepStrictEqual(ok('{}'), { key: 'string', elem: 'any', entries: [] });
  });

  it('reads an array of pairs as map[K]V', () => {
    assert.deepStrictEqual(ok('[[1, "one"], [2, "two"]]'), { key: 'int', elem: 'string', entries: [[1, 'one'], [2, 'two']] });
    assert.deepStrictEqual(ok('[[1.5, true], [2, false]]'), { key: 'float64', elem: 'bool', entries: [[1.5, true], [2, false]] });
    assert.deepStrictEqual(ok('[["a", 1], [2, 1]]').key, 'any');
  });

  it('tolerates comments and trailing commas', () => {
    assert.deepStrictEqual(ok('// config\n{\n  "a": 1, /* two */ "b": 2,\n}\n').entries, [['a', 1], ['b', 2]]);
  });

  it('keeps integers exact, and past int64 infers float64', () => {
    assert.deepStrictEqual(ok('{"a": 9223372036854775807}'), { key: 'string', elem: 'int', entries: [['a', '9223372036854775807']] });
    assert.deepStrictEqual(ok('{"a": 9223372036854775808}'), { key: 'string', elem: 'float64', entries: [['a', 9223372036854775808]] });
  });

  it('fits the data to given types, exactly', async () => {
    const u64 = await parseTypeExpr('uint64');
    assert.deepStrictEqual(ok('{"a": 18446744073709551615}', { elemType: u64 }).entries, [['a', '18446744073709551615']]);
    const f32 = await parseTypeExpr('float32');
    assert.deepStrictEqual(ok('{"a": 0.1}', { elemType: f32 }).entries, [['a', Math.fround(0.1)]]);
    const int16 = await parseTypeExpr('int16');
    assert.deepStrictEqual(ok('{"1": "a", "-2": "b"}', { keyType: int16 }), { key: 'int16', elem: 'string', entries: [[1, 'a'], [-2, 'b']] });
    const point = await parseTypeExpr('struct{ X, Y int8; Tags []string }');
    assert.deepStrictEqual(ok('{"p": {"X": 1, "y": 2, "Tags": ["a"]}}', { elemType: point }).entries, [['p', { X: 1, Y: 2, Tags: ['a'] }]]);
    const c128 = await parseTypeExpr('complex128');
    assert.deepStrictEqual(ok('{"z": [1, -2.5], "r": 3}', { elemType: c128 }).entries, [['z', [1, -2.5]], ['r', [3, 0]]]);
  });

  it('says where the data does not fit', async () => {
    const int8 = await parseTypeExpr('int8');
    assert.deepStrictEqual(errors('{\n  "a": 1,\n  "b": 300\n}', { elemType: int8 }), ['3:8: cannot use 300 (JSON number) as int8 value (overflows)']);
    assert.deepStrictEqual(errors('{"a": 1.5}', { elemType: int8 }), ['1:7: cannot use 1.5 (JSON number) as int8 value (truncated)']);
    assert.deepStrictEqual(errors('{"a": "x"}', { elemType: int8 }), ['1:7: cannot use "x" (JSON string) as int8 value']);
    assert.deepStrictEqual(errors('{"x": 1}', { keyType: int8 }), ['1:2: cannot use "x" (JSON object key) as int8 value']);
    const point = await parseTypeExpr('struct{ X int }');
    assert.deepStrictEqual(errors('{"p": {"Z": 1}}', { elemType: point }), ['1:8: unknown field "Z" in struct of type struct{ X int }']);
    assert.deepStrictEqual(errors('[[[1], 2]]'), ['1:3: a JSON array cannot be a key of type any (runtime error: hash of unhashable type []interface {})']);
    assert.deepStrictEqual(errors('[1, 2]'), ['1:2: expected a [key, value] pair']);
    assert.deepStrictEqual(errors('"x"'), ['1:1: a JSON map is an object, or an array of [key, value] pairs']);
    const slice = await parseTypeExpr('[]int');
    assert.deepStrictEqual(errors('[[[1], 2]]', { keyType: slice }), ['1:1: invalid map key type []int']);
  });

  it('refuses absurd nesting before parsing', () => {
    assert.deepStrictEqual(errors(`{"a": ${'['.repeat(50000)}${']'.repeat(50000)}}`), ['1:406: cannot evaluate: JSON nested more than 400 levels deep']);
    assert.deepStrictEqual(ok(`{"a": ${'['.repeat(300)}${']'.repeat(300)}}`).elem, 'any');
  });

  it('reports JSON syntax errors at their place', () => {
    assert.deepStrictEqual(errors('{"a": }'), ['1:7: invalid JSON: ValueExpected']);
    assert.deepStrictEqual(errors(''), ['1:1: invalid JSON: ValueExpected']);
  });
});
