/**
 * Compares a layoutdump-swiss document (what Go 1.26/1.27's compiler and runtime did) with what
 * `src/core/swiss` computes for the same pairs, field by field: `swissMapTypeOf` (the dump's
 * `type` and the flags), `swissGroupLayout` (the group and slot structs), `src/core/types` (the key
 * and elem types) and `swissMakeAlloc`, `firstInsertAlloc`, `ninthInsertAlloc` (bytes and
 * objects). Returns one line per differing field, by path (`map[int64]Padded .makes[5](hint 10000).bytes`).
 */
import * as fs from 'fs';
import { stdScope } from '../../../src/core/hover/std';
import { GoArch } from '../../../src/core/maptype';
import { swissGroupLayout } from '../../../src/core/swiss/layout';
import { firstInsertAlloc, ninthInsertAlloc, swissMakeAlloc, valueObject } from '../../../src/core/swiss/makemap';
import { SwissDumpType, SwissGoVersion } from '../../../src/core/swiss/types';
import { GoType, TypeScope, layoutOf, parseTypeExpr, scopeFromSource, structLayout, underlying } from '../../../src/core/types';
import { stdImports } from '../layoutdump/gen';
import { typesFile } from './gen';

export interface DumpLayout {
  size: number;
  align: number;
  ptrdata: number;
  fields?: Array<{ name: string; type: string; offset: number }>;
}

export interface DumpAlloc {
  bytes: number;
  mallocs: number;
}

export interface DumpMake extends DumpAlloc {
  hint: number;
  dirLen: number;
  globalDepth: number;
  tableCapacity: number;
  localDepth: number;
}

export interface DumpPair {
  key: string;
  elem: string;
  type: SwissDumpType;
  flags: number;
  group: DumpLayout;
  slot?: DumpLayout;
  keyType: DumpLayout;
  elemType: DumpLayout;
  firstInsert: DumpAlloc;
  /** null where K has fewer than 9 values (bool, struct{}, ...). */
  ninthInsert: DumpAlloc | null;
  makes: DumpMake[];
}

export interface LayoutSwissDump {
  goversion: string;
  goarch: string;
  splitGroup: boolean;
  hints: number[];
  pairs: DumpPair[];
}

/** The named types the pairs use (the classic oracle's types.go), inside the standard-library
 * types the CLI knows, read as `gomap layout --types` reads a file. */
export function oracleScope(): Promise<TypeScope> {
  return scopeFromSource(fs.readFileSync(typesFile, 'utf8'), { file: 'types.go', parent: stdScope });
}

/** `1.26` for go1.26.8. */
export function swissRelease(goversion: string): SwissGoVersion {
  const m = /^go(1\.2[67])(\.|$)/.exec(goversion);
  if (!m) throw new Error(`${goversion} is not a Swiss-table release the model follows`);
  return m[1] as SwissGoVersion;
}

function typeLayout(t: GoType, arch: GoArch): DumpLayout {
  const l = layoutOf(t, arch);
  const out: DumpLayout = { size: l.size, align: l.align, ptrdata: l.ptrdata };
  if (underlying(t).kind === 'struct') out.fields = structLayout(t, arch).fields.map((f) => ({ name: f.name, type: f.type, offset: f.offset }));
  return out;
}

/** Our model of one pair, in the dump's shape. `ninth` says whether the dump measured a 9th insert. */
export async function modelPair(
  key: string,
  elem: string,
  dump: Pick<LayoutSwissDump, 'goversion' | 'goarch' | 'splitGroup' | 'hints'>,
  scope: TypeScope,
  ninth: boolean,
): Promise<DumpPair> {
  const arch = dump.goarch as GoArch;
  const k = await parseTypeExpr(key, scope);
  const e = await parseTypeExpr(elem, scope);
  const l = swissGroupLayout(k, e, arch, swissRelease(dump.goversion), { splitGroup: dump.splitGroup });
  const { goarch: _a, ptrSize: _p, goversion: _g, ...type } = l.type;
  const t = l.type;
  const kv = valueObject(k, arch);
  const ev = valueObject(e, arch);
  const alloc = (a: { bytes: number; objects: number }): DumpAlloc => ({ bytes: a.bytes, mallocs: a.objects });
  return {
    key,
    elem,
    type: { ...type, key, elem },
    flags: l.flags,
    group: { size: t.groupsize, align: l.groupAlign, ptrdata: t.groupPtrdata, fields: l.regions.map((r) => ({ name: r.name, type: r.type, offset: r.offset })) },
    slot: l.slot && {
      size: l.slot.size,
      align: l.slot.align,
      ptrdata: 0, // not compared: the group's ptrdata covers it
      fields: [{ name: 'key', type: l.key.slotType, offset: 0 }, { name: 'elem', type: l.elem.slotType, offset: l.slot.elemOff }],
    },
    keyType: typeLayout(k, arch),
    elemType: typeLayout(e, arch),
    firstInsert: alloc(firstInsertAlloc(t, kv, ev)),
    ninthInsert: ninth ? alloc(ninthInsertAlloc(t, kv, ev)) : null,
    makes: dump.hints.map((hint) => {
      const m = swissMakeAlloc(t, hint);
      return { hint, dirLen: m.dirLen, globalDepth: m.globalDepth, tableCapacity: m.tableCapacity, localDepth: m.localDepth, bytes: m.allocBytes, mallocs: m.allocObjects };
    }),
  };
}

/** A standard-library type (`sync.Mutex`): src/core/hover/std.ts gives Go 1.19's fields, which
 * Go 1.26 renamed (sync.Mutex is now `struct{ _ noCopy; mu isync.Mutex }`); its size, align and
 * ptrdata are compared, its field names and offsets are not. */
function isStdType(t: string): boolean {
  return Object.keys(stdImports).some((pkg) => t.startsWith(`${pkg}.`) || t.startsWith(`*${pkg}.`));
}

function diffLayout(
  p: string,
  w: DumpLayout | undefined,
  g: DumpLayout | undefined,
  cmp: (p: string, w: unknown, g: unknown) => void,
  parts = { ptrdata: true, fields: true },
): void {
  if (w === undefined || g === undefined) {
    cmp(p, w === undefined ? 'none' : 'present', g === undefined ? 'none' : 'present');
    return;
  }
  cmp(`${p}.size`, w.size, g.size);
  cmp(`${p}.align`, w.align, g.align);
  if (parts.ptrdata) cmp(`${p}.ptrdata`, w.ptrdata, g.ptrdata);
  if (!parts.fields) return;
  cmp(`${p}.fields.length`, w.fields?.length ?? 0, g.fields?.length ?? 0);
  (w.fields ?? []).forEach((wf, i) => {
    cmp(`${p}.fields[${i}].name`, wf.name, g.fields?.[i]?.name);
    cmp(`${p}.fields[${i}].offset`, wf.offset, g.fields?.[i]?.offset);
  });
}

/** Every field where `got` (the model) differs from `want` (the runtime). Type strings of fields
 * are not compared (reflect writes `main.Point`, `struct { a int8 }`); names and offsets are. */
export function diffPair(want: DumpPair, got: DumpPair): string[] {
  const diffs: string[] = [];
  const cmp = (p: string, w: unknown, g: unknown) => {
    if (w !== g) diffs.push(`${p}: runtime ${JSON.stringify(w)}, model ${JSON.stringify(g)}`);
  };
  for (const f of Object.keys(want.type) as Array<keyof SwissDumpType>) cmp(`.type.${f}`, want.type[f], got.type[f]);
  cmp('.type (fields)', Object.keys(want.type).length, Object.keys(got.type).length);
  cmp('.flags', want.flags, got.flags);
  diffLayout('.group', want.group, got.group, cmp);
  diffLayout('.slot', want.slot, got.slot, cmp, { ptrdata: false, fields: true });
  diffLayout('.keyType', want.keyType, got.keyType, cmp, { ptrdata: true, fields: !isStdType(want.key) });
  diffLayout('.elemType', want.elemType, got.elemType, cmp, { ptrdata: true, fields: !isStdType(want.elem) });
  for (const f of ['firstInsert', 'ninthInsert'] as const) {
    cmp(`.${f}.bytes`, want[f]?.bytes, got[f]?.bytes);
    cmp(`.${f}.mallocs`, want[f]?.mallocs, got[f]?.mallocs);
  }
  cmp('.makes.length', want.makes.length, got.makes.length);
  want.makes.forEach((wm, i) => {
    for (const f of ['hint', 'dirLen', 'globalDepth', 'tableCapacity', 'localDepth', 'bytes', 'mallocs'] as const) {
      cmp(`.makes[${i}](hint ${wm.hint}).${f}`, wm[f], got.makes[i]?.[f]);
    }
  });
  return diffs;
}

/** All differences between a whole dump and the model. */
export async function diffDump(dump: LayoutSwissDump, scope: TypeScope): Promise<string[]> {
  const diffs: string[] = [];
  for (const want of dump.pairs) {
    const got = await modelPair(want.key, want.elem, dump, scope, want.ninthInsert !== null);
    for (const d of diffPair(want, got)) diffs.push(`${dump.goversion} ${dump.goarch}${dump.splitGroup ? ' split' : ''} map[${want.key}]${want.elem} ${d}`);
  }
  return diffs;
}
