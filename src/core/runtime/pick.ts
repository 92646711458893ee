/**
 * Which map runtime a file's module builds with, and why (issue 10, item 1).
 *
 * Go 1.24 replaced the classic map (`hmap`/`bmap`: buckets of 8, overflow chains, incremental
 * evacuation) by Swiss tables (`internal/runtime/maps`). `GOEXPERIMENT=noswissmap` brought the
 * classic map back in 1.24 and 1.25; the experiment was removed in 1.26. Go 1.27 added an opt-in
 * group layout, `GOEXPERIMENT=mapsplitgroup` (8 keys, then 8 elems).
 *
 * The version that builds a module: the settings' `goMapInspector.goVersion` when not `auto`; else
 * the workspace's `go.work` (its `toolchain` line, else its `go` line), else the nearest `go.mod`
 * (the same two lines); a file outside any module gets the newest Go we model. Pure: the caller
 * finds and reads the files and the environment.
 */
import { GoVersion, compareGoVersions, parseGoMod, parseGoVersion } from '../hover/gomod';
import { SwissGoVersion } from '../swiss/types';

export type MapRuntime = 'classic' | 'swiss';
export type RuntimeSetting = 'auto' | MapRuntime;

/** The newest Go release whose map we model (and the one a file outside a module is shown). */
export const newestModelledGo = '1.27';

export interface RuntimeInputs {
  /** `goMapInspector.runtime`. */
  runtime?: RuntimeSetting;
  /** `goMapInspector.goVersion`: `auto` or a version such as `1.27`. */
  goVersion?: string;
  /** The workspace's go.work, if any. */
  goWork?: { path: string; text: string };
  /** The nearest go.mod, if any. */
  goMod?: { path: string; text: string };
  /** `GOEXPERIMENT` from the Go extension's `go.toolsEnvVars` or the environment. */
  goexperiment?: string;
}

export interface RuntimeChoice {
  runtime: MapRuntime;
  /** The Go release, as `1.N` (`1.22`, `1.27`). */
  goVersion: string;
  /** For Swiss maps: the release whose algorithm the model follows (1.24–1.26 follow 1.26). */
  swissVersion: SwissGoVersion;
  /** Go 1.27 with `GOEXPERIMENT=mapsplitgroup`. */
  splitGroup: boolean;
  /** Why, in one line: `go.mod: go 1.22`, `setting goMapInspector.runtime: swiss`, ... */
  reason: string;
}

function experiments(goexperiment: string | undefined): Set<string> {
  return new Set((goexperiment ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''));
}

/** The version a go.mod or go.work names: its `toolchain` line, else its `go` line. */
function versionOf(file: { path: string; text: string } | undefined): { v: GoVersion; line: string } | undefined {
  if (!file) return undefined;
  const info = parseGoMod(file.text);
  const name = file.path.split(/[\\/]/).pop() ?? file.path;
  const tc = parseGoVersion(info.toolchain);
  if (tc) return { v: tc, line: `${name}: toolchain go${info.toolchain}` };
  const go = parseGoVersion(info.go);
  if (go) return { v: go, line: `${name}: go ${info.go}` };
  return undefined;
}

export function pickRuntime(inputs: RuntimeInputs): RuntimeChoice {
  const exps = experiments(inputs.goexperiment);
  let version: GoVersion;
  let why: string;
  const fromSetting = inputs.goVersion && inputs.goVersion !== 'auto' ? parseGoVersion(inputs.goVersion) : undefined;
  const fromFiles = versionOf(inputs.goWork) ?? versionOf(inputs.goMod);
  if (fromSetting) {
    version = fromSetting;
    why = `setting goMapInspector.goVersion: ${inputs.goVersion}`;
  } else if (fromFiles) {
    version = fromFiles.v;
    why = fromFiles.line;
  } else {
    version = parseGoVersion(newestModelledGo)!;
    why = `no go.mod: the newest Go modelled (${newestModelledGo})`;
  }
  const goVersion = `${version[0]}.${version[1]}`;
  const at = (minor: number) => compareGoVersions(version, [1, minor, 0]) >= 0;
  let runtime: MapRuntime;
  if (inputs.runtime === 'classic' || inputs.runtime === 'swiss') {
    runtime = inputs.runtime;
    why = `setting goMapInspector.runtime: ${inputs.runtime} (${why})`;
  } else if (!at(24)) {
    runtime = 'classic';
  } else if (!at(26) && exps.has('noswissmap')) {
    runtime = 'classic';
    why += ', GOEXPERIMENT=noswissmap';
  } else {
    runtime = 'swiss';
  }
  const splitGroup = runtime === 'swiss' && at(27) && exps.has('mapsplitgroup');
  if (splitGroup) why += ', GOEXPERIMENT=mapsplitgroup';
  return { runtime, goVersion, swissVersion: at(27) ? '1.27' : '1.26', splitGroup, reason: why };
}

/** One line for headers and hovers: `swiss · Go 1.26 (go.mod: go 1.26)`. */
export function describeRuntime(c: RuntimeChoice): string {
  return `${c.runtime}${c.splitGroup ? ' (split groups)' : ''} · Go ${c.goVersion} (${c.reason})`;
}
