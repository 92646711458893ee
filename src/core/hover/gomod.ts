/**
 * The two lines of `go.mod` that decide which map the hovers describe:
 * - `go 1.N[.P]`: the language version (`clear` needs 1.21) and, with GOTOOLCHAIN=auto, the
 *   oldest toolchain that may build the module;
 * - `toolchain goX.Y.Z`: the toolchain suggested for it.
 * The runtime that builds the module is at least the newer of the two. From Go 1.24 on, maps are
 * Swiss tables (unless GOEXPERIMENT=noswissmap), which we do not model yet.
 *
 * Pure: the caller finds and reads the file (the extension walks up to the nearest `go.mod`).
 */

/** A Go release as numbers: `1.22.3` → [1, 22, 3]; `1.21rc2` → [1, 21, 0]. */
export type GoVersion = readonly [number, number, number];

export interface GoModInfo {
  /** The `go` line's version as written (`1.22`, `1.22.3`), if any. */
  go?: string;
  /** The `toolchain` line's version without its `go` prefix (`1.24.1`), if any. */
  toolchain?: string;
}

/** Reads the `go` and `toolchain` directives; everything else is ignored. Never throws. */
export function parseGoMod(text: string): GoModInfo {
  const info: GoModInfo = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const go = /^go\s+(\d+(?:\.\d+){0,2}(?:(?:rc|beta)\d+)?)$/.exec(line);
    if (go) info.go ??= go[1];
    const tc = /^toolchain\s+go(\d+(?:\.\d+){0,2}(?:(?:rc|beta)\d+)?)(?:[-+]\S*)?$/.exec(line);
    if (tc) info.toolchain ??= tc[1];
  }
  return info;
}

/** `1.22.3` → [1, 22, 3]; undefined for text that is not a Go version. */
export function parseGoVersion(v: string | undefined): GoVersion | undefined {
  if (v === undefined) return undefined;
  const m = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(?:rc|beta)\d+)?$/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

export function compareGoVersions(a: GoVersion, b: GoVersion): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Is `v` (text) at least `major.minor`? False when `v` is unknown. */
export function goAtLeast(v: string | undefined, major: number, minor: number): boolean {
  const p = parseGoVersion(v);
  return p !== undefined && compareGoVersions(p, [major, minor, 0]) >= 0;
}

/** The newest of the versions given (the runtime that builds the module is at least this). */
export function newestGoVersion(...vs: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  let bestP: GoVersion | undefined;
  for (const v of vs) {
    const p = parseGoVersion(v);
    if (p && (!bestP || compareGoVersions(p, bestP) > 0)) {
      best = v;
      bestP = p;
    }
  }
  return best;
}

/** Go 1.24 replaced the classic map (buckets of 8, overflow chains) by Swiss tables. */
export function usesSwissTables(runtimeVersion: string | undefined): boolean {
  return goAtLeast(runtimeVersion, 1, 24);
}
