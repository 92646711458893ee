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
import { HoverResult, Range, documentCache, hoverSync, initHover } from '../core/hover';
import { readSettings } from './settings';
import { runtimes, runtimesDisposable } from './runtime';

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Hovers explain the map construct under the cursor, with the runtime's numbers. */
export class GoMapHoverProvider implements vscode.HoverProvider {
  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    await initHover();
    const { goMod: mod, runtime } = await runtimes().moduleOf(document.uri);
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
export function registerHover(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    runtimesDisposable,
    vscode.languages.registerHoverProvider({ language: 'go' }, new GoMapHoverProvider()),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // Free the closed document's tree (the cache exists once a hover or action ran).
      try {
        documentCache().evict(d.uri.toString());
      } catch {
        // no hover yet: nothing cached
      }
    }),
  );
}
