import * as vscode from 'vscode';
import { GoArch, goArches } from '../core/maptype';

export interface Settings {
  goarch: GoArch;
  seed: number;
  maxEntries: number;
}

/** `goMapInspector.*` settings, with the defaults of package.json when unset or invalid. */
export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('goMapInspector');
  const arch = c.get<string>('goarch', 'amd64');
  const seed = c.get<number>('seed', 1);
  const maxEntries = c.get<number>('maxEntries', 1_000_000);
  return {
    goarch: (goArches as readonly string[]).includes(arch) ? (arch as GoArch) : 'amd64',
    seed: Number.isInteger(seed) && seed >= 0 ? seed >>> 0 : 1,
    maxEntries: Number.isInteger(maxEntries) && maxEntries > 0 ? maxEntries : 1_000_000,
  };
}
