/**
 * Go source arrives as bytes; the compiler's scanner (`cmd/compile/internal/syntax/source.go`,
 * `nextch`) reads it rune by rune and reports, at the byte where it happens:
 *
 *   invalid NUL character                  a 0 byte
 *   invalid UTF-8 encoding                 a byte that does not start a valid UTF-8 sequence
 *   invalid BOM in the middle of the file  U+FEFF anywhere but at the very start
 *
 * (in comments and strings too). Editors hand us text, where only NUL and BOM can still be seen;
 * the CLI hands us the file's bytes. Either way these errors come first, as gc's, and nothing is
 * evaluated: every byte after one of them would be read differently by the compiler.
 *
 * gc keeps one error per line and message (`base.ErrorfAt`) and stops after 10 errors.
 */
import { isUtf8 } from 'buffer';
import { decodeRune, runeError } from './gostring';
import { LiteralError, SourceText } from './position';

const nul = 0;
const bom = 0xfeff;
/** gc's limit before "too many errors". */
const maxErrors = 10;

/** The bytes as text, each invalid byte as one U+FFFD, and the scanner's errors about them. */
export function decodeGoSource(bytes: Uint8Array): { text: string; errors: LiteralError[] } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) {
    // Valid UTF-8 (the same definition as Go's: no surrogates, no overlong forms) decodes alike.
    const text = buf.toString('utf8');
    return { text, errors: encodingErrors(text) };
  }
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const parts: string[] = [];
  const bad: { offset: number; message: string }[] = [];
  let utf16 = 0;
  let line = 1;
  let lastBadLine = 0;
  for (let i = 0; i < latin1.length;) {
    const { rune, size } = decodeRune(latin1, i);
    if (rune === 10) line++;
    if (rune === runeError && size === 1 && line !== lastBadLine && bad.length < maxErrors) {
      bad.push({ offset: utf16, message: 'invalid UTF-8 encoding' });
      lastBadLine = line;
    }
    const ch = String.fromCodePoint(rune);
    parts.push(ch);
    utf16 += ch.length;
    i += size;
  }
  const text = parts.join('');
  const src = new SourceText(text);
  const errors = bad.map((b) => src.error(b.message, b.offset, b.offset + 1));
  return { text, errors: firstPerLine([...errors, ...textEncodingErrors(src)]) };
}

/** NUL characters and misplaced BOMs in text (all the scanner can still see once decoded). */
export function encodingErrors(text: string): LiteralError[] {
  if (!/[\u0000\ufeff]/.test(text)) return [];
  return firstPerLine(textEncodingErrors(new SourceText(text)));
}

function textEncodingErrors(src: SourceText): LiteralError[] {
  const out: LiteralError[] = [];
  const re = /[\u0000\ufeff]/g;
  for (let m = re.exec(src.text); m !== null && out.length < maxErrors; m = re.exec(src.text)) {
    const c = m[0].charCodeAt(0);
    if (c === bom && m.index === 0) continue;
    out.push(src.error(c === nul ? 'invalid NUL character' : 'invalid BOM in the middle of the file', m.index, m.index + 1));
  }
  return out;
}

/** Sorted by position, one per line and message, at most gc's 10. */
function firstPerLine(errors: LiteralError[]): LiteralError[] {
  const sorted = errors.sort((a, b) => a.offset - b.offset);
  const out: LiteralError[] = [];
  for (const e of sorted) {
    if (out.some((o) => o.line === e.line && o.message === e.message)) continue;
    out.push(e);
    if (out.length === maxErrors) break;
  }
  return out;
}
