/**
 * Deep types, deep syntax and chains of declared types, through the hover entry the editor uses
 * (`initHover` then `hoverSync` with a cache key, as `src/extension/hover.ts` calls it) and the
 * types module (issue 13): types are refused where the 400-level limit is crossed, a file nested
 * more than 1000 syntax levels gets one line, never an exhausted stack or a quadratic walk; types
 * that hold another type twice per level take linear, not exponential, time.
 */
import * as assert from 'assert';
import { hoverSync, initHover } from '../../src/core/hover';
import { loadGoParser } from '../../src/core/go/parser';
import { evaluateMapLiteral } from '../../src/core/literal/evaluate';
import { ancestorsOf } from '../../src/core/literal/nodes';
import { layoutOf, parseTypeExpr, scopeFromSource } from '../../src/core/types';

const deep = 100_000;

function editorHover(source: string, line: number, character: number): string {
  const h = hoverSync(source, { line, character }, { goarch: 'amd64' }, { key: 'file:///deep.go', version: Math.random() });
  assert.ok(h, 'a hover');
  return h.markdown;
}

/** The hover's text after its code block (which quotes the source as written). */
function prose(md: string): string {
  return md.slice(md.lastIndexOf('```') + 3).trim();
}

describe('deep types: refused at 400 levels, never a stack overflow', () => {
  before(() => initHover());

  it('hovers on types 600 levels deep say the 400-level limit', () => {
    const d = 600;
    const cases: Array<[string, string]> = [
      ['map literal', `package main\n\nvar m = ${'map[int]'.repeat(d)}int{}\n`],
      ['make', `package main\n\nvar m = make(map[int]${'[]'.repeat(d)}int, 10)\n`],
      ['pointer elem', `package main\n\nvar m = map[int]${'*'.repeat(d)}int{}\n`],
      ['parenthesized elem', `package main\n\nvar m = map[int]${'('.repeat(d)}int${')'.repeat(d)}{}\n`],
    ];
    for (const [name, src] of cases) {
      assert.match(prose(editorHover(src, 2, 9)), /^No layout: type nested more than 400 levels deep\./, name);
    }
    const decl = editorHover(`package main\n\ntype T ${'[]'.repeat(d)}int\n\nvar m map[T]int\n`, 4, 7);
    assert.match(decl, /No layout: type nested more than 400 levels deep\./);
    const length = editorHover(`package main\n\ntype T [${'-'.repeat(d)}1]int\n\nvar m map[T]int\n`, 4, 7);
    assert.match(length, /No layout: constant expression nested more than 400 levels deep\./);
  });

  it('a file nested more than 1000 syntax levels deep gets one line, at once', function () {
    this.timeout(60_000);
    // tree-sitter walks from the root to find a parent: walking up these trees would be quadratic.
    const cases: Array<[string, string, number, number]> = [
      ['map literal', `package main\n\nvar m = ${'map[int]'.repeat(deep)}int{}\n`, 2, 9],
      ['struct elem', `package main\n\nvar m = map[int]${'struct{ a '.repeat(deep)}int${' }'.repeat(deep)}{}\n`, 2, 9],
      ['index chain', `package main\n\nvar m map[int]int\nvar x = m${'[0]'.repeat(deep)}\n`, 3, 8],
      ['selector chain', `package main\n\nvar m = map[int]int{}\nvar x = m${'.a'.repeat(deep)}\n`, 2, 9],
      ['func literals', `package main\n\nvar f = ${'func() { _ = '.repeat(deep / 10)}map[int]int{}${' }'.repeat(deep / 10)}\n`, 2, 9 + 13 * (deep / 10)],
    ];
    for (const [name, src, line, character] of cases) {
      const started = Date.now();
      const h = hoverSync(src, { line, character }, { goarch: 'amd64' }, { key: 'file:///deep.go', version: Math.random() });
      assert.strictEqual(h?.markdown, 'This file nests its code more than 1000 levels deep, too deep for Go Map Inspector to describe.', name);
      assert.strictEqual(h?.kind, 'tooDeep');
      assert.ok(Date.now() - started < 10_000, `${name}: ${Date.now() - started} ms`);
    }
  });

  it('draws the line at 400 levels', async () => {
    // typeFromNode counts itself once per level: 399 slices and int are 400 levels.
    assert.strictEqual(layoutOf(await parseTypeExpr(`${'[]'.repeat(399)}int`), 'amd64').size, 24);
    await assert.rejects(parseTypeExpr(`${'[]'.repeat(400)}int`), /^GoTypeError: type nested more than 400 levels deep$/);
  });

  it('chains of declared types more than 400 levels deep are refused, each type past the limit by its name', async () => {
    const n = 2000;
    const chain = (decl: (i: number) => string) => `package main\n\n${Array.from({ length: n }, (_, i) => decl(i)).join('\n')}\ntype T${n} int\n`;
    for (const decl of [(i: number) => `type T${i} []T${i + 1}`, (i: number) => `type T${i} [1]T${i + 1}`, (i: number) => `type T${i} struct{ x *T${i + 1} }`]) {
      const src = chain(decl);
      const scope = await scopeFromSource(src, { file: 'c.go' });
      assert.throws(() => layoutOf(scope.lookupType('T0')!.get(), 'amd64'), (e: Error) => /^type T0 nested more than 400 levels deep$/.test(e.message));
      await assert.rejects(parseTypeExpr('map[int]T0', scope), /nested more than 400 levels deep/);
      const md = editorHover(`${src}var m map[int]T0\n`, n + 3, 7);
      assert.match(md, /No layout: type T0 nested more than 400 levels deep\./, decl(0));
    }
    // `type T0 T1` chains: T400 is where resolving crosses the limit; T0 reports that error.
    const underlying = await scopeFromSource(chain((i) => `type T${i} T${i + 1}`), { file: 'c.go' });
    assert.throws(() => layoutOf(underlying.lookupType('T0')!.get(), 'amd64'), (e: Error) => /^type T400 nested more than 400 levels deep$/.test(e.message));
    // A chain within the limit is laid out.
    const short = await scopeFromSource(`package p\n${Array.from({ length: 100 }, (_, i) => `type T${i} [1]T${i + 1}`).join('\n')}\ntype T100 int64\n`);
    assert.strictEqual(layoutOf(short.lookupType('T0')!.get(), 'amd64').size, 8);
  });

  it('a type holding another twice per level, forty levels deep, is laid out at once', async () => {
    // T0 is 8 bytes; each Ti holds two T(i-1): T40 is 8 * 2^40 bytes. Every predicate, layout and
    // algorithm is asked once per type, not once per path (2^40 paths).
    const decls = ['type T0 struct{ x int }', ...Array.from({ length: 40 }, (_, i) => `type T${i + 1} struct{ a, b T${i} }`)].join('\n');
    const src = `package main\n\n${decls}\n\nvar m = map[T40]int{}\n`;
    const started = Date.now();
    const md = editorHover(src, 44, 9);
    assert.match(md, /T40/);
    // The inspect link would spell T40 out to 2^40 fields: it is left out, said so.
    assert.match(md, /No link to the panel: the type is longer than 65536 characters once its named types are spelt out\./);
    const scope = await scopeFromSource(src);
    assert.strictEqual(layoutOf(scope.lookupType('T40')!.get(), 'amd64').size, 8 * 2 ** 40);
    const lit = await evaluateMapLiteral(src);
    assert.ok(lit.ok && lit.map.entries.length === 0);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });

  it('a cycle of types holding each other is reported once, at its first declared type (go build 1.19, 1.26)', async () => {
    const src = 'package main\n\ntype A struct{ b B }\ntype B struct{ a A }\ntype C struct{ c C; d D }\ntype D struct{ c C }\n\nvar m = map[int]B{}\nvar n = map[int]D{}\n';
    const errors = async (line: number) => {
      const r = await evaluateMapLiteral(src, { at: { line, col: 9 } });
      return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
    };
    assert.deepStrictEqual(await errors(8), ['3:6: invalid recursive type A']);
    assert.deepStrictEqual(await errors(9), ['5:6: invalid recursive type C']);
  });
});

describe('deep types: what the hover quotes', () => {
  before(() => initHover());

  it('quotes at most 1000 characters of a source line, never half a surrogate pair', () => {
    const md = editorHover(`package main\n\nvar m = ${'map[int]'.repeat(600)}int{}\n`, 2, 9);
    const quoted = md.split('\n')[1];
    // The literal's first 1000 characters (125 times `map[int]`), then " …".
    assert.strictEqual(quoted, `${'map[int]'.repeat(125)} …`);
    assert.ok(md.length < 1200, `${md.length} characters`);
    // make(...) is quoted as written, comments included. `make(map[int]int, /* ` and 966 x are 987
    // code units; the emoji (two units each) follow, so unit 1000 is the high half of the 7th:
    // the cut keeps 999.
    const emoji = editorHover(`package main\n\nvar m = make(map[int]int, /* ${'x'.repeat(966)}${'😀'.repeat(20)} */ 10)\n`, 2, 9).split('\n')[1];
    assert.strictEqual(emoji.length, 999 + ' …'.length);
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(emoji), 'no lone high surrogate');
    assert.ok(emoji.endsWith(' …'));
  });
});

describe('deep syntax in the literal evaluator', () => {
  it('finds what encloses a node once, not by a walk of parents (quadratic in tree-sitter)', async function () {
    this.timeout(60_000);
    const p = await loadGoParser();
    const small = p.parse('package main\n\nvar f = func() { _ = map[int]int{1: 2} }\n')!;
    const lit = small.rootNode.descendantsOfType('composite_literal')[0]!;
    const byParents: string[] = [];
    for (let a = lit.parent; a; a = a.parent) byParents.unshift(a.type);
    assert.deepStrictEqual(ancestorsOf(lit).map((a) => a.type), byParents);
    small.delete();
    // 10^4 func literals around a map literal: the literal is evaluated at once (it took minutes).
    const n = 10_000;
    const src = `package main\n\nvar f = ${'func() { _ = '.repeat(n)}map[int]int{1: 2}${' }'.repeat(n)}\n`;
    const started = Date.now();
    for (const at of [undefined, { line: 3, col: 9 + 13 * n }]) {
      const r = await evaluateMapLiteral(src, at && { at });
      assert.ok(r.ok, r.ok ? "" : JSON.stringify(r.errors));
      assert.deepStrictEqual(r.map.entries, [[1, 2]]);
    }
    assert.ok(Date.now() - started < 15_000, `${Date.now() - started} ms`);
  });
});
