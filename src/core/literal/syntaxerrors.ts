/**
 * Syntax errors in a literal, worded as the Go parser words them where we can tell
 * (`syntax error: unexpected --, expecting expression`), from three sources:
 *   - tokens Go's scanner reads differently from tree-sitter: it takes the longest operator, so
 *     `--2` is a decrement and `&^x` an and-not, where tree-sitter sees two unary operators;
 *   - a bare `{...}` where an operand is expected (Go allows an elided type only for the elements
 *     of a composite literal);
 *   - tree-sitter's own recovery (ERROR and MISSING nodes), which places errors less precisely:
 *     inside an ERROR we look for such a bare `{` first, else name Go's token at its start
 *     (`name x`, `literal 2`, `)`).
 * The compiler reports syntax errors instead of any type error, so one is all we report.
 */
import type { SyntaxNode } from '../go/parser';
import { LiteralError, SourceText } from './position';

/** Two-character operators of Go's scanner that start with a unary or binary operator. */
const longerTokens = new Set(['--', '++', '-=', '+=', '&&', '&^', '&=', '^=', '!=', '*=', '|=', '||', '/=', '%=', '<<', '<=', '<-', '>>', '>=', '==']);

/**
 * The first syntax error of the subtree (none: an empty list). The compiler goes on after it, but
 * where it resumes depends on its own recovery, so only the first one is certain. Iterative:
 * literals may nest deeply.
 */
export function syntaxErrors(root: SyntaxNode, src: SourceText): LiteralError[] {
  const exact = [...bareBraces(src.text, root.startIndex, root.endIndex).map((i) => src.error('syntax error: unexpected {, expecting expression', i, i + 1)), ...gluedOperators(root, src)];
  // An ERROR node that swallowed an exact error (tree-sitter may give up on a whole file) is that error.
  const recovered = (root.hasError ? treeSitterErrors(root, src) : []).filter((r) => !exact.some((e) => e.offset >= r.offset && e.offset < r.end));
  // tree-sitter's recovery often starts a little before the real culprit (at the `f(` of `f({})`):
  // on the first line with an error, an exact one wins.
  let first = [...exact, ...recovered].sort((a, b) => a.line - b.line)[0];
  // The scanner's error comes first: a raw string that never ends swallows the rest of the file.
  const open = unterminatedRawString(src.text, root.startIndex, root.endIndex);
  if (open !== undefined && (!first || first.offset >= open)) return [src.error('string not terminated', open)];
  if (!first) return [];
  const sameLine = exact.filter((e) => e.line === first.line).sort((a, b) => a.offset - b.offset);
  return [sameLine[0] ?? first];
}

/** Depth-first over the subtree, in source order (`into` decides whether to visit children). */
function* walk(root: SyntaxNode, into: (n: SyntaxNode) => boolean = () => true): Generator<SyntaxNode> {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    yield n;
    if (!into(n)) continue;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
}

/** Operators glued to the next character into a longer Go token. */
function gluedOperators(root: SyntaxNode, src: SourceText): LiteralError[] {
  const out: LiteralError[] = [];
  // Found by tree-sitter in one call: walking 10^5 nested nodes one child() at a time from JS
  // costs seconds.
  for (const n of root.descendantsOfType(['unary_expression', 'binary_expression'])) {
    if (n) {
      const op = n.childForFieldName('operator');
      const token = op && op.text + src.text.charAt(op.endIndex);
      if (op && token && longerTokens.has(token) && !longerTokens.has(op.text)) {
        // A unary operator stands where an operand is expected; a binary one after an element.
        const context = n.type === 'unary_expression' ? ', expecting expression' : ' in composite literal; possibly missing comma or }';
        out.push(src.error(`syntax error: unexpected ${token}${context}`, op.startIndex, op.endIndex + 1));
      }
    }
  }
  return out;
}

/** tree-sitter's ERROR and MISSING nodes (not those inside an ERROR), as Go would name the token there. */
function treeSitterErrors(root: SyntaxNode, src: SourceText): LiteralError[] {
  const out: LiteralError[] = [];
  for (const n of walk(root, (m) => m.hasError && m.type !== 'ERROR')) {
    if (n.isMissing) {
      // tree-sitter puts the missing `}` just before the token Go stops at.
      const at = skipSpace(src.text, n.startIndex);
      const what = n.type === '}' ? ' in composite literal; possibly missing comma or }' : `, expecting ${n.type}`;
      out.push(src.error(`syntax error: unexpected ${goToken(src.text, at)}${what}`, at));
    } else if (n.type === 'ERROR') {
      const at = skipSpace(src.text, n.startIndex);
      // An element that starts with `{` is a composite literal with its type elided, for Go: the
      // error is at the token after its closing brace.
      const close = src.text[at] === '{' ? matchingBrace(src.text, at) : undefined;
      if (close !== undefined) {
        const next = skipSpace(src.text, close + 1);
        if (!',}:'.includes(src.text[next] ?? '')) {
          out.push(src.error(`syntax error: unexpected ${goToken(src.text, next)} in composite literal; possibly missing comma or }`, next));
          continue;
        }
      }
      out.push(src.error(`syntax error: unexpected ${goToken(src.text, at)}`, at, n.endIndex));
    }
  }
  if (out.length === 0 && root.hasError) out.push(src.error('syntax error', root.startIndex, root.endIndex));
  return out;
}

/**
 * The `{`s in [from, to) right after an operator or opening bracket, where an operand is expected
 * and Go allows no elided composite literal (outside literals and comments).
 */
function bareBraces(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  let prev = '';
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 1;
      i = end <= 0 ? to : end;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const close = c;
      for (i++; i < to && text[i] !== close; i++) if (close !== '`' && text[i] === '\\') i++;
      prev = close;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === '{' && prev !== '' && '(!-+^&*/%|<>=['.includes(prev)) out.push(i);
    prev = c;
  }
  return out;
}

/** The offset of the `}` closing the `{` at i (strings, runes and comments skipped), if any. */
function matchingBrace(text: string, i: number): number | undefined {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (c !== '`' && text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && --depth === 0) {
      return i;
    }
  }
  return undefined;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

const operators = /^(?:\.\.\.|<<=|>>=|&\^=|&&|\|\||<-|\+\+|--|<<|>>|&\^|[-+*/%&|^<>=!:]=|[-+*/%&|^<>=!(){}[\],;:.~])/;

/**
 * Where a raw string that is never closed starts in text[from, to), if one does: Go's scanner
 * reports `string not terminated` there. Comments, strings and runes are skipped as it skips them.
 */
export function unterminatedRawString(text: string, from: number, to: number): number | undefined {
  const skip = /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`[^`]*(`)?|[^/"'`]+|\//g;
  skip.lastIndex = from;
  for (let m = skip.exec(text); m && m.index < to; m = skip.exec(text)) {
    if (m[0].startsWith('`') && m[1] === undefined) return m.index;
    if (m[0] === '') skip.lastIndex++;
  }
  return undefined;
}

/** Go's description of the token at i: `name x`, `literal 2`, an operator, or `EOF`. */
export function goToken(text: string, i: number): string {
  const rest = text.slice(i);
  if (rest === '') return 'EOF';
  const name = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(rest);
  if (name) return ['break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var'].includes(name[0]) ? `keyword ${name[0]}` : `name ${name[0]}`;
  const literal = /^(?:\.?\d[\w.]*(?:[eEpP][-+]?\w*)?|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`[^`]*`?)/.exec(rest);
  // A raw string over several lines is named by its first (a message is one line).
  if (literal) return `literal ${literal[0].includes('\n') ? `${literal[0].split('\n')[0]}…` : literal[0]}`;
  const op = operators.exec(rest);
  return op ? op[0] : rest[0];
}
