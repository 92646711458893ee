/**
 * Hovers for modules whose maps are Swiss tables (Go 1.24+ `internal/runtime/maps`): map types
 * (the group with its slot layout and padding), `make` and literals (directory, tables, capacity,
 * exact heap bytes, when the map grows or splits), `delete` (tombstones or empty slots, growthLeft,
 * pruning on the fast assign paths only, no shrinking), `clear` (tables kept) and `range` (the two
 * random offsets). Every number comes from the Swiss model's own code (`src/core/swiss`), which is
 * checked against the real runtime; every hover names the runtime and the Go version it describes.
 */
import { GoArch } from '../maptype';
import { maxAvgGroupLoad, maxTableCapacity, slotsPerGroup } from '../swiss/constants';
import { SwissGroupLayout, swissGroupLayout } from '../swiss/layout';
import { SwissMakeAlloc, directoryBytes, firstInsertAlloc, groupArrayBytes, indirectObjects, swissMakeAlloc, tableBytes, valueObject } from '../swiss/makemap';
import { RuntimeChoice } from '../runtime/pick';
import { GoType, GoTypeError, bucketLayout, typeString } from '../types';
import { Construct, MapRef, MapT } from './constructs';
import { code, fmt1, fmtBytes, fmtInt, goBlock, humanBytes, plural } from './format';
import type { HoverOptions, Rendered } from './render';
import { Doc } from './doc';
import { aSized, linkFor, mapName, rebuildIdiom, sized } from './shared';
import { swissNilField, swissNilMap } from './swiss-nil';

function groupFor(map: MapT, arch: GoArch, rt: RuntimeChoice): SwissGroupLayout | GoTypeError {
  try {
    return swissGroupLayout(map.key, map.elem, arch, rt.swissVersion, { splitGroup: rt.splitGroup });
  } catch (e) {
    if (e instanceof GoTypeError) return e;
    throw e;
  }
}



/** The Swiss hover for a construct, or undefined for constructs that read the same on both runtimes. */
export function renderSwiss(c: Construct, opts: HoverOptions, rt: RuntimeChoice): Rendered | undefined {
  switch (c.kind) {
    case 'mapType':
      return withGroup(c.map, opts, rt, (g, doc) => mapTypeHover(c.type, c.map, g, doc, opts.goarch));
    case 'make':
      if (c.hint === undefined) return withGroup(c.map, opts, rt, (g, doc) => makeWithoutHint(c, g, doc));
      return withGroup(c.map, opts, rt, (g, doc) => makeHover(c, c.hint!, g, doc));
    case 'delete':
      return c.ref.map ? withGroup(c.ref.map, opts, rt, (g, doc) => deleteHover(c.ref, c.node.text, g, doc)) : undefined;
    case 'clear':
      return withGroup(c.ref.map, opts, rt, (g, doc) => clearHover(c.ref, g, doc));
    case 'range':
      return withGroup(c.ref.map, opts, rt, (g, doc) => rangeHover(c.ref, c.clause, c.deleteLoop, g, doc));
    case 'nilMap':
      return withGroup(c.ref.map, opts, rt, (g, doc) => swissNilMap(c, g, doc));
    case 'nilField':
      return withGroup(c.ref.map, opts, rt, (g, doc) => swissNilField(c, g, doc));
    default:
      return undefined;
  }
}

function withGroup(map: MapT, opts: HoverOptions, rt: RuntimeChoice, f: (g: SwissGroupLayout, doc: Doc) => string[] | void): Rendered | undefined {
  const g = groupFor(map, opts.goarch, rt);
  if (g instanceof GoTypeError) return undefined; // the classic renderer explains unresolved types
  const doc = new Doc(rt);
  f(g, doc);
  return { markdown: doc.toString(), figures: {} };
}

// ---- map types ----

function mapTypeHover(type: GoType, map: MapT, g: SwissGroupLayout, doc: Doc, arch: GoArch): void {
  const t = g.type;
  const name = type.kind === 'named' ? `${type.name} (${typeString(map)})` : typeString(map);
  const rows = g.regions.map((r) => `\t${r.name.padEnd(5)} ${r.type} // offset ${r.offset}, ${plural(r.size, 'byte')}${r.paddingBefore ? ` after ${r.paddingBefore} bytes of padding` : ''}`);
  doc.block([`type group struct { // ${name}: ${plural(t.groupsize, 'byte')}`, ...rows, '}']);
  const pad = g.paddingBytes > 0 ? ` (${plural(g.paddingBytes, 'byte')} of it padding)` : '';
  const sum = g.regions.map((r) => `${fmtInt(r.size + (r.paddingBefore ?? 0))} (${r.name})`).join(' + ');
  const sentences = [
    `A group holds 8 slots and their 8 control bytes (one per slot: ${code('ctrlEmpty')}, ${code('ctrlDeleted')} or the 7-bit h2 of its key's hash) ` +
      `in ${plural(t.groupsize, 'byte')} on ${arch}: ${sum}${pad}.`,
  ];
  if (g.slot) {
    const between = g.slot.paddingBetween ? `, ${plural(g.slot.paddingBetween, 'byte')} of padding between key and elem` : '';
    const after = g.slot.trailingPadding ? `, ${plural(g.slot.trailingPadding, 'byte')} after the elem${g.slot.zeroSizeFinalByte ? ' (a zero-size final field is padded)' : ''}` : '';
    const keySlot = g.slot.elemOff - g.slot.paddingBetween;
    const elemSlot = g.slot.size - g.slot.elemOff - g.slot.trailingPadding;
    sentences.push(`Each slot is a ${code(g.slot.type)} of ${plural(g.slot.size, 'byte')}: ${aSized(keySlot)} key and ${aSized(elemSlot)} elem${between}${after}.`);
  }
  for (const [role, s] of [['key', g.key], ['elem', g.elem]] as const) {
    if (s.indirect) sentences.push(`The ${role} (${plural(s.layout.size, 'byte')}) is over 128 bytes, so the slot stores a pointer to it: every entry allocates a separate ${sized(s.indirectObjectBytes)} object.`);
    else if (s.internalPadding > 0) sentences.push(`${code(s.type)} itself has ${plural(s.internalPadding, 'byte')} of padding per ${role}.`);
  }
  doc.para(...sentences);
  const classic = bucketLayout(map.key, map.elem, arch);
  doc.para(
    `At the maximum load (7 of every 8 slots full) groups cost ${fmt1(g.bytesPerEntryAtFullLoad)} bytes per entry (${fmtInt(t.groupsize)} ÷ 7).`,
    `The ${g.other.layout === 'split' ? 'split layout of Go 1.27 (GOEXPERIMENT=mapsplitgroup: 8 keys, then 8 elems)' : 'default interleaved layout'} would take ${plural(g.other.groupsize, 'byte')}` +
      `; the classic bucket of Go ≤ 1.23 takes ${plural(classic.info.bucketsize, 'byte')} for 8 entries.`,
    t.groupPtrdata === 0 ? 'No pointers in keys or elems: the GC never scans the groups.' : 'Keys or elems hold pointers, so the GC scans every group.',
    `${code('m[k] = v')} compiles to ${t.assign === 'slow' ? `${code('runtime.mapassign')}, the generic path (it never prunes tombstones)` : `${code(`runtime.mapassign_${t.assign}`)}, a fast path`}.`,
  );
  doc.raw(linkFor(map, 0));
}

// ---- make and literals ----

function makeHover(c: Extract<Construct, { kind: 'make' }>, hint: number, g: SwissGroupLayout, doc: Doc): void {
  const t = g.type;
  const f = swissMakeAlloc(t, hint);
  const summary = f.dirLen === 0 ? `small map, ${plural(f.allocBytes, 'byte')}` : `${plural(f.dirSize, 'table')} × ${fmtInt(f.tableCapacity)} slots, ${humanBytes(f.allocBytes)}`;
  const head = c.literal ? `${typeString(c.type)}{…} // ${plural(hint, 'entry', 'entries')}: ${summary}` : `${c.node.text.replace(/\s+/g, ' ')} // ${summary}`;
  doc.block([head]);
  const lit = c.literal ? `The compiler makes a literal of ${plural(hint, 'entry', 'entries')} with ${code(`make(${typeString(c.type)}, ${hint})`)}. ` : '';
  if (hint < 0) {
    doc.para(`A negative size does not compile (${code('negative size argument in make')}).`);
    return;
  }
  if (f.dirLen === 0) {
    const key = valueObject(c.map.key, t.goarch);
    const elem = valueObject(c.map.elem, t.goarch);
    const first = firstInsertAlloc(t, key, elem);
    const entry = indirectObjects(t, key, elem);
    const group = groupArrayBytes(t, slotsPerGroup);
    const role = t.indirectkey && t.indirectelem ? 'key and elem' : t.indirectkey ? 'key' : 'elem';
    const own = entry.objects > 0 ? ` and, the ${role} being over 128 bytes and stored indirectly, ${fmtBytes(entry.bytes)} for that entry's own ${role} object${entry.objects > 1 ? 's' : ''}, as every insert does` : '';
    const dir = directoryBytes(1, t.ptrSize);
    const table = tableBytes(t.ptrSize);
    const groups = groupArrayBytes(t, 2 * slotsPerGroup);
    doc.para(
      `${lit}For a hint of at most 8, NewMap allocates only the ${sized(f.headerBytes)} Map: a small map. The first insert allocates its one group` +
        `, ${fmtBytes(group)} for 8 slots${own}${first.objects > 1 ? ` (${fmtBytes(first.bytes)} in ${first.objects} objects)` : ''}; up to 8 entries live there with no table and no directory.`,
      `The 9th key turns it into a 16-slot table (${sized(dir)} directory + ${sized(table)} table + ${sized(groups)} array of 2 groups = ${fmtBytes(dir + table + groups)} more).`,
      'If the map does not escape, the compiler gives it a group on the stack instead.',
    );
  } else {
    const target = Math.floor((hint * slotsPerGroup) / maxAvgGroupLoad);
    const perTable = Math.floor(target / f.dirSize);
    const dir =
      f.dirSize === 1
        ? `That fits one table (at most ${fmtInt(maxTableCapacity)} slots), rounded up to a power of two: ${fmtInt(f.tableCapacity)} slots`
        : `That is more than one table's ${fmtInt(maxTableCapacity)} slots, so the directory gets ${fmtInt(f.dirSize)} entries ` +
          `(${fmtInt(target)} ÷ ${fmtInt(maxTableCapacity)} rounded up to a power of two; global depth ${f.globalDepth} = log2 ${fmtInt(f.dirSize)}), ` +
          `one table each of ${fmtInt(target)} ÷ ${fmtInt(f.dirSize)} = ${fmtInt(perTable)} slots rounded up to a power of two: ${fmtInt(f.tableCapacity)}`;
    doc.para(
      `${lit}NewMap sizes it for ${fmtInt(hint)} × 8/7 = ${fmtInt(target)} slots (a table is full at 7/8). ${dir}` +
        ` (${fmtInt(f.tableCapacity / slotsPerGroup)} groups of ${t.groupsize} bytes, ${heapGroups(f, t.groupsize)}).`,
      `Heap: ${heapSum(f)} in ${plural(f.allocObjects, 'object')} (the Map, the directory, and a table struct and group array per table).`,
    );
    const full = f.tableCapacity * maxAvgGroupLoad / slotsPerGroup;
    doc.para(
      `Each table takes ${fmtInt(full)} entries (7/8 of its ${fmtInt(f.tableCapacity)} slots: its growthLeft) before it grows: ${f.tableCapacity < maxTableCapacity ? `it rehashes to ${fmtInt(2 * f.tableCapacity)} slots, doubling up to ${fmtInt(maxTableCapacity)}, then` : `at ${fmtInt(maxTableCapacity)} slots it`} splits in two by one more hash bit, doubling the directory when its local depth reaches the global depth.`,
      f.dirSize > 1 ? `So ${fmtInt(f.dirSize * full)} entries (${fmtInt(f.dirSize)} × ${fmtInt(full)}) fit without any growth if the hash spreads them evenly.` : undefined,
    );
  }
  doc.raw(linkFor(c.map, hint));
}

/** `128 × 328 = 41,984 bytes, rounded up by malloc to 49,152`: one table's group array. */
function heapGroups(f: SwissMakeAlloc, groupsize: number): string {
  const raw = (f.tableCapacity / slotsPerGroup) * groupsize;
  return raw === f.groupArrayBytes ? `${fmtBytes(raw)} per table` : `${fmtInt(f.tableCapacity / slotsPerGroup)} × ${groupsize} = ${fmtInt(raw)} bytes, rounded up by malloc to ${fmtBytes(f.groupArrayBytes)} per table`;
}

/** `48-byte Map + 16-byte directory + 2 × (32-byte table + 49,152 bytes of groups) = **98,432 bytes**`. */
function heapSum(f: SwissMakeAlloc): string {
  return (
    `${sized(f.headerBytes)} Map + ${sized(f.directoryBytes)} directory (${plural(f.dirSize, 'table pointer')}) + ` +
    `${fmtInt(f.dirSize)} × (${sized(f.tableBytes)} table + ${fmtBytes(f.groupArrayBytes)} of groups) = **${fmtBytes(f.allocBytes)}**`
  );
}

/** Growth without a hint: exact up to one full table, then tables of 1024 slots split as entries arrive. */
function makeWithoutHint(c: Extract<Construct, { kind: 'make' }>, g: SwissGroupLayout, doc: Doc): void {
  const t = g.type;
  const header = swissMakeAlloc(t, 0).allocBytes;
  const head = c.dynamicHint ? `make(${typeString(c.type)}, ${c.dynamicHint.text}) // hint known at run time` : `make(${typeString(c.type)}) // ${plural(header, 'byte')} now`;
  doc.block([head]);
  doc.para(
    c.dynamicHint
      ? 'The hint is not a constant, so NewMap sizes the directory at run time (hint × 8/7 slots, tables of at most 1024). Without a good hint, growing costs this:'
      : `Only the ${sized(header)} Map header is allocated; the first insert adds one group (a small map of up to 8 entries), the 9th turns it into a 16-slot table, ` +
          `and a table rehashes to twice its capacity each time 7/8 of its slots are used, up to ${fmtInt(maxTableCapacity)} slots; then it splits in two.`,
  );
  const rows = ['| entries | tables | rehashes and splits on the way | `make(…, entries)` instead |', '|---:|---:|---:|---:|'];
  for (const n of [1_000, 10_000, 1_000_000]) {
    const presized = swissMakeAlloc(t, n);
    // Growth from 16 slots to 1024 takes 6 rehashes; after that each split makes 2 tables of one.
    const tables = n <= 896 ? 1 : 2 ** Math.ceil(Math.log2(n / 896));
    const rehashes = Math.min(6, Math.ceil(Math.log2(Math.max(16, n) / 14))) + (tables - 1);
    rows.push(`| ${fmtInt(n)} | about ${fmtInt(tables)} | about ${fmtInt(rehashes)} | ${humanBytes(presized.allocBytes)} |`);
  }
  doc.raw(rows.join('\n'));
  const full = (maxTableCapacity * maxAvgGroupLoad) / slotsPerGroup;
  doc.para(
    `Tables: about entries ÷ ${fmtInt(full)} (7/8 of ${fmtInt(maxTableCapacity)} slots), rounded up to a power of two; above ${fmtInt(full)} entries the exact count depends on how the hash spreads the keys.`,
    `Rehashes: 16 → 32 → … → ${fmtInt(maxTableCapacity)} slots is at most 6, then each split adds one table.`,
    'Every rehash and split re-inserts each entry of the table into new group arrays; a hint allocates once (last column, Map header included), with no rehash on the way.',
  );
  doc.raw(linkFor(c.map, 0));
}

// ---- delete, clear, range ----


function deleteHover(ref: MapRef, call: string, g: SwissGroupLayout, doc: Doc): void {
  const t = g.type;
  const name = mapName(ref);
  doc.block([`${call.replace(/\s+/g, ' ')} // an empty slot or a tombstone; memory stays`]);
  doc.para(
    `delete probes for the key like a lookup. If the key's group still has an empty slot, nothing probes past it, so the slot becomes empty (${code('ctrlEmpty')}) and the table's growthLeft goes back up;`,
    `otherwise it becomes a tombstone (${code('ctrlDeleted')}): lookups keep probing past it, a later insert may reuse it, and it still counts against growthLeft.`,
    'In a small map (≤ 8 entries) the slot is simply emptied. Deleting the last key gives the map a new seed; deleting a missing key, or from a nil map, does nothing.',
  );
  doc.para(
    t.assign === 'slow'
      ? `When an insert finds growthLeft at 0, ${code('m[k] = v')} for this key type is the generic ${code('runtime.mapassign')}, which never prunes tombstones: the table rehashes at once.`
      : `When an insert finds growthLeft at 0, ${code(`runtime.mapassign_${t.assign}`)} first prunes tombstones no probe needs, if they are at least 10% of the table's capacity; otherwise the table rehashes.`,
    'Tables never shrink: the directory and every group array stay allocated however many keys are deleted. To give the memory back, copy the survivors into a new map:',
  );
  doc.raw(goBlock(rebuildIdiom(name, ref.map)));
  const peak = ref.madeWithHint && ref.madeWithHint >= 1000 ? ref.madeWithHint : 1_000_000;
  const kept = swissMakeAlloc(t, peak);
  const survivors = Math.max(8, Math.floor(peak / 100));
  const rebuilt = swissMakeAlloc(t, survivors);
  doc.para(
    `${peak === ref.madeWithHint ? `Made with a hint of ${fmtInt(peak)}, it keeps` : `A map sized for ${fmtInt(peak)} entries keeps`} its directory and ${tablesPhrase(kept)} (${fmtBytes(kept.allocBytes)}, Map header included) however many are deleted;` +
      ` rebuilt for ${fmtInt(survivors)} survivors (1% of ${fmtInt(peak)}) it would take ${fmtBytes(rebuilt.allocBytes)} for ${tablesPhrase(rebuilt)}, saving ${humanBytes(kept.allocBytes - rebuilt.allocBytes)}.`,
  );
  if (ref.map) doc.raw(linkFor(ref.map, ref.madeWithHint ?? 0));
}

/** `2 tables of 1,024 slots`, `one 16-slot table`, or `a small map's one group`. */
function tablesPhrase(f: SwissMakeAlloc): string {
  if (f.dirSize === 0) return "a small map's one group";
  return f.dirSize === 1 ? `one ${fmtInt(f.tableCapacity)}-slot table` : `${fmtInt(f.dirSize)} tables of ${fmtInt(f.tableCapacity)} slots`;
}

function clearHover(ref: MapRef & { map: MapT }, g: SwissGroupLayout, doc: Doc): void {
  const name = mapName(ref);
  doc.block([`clear(${name}) // used = 0, tables kept`]);
  doc.para(
    `clear empties every table in place: all control bytes become ${code('ctrlEmpty')}, used goes to 0, each table's growthLeft is restored (tombstones included),`,
    'tombstonePossible is reset, clearSeq is bumped and the map gets a new seed. The directory and every group array stay (the same memory); a small map keeps its group.',
    'Clearing a map that is empty and has no tombstones does nothing at all.',
  );
  if (ref.madeWithHint !== undefined && ref.madeWithHint > 8) {
    const f = swissMakeAlloc(g.type, ref.madeWithHint);
    doc.para(`Made with a hint of ${fmtInt(ref.madeWithHint)}, ${code(name)} keeps its directory and ${tablesPhrase(f)} after clear: all it allocated but the ${sized(f.headerBytes)} Map header, ${fmtBytes(f.allocBytes - f.headerBytes)}.`);
  }
  doc.para(`To release the memory instead, drop the map: ${code(`${name} = nil`)} or ${code(`${name} = make(${typeString(ref.map)})`)}.`);
  doc.raw(linkFor(ref.map, ref.madeWithHint ?? 0));
}

function rangeHover(ref: MapRef & { map: MapT }, clause: string, deleteLoop: boolean, g: SwissGroupLayout, doc: Doc): void {
  const name = mapName(ref);
  doc.block([`for ${clause.replace(/\s+/g, ' ')} // two random offsets, no fixed order`]);
  doc.para(
    `Each range draws two random numbers (Iter.Init): ${code('dirOffset')} picks the directory entry to start from (moved back to its table's first entry) and ${code('entryOffset')} the slot each table starts at;`,
    'tables are visited once each in directory order, wrapping around, and a small map\'s 8 slots from entryOffset % 8. So the order changes from run to run by design.',
    'Deleting during the loop is safe; entries added may or may not be visited. If a table grows or splits meanwhile, the iterator keeps the old table\'s order and looks each key up in the new one.',
  );
  const big = swissMakeAlloc(g.type, 1_000_000);
  doc.para(`A range visits every slot of every table, so its cost follows the capacity, not ${code(`len(${name})`)}: a map sized for 1,000,000 entries walks ${fmtInt(big.dirSize * big.tableCapacity)} slots (${tablesPhrase(big)}) even after most keys are deleted.`);
  if (deleteLoop) {
    doc.para(`This loop deletes every key: the compiler turns it into one ${code('clear')} of the map, which keeps the tables. To release them, replace the loop with ${code(`${name} = make(${typeString(ref.map)})`)}.`);
  }
  doc.raw(linkFor(ref.map, ref.madeWithHint ?? 0));
}
