/**
 * The hover on Go map code: a thin `HoverProvider` over `src/core/hover`. It finds the nearest
 * go.mod for the Go version and the runtime the module builds its maps with (`runtime.ts`), reads
 * the GOARCH setting, and lets the core's document cache (keyed by
 * URI and version) keep the parsed tree, so hovers on an unchanged file never parse again.
 *
 * The markdown is trusted for our own "Inspect in Go Map Inspector" command only.
 */
import * as vscode from 'vscode';
import { CommandId } from '../protocol/commands';
import { GoModInfo, HoverResult, Range, documentCache, hoverSync, initHover, parseGoMod } from '../core/hover';
import { readSettings } from './settings';
import { runtimes, runtimesDisposable } from './runtime';

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The nearest go.mod above each directory, cached until a go.mod changes. */
export class GoModLocator implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<GoModInfo | undefined>>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/go.mod');

  constructor() {
    const reset = () => this.cache.clear();
    this.watcher.onDidChange(reset);
    this.watcher.onDidCreate(reset);
    this.watcher.onDidDelete(reset);
  }

  /** The go.mod that governs a document, or undefined (untitled files, GOPATH mode). */
  forDocument(uri: vscode.Uri): Promise<GoModInfo | undefined> {
    if (uri.scheme === 'untitled') return Promise.resolve(undefined);
    return this.forDirectory(vscode.Uri.joinPath(uri, '..'));
  }

  private forDirectory(dir: vscode.Uri): Promise<GoModInfo | undefined> {
    const key = dir.toString();
    let p = this.cache.get(key);
    if (!p) {
      p = (async () => {
        try {
          const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, 'go.mod'));
          return parseGoMod(new TextDecoder().decode(bytes));
        } catch {
          const parent = vscode.Uri.joinPath(dir, '..');
          return parent.path === dir.path ? undefined : this.forDirectory(parent);
        }
      })();
      this.cache.set(key, p);
    }
    return p;
  }

  dispose(): void {
    this.watcher.dispose();
    this.cache.clear();
  }
}

/** Hovers explain the map construct under the cursor, with the runtime's numbers. */
export class GoMapHoverProvider implements vscode.HoverProvider {
  constructor(private readonly goMod: GoModLocator) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    await initHover();
    const [mod, runtime] = await Promise.all([this.goMod.forDocument(document.uri), runtimes().forDocument(document.uri)]);
    if (token.isCancellationRequested) return undefined;
    const result: HoverResult | undefined = hoverSync(
      document.getText(),
      { line: position.line, character: position.character },
      { goarch: readSettings().goarch, goVersion: mod?.go, toolchain: mod?.toolchain, runtime },
      { key: document.uri.toString(), version: document.version },
    );
    if (!result) return undefined;
    const md = new vscode.MarkdownString(result.markdown);
    md.isTrusted = { enabledCommands: [CommandId.NewMap] };
    md.supportHtml = false;
    return new vscode.Hover(md, toVsRange(result.range));
  }
}

/** Registers the hover for Go files; the lead calls this from `activate`. */
export function registerHover(context: vscode.ExtensionContext): GoModLocator {
  const goMod = new GoModLocator();
  context.subscriptions.push(
    goMod,
    runtimesDisposable,
    vscode.languages.registerHoverProvider({ language: 'go' }, new GoMapHoverProvider(goMod)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // Free the closed document's tree (the cache exists once a hover or action ran).
      try {
        documentCache().evict(d.uri.toString());
      } catch {
        // no hover yet: nothing cached
      }
    }),
  );
  return goMod;
}
