/**
 * Errors about Go types, with the place they refer to.
 *
 * `line` and `column` are 1-based. Where the error is about a type expression the user typed
 * (`parseTypeExpr`), `file` is undefined and `line` is 1 (column within the expression); where it is
 * about a declaration in a Go file (`scopeFromSource`), `file` names that file.
 */
import type { SyntaxNode } from '../go/parser';

export class GoTypeError extends Error {
  constructor(
    message: string,
    /** 1-based line, 0 when the error has no place (a type built in code, not parsed). */
    readonly line: number,
    /** 1-based column (UTF-16 code units, as editors count). */
    readonly column: number,
    /** The Go file the position refers to; undefined for a type expression. */
    readonly file?: string,
  ) {
    // One line, as gc prints a type: source text quoted in a message (a type spelt over several
    // lines) has its line breaks and the indentation after them collapsed to one space.
    super(message.replace(/\s*[\r\n]\s*/g, ' '));
    this.name = 'GoTypeError';
  }

  /** `file:line:col: message`, `col: message` for a one-line type expression, or the bare message. */
  describe(): string {
    if (this.line === 0) return this.message;
    if (this.file !== undefined) return `${this.file}:${this.line}:${this.column}: ${this.message}`;
    if (this.line === 1) return `${this.column}: ${this.message}`;
    return `${this.line}:${this.column}: ${this.message}`;
  }

  /** An error at a tree-sitter node. */
  static at(node: SyntaxNode, message: string, file?: string): GoTypeError {
    return new GoTypeError(message, node.startPosition.row + 1, node.startPosition.column + 1, file);
  }

  /** An error about a type that has no place to point at. */
  static unplaced(message: string): GoTypeError {
    return new GoTypeError(message, 0, 0);
  }
}

/**
 * A type gc's backend refuses as too large for the target (`CalcSize`: `type [N]T larger than
 * address space`, `type T too large`). It is found while laying a type out for one GOARCH, so it
 * starts unplaced; `size.ts` places it at the declaration of the innermost named type being sized,
 * where gc's `base.Pos` points (`type T [1<<62]byte` at T), and callers place the rest.
 */
export class TypeTooLargeError extends GoTypeError {
  constructor(message: string, line = 0, column = 0, file?: string) {
    super(message, line, column, file);
    this.name = 'TypeTooLargeError';
  }
}
