import * as assert from 'assert';
import { code, goBlock } from '../../src/core/hover/format';
import { hover } from '../../src/core/hover';

describe('hover markdown: source text cannot escape its code', () => {
  it('makes the fence longer than any backtick run in the block', () => {
    assert.strictEqual(goBlock(['a := 1']), '```go\na := 1\n```');
    assert.strictEqual(goBlock(['/*', '```', '*/']), '````go\n/*\n```\n*/\n````');
    assert.strictEqual(code('a``b'), '``` a``b ```');
    assert.strictEqual(code('x'), '`x`');
  });

  it('keeps a comment with a fence and a command link inside the make() hover\'s code block', async () => {
    const src = 'package p\n\nfunc f(n int) int { return n }\n\nvar m = make(map[string]int, f(/*\n```\n[run](command:goMapInspector.newMap?%5B%5D)\n```go\n*/ 1))\n';
    const h = await hover(src, { line: 4, character: 10 }, { goarch: 'amd64' });
    assert.ok(h, 'a hover for make');
    const md = h.markdown;
    // Everything up to the closing fence that opened the block is code: the injected link sits
    // inside it, and the only command link is the extension's own, after the block.
    const open = /^(`{3,})go\n/m.exec(md);
    assert.ok(open, md);
    const close = md.indexOf('\n' + open[1] + '\n', open.index + open[0].length - 1);
    assert.ok(close > 0, md);
    const outside = md.slice(0, open.index) + md.slice(close + open[1].length + 2);
    assert.ok(!outside.includes('[run]'), `injected link outside the code block:\n${md}`);
  });
});
