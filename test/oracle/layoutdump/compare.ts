/**
 * Compares a layoutdump document (what Go 1.19's compiler and runtime did) with what
 * `src/core/types` computes for the same pairs, field by field. Used by the fixture test and by the
 * live test; returns one line per differing field, by path (`pairs[3] map[int64]Padded .makes[5].allocBytes`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { stdScope } from '../../../src/core/hover/std';
import { GoArch } from '../../../src/core/maptype';
import {
  TypeScope,
  bucketLayout,
  layoutOf,
  mapMemory,
  parseTypeExpr,
  scopeFromSource,
  structLayout,
  underlying,
} from '../../../src/core/types';

export interface DumpLayout {
  size: number;
  align: number;
  ptrdata: number;
  fields?: Array<{ name: string; type: string; offset: number }>;
}

export interface DumpPair {
  key: string;
  elem: string;
  keysize: number;
  elemsize: number;
  bucketsize: number;
  flags: number;
  indirectkey: boolean;
  indirectelem: boolean;
  reflexivekey: boolean;
  needkeyupdate: boolean;
  hashMightPanic: boolean;
  bucketPtrdata: number;
  bucket: DumpLayout;
  keyType: DumpLayout;
  elemType: DumpLayout;
  makes: Array<{ hint: number; B: number; extra: boolean; nextOverflowFree: number; allocBytes: number; mallocs: number }>;
}

export interface LayoutDump {
  goversion: string;
  goarch: string;
  hints: number[];
  pairs: DumpPair[];
}

export const oracleDir = __dirname;
export const fixtureDir = path.join(__dirname, '..', '..', 'fixtures', 'layout');
export const dumpArches: GoArch[] = ['amd64', '386'];

export function fixturePath(arch: GoArch): string {
  return path.join(fixtureDir, `go1.19-${arch}.json`);
}

/** The named types the oracle's pairs use: types.go, read as `gomap layout --types` reads a file,
 * inside the standard-library types the hovers and the CLI know (time.Time, sync.Mutex, ...). */
export function oracleScope(): Promise<TypeScope> {
  return scopeFromSource(fs.readFileSync(path.join(oracleDir, 'types.go'), 'utf8'), { file: 'types.go', parent: stdScope });
}

/** Our model of one pair, in the dump's shape. */
export async function modelPair(key: string, elem: string, arch: GoArch, hints: number[], scope: TypeScope): Promise<DumpPair> {
  const k = await parseTypeExpr(key, scope);
  const e = await parseTypeExpr(elem, scope);
  const b = bucketLayout(k, e, arch);
  const typeLayout = (t: typeof k): DumpLayout => {
    const l = layoutOf(t, arch);
    const out: DumpLayout = { size: l.size, align: l.align, ptrdata: l.ptrdata };
    if (underlying(t).kind === 'struct') {
      out.fields = structLayout(t, arch).fields.map((f) => ({ name: f.name, type: f.type, offset: f.offset }));
    }
    return out;
  };
  return {
    key,
    elem,
    keysize: b.info.keysize,
    elemsize: b.info.elemsize,
    bucketsize: b.info.bucketsize,
    flags: b.flags,
    indirectkey: b.info.indirectkey,
    indirectelem: b.info.indirectelem,
    reflexivekey: b.info.reflexivekey,
    needkeyupdate: b.info.needkeyupdate,
    hashMightPanic: b.hashMightPanic,
    bucketPtrdata: b.info.bucketPtrdata,
    bucket: {
      size: b.info.bucketsize,
      align: b.bucketAlign,
      ptrdata: b.info.bucketPtrdata,
      fields: b.regions.map((r) => ({ name: r.name, type: r.type, offset: r.offset })),
    },
    keyType: typeLayout(k),
    elemType: typeLayout(e),
    makes: hints.map((hint) => {
      const m = mapMemory(b.info, hint);
      return {
        hint,
        B: m.B,
        extra: m.nextOverflowFree > 0,
        nextOverflowFree: m.nextOverflowFree,
        allocBytes: m.allocBytes,
        mallocs: m.mallocs,
      };
    }),
  };
}

/** Every field where `got` (our model) differs from `want` (the runtime). Type strings of struct
 * fields are not compared (reflect writes `main.Point`, `struct { a int8 }`); names and offsets are. */
export function diffPair(want: DumpPair, got: DumpPair): string[] {
  const diffs: string[] = [];
  const cmp = (p: string, w: unknown, g: unknown) => {
    if (w !== g) diffs.push(`${p}: runtime ${JSON.stringify(w)}, model ${JSON.stringify(g)}`);
  };
  const scalar: Array<keyof DumpPair> = [
    'keysize', 'elemsize', 'bucketsize', 'flags', 'indirectkey', 'indirectelem', 'reflexivekey',
    'needkeyupdate', 'hashMightPanic', 'bucketPtrdata',
  ];
  for (const f of scalar) cmp(`.${f}`, want[f], got[f]);
  for (const part of ['bucket', 'keyType', 'elemType'] as const) {
    const w = want[part];
    const g = got[part];
    cmp(`.${part}.size`, w.size, g.size);
    cmp(`.${part}.align`, w.align, g.align);
    cmp(`.${part}.ptrdata`, w.ptrdata, g.ptrdata);
    cmp(`.${part}.fields.length`, w.fields?.length ?? 0, g.fields?.length ?? 0);
    (w.fields ?? []).forEach((wf, i) => {
      const gf = g.fields?.[i];
      cmp(`.${part}.fields[${i}].name`, wf.name, gf?.name);
      cmp(`.${part}.fields[${i}].offset`, wf.offset, gf?.offset);
    });
  }
  cmp('.makes.length', want.makes.length, got.makes.length);
  want.makes.forEach((wm, i) => {
    const gm = got.makes[i];
    for (const f of ['hint', 'B', 'extra', 'nextOverflowFree', 'allocBytes', 'mallocs'] as const) {
      cmp(`.makes[${i}](hint ${wm.hint}).${f}`, wm[f], gm?.[f]);
    }
  });
  return diffs;
}

/** All differences between a whole dump and the model. */
export async function diffDump(dump: LayoutDump, scope: TypeScope): Promise<string[]> {
  const arch = dump.goarch as GoArch;
  const diffs: string[] = [];
  for (const [i, want] of dump.pairs.entries()) {
    const got = await modelPair(want.key, want.elem, arch, dump.hints, scope);
    for (const d of diffPair(want, got)) diffs.push(`${arch} pairs[${i}] map[${want.key}]${want.elem} ${d}`);
  }
  return diffs;
}
