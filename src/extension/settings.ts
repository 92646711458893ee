/**
 * The `goMapInspector.*` settings, and what changing them does to open maps: a new `goarch` or
 * `seed` only applies to new maps unless the user accepts to rebuild the open ones (same history,
 * new layout or randomness).
 */
import * as vscode from 'vscode';
import { GoArch, goArches } from '../core/maptype';
import { MapSession } from '../core/view/session';

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

/** The session rebuilt with the current goarch and seed, its history replayed. */
export async function rebuilt(s: MapSession): Promise<MapSession> {
  const st = readSettings();
  const r = s.toRecord();
  return MapSession.restore({ ...r, spec: { ...r.spec, goarch: st.goarch, seed: st.seed } }, st.maxEntries);
}

/**
 * When `goarch` or `seed` changes while maps are open, offers to rebuild them. `ask` is the
 * question (tests answer it); returns how many maps were rebuilt.
 */
export function watchSettings(
  open: () => MapSession[],
  replace: (prev: MapSession, next: MapSession) => void,
  log: (line: string) => void,
  ask: (question: string) => Thenable<string | undefined> = (q) => vscode.window.showInformationMessage(q, 'Rebuild', 'Keep'),
): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (!e.affectsConfiguration('goMapInspector.goarch') && !e.affectsConfiguration('goMapInspector.seed')) return;
    const st = readSettings();
    const stale = open().filter((s) => s.spec.goarch !== st.goarch || s.spec.seed !== st.seed);
    if (stale.length === 0) return;
    const answer = await ask(`Go Map: rebuild the ${stale.length === 1 ? 'open map' : `${stale.length} open maps`} for GOARCH ${st.goarch} and seed ${st.seed}? (New maps use them either way.)`);
    if (answer !== 'Rebuild') return;
    for (const s of stale) {
      try {
        replace(s, await rebuilt(s));
      } catch (err) {
        log(`could not rebuild ${s.displayTitle} for ${st.goarch}: ${err instanceof Error ? err.message : String(err)}`);
        void vscode.window.showWarningMessage(`Go Map: ${s.displayTitle} stays as it was: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });
}
