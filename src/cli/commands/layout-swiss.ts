/**
 * `gomap layout 'map[K]V' --runtime swiss [--go 1.26|1.27] [--split] ...`: the Swiss-table side
 * of `layout.ts`. The group of a map type region by region (`core/swiss/layout.ts`, after gc's
 * `MapGroupType`), the slot struct and its padding, group bytes per entry at the 7/8 maximum load,
 * the same types in the other group layout and in the classic bucket beside it, and what
 * `make(map[K]V, hint)` allocates (`core/swiss/makemap.ts`, after `NewMap`), object by object.
 */
import { GoArch } from '../../core/maptype';
import { maxTableCapacity, slotsPerGroup } from '../../core/swiss/constants';
import { SwissGroupLayout, swissGroupLayout } from '../../core/swiss/layout';
import { Alloc, SwissMakeAlloc, firstInsertAlloc, growToTableAlloc, indirectObjects, swissMakeAlloc, valueObject } from '../../core/swiss/makemap';
import { mallocHeaderSize, minSizeForMallocHeader } from '../../core/swiss/memory';
import { SwissGoVersion, swissGoVersions } from '../../core/swiss/types';
import { BucketLayout, GoType, bucketLayout } from '../../core/types';
import { maxSmallSize } from '../../core/sizeclasses';
import { UsageError } from '../io';
import { human, slotLine, table } from './layout-format';

/** Entries per classic bucket at its load factor (6.5, `loadFactorNum/loadFactorDen`). */
const classicLoad = 6.5;

export interface SwissLayoutRequest {
  go: SwissGoVersion;
  split: boolean;
}

/** Checks `--go` and `--split` for `--runtime swiss`. */
export function swissRequest(goText: string | undefined, split: boolean): SwissLayoutRequest {
  const go = (goText ?? '1.26') as SwissGoVersion;
  if (!swissGoVersions.includes(go)) throw new UsageError(`--go must be one of ${swissGoVersions.join(', ')}, got "${goText}"`);
  if (split && go !== '1.27') throw new UsageError('--split (GOEXPERIMENT=mapsplitgroup) exists from Go 1.27 on: add --go 1.27');
  return { go, split };
}

interface SwissReport {
  l: SwissGroupLayout;
  m: SwissMakeAlloc;
  classic: BucketLayout;
  firstInsert: Alloc;
  growToTable: Alloc;
  perEntry: Alloc;
}

function report(key: GoType, elem: GoType, arch: GoArch, req: SwissLayoutRequest, hint: number): SwissReport {
  const l = swissGroupLayout(key, elem, arch, req.go, { splitGroup: req.split });
  const kv = valueObject(key, arch);
  const ev = valueObject(elem, arch);
  return {
    l,
    m: swissMakeAlloc(l.type, hint),
    classic: bucketLayout(key, elem, arch),
    firstInsert: firstInsertAlloc(l.type, kv, ev),
    growToTable: growToTableAlloc(l.type),
    perEntry: indirectObjects(l.type, kv, ev),
  };
}

/** The --json object: abi.MapType under the dump's names, the group's regions, make's memory. */
function swissJson(r: SwissReport): object {
  const { l, m, classic } = r;
  const slotType = (s: SwissGroupLayout['key']) => ({ type: s.type, ...s.layout, internalPadding: s.internalPadding, indirectObjectBytes: s.indirectObjectBytes });
  return {
    runtime: 'swiss',
    ...l.type,
    flags: l.flags,
    groupAlign: l.groupAlign,
    keyType: slotType(l.key),
    elemType: slotType(l.elem),
    regions: l.regions,
    slot: l.slot ?? null,
    paddingBytes: l.paddingBytes,
    slotPaddingBytes: l.slotPaddingBytes,
    bytesPerEntryAtFullLoad: l.bytesPerEntryAtFullLoad,
    other: l.other,
    classic: { bucketsize: classic.info.bucketsize, paddingBytes: classic.paddingBytes, bytesPerEntryAtFullLoad: classic.info.bucketsize / classicLoad },
    ...m,
    firstInsert: r.firstInsert,
    growToTable: r.growToTable,
    perEntryObjects: r.perEntry,
  };
}

const assignName: Record<string, string> = {
  slow: 'the generic runtime.mapassign (never prunes tombstones before growing)',
  fast32: 'runtime.mapassign_fast32',
  fast32ptr: 'runtime.mapassign_fast32ptr',
  fast64: 'runtime.mapassign_fast64',
  fast64ptr: 'runtime.mapassign_fast64ptr',
  faststr: 'runtime.mapassign_faststr',
};

function groupSection(r: SwissReport): string[] {
  const { l } = r;
  const t = l.type;
  const out: string[] = [];
  const scan = t.groupPtrdata === 0 ? 'no pointers: the GC never scans group arrays' : `the GC scans the first ${t.groupPtrdata} bytes of each group`;
  out.push(`group (${t.layout}): ${t.groupsize} bytes, align ${l.groupAlign}, ptrdata ${t.groupPtrdata} (${scan})`);
  const rows = [['offset', 'size', 'region', 'type', 'padding before']];
  for (const g of l.regions) rows.push([String(g.offset), String(g.size), g.name, g.type, g.paddingBefore ? `${g.paddingBefore} B` : '']);
  out.push(...table(rows, [0, 1]).map((s) => '  ' + s));
  if (l.slot) {
    const s = l.slot;
    const pads = [s.paddingBetween ? `${s.paddingBetween} B between key and elem` : '', s.trailingPadding ? `${s.trailingPadding} B after elem` + (s.zeroSizeFinalByte ? ' (one for the zero-size elem, issue 9401)' : '') : '']
      .filter((x) => x !== '');
    out.push(`  slot ${s.type}: ${s.size} B, elem at ${s.elemOff}` + (pads.length ? `; padding ${pads.join(', ')}` : '; no padding'));
  } else {
    out.push(`  key i at ${t.keysOff} + i*${t.keyStride}, elem i at ${t.elemsOff} + i*${t.elemStride}`);
  }
  const payload = slotsPerGroup * (r.l.key.slotSize + r.l.elem.slotSize);
  out.push(
    `  padding: ${l.paddingBytes} B in the group` +
      (l.slotPaddingBytes ? `, plus ${l.slotPaddingBytes} B inside the 8 keys and 8 elems themselves` : '') +
      `; control word 8 B, keys and elems ${payload} B`,
  );
  out.push(`  at full load (7 of 8 slots): ${l.bytesPerEntryAtFullLoad.toFixed(1)} B of group per entry, for ${l.key.slotSize + l.elem.slotSize} B of key and elem and 1 control byte`);
  out.push(`  m[k] = v calls ${assignName[t.assign]}`);
  return out;
}

function besideSection(r: SwissReport): string[] {
  const { l, classic } = r;
  const o = l.other;
  const otherName = o.layout === 'split' ? 'split group (Go 1.27, GOEXPERIMENT=mapsplitgroup): ctrl, 8 keys, 8 elems' : 'interleaved group (the default): ctrl, 8 key/elem slots';
  const diff = o.groupsize - l.type.groupsize;
  return [
    'beside it:',
    `  ${otherName}: ${o.groupsize} B, ${o.paddingBytes} B padding, ${(o.groupsize / 7).toFixed(1)} B per entry at full load` +
      (diff === 0 ? ' (the same size)' : ` (${Math.abs(diff)} B per group ${diff < 0 ? 'less' : 'more'})`),
    `  classic bucket (Go ≤ 1.23): tophash, 8 keys, 8 elems, overflow = ${classic.info.bucketsize} B, ${classic.paddingBytes} B padding, ` +
      `${(classic.info.bucketsize / classicLoad).toFixed(1)} B per entry at 6.5 per bucket`,
  ];
}

function objectNote(raw: number, alloc: number, pointers: boolean, ptrSize: 4 | 8): string {
  const header = pointers && raw > minSizeForMallocHeader(ptrSize) && raw <= maxSmallSize - mallocHeaderSize;
  const where = raw + (header ? mallocHeaderSize : 0) <= maxSmallSize ? 'its size class' : 'whole 8 KiB pages';
  const notes = [header ? `+ ${mallocHeaderSize}-byte malloc header` : '', alloc > raw + (header ? mallocHeaderSize : 0) ? `rounded up to ${where}` : ''].filter((x) => x);
  return notes.length ? `, ${notes.join(', ')}` : '';
}

function makeSection(r: SwissReport): string[] {
  const { l, m } = r;
  const t = l.type;
  const out = [`make(map[${t.key}]${t.elem}, ${m.hint}):`];
  const entryObjects = r.perEntry.objects > 0 ? `; each entry adds ${r.perEntry.bytes} B in ${r.perEntry.objects} object${r.perEntry.objects === 1 ? '' : 's'} of its own (indirect key/elem)` : '';
  if (m.dirLen === 0) {
    const group = r.firstInsert.bytes - r.perEntry.bytes;
    const own = r.perEntry.objects > 0 ? `; ${r.firstInsert.bytes} B with the entry's own objects` : '';
    out.push(`  small map: only the Map header; the first insert allocates one ${t.groupsize}-byte group (${group} B as allocated${own})`);
    out.push(`  the ${slotsPerGroup + 1}th distinct key turns it into a 16-slot table: directory, table, 2 groups = ${r.growToTable.bytes} B in ${r.growToTable.objects} objects${entryObjects}`);
  } else {
    const tables = m.dirSize === 1 ? 'one table' : `${m.dirSize} tables`;
    out.push(
      `  ${tables} of ${m.tableCapacity} slots (directory of ${m.dirLen}, globalDepth ${m.globalDepth}); holds ${m.capacity} entries before it grows` +
        ` (7/8 of each table; tables split above ${maxTableCapacity} slots)${entryObjects}`,
    );
  }
  const heap = [['Map header', `${m.headerBytes} B`, '']];
  if (m.dirLen > 0) {
    const rawGroups = (m.tableCapacity / slotsPerGroup) * t.groupsize;
    heap.push(['directory', `${m.directoryBytes} B`, `${m.dirLen} × ${t.ptrSize}-byte table pointers`]);
    heap.push(['table', `${m.tableBytes} B`, `× ${m.dirSize}`]);
    heap.push([
      'group array',
      `${m.groupArrayBytes} B`,
      `× ${m.dirSize}: ${m.tableCapacity / slotsPerGroup} groups × ${t.groupsize} B = ${rawGroups} B${objectNote(rawGroups, m.groupArrayBytes, t.groupPtrdata > 0, t.ptrSize)}`,
    ]);
  }
  heap.push(['total', `${m.allocBytes} B`, `${human(m.allocBytes)}in ${m.allocObjects} heap object${m.allocObjects === 1 ? '' : 's'}`]);
  out.push(...table(heap, [1]).map((s) => '  ' + s));
  if (m.hint > 0) out.push(`  ${(m.allocBytes / m.hint).toFixed(1)} B per entry at ${m.hint} entries`);
  return out;
}

/** What `gomap layout --runtime swiss` prints: JSON, or the report. */
export function swissLayoutText(key: GoType, elem: GoType, arch: GoArch, req: SwissLayoutRequest, hint: number, json: boolean): string {
  const r = report(key, elem, arch, req, hint);
  if (json) return JSON.stringify(swissJson(r), null, 2);
  const t = r.l.type;
  return [
    `map[${t.key}]${t.elem} on ${arch} (Go ${req.go} Swiss table${req.split ? ', GOEXPERIMENT=mapsplitgroup' : ''}; sizes as gc lays them out)`,
    '',
    slotLine('key', r.l.key, 'group'),
    slotLine('elem', r.l.elem, 'group'),
    '',
    ...groupSection(r),
    '',
    ...besideSection(r),
    '',
    ...makeSection(r),
  ].join('\n');
}
