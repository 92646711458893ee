/**
 * Go strings are bytes, not UTF-16: the helpers here keep a Go string as a ByteString (one JS code
 * unit per byte) and convert at the edges with Go's own rules: `utf8.DecodeRuneInString` (an
 * invalid byte is one U+FFFD of width 1), `utf8.EncodeRune`, and `strconv.Quote`.
 */
import { isUtf8 } from 'buffer';
import type { ByteString } from './constant';

export const runeError = 0xfffd;
export const maxRune = 0x10ffff;

/** `utf8.EncodeRune`: the UTF-8 bytes of r (invalid runes and surrogates give U+FFFD). */
export function encodeRune(r: number): ByteString {
  if (r < 0 || r > maxRune || (r >= 0xd800 && r < 0xe000)) r = runeError;
  if (r < 0x80) return String.fromCharCode(r);
  if (r < 0x800) return String.fromCharCode(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
  if (r < 0x10000) return String.fromCharCode(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
  return String.fromCharCode(0xf0 | (r >> 18), 0x80 | ((r >> 12) & 0x3f), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
}

/** `utf8.DecodeRuneInString(s[i:])`: the rune and its width; (U+FFFD, 1) for an invalid byte. */
export function decodeRune(s: ByteString, i: number): { rune: number; size: number } {
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) return { rune: b0, size: 1 };
  const cont = (k: number) => {
    const b = s.charCodeAt(i + k);
    return b >= 0x80 && b <= 0xbf ? b & 0x3f : -1;
  };
  const bad = { rune: runeError, size: 1 };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const b1 = cont(1);
    return b1 < 0 ? bad : { rune: ((b0 & 0x1f) << 6) | b1, size: 2 };
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const b1 = cont(1);
    const b2 = cont(2);
    if (b1 < 0 || b2 < 0) return bad;
    const r = ((b0 & 0x0f) << 12) | (b1 << 6) | b2;
    if (r < 0x800 || (r >= 0xd800 && r < 0xe000)) return bad;
    return { rune: r, size: 3 };
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const b1 = cont(1);
    const b2 = cont(2);
    const b3 = cont(3);
    if (b1 < 0 || b2 < 0 || b3 < 0) return bad;
    const r = ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3;
    if (r < 0x10000 || r > maxRune) return bad;
    return { rune: r, size: 4 };
  }
  return bad;
}

/** The runes of a Go string, as `for _, r := range s` yields them. */
export function runes(s: ByteString): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length;) {
    const { rune, size } = decodeRune(s, i);
    out.push(rune);
    i += size;
  }
  return out;
}

const ascii = /^[\x00-\x7f]*$/;

/** A JS (UTF-16) string as Go string bytes: its UTF-8 encoding (lone surrogates become U+FFFD). */
export function fromText(text: string): ByteString {
  if (ascii.test(text)) return text;
  return Buffer.from(text, 'utf8').toString('latin1'); // a lone surrogate encodes as U+FFFD
}

/** A Go string for display or JSON: its runes, each invalid byte read as U+FFFD (as encoding/json does). */
export function toText(s: ByteString): string {
  if (ascii.test(s)) return s;
  const bytes = Buffer.from(s, 'latin1');
  // Valid UTF-8 decodes alike everywhere; otherwise Go's rule (one U+FFFD per invalid byte) applies.
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const parts: string[] = [];
  for (const r of runes(s)) parts.push(String.fromCodePoint(r));
  return parts.join('');
}

/** `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r === 0x20) return true;
  if (r < 0x20 || r === 0x7f) return false;
  if (r < 0x7f) return true;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(r));
}

/** `strconv.Quote` of a Go string (or, with quote = "'", `strconv.QuoteRune` of one rune). */
export function goQuote(s: ByteString, quote: '"' | "'" = '"'): string {
  if (/^[\x20-\x7e]*$/.test(s) && !s.includes('\\') && !s.includes(quote)) return quote + s + quote;
  let out = quote;
  for (let i = 0; i < s.length;) {
    const { rune, size } = decodeRune(s, i);
    if (size === 1 && rune === runeError) {
      out += '\\x' + hex(s.charCodeAt(i), 2);
      i++;
      continue;
    }
    out += escapedRune(rune, quote);
    i += size;
  }
  return out + quote;
}

function escapedRune(r: number, quote: string): string {
  const ch = String.fromCodePoint(r);
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (isPrint(r)) return ch;
  switch (ch) {
    case '\x07': return '\\a';
    case '\b': return '\\b';
    case '\f': return '\\f';
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    case '\v': return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hex(r, 2);
  if (r < 0x10000) return '\\u' + hex(r, 4);
  return '\\U' + hex(r, 8);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
