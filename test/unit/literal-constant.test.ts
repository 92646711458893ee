/**
 * The go/constant port and the literal scanner, against values printed by Go 1.19
 * (`constant.MakeFromLiteral(...).String()`, `fmt.Sprintf("%.6g", ...)`) and by the spec.
 */
import * as assert from 'assert';
import {
  Value, binaryOp, compare, float32Val, float64Val, formatG, makeInt, shift, toInt, valueString,
} from '../../src/core/literal/constant';
import { goQuote } from '../../src/core/literal/gostring';
import { LiteralKind, literalValue } from '../../src/core/literal/lexical';

function lit(kind: LiteralKind, text: string): Value {
  const r = literalValue(kind, text);
  if ('error' in r) throw new Error(`${text}: ${r.error}`);
  return r.value;
}

describe('literal: constants (go/constant)', () => {
  it('prints floats as %.6g, like the compiler', () => {
    assert.deepStrictEqual(
      [1234565, 1e100, 0.0001, 0.00001, 100000, 123456789, 1.5e-7].map((x) => formatG(x, 6)),
      ['1.23456e+06', '1e+100', '0.0001', '1e-05', '100000', '1.23457e+08', '1.5e-07'],
    );
  });

  it('keeps float literals exact and prints them as go/constant does', () => {
    const cases: [string, string][] = [
      ['1e1000', '1e+1000'], ['1e-1000', '1e-1000'], ['0.1', '0.1'], ['1e100000', '1e+100000'],
      ['3.0', '3'], ['1.5e-7', '1.5e-07'], ['123456789.0', '1.23457e+08'], ['0x1p-1074', '4.94066e-324'],
      ['1e-400', '1e-400'],
    ];
    for (const [text, want] of cases) assert.strictEqual(valueString(lit('float', text)), want, text);
    const big = lit('float', '1e1000');
    const sq = binaryOp(big, '*', big);
    assert.strictEqual(valueString(sq), '1e+2000');
    assert.strictEqual(valueString(binaryOp(sq, '*', sq)), '1e+4000');
  });

  it('reads every integer form', () => {
    const cases: [string, bigint][] = [
      ['42', 42n], ['1_000_000', 1000000n], ['0x_FF', 255n], ['0XfF', 255n], ['017', 15n], ['0o17', 15n],
      ['0O17', 15n], ['0b101', 5n], ['0B1_1', 3n], ['0', 0n],
      ['123456789012345678901234567890', 123456789012345678901234567890n],
    ];
    for (const [text, want] of cases) assert.deepStrictEqual(lit('int', text), makeInt(want), text);
  });

  it('rounds to float64 and float32 exactly (ties to even, subnormals)', () => {
    assert.strictEqual(float64Val(lit('float', '0.1')), 0.1);
    assert.strictEqual(float32Val(lit('float', '0.1')), Math.fround(0.1));
    assert.strictEqual(float64Val(lit('float', '0x1p-1074')), 5e-324);
    assert.strictEqual(float64Val(lit('float', '0x1p-1075')), 0); // exactly half the smallest: to even
    assert.strictEqual(float64Val(lit('float', '0x1.0000000000001p-1075')), 5e-324);
    assert.strictEqual(float64Val(lit('float', '1.7976931348623157e308')), 1.7976931348623157e308);
    assert.strictEqual(float64Val(lit('float', '1e309')), Infinity);
    assert.strictEqual(float64Val(lit('int', '9007199254740993')), 9007199254740992); // tie to even
    assert.strictEqual(float64Val(lit('float', '2.2250738585072011e-308')), 2.225073858507201e-308);
    assert.strictEqual(float32Val(lit('float', '3.4028235e38')), 3.4028234663852886e38);
    assert.strictEqual(float32Val(lit('float', '3.5e38')), Infinity);
  });

  it('reads hex floats, imaginary literals and runes', () => {
    assert.strictEqual(float64Val(lit('float', '0x1.8p1')), 3);
    assert.strictEqual(float64Val(lit('float', '0x.8p0')), 0.5);
    assert.strictEqual(float64Val(lit('float', '0x_1p-2')), 0.25);
    assert.strictEqual(valueString(lit('imag', '0123i')), '(0 + 123i)'); // decimal despite the 0
    assert.strictEqual(valueString(lit('imag', '0o17i')), '(0 + 15i)');
    assert.strictEqual(valueString(lit('imag', '1.5e2i')), '(0 + 150i)');
    const runes: [string, bigint][] = [
      ["'a'", 97n], ["'\\n'", 10n], ["'\\u00e9'", 233n], ["'\\x41'", 65n], ["'\\101'", 65n],
      ["'\\''", 39n], ["'é'", 233n], ["'😀'", 0x1f600n], ["'\\U0001F600'", 0x1f600n], ["'\\a'", 7n],
    ];
    for (const [text, want] of runes) assert.deepStrictEqual(lit('rune', text), makeInt(want), text);
  });

  it('decodes strings to Go bytes', () => {
    const s = lit('string', '"héllo\\x00\\xff\\u2028"');
    assert.strictEqual(valueString(s), '"héllo\\x00\\xff\\u2028"');
    assert.deepStrictEqual(lit('string', '`a\r\nb`'), { kind: 'string', s: 'a\nb' });
    assert.deepStrictEqual(lit('string', '"\\101\\x41\\u0041\\U00000041\\t"'), { kind: 'string', s: 'AAAA\t' });
    assert.strictEqual(goQuote('\xc3\xa9'), '"é"'); // the UTF-8 bytes of é
    assert.strictEqual(goQuote('\xe9'), '"\\xe9"'); // a lone byte is not UTF-8
  });

  it('reports bad escapes with the scanner messages and offsets', () => {
    assert.deepStrictEqual(literalValue('string', '"a\\qb"'), { error: 'unknown escape', offset: 3 });
    assert.deepStrictEqual(literalValue('string', '"\\400"'), { error: 'octal escape value 256 > 255', offset: 5 });
    assert.deepStrictEqual(literalValue('string', '"\\uD800"'), { error: 'escape is invalid Unicode code point U+D800', offset: 7 });
    assert.deepStrictEqual(literalValue('rune', "'\\\"'"), { error: 'unknown escape', offset: 2 });
    assert.deepStrictEqual(literalValue('string', '"\\xZZ"'), { error: "invalid character 'Z' in hexadecimal escape", offset: 3 });
  });

  it('does exact untyped arithmetic', () => {
    const third = binaryOp(lit('float', '1.0'), '/', lit('int', '3'));
    assert.ok(compare(binaryOp(third, '*', lit('int', '3')), '==', lit('int', '1')));
    assert.deepStrictEqual(binaryOp(lit('int', '7'), 'intdiv', lit('int', '-2')), makeInt(-3n));
    assert.deepStrictEqual(binaryOp(lit('int', '-7'), '%', lit('int', '2')), makeInt(-1n));
    assert.deepStrictEqual(shift(lit('int', '-5'), '>>', 1), makeInt(-3n)); // rounds down like big.Int.Rsh
    assert.strictEqual(valueString(shift(lit('int', '1'), '<<', 70)), '1180591620717411303424');
    assert.deepStrictEqual(toInt(lit('float', '3.0')), makeInt(3n));
    assert.strictEqual(toInt(lit('float', '3.5')).kind, 'unknown');
    assert.strictEqual(valueString(binaryOp(lit('imag', '1i'), '*', lit('imag', '1i'))), '(-1 + 0i)');
  });
});
