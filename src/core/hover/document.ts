/**
 * A parsed Go file and what the hovers compute from it once: the syntax tree, the file's type
 * scope, and an index of identifiers by name. A `GoDocumentCache` keeps the last few documents so
 * hovers on an unchanged file never parse again (the editor keys them by URI and version).
 *
 * Trees live in WebAssembly memory: a document evicted from the cache frees its tree.
 */
import type { Parser, Query as QueryT } from 'web-tree-sitter';
import { Query } from 'web-tree-sitter';
import type { SyntaxNode, Tree } from '../go/parser';
import { TypeScope, scopeFromTree } from '../types';
import { stdScope } from './std';

/** A 0-based position: line and UTF-16 character, as editors and tree-sitter (on JS strings) count. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function rangeOf(node: SyntaxNode): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

const queries = new WeakMap<object, Map<string, QueryT>>();

/** A compiled query for the parser's language, made once. */
function queryFor(parser: Parser, source: string): QueryT {
  const language = parser.language;
  if (!language) throw new Error('Go parser has no language');
  let byText = queries.get(language);
  if (!byText) {
    byText = new Map();
    queries.set(language, byText);
  }
  let q = byText.get(source);
  if (!q) {
    q = new Query(language, source);
    byText.set(source, q);
  }
  return q;
}

export class GoDocument {
  private scope?: TypeScope;
  private idents?: Map<string, SyntaxNode[]>;
  private lines?: string[];
  private specs?: Map<string, SyntaxNode>;
  private readonly localScopes = new Map<number, TypeScope>();
  private readonly declaresTypes = new Map<number, boolean>();

  constructor(
    readonly text: string,
    readonly tree: Tree,
    private readonly parser: Parser,
    /** File name for messages. */
    readonly file?: string,
  ) {}

  static parse(parser: Parser, text: string, file?: string): GoDocument {
    const tree = parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return new GoDocument(text, tree, parser, file);
  }

  get root(): SyntaxNode {
    return this.tree.rootNode;
  }

  /** The file's `type` and `const` declarations (over a few well-known standard library types). */
  typeScope(): TypeScope {
    this.scope ??= scopeFromTree(this.root, { file: this.file, parent: stdScope });
    return this.scope;
  }

  /**
   * The scope at `node`: the file's, with the `type` and `const` declarations of each enclosing
   * function block on top (local types such as `type pair struct{...}` inside a function).
   */
  scopeAt(node: SyntaxNode): TypeScope {
    const lists: SyntaxNode[] = [];
    for (let p = node.parent; p; p = p.parent) {
      if (p.type !== 'statement_list') continue;
      let declares = this.declaresTypes.get(p.id);
      if (declares === undefined) {
        declares = p.namedChildren.some((c) => c?.type === 'type_declaration' || c?.type === 'const_declaration');
        this.declaresTypes.set(p.id, declares);
      }
      if (declares) lists.push(p);
    }
    let scope = this.typeScope();
    for (const list of lists.reverse()) {
      let s = this.localScopes.get(list.id);
      if (!s) {
        s = scopeFromTree(list, { file: this.file, parent: scope });
        this.localScopes.set(list.id, s);
      }
      scope = s;
    }
    return scope;
  }

  /** Every `identifier` node of the file with this name, in source order. */
  identifiers(name: string): readonly SyntaxNode[] {
    if (!this.idents) {
      const idents = new Map<string, SyntaxNode[]>();
      for (const c of queryFor(this.parser, '(identifier) @id').captures(this.root)) {
        const list = idents.get(c.node.text);
        if (list) list.push(c.node);
        else idents.set(c.node.text, [c.node]);
      }
      this.idents = idents;
    }
    return this.idents.get(name) ?? [];
  }

  /** The `type_spec` declaring each type name (the first one, top level before function bodies). */
  typeSpec(name: string): SyntaxNode | undefined {
    if (!this.specs) {
      this.specs = new Map();
      const found = queryFor(this.parser, '(type_spec name: (type_identifier) @name) @spec').captures(this.root);
      const specs = found.filter((c) => c.name === 'spec').map((c) => c.node);
      // Top-level declarations first: a local type of the same name only where nothing else is.
      specs.sort((a, b) => Number(a.parent?.parent?.type !== 'source_file') - Number(b.parent?.parent?.type !== 'source_file'));
      for (const spec of specs) {
        const n = spec.childForFieldName('name')?.text;
        if (n && !this.specs.has(n)) this.specs.set(n, spec);
      }
    }
    return this.specs.get(name);
  }

  /** The source lines (without line terminators). */
  lineTexts(): readonly string[] {
    this.lines ??= this.text.split(/\r?\n/);
    return this.lines;
  }

  /** The smallest node at a position, or undefined when the position is outside the file. */
  nodeAt(pos: Position): SyntaxNode | undefined {
    const lines = this.lineTexts();
    if (pos.line < 0 || pos.line >= lines.length || pos.character < 0 || pos.character > lines[pos.line].length) {
      return undefined;
    }
    const point = { row: pos.line, column: pos.character };
    return this.root.descendantForPosition(point) ?? undefined;
  }

  delete(): void {
    this.tree.delete();
  }
}

/**
 * The last few parsed documents. `get` reparses only when the text changed: the key (a URI) and
 * version decide when given, else the text itself.
 */
export class GoDocumentCache {
  private readonly entries: Array<{ key: string; version?: number; doc: GoDocument }> = [];

  constructor(
    private readonly parser: Parser,
    private readonly capacity = 8,
  ) {}

  get(text: string, key: string = text, version?: number, file?: string): GoDocument {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i >= 0) {
      const e = this.entries[i];
      const fresh = version !== undefined && e.version !== undefined ? e.version === version && e.doc.text.length === text.length : e.doc.text === text;
      if (fresh) {
        if (i !== 0) this.entries.unshift(...this.entries.splice(i, 1));
        return e.doc;
      }
      this.entries.splice(i, 1);
      e.doc.delete();
    }
    const doc = GoDocument.parse(this.parser, text, file);
    this.entries.unshift({ key, version, doc });
    while (this.entries.length > this.capacity) this.entries.pop()!.doc.delete();
    return doc;
  }

  /** Forgets a document (the editor closed it). */
  evict(key: string): void {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i >= 0) this.entries.splice(i, 1)[0].doc.delete();
  }

  clear(): void {
    for (const e of this.entries.splice(0)) e.doc.delete();
  }
}
