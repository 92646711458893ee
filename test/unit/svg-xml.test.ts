/**
 * The exported SVG is well-formed XML whatever the keys hold (issue 13, security): markup
 * characters, characters XML 1.0 forbids (controls, NUL, lone surrogates, U+FFFE), and keys cut to
 * fit a slot right at a surrogate pair. Checked by a small well-formedness reader written from the
 * XML 1.0 grammar (Char, tags with quoted attributes, the five entities and character references,
 * balanced elements), so the check does not depend on what the picture looks like.
 */
import * as assert from 'assert';
import { MapSession } from '../../src/core/view/session';
import { renderMapSvg } from '../../src/core/view/svg';

/** XML 1.0 `Char`: what a document may contain at all. */
const notXmlChar = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const reference = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;

/** Why `xml` is not well-formed (first problem), or undefined. */
function wellFormedProblem(xml: string): string | undefined {
  const bad = notXmlChar.exec(xml);
  if (bad) return `character U+${bad[0].codePointAt(0)!.toString(16)} at ${bad.index}`;
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.replace(reference, '').includes('&')) return `bare & in text near ${i}`;
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) return `not a tag at ${lt}: ${xml.slice(lt, lt + 60)}`;
    if (m[3].replace(reference, '').includes('&')) return `bare & in attribute near ${lt}`;
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) return `</${m[2]}> closes nothing open at ${lt}`;
    } else if (m[4] !== '/') {
      stack.push(m[2]);
    }
    i = tag.lastIndex;
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1]}>`;
  return undefined;
}

describe('svg: the exported picture is well-formed XML for any key', () => {
  it('the checker itself refuses what is not well-formed', () => {
    assert.strictEqual(wellFormedProblem('<svg><text>a &amp; b</text></svg>'), undefined);
    assert.ok(wellFormedProblem('<svg><text>a & b</text></svg>'));
    assert.ok(wellFormedProblem('<svg><text>a < b</text></svg>'));
    assert.ok(wellFormedProblem('<svg><text>\u0001</text></svg>'));
    assert.ok(wellFormedProblem('<svg><text>\ud800</text></svg>'));
    assert.ok(wellFormedProblem('<svg><text>x</svg>'));
    assert.ok(wellFormedProblem('<svg a="1"b="2"></svg>'));
  });

  it('keeps markup, forbidden characters and split surrogate pairs out of the picture', async () => {
    const keys = [
      '<a&b>"\'', ']]>', '\u0000', '\u0001\u001f\u007f', '\ud800', 'x\udc00y', '\ufffe\uffff',
      // 15 characters then an emoji (a surrogate pair) right where a slot's text is cut.
      'abcdefghijklmno\u{1F600}z', '\u{1F600}'.repeat(20), 'a'.repeat(14) + '\u{1F600}\u{1F600}',
      '&amp;', '&#0;', '<!--', '<![CDATA[', '\r\n\t', '\u2028\u2029', '\ud83d',
    ];
    const s = await MapSession.create('a', { key: 'string', elem: 'string', goarch: 'amd64', hint: 0, seed: 1, origin: 'test' }, 1000);
    for (const k of keys) await s.apply({ op: 'insert', key: k, elem: k });
    const v = s.mapView();
    const rows = v.arrays.reduce((n, a) => Math.max(n, a.rows), 0);
    const svg = renderMapSvg(v, { first: 0, last: rows }, (a, b, e) => s.rows(a, b, e));
    assert.strictEqual(wellFormedProblem(svg), undefined);
    // The keys are there, escaped: a count of the slots that show the key texts' start.
    assert.ok(svg.includes('&lt;a&amp;b&gt;'), 'the markup key is shown escaped');
  });
});
