/**
 * `gomap layout 'map[K]V' [--hint N] [--arch amd64|arm64|386|arm] [--types FILE.go] [--json]`:
 * the bucket of a map type region by region (offsets, sizes, padding), the interleaved layout the
 * runtime avoids, a fieldalignment reordering for struct keys/elems, and what
 * `make(map[K]V, hint)` allocates, all as gc and the Go 1.19 runtime do it (src/core/types).
 *
 * With `--runtime swiss [--go 1.26|1.27] [--split]`, the Swiss-table group of Go 1.24+ instead
 * (`layout-swiss.ts`); `--runtime classic` is the default.
 *
 * Besides the predeclared types, the standard-library types of `core/hover/std.ts` (time.Time,
 * sync.Mutex, ...) are known; others come from --types.
 *
 * Errors in the type expression print `gomap layout: <col>: message` (the column in the
 * expression); errors in the --types file print `gomap layout: FILE:line:col: message`. Exit 2.
 */
import { GoArch, goArches } from '../../core/maptype';
import {
  BucketLayout,
  GoType,
  GoTypeError,
  MapMemory,
  TypeScope,
  bucketLayout,
  firstSyntaxError,
  mapMemory,
  parseTypeExprWith,
  scopeFromSourceWith,
  typeString,
  underlying,
} from '../../core/types';
import { stdScope } from '../../core/hover/std';
import { maxSmallSize } from '../../core/sizeclasses';
import { loadGoParser } from '../../core/go/parser';
import { Command, UsageError, parseFlags } from '../io';
import { human, pct, slotLine, table } from './layout-format';
import { SwissLayoutRequest, swissLayoutText, swissRequest } from './layout-swiss';

const usage =
  "usage: gomap layout 'map[K]V' [--hint N] [--arch amd64|arm64|386|arm] [--types FILE.go] [--runtime classic|swiss [--go 1.26|1.27] [--split]] [--json]";

interface LayoutRequest {
  expr: string;
  hint: number;
  arch: GoArch;
  typesFile?: string;
  json: boolean;
  /** Set for `--runtime swiss`. */
  swiss?: SwissLayoutRequest;
}

function parseArgs(args: string[]): LayoutRequest {
  const { flags, switches, positional } = parseFlags(args, { values: ['hint', 'arch', 'types', 'runtime', 'go'], switches: ['json', 'split'] });
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? usage : `expected one map type, got ${positional.length} arguments (quote the type)`);
  const hintText = flags.get('hint') ?? '0';
  if (!/^\d+$/.test(hintText) || !Number.isSafeInteger(Number(hintText))) {
    throw new UsageError(`--hint must be a non-negative integer, got "${hintText}"`);
  }
  const arch = (flags.get('arch') ?? 'amd64') as GoArch;
  if (!goArches.includes(arch)) throw new UsageError(`--arch must be one of ${goArches.join(', ')}, got "${arch}"`);
  const runtime = flags.get('runtime') ?? 'classic';
  if (runtime !== 'classic' && runtime !== 'swiss') throw new UsageError(`--runtime must be classic or swiss, got "${runtime}"`);
  if (runtime === 'classic' && (flags.has('go') || switches.has('split'))) throw new UsageError('--go and --split describe Swiss tables: add --runtime swiss');
  const swiss = runtime === 'swiss' ? swissRequest(flags.get('go'), switches.has('split')) : undefined;
  return { expr: positional[0], hint: Number(hintText), arch, typesFile: flags.get('types'), json: switches.has('json'), swiss };
}

/** The --json object: the maptype fields under the runtime's names, make's memory, the regions. */
export function layoutJson(l: BucketLayout, m: MapMemory, reorderAtHint: Array<number | undefined>): object {
  const t = l.info;
  return {
    ...t, // the maptype fields under the runtime's names: keysize, elemsize, bucketsize, ...
    hashMightPanic: l.hashMightPanic,
    flags: l.flags,
    bucketAlign: l.bucketAlign,
    keyType: { type: l.key.type, ...l.key.layout, internalPadding: l.key.internalPadding, indirectObjectBytes: l.key.indirectObjectBytes },
    elemType: { type: l.elem.type, ...l.elem.layout, internalPadding: l.elem.internalPadding, indirectObjectBytes: l.elem.indirectObjectBytes },
    regions: l.regions,
    paddingBytes: l.paddingBytes,
    slotPaddingBytes: l.slotPaddingBytes,
    interleaved: l.interleaved,
    reorder: l.reorder.map((r, i) => ({ ...r, allocBytesAtHint: reorderAtHint[i] })),
    hint: m.hint,
    B: m.B,
    nbuckets: m.nbuckets,
    nextOverflowFree: m.nextOverflowFree,
    capacity: m.capacity,
    hmapBytes: m.hmapBytes,
    bucketArrayBytes: m.bucketArrayBytes,
    bucketArrayAlloc: m.bucketArrayAlloc,
    mapextraBytes: m.mapextraBytes,
    allocBytes: m.allocBytes,
    mallocs: m.mallocs,
  };
}

/** The human-readable report. */
export function layoutTable(l: BucketLayout, m: MapMemory, reorderAtHint: Array<number | undefined>): string {
  const t = l.info;
  const out: string[] = [];
  out.push(`map[${t.key}]${t.elem} on ${t.goarch} (Go 1.19 classic map; sizes as gc lays them out)`, '');
  out.push(slotLine('key', l.key, 'bucket'), slotLine('elem', l.elem, 'bucket'), '');
  const scan = t.bucketPtrdata === 0 ? 'no pointers: the GC never scans the bucket array' : `the GC scans the first ${t.bucketPtrdata} bytes of each bucket`;
  out.push(`bucket (bmap): ${t.bucketsize} bytes, align ${l.bucketAlign}, ptrdata ${t.bucketPtrdata} (${scan})`);
  const rows = [['offset', 'size', 'region', 'type', 'padding before']];
  for (const r of l.regions) {
    const name = r.name === 'topbits' ? 'tophash' : r.name;
    rows.push([String(r.offset), String(r.size), name, r.type, r.paddingBefore ? `${r.paddingBefore} B` : '']);
  }
  out.push(...table(rows, [0, 1]).map((s) => '  ' + s));
  const payload = 8 + 8 * (t.keysize + t.elemsize);
  out.push(
    `  padding: ${l.paddingBytes} B in the bucket` +
      (l.slotPaddingBytes ? `, plus ${l.slotPaddingBytes} B inside the 8 keys and 8 elems themselves` : '') +
      `; tophash + keys + elems = ${payload} B, overflow pointer ${t.ptrSize} B`,
  );
  out.push('');
  const il = l.interleaved;
  out.push(`interleaved key/elem pairs (what the runtime avoids): ${il.pairType} is ${il.pairSize} B, ${il.pairPadding} B of it padding`);
  out.push(
    il.savedPerBucket > 0
      ? `  the bucket would be ${il.bucketsize} B: grouping keys and elems saves ${il.savedPerBucket} B per bucket (${pct(il.savedPerBucket, il.bucketsize)})`
      : `  the bucket would be ${il.bucketsize} B as well: no padding to save for these types`,
  );
  l.reorder.forEach((r, i) => {
    out.push('');
    out.push(`fieldalignment: the ${r.role} ${r.type} could be ${r.reordered}`);
    const parts = [`${r.size} → ${r.optimalSize} B per ${r.role}`];
    if (r.ptrdata !== r.optimalPtrdata) parts.push(`ptrdata ${r.ptrdata} → ${r.optimalPtrdata}`);
    if (r.savedPerBucket !== 0) parts.push(`bucket ${t.bucketsize} → ${r.bucketsize} B (${r.savedPerBucket} B per bucket)`);
    if (r.savedPerObject !== 0) parts.push(`${r.savedPerObject} B less per entry in its own heap object`);
    const at = reorderAtHint[i];
    if (at !== undefined && m.hint > 0) {
      // With indirect keys/elems, count the hint's entries' own objects too, before and after.
      const objects = l.key.indirectObjectBytes + l.elem.indirectObjectBytes;
      const before = m.allocBytes + m.hint * objects;
      const after = at + m.hint * (objects - r.savedPerObject);
      const what = objects > 0 ? `make(…, ${m.hint}) and ${m.hint} entries` : `make(…, ${m.hint})`;
      if (after !== before) parts.push(`${what}: ${before} → ${after} B`);
    }
    out.push('  ' + parts.join('; '));
  });
  out.push('');
  out.push(`make(map[${t.key}]${t.elem}, ${m.hint}):`);
  if (m.B === 0) {
    out.push(`  B = 0: only the hmap; the first insert allocates one ${t.bucketsize}-byte bucket`);
  } else {
    const base = 2 ** m.B;
    const pre = m.nbuckets - base;
    out.push(
      `  B = ${m.B}: ${base} buckets` +
        (pre > 0 ? ` + ${pre} preallocated overflow bucket${pre === 1 ? '' : 's'} (nextOverflowFree ${m.nextOverflowFree})` : '') +
        `; holds ${m.capacity} entries before it grows (6.5 per bucket)`,
    );
  }
  const heap = [['hmap', `${m.hmapBytes} B`, '']];
  if (m.nbuckets > 0) {
    const requested = 2 ** m.B + (m.B >= 4 ? 2 ** (m.B - 4) : 0);
    const extra = m.nbuckets - requested;
    heap.push([
      'bucket array',
      `${m.bucketArrayAlloc} B`,
      `${requested} × ${t.bucketsize} = ${requested * t.bucketsize} B` +
        (m.bucketArrayAlloc > requested * t.bucketsize
          ? `, rounded up to ${requested * t.bucketsize <= maxSmallSize ? 'its size class' : 'whole 8 KiB pages'}`
          : '') +
        (extra > 0 ? `; the slack holds ${extra} more overflow bucket${extra === 1 ? '' : 's'}` : ''),
    ]);
  }
  if (m.mapextraBytes > 0) heap.push(['mapextra', `${m.mapextraBytes} B`, 'holds nextOverflow']);
  heap.push(['total', `${m.allocBytes} B`, `${human(m.allocBytes)}in ${m.mallocs} heap object${m.mallocs === 1 ? '' : 's'}`]);
  out.push(...table(heap, [1]).map((s) => '  ' + s));
  if (m.hint > 0) {
    const perEntry = m.allocBytes / m.hint;
    out.push(`  ${perEntry.toFixed(1)} B per entry at ${m.hint} entries, for ${t.keysize + t.elemsize + 1} B of key, elem and tophash` +
      (l.key.indirect || l.elem.indirect ? ' (indirect keys/elems add one object each as they are inserted)' : ''));
  }
  return out.join('\n');
}

/** Resolves the request: scope from --types, the map type from the expression. */
async function resolveMap(req: LayoutRequest, readFile: (p: string) => string): Promise<{ key: GoType; elem: GoType }> {
  const parser = await loadGoParser();
  let scope: TypeScope = stdScope;
  if (req.typesFile !== undefined) {
    let source: string;
    try {
      source = readFile(req.typesFile);
    } catch (e) {
      throw new UsageError(`cannot read ${req.typesFile}: ${(e as Error).message}`);
    }
    const tree = parser.parse(source);
    const syntax = tree && firstSyntaxError(tree.rootNode, req.typesFile);
    tree?.delete();
    if (syntax) throw syntax;
    scope = scopeFromSourceWith(parser, source, { file: req.typesFile, parent: stdScope });
  }
  const t = parseTypeExprWith(parser, req.expr, scope);
  const u = underlying(t);
  if (u.kind !== 'map') throw new GoTypeError(`expected a map type, found ${typeString(t)}`, 1, 1);
  return { key: u.key, elem: u.elem };
}

export const layout: Command = {
  summary: "bucket or group layout and memory of a map type: `layout 'map[K]V' [--hint N] [--arch A] [--types F.go] [--runtime classic|swiss [--go V] [--split]] [--json]`",
  async run(args, io) {
    try {
      const req = parseArgs(args);
      const { key, elem } = await resolveMap(req, io.readFile);
      if (req.swiss) {
        io.out(swissLayoutText(key, elem, req.arch, req.swiss, req.hint, req.json));
        return 0;
      }
      const l = bucketLayout(key, elem, req.arch);
      const m = mapMemory(l.info, req.hint);
      const reorderAtHint = l.reorder.map((r) => mapMemory({ bucketsize: r.bucketsize, ptrSize: l.info.ptrSize }, req.hint).allocBytes);
      io.out(req.json ? JSON.stringify(layoutJson(l, m, reorderAtHint), null, 2) : layoutTable(l, m, reorderAtHint));
      return 0;
    } catch (e) {
      if (e instanceof GoTypeError) {
        const hint = !args.some((a) => a.startsWith('--types')) && e.message.startsWith('undefined: ') ? ' (declare it in a Go file and pass --types FILE.go)' : '';
        io.err(`gomap layout: ${e.describe()}${hint}`);
        return 2;
      }
      if (e instanceof UsageError) {
        io.err(`gomap layout: ${e.message}`);
        return 2;
      }
      throw e;
    }
  },
};
