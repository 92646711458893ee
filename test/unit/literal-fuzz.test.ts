/**
 * Properties of the literal evaluator over generated input (fast-check), about 14,500 inputs a run:
 *   - round trips: an integer, string, float64 or float32 written in any Go literal form (every base,
 *     separators, escapes, hexadecimal floats) evaluates to exactly that value, or, out of range,
 *     to the compiler's overflow error;
 *   - totality: generated literals (valid, typed wrongly, or mangled by random edits) and JSON
 *     documents (random, and mangled) always end in a map or in errors with a place inside the
 *     input, never in an exception;
 *   - cost: each input is evaluated within 100 ms. An input over the limit is timed once more and
 *     the faster run counts, so a garbage-collection pause of the test process is not blamed on
 *     the function.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import type { Parser } from 'web-tree-sitter';
import { loadGoParser } from '../../src/core/go/parser';
import { LiteralResult, evaluateMapLiteralWith } from '../../src/core/literal/evaluate';
import { JsonMapOptions, evaluateJsonMap } from '../../src/core/literal/json';
import { GoType, parseTypeExprWith } from '../../src/core/types';
import { exactHex, floatForm, intForm, literal, mangled, preamble, stringForm } from '../literal-corpus/arbitrary';

const budgetMs = 100;

/** Runs f, timing it; over budget, once more; fails when both runs are over. */
function timed<T>(what: string, f: () => T): T {
  let t0 = performance.now();
  let r = f();
  let ms = performance.now() - t0;
  if (ms > budgetMs) {
    t0 = performance.now();
    r = f();
    ms = Math.min(ms, performance.now() - t0);
  }
  assert.ok(ms <= budgetMs, `${ms.toFixed(1)} ms for ${JSON.stringify(what).slice(0, 300)}`);
  return r;
}

/** A result is a map, or errors placed inside the input. */
function assertWellFormed(r: LiteralResult, input: string): void {
  if (r.ok) {
    assert.strictEqual(r.map.entries.length, r.map.values.length);
    assert.ok(Array.isArray(r.map.entries));
    return;
  }
  assert.ok(r.errors.length > 0, 'a failure without errors');
  for (const e of r.errors) {
    assert.ok(typeof e.message === 'string' && e.message.length > 0, 'empty message');
    assert.ok(e.line >= 1 && e.col >= 1, `bad position ${e.line}:${e.col}`);
    assert.ok(e.offset >= 0 && e.offset <= input.length, `offset ${e.offset} outside the input`);
  }
}

// ---- JSON --------------------------------------------------------------------------------------

const jsonTypes = ['int', 'int8', 'uint64', 'float32', 'string', 'bool', 'any', '[]int', '[2]string', 'struct{ A int; B string }', 'map[string]int', '*int', 'complex64'];

describe('literal: properties over generated input', function () {
  this.timeout(120_000);
  let parser: Parser;
  let types: GoType[];
  const evalGo = (src: string, at?: number) => timed(src, () => evaluateMapLiteralWith(parser, src, { at }));

  before(async () => {
    parser = await loadGoParser();
    types = jsonTypes.map((t) => parseTypeExprWith(parser, t));
    evalGo(`${preamble}var m = map[int]int{1: 2}\n`); // warm up
  });

  it('integers in every form read back exactly, or overflow as gc says (1500)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 64n), max: 1n << 64n }).chain((n) => intForm(n).map((s) => [n, s] as const)), ([n, text]) => {
        const r = evalGo(`package main\nvar m = map[int64]bool{${text}: true}\n`);
        if (n >= -(1n << 63n) && n < 1n << 63n) {
          assert.ok(r.ok, text);
          const want = n >= -(2n ** 53n) && n <= 2n ** 53n ? Number(n) : n.toString();
          assert.deepStrictEqual(r.map.entries, [[want, true]]);
        } else {
          assert.ok(!r.ok && /as int64 value in map literal \(overflows\)$/.test(r.errors[0].message), text);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('strings with any escapes read back to their text (1500)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !/\p{Cs}/u.test(s)); // no lone surrogates: Go source is UTF-8
    fc.assert(
      fc.property(text.chain((s) => stringForm(s).map((lit) => [s, lit] as const)), ([s, lit]) => {
        const r = evalGo(`package main\nvar m = map[string]int{${lit}: 1}\n`);
        assert.ok(r.ok, lit);
        assert.deepStrictEqual(r.map.entries, [[s, 1]]);
      }),
      { numRuns: 1500 },
    );
  });

  it('float64 constants read back to the same double (1500)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).chain((x) => floatForm(x).map((lit) => [x, lit] as const)), ([x, lit]) => {
        const r = evalGo(`package main\nvar m = map[string]float64{"k": ${lit}}\n`);
        assert.ok(r.ok, lit);
        assert.deepStrictEqual(r.map.entries, [['k', x === 0 ? 0 : x]]); // constants have no -0
      }),
      { numRuns: 1500 },
    );
  });

  it('float32 values round once from the exact constant (1000)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const lit = exactHex(x);
        const r = evalGo(`package main\nvar m = map[float32]bool{${lit}: true}\n`);
        const want = Math.fround(x);
        if (Number.isFinite(want)) {
          assert.ok(r.ok, lit);
          assert.deepStrictEqual(r.map.entries, [[want === 0 ? 0 : want, true]]);
        } else {
          assert.ok(!r.ok && /as float32 value in map literal \(overflows\)$/.test(r.errors[0].message), lit);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('generated literals end in a map or placed errors (2500)', () => {
    fc.assert(fc.property(literal, (src) => assertWellFormed(evalGo(src), src)), { numRuns: 2500 });
  });

  it('mangled literals end in a map or placed errors (2000)', () => {
    fc.assert(
      fc.property(mangled(literal), fc.nat(), (src, at) => {
        assertWellFormed(evalGo(src), src);
        assertWellFormed(evalGo(src, at % (src.length + 1)), src);
      }),
      { numRuns: 1000 },
    );
  });

  it('literals with mangled declarations end in a map or placed errors (1000)', () => {
    fc.assert(fc.property(mangled(literal, true), (src) => assertWellFormed(evalGo(src), src)), { numRuns: 1000 });
  });

  it('arbitrary text inside a literal ends in a map or placed errors (500)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (junk) => {
        const src = `package main\nvar m = map[string]int{${junk}}\n`;
        assertWellFormed(evalGo(src), src);
      }),
      { numRuns: 500 },
    );
  });

  it('JSON documents end in a map or placed errors, with and without types (2000)', () => {
    const doc = fc.oneof(
      fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }).map((o) => JSON.stringify(o, null, 1)),
      fc.array(fc.tuple(fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 }).map((a) => JSON.stringify(a)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    );
    const opts = fc.record({ keyType: fc.option(fc.nat({ max: jsonTypes.length - 1 }), { nil: undefined }), elemType: fc.option(fc.nat({ max: jsonTypes.length - 1 }), { nil: undefined }) });
    fc.assert(
      fc.property(doc, opts, (text, o) => {
        const jsonOpts: JsonMapOptions = { keyType: o.keyType === undefined ? undefined : types[o.keyType], elemType: o.elemType === undefined ? undefined : types[o.elemType] };
        assertWellFormed(timed(text, () => evaluateJsonMap(text, jsonOpts)), text);
      }),
      { numRuns: 2000 },
    );
  });

  it('mangled JSON ends in a map or placed errors (1000)', () => {
    const doc = fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map((o) => JSON.stringify(o));
    const edits = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '//', '/*', '1e999', '-', 'null', '\n')), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(doc, edits, (text, es) => {
        let s = text;
        for (const [pos, del, ins] of es) {
          const at = pos % (s.length + 1);
          s = s.slice(0, at) + ins + s.slice(at + del);
        }
        assertWellFormed(timed(s, () => evaluateJsonMap(s)), s);
      }),
      { numRuns: 1000 },
    );
  });
});
