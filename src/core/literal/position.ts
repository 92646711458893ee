/**
 * Positions as the Go compiler reports them: 1-based line and 1-based column counted in bytes of
 * UTF-8 (a tab is one column). tree-sitter (and editors) count UTF-16 units, so every error keeps
 * both: `line:col` to compare with `go build`, `offset`/`end` to underline in an editor.
 */

export interface LiteralError {
  message: string;
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-8 bytes, as the compiler counts. */
  col: number;
  /** UTF-16 offset of the position in the source, and of the end of the offending text. */
  offset: number;
  end: number;
}

export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** The compiler's line and column of a UTF-16 offset. */
  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStarts[lo];
    return { line: lo + 1, col: utf8Length(this.text, start, offset) + 1 };
  }

  /** The UTF-16 offset of a compiler position (1-based line, 1-based column in UTF-8 bytes). */
  offsetOf(line: number, col: number): number {
    const l = Math.max(0, Math.min(line - 1, this.lineStarts.length - 1));
    const start = this.lineStarts[l];
    const stop = l + 1 < this.lineStarts.length ? this.lineStarts[l + 1] : this.text.length;
    // One pass, byte count kept as we go (a 10 MB line must not cost 10 MB squared).
    let i = start;
    let bytes = 0;
    while (i < stop && bytes < col - 1) {
      const n = utf8Length(this.text, i, i + 1 < stop && isHighSurrogate(this.text.charCodeAt(i)) ? i + 2 : i + 1);
      bytes += n;
      i += n === 4 ? 2 : 1;
    }
    return i;
  }

  /** The UTF-16 offset of a 1-based line and a 1-based column in UTF-16 units (as editors count). */
  offsetOfUtf16(line: number, col: number): number {
    const l = Math.max(0, Math.min(line - 1, this.lineStarts.length - 1));
    return Math.min(this.text.length, this.lineStarts[l] + Math.max(0, col - 1));
  }

  error(message: string, offset: number, end = offset): LiteralError {
    return { message, ...this.position(offset), offset, end };
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c < 0xdc00;
}

/** Bytes of UTF-8 for text[from, to). */
function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < to) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
