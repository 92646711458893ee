import * as assert from 'assert';
import { code, goBlock } from '../../src/core/hover/format';
import { hover } from '../../src/core/hover';

/** The markdown a renderer would treat as markdown: without fenced blocks and inline code spans. */
function outsideCode(md: string): string {
  let out = md;
  for (let open = /^(`{3,})\w*\n/m.exec(out); open; open = /^(`{3,})\w*\n/m.exec(out)) {
    const close = out.indexOf('\n' + open[1], open.index + open[0].length - 1);
    out = out.slice(0, open.index) + (close < 0 ? '' : out.slice(close + open[1].length + 1));
  }
  return out.replace(/(`+)[^`]*?\1/g, '');
}

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
    assert.match(md, /^`{4,}go\n/m);
    assert.ok(!outsideCode(md).includes('[run]'), `injected link outside the code block:\n${md}`);
  });
});

describe('hover markdown: source text outside code blocks cannot become markdown', () => {
  it('collapses line breaks inside inline code (a blank line would end the span)', () => {
    assert.strictEqual(code('a\n\n[x](command:evil)'), '`a [x](command:evil)`');
    assert.strictEqual(code('f(/*\r\n  \r\n*/)'), '`f(/* */)`');
  });

  it('escapes source quoted by an error message', async () => {
    // "array length ... must be an integer constant expression" quotes the length expression as
    // written, comment and blank lines included.
    const src = 'package p\n\nvar m = make(map[[f(/*\n\n[x](command:evil) ![i](http://e/i.png)\n*/ 1)]int]int, 10)\n';
    const h = await hover(src, { line: 2, character: 10 }, { goarch: 'amd64' });
    assert.ok(h, 'a hover for make');
    const text = outsideCode(h.markdown);
    assert.ok(!/\[x\]\(command:evil\)|!\[i\]\(/.test(text), `live link or image outside code:\n${h.markdown}`);
    assert.match(h.markdown, /No layout: .*\\\[x\\\]\\\(command:evil\\\)/);
  });

  it('keeps the inspect link one link: no raw parenthesis or quote in its destination and title', async () => {
    const src = 'package p\n\nvar m = make(map[int]func(int) (string, error), 10)\n';
    const h = await hover(src, { line: 2, character: 10 }, { goarch: 'amd64' });
    assert.ok(h);
    const link = /\[Inspect in Go Map Inspector\]\(command:goMapInspector\.newMap\?([^ )]*) "([^"]*)"\)/.exec(h.markdown);
    assert.ok(link, h.markdown);
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(link[1])), ['int', 'func()', 10]);
  });
});
