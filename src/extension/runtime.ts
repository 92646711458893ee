/**
 * Which map runtime a document's module builds with (issue 10): the settings
 * `goMapInspector.runtime` and `goMapInspector.goVersion`, the nearest `go.work` and `go.mod`, and
 * `GOEXPERIMENT` from the Go extension's `go.toolsEnvVars` or the environment, handed to the core's
 * `pickRuntime`. Files are read through `vscode.workspace.fs` and cached until one changes.
 */
import * as vscode from 'vscode';
import { GoModInfo, parseGoMod } from '../core/hover';
import { RuntimeChoice, RuntimeSetting, pickRuntime } from '../core/runtime/pick';

type FileText = { path: string; text: string } | undefined;

export class RuntimeLocator implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<FileText>>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/go.{mod,work}');

  constructor() {
    const reset = () => this.cache.clear();
    this.watcher.onDidChange(reset);
    this.watcher.onDidCreate(reset);
    this.watcher.onDidDelete(reset);
  }

  /** The runtime for a document (or, without one, for a file outside any module). */
  async forDocument(uri: vscode.Uri | undefined): Promise<RuntimeChoice> {
    return (await this.moduleOf(uri)).runtime;
  }

  /** The runtime and the `go`/`toolchain` lines of the go.mod that govern a document (hovers need both). */
  async moduleOf(uri: vscode.Uri | undefined): Promise<{ runtime: RuntimeChoice; goMod?: GoModInfo }> {
    const dir = uri && uri.scheme !== 'untitled' ? vscode.Uri.joinPath(uri, '..') : undefined;
    const [goMod, goWork] = dir ? await Promise.all([this.nearest(dir, 'go.mod'), this.nearest(dir, 'go.work')]) : [undefined, undefined];
    const c = vscode.workspace.getConfiguration('goMapInspector');
    const env = vscode.workspace.getConfiguration('go').get<Record<string, string>>('toolsEnvVars') ?? {};
    const runtime = pickRuntime({
      runtime: c.get<RuntimeSetting>('runtime', 'auto'),
      goVersion: c.get<string>('goVersion', 'auto'),
      goMod,
      goWork,
      goexperiment: env.GOEXPERIMENT ?? process.env.GOEXPERIMENT,
    });
    return { runtime, goMod: goMod && parseGoMod(goMod.text) };
  }

  private nearest(dir: vscode.Uri, name: string): Promise<FileText> {
    const key = `${dir.toString()}|${name}`;
    let p = this.cache.get(key);
    if (!p) {
      p = (async (): Promise<FileText> => {
        try {
          const uri = vscode.Uri.joinPath(dir, name);
          return { path: uri.fsPath, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
        } catch {
          const parent = vscode.Uri.joinPath(dir, '..');
          return parent.path === dir.path ? undefined : this.nearest(parent, name);
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

/** The runtime fields of a map's spec, from a choice. */
export function runtimeSpec(c: RuntimeChoice): { runtime: RuntimeChoice['runtime']; swissVersion: RuntimeChoice['swissVersion']; splitGroup: boolean; runtimeWhy: string } {
  return { runtime: c.runtime, swissVersion: c.swissVersion, splitGroup: c.splitGroup, runtimeWhy: `Go ${c.goVersion} (${c.reason})` };
}

let shared: RuntimeLocator | undefined;

/** The extension's one locator (hovers and new maps ask the same files), made on first use. */
export function runtimes(): RuntimeLocator {
  shared ??= new RuntimeLocator();
  return shared;
}

/** Disposes the shared locator (pushed to the extension's subscriptions). */
export const runtimesDisposable: vscode.Disposable = {
  dispose() {
    shared?.dispose();
    shared = undefined;
  },
};
