/**
 * The hover: Go source and a position in, markdown out (or nothing to say). Pure and editor-free:
 * the VS Code provider (`src/extension/hover.ts`) and `gomap hover` are thin callers.
 *
 * Positions are 0-based lines and UTF-16 characters, as VS Code counts them.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import { loadGoParser } from '../go/parser';
import { CodeActionOptions, CodeActionResult, codeActionsInDocument } from './actions';
import { Construct, ConstructFinder } from './constructs';
import { GoDocument, GoDocumentCache, Position, Range, rangeOf } from './document';
import { HoverFigures, HoverOptions, render } from './render';

export interface HoverResult {
  markdown: string;
  /** The source range the hover is about (VS Code highlights it). */
  range: Range;
  /** Which construct it explains (`tooDeep`: none, the file nests deeper than `maxSyntaxDepth`). */
  kind: Construct['kind'] | 'tooDeep';
  figures: HoverFigures;
}

/**
 * The hover for a position of a parsed document, or undefined when there is nothing to say. Types
 * and expressions nested past the core's limit (400 levels) are said so by the code that meets
 * them; should some walk still exhaust the stack, the hover says that in one line rather than fail
 * the editor's request.
 */
export function hoverInDocument(doc: GoDocument, pos: Position, opts: HoverOptions): HoverResult | undefined {
  const node = doc.nodeAt(pos);
  if (!node) return undefined;
  if (nestsTooDeep(doc)) {
    return { markdown: `This file nests its code more than ${maxSyntaxDepth} levels deep, too deep for Go Map Inspector to describe.`, range: rangeOf(node), kind: 'tooDeep', figures: {} };
  }
  let construct: Construct | undefined;
  try {
    construct = new ConstructFinder(doc).at(node);
    if (!construct) return undefined;
    const r = render(construct, opts);
    return r && { markdown: r.markdown, range: rangeOf(construct.node), kind: construct.kind, figures: r.figures };
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    return construct && { markdown: tooDeep, range: rangeOf(construct.node), kind: construct.kind, figures: {} };
  }
}

const tooDeep = 'This code is nested too deeply for Go Map Inspector to describe.';

/**
 * The deepest syntax the hovers and code actions read. tree-sitter finds a node's parent by
 * walking down from the root, so every walk up from a node (and the hovers take many: the
 * construct around the cursor, the scope of a name, the statements writing a map) costs the
 * node's depth: over a tree nested 10^5 deep (`m[0][0]...`, `x.a.a...`, func literals inside func
 * literals) they would take minutes. Real Go nests a few dozen levels; a 1000-term `+` chain is
 * 1000 levels.
 */
export const maxSyntaxDepth = 1000;

const tooDeepDocs = new WeakMap<GoDocument, boolean>();

/** Whether the document's tree is deeper than `maxSyntaxDepth` (walked once per document, with a
 * cursor, whose steps up cost nothing). */
function nestsTooDeep(doc: GoDocument): boolean {
  let deep = tooDeepDocs.get(doc);
  if (deep === undefined) {
    deep = deeperThan(doc.tree, maxSyntaxDepth);
    tooDeepDocs.set(doc, deep);
  }
  return deep;
}

function deeperThan(tree: Tree, limit: number): boolean {
  const c = tree.walk();
  try {
    let depth = 0;
    for (;;) {
      if (c.gotoFirstChild()) {
        if (++depth > limit) return true;
        continue;
      }
      while (!c.gotoNextSibling()) {
        if (!c.gotoParent()) return false;
        depth--;
      }
    }
  } finally {
    c.delete();
  }
}

/** V8's RangeError for an exhausted stack. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

let sharedCache: GoDocumentCache | undefined;
let sharedParser: Parser | undefined;

/** Loads the Go parser once; afterwards `hoverSync` may be used. */
export async function initHover(): Promise<void> {
  sharedParser ??= await loadGoParser();
  sharedCache ??= new GoDocumentCache(sharedParser);
}

/** Synchronous hover after `initHover()`; the text's tree is cached (by `key`/`version` if given). */
export function hoverSync(
  source: string,
  pos: Position,
  opts: HoverOptions,
  cacheKey?: { key: string; version: number },
): HoverResult | undefined {
  if (!sharedCache) throw new Error('hoverSync before initHover()');
  const doc = sharedCache.get(source, cacheKey?.key, cacheKey?.version);
  return hoverInDocument(doc, pos, opts);
}

/** The hover for `source` at `pos`, or undefined. */
export async function hover(source: string, pos: Position, opts: HoverOptions): Promise<HoverResult | undefined> {
  await initHover();
  return hoverSync(source, pos, opts);
}

/** The hover's markdown for `source` at `pos`, or undefined. */
export async function hoverMarkdown(source: string, pos: Position, opts: HoverOptions): Promise<string | undefined> {
  return (await hover(source, pos, opts))?.markdown;
}

/** The shared document cache (the code actions use the same trees). */
export function documentCache(): GoDocumentCache {
  if (!sharedCache) throw new Error('documentCache before initHover()');
  return sharedCache;
}

/** Synchronous code actions after `initHover()`, on the same cached trees as the hovers. */
export function codeActionsSync(
  source: string,
  range: Range,
  opts: CodeActionOptions,
  cacheKey?: { key: string; version: number },
): CodeActionResult[] {
  if (!sharedCache) throw new Error('codeActionsSync before initHover()');
  const doc = sharedCache.get(source, cacheKey?.key, cacheKey?.version);
  return nestsTooDeep(doc) ? [] : codeActionsInDocument(doc, range, opts);
}

/** The code actions for `source` at a cursor or selection. */
export async function codeActions(source: string, range: Range, opts: CodeActionOptions): Promise<CodeActionResult[]> {
  await initHover();
  return codeActionsSync(source, range, opts);
}
