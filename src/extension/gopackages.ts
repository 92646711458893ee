/**
 * Reads the Go packages a map's types come from, for the core's `PackageResolver`: the other files
 * of the active file's package (open editors first, so unsaved text counts), packages of the
 * workspace's own module (by the `module` line of the nearest go.mod), and the standard library
 * from GOROOT (`go env GOROOT`, asked once). Reads are bounded: at most 200 files of 1 MB each.
 */
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import { GoFile, PackageReader, PackageResolver } from '../core/view/packages';
import { readSettings } from './settings';

const maxFiles = 200;
const maxFileBytes = 1 << 20;

let gorootPromise: Promise<string | undefined> | undefined;
/** Standard packages read once per window (GOROOT does not change under us). */
const stdPackages = new Map<string, Promise<GoFile[]>>();

/** GOROOT: the environment, else `go env GOROOT` (undefined without Go). */
function goroot(): Promise<string | undefined> {
  gorootPromise ??= new Promise((resolve) => {
    if (process.env.GOROOT) {
      resolve(process.env.GOROOT);
      return;
    }
    execFile('go', ['env', 'GOROOT'], { timeout: 5000 }, (err, stdout) => resolve(err ? undefined : stdout.trim() || undefined));
  });
  return gorootPromise;
}

/** The `.go` files of a directory (not tests), open documents' text first. */
async function goFilesIn(dir: vscode.Uri, except?: vscode.Uri): Promise<GoFile[]> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
  const names = entries.filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.go') && !n.endsWith('_test.go')).map(([n]) => n).sort().slice(0, maxFiles);
  const out: GoFile[] = [];
  for (const name of names) {
    const uri = vscode.Uri.joinPath(dir, name);
    if (except && uri.toString() === except.toString()) continue;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      out.push({ name, text: open.getText() });
      continue;
    }
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > maxFileBytes) continue;
      out.push({ name, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
    } catch {
      // unreadable: skip
    }
  }
  return out;
}

/** The nearest go.mod above `dir`: its directory and module path. */
async function moduleOf(dir: vscode.Uri): Promise<{ root: vscode.Uri; path: string } | undefined> {
  for (let d = dir, i = 0; i < 32; i++) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(d, 'go.mod')));
      const m = /^\s*module\s+("?)([^\s"]+)\1/m.exec(text);
      return m ? { root: d, path: m[2] } : undefined;
    } catch {
      const parent = vscode.Uri.joinPath(d, '..');
      if (parent.path === d.path) return undefined;
      d = parent;
    }
  }
  return undefined;
}

/** The package context of a document: its siblings and a resolver for what it imports. */
export async function packageContextOf(doc: vscode.TextDocument): Promise<{ siblings: GoFile[]; resolver: PackageResolver }> {
  const dir = vscode.Uri.joinPath(doc.uri, '..');
  const siblings = doc.uri.scheme === 'untitled' ? [] : await goFilesIn(dir, doc.uri);
  const mod = doc.uri.scheme === 'untitled' ? undefined : await moduleOf(dir);
  const reader: PackageReader = {
    async importedPackage(importPath) {
      if (mod && (importPath === mod.path || importPath.startsWith(`${mod.path}/`))) {
        return goFilesIn(vscode.Uri.joinPath(mod.root, importPath.slice(mod.path.length)));
      }
      if (!importPath.split('/')[0].includes('.')) {
        const root = await goroot();
        if (!root) return undefined;
        let p = stdPackages.get(importPath);
        if (!p) stdPackages.set(importPath, (p = goFilesIn(vscode.Uri.joinPath(vscode.Uri.file(root), 'src', importPath))));
        return p;
      }
      return undefined;
    },
  };
  return { siblings, resolver: new PackageResolver(reader, readSettings().goarch) };
}

/** The context for a map typed in New Map…: the active Go editor's package, if any. */
export async function activePackageContext(): Promise<{ siblings: GoFile[]; resolver: PackageResolver; activeText?: string }> {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && doc.languageId === 'go') return { ...(await packageContextOf(doc)), activeText: doc.getText() };
  return { siblings: [], resolver: new PackageResolver({ importedPackage: () => Promise.resolve(undefined) }) };
}
