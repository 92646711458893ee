/**
 * Markdown for each construct, in the manner of gopls: a short Go code block first, then a few
 * plain sentences with the numbers (and their units) for these exact types, hint and GOARCH, then
 * the link that opens the panel. Sentences name the runtime's own terms (B, emptyOne, emptyRest,
 * evacuate, mapclear) so a reader can find them in `runtime/map.go`.
 */
import { GoArch, MapTypeInfo } from '../maptype';
import { GoType, GoTypeError, typeString } from '../types';
import { BucketLayout, bucketLayout } from '../types/bucket';
import { bucketShift, bucketsLog2ForHint } from '../classic/makemap';
import { Construct, GoroutineWrite, MapRef, MapT } from './constructs';
import { GrowthFigures, MakeFigures, bucketArrayBytes, growthFigures, makeFigures, nextGrowthCount, perEntryFigures, structReorders } from './figures';
import { code, fmt1, fmtBytes, fmtInt, goBlock, humanBytes, inspectLink, plain, plural } from './format';
import { goAtLeast, newestGoVersion } from './gomod';
import { RuntimeChoice, pickRuntime } from '../runtime/pick';
import { renderSwiss } from './swiss';
import { Doc } from './doc';
import { aSized, linkFor, mapName, nilReadsAndWrites, pointerSized, rebuildIdiom, sized, writesSentence } from './shared';

export interface HoverOptions {
  goarch: GoArch;
  /** The `go` line of go.mod (language version), e.g. `1.22`. */
  goVersion?: string;
  /** The `toolchain` line of go.mod without `go`, e.g. `1.24.1`. */
  toolchain?: string;
  /** Entry counts for "what growing costs" (default 1,000, 10,000 and 1,000,000). */
  growthSizes?: readonly number[];
  /**
   * The runtime the module builds with and why (`runtime/pick.ts`, from go.mod, GOEXPERIMENT and
   * the settings). Without it, it is derived from `goVersion`/`toolchain` when either is given,
   * else the hover describes the classic map without naming a runtime (the core API's old default).
   */
  runtime?: RuntimeChoice;
}

/** The runtime a hover describes: `opts.runtime`, or the one go.mod's lines imply. */
export function hoverRuntime(opts: HoverOptions): RuntimeChoice | undefined {
  if (opts.runtime) return opts.runtime;
  if (opts.goVersion === undefined && opts.toolchain === undefined) return undefined;
  const lines = [opts.goVersion && `go ${opts.goVersion}`, opts.toolchain && `toolchain go${opts.toolchain}`].filter(Boolean).join('\n');
  return pickRuntime({ goMod: { path: 'go.mod', text: lines } });
}

/** The structured figures behind a hover (tests and the CLI's --json read them). */
export interface HoverFigures {
  layout?: BucketLayout;
  make?: MakeFigures;
  growth?: GrowthFigures[];
}

export interface Rendered {
  markdown: string;
  figures: HoverFigures;
}

/** One map type's layout, or the reason there is none. */
function layoutFor(map: MapT, arch: GoArch): BucketLayout | GoTypeError {
  try {
    return bucketLayout(map.key, map.elem, arch);
  } catch (e) {
    if (e instanceof GoTypeError) return e;
    throw e;
  }
}

function mapString(type: GoType | undefined, map: MapT): string {
  return type && type.kind === 'named' ? `${type.name} (${typeString(map)})` : typeString(map);
}


export function render(c: Construct, opts: HoverOptions): Rendered | undefined {
  const rt = hoverRuntime(opts);
  // Decided once: the renderers below ask `hoverRuntime(opts)` again and get it back at once.
  if (rt && !opts.runtime) opts = { ...opts, runtime: rt };
  if (rt?.runtime === 'swiss') {
    const swiss = renderSwiss(c, opts, rt);
    if (swiss) return swiss;
  }
  switch (c.kind) {
    case 'mapType':
      return renderMapType(c.type, c.map, opts);
    case 'unresolvedMapType':
      return renderUnresolved(c.node.text, c.error, opts, c);
    case 'make':
      return renderMake(c, opts);
    case 'delete':
      return renderDelete(c.ref, c.node.text, c.goroutine, opts);
    case 'clear':
      return renderClear(c.ref, opts);
    case 'range':
      return renderRange(c.ref, c.clause, c.deleteLoop, opts);
    case 'nilMap':
      return renderNilMap(c, opts);
    case 'nilField':
      return renderNilField(c, opts);
    case 'syncMap':
      return renderSyncMap(opts);
    case 'goroutineWrite':
      return renderGoroutineWrite(c.ref, c.write, opts);
  }
}

// ---- map types ----

function regionLines(l: BucketLayout): string[] {
  const names = { topbits: 'tophash', keys: 'keys', elems: 'elems', overflow: 'overflow' } as const;
  const rows = l.regions.map((r) => ({
    name: names[r.name],
    type: r.name === 'overflow' ? r.type : r.type,
    note: `// offset ${r.offset}, ${plural(r.size, 'byte')}${r.paddingBefore ? ` after ${r.paddingBefore} bytes of padding` : ''}`,
  }));
  const nw = Math.max(...rows.map((r) => r.name.length));
  const tw = Math.max(...rows.map((r) => r.type.length));
  return rows.map((r) => `\t${r.name.padEnd(nw)} ${r.type.padEnd(tw)} ${r.note}`);
}

function layoutSentences(l: BucketLayout, map: MapT, arch: GoArch): string[] {
  const t = l.info;
  const out: string[] = [];
  const pad = l.paddingBytes > 0 ? ` + ${fmtInt(l.paddingBytes)} of padding` : '';
  out.push(
    `A bucket (bmap) holds 8 entries in ${plural(t.bucketsize, 'byte')} on ${arch}: ${l.regions.map((r) => fmtInt(r.size)).join(' + ')}${pad} for its 8 tophash bytes ` +
      `(the top 8 bits of each key's hash), 8 keys, 8 elems and the pointer to its overflow bucket.`,
  );
  if (l.interleaved.savedPerBucket > 0) {
    out.push(
      `Keys and elems are stored in separate arrays: interleaved ${code('{key, elem}')} pairs would need ` +
        `${plural(l.interleaved.pairPadding, 'byte')} of padding each, ${aSized(l.interleaved.bucketsize)} bucket.`,
    );
  }
  for (const [role, s] of [['key', l.key], ['elem', l.elem]] as const) {
    if (s.indirect) {
      out.push(
        `The ${role} (${plural(s.layout.size, 'byte')}) is over 128 bytes, so the bucket stores a pointer to it ` +
          `(indirect${role}): every entry allocates a separate ${sized(s.indirectObjectBytes)} object.`,
      );
    }
  }
  for (const r of structReorders(l, map.key, map.elem, arch)) {
    const as = r.roles.length === 2 ? ' (as key and elem)' : '';
    const per = 8 * r.roles.length * (r.size - r.optimalSize) === r.savedPerBucket ? ` (${8 * r.roles.length} × ${r.size - r.optimalSize})` : '';
    out.push(
      `${code(typeString(r.type))} has padding: in the order ${r.order.map(code).join(', ')} it takes ${r.optimalSize} bytes instead of ` +
        `${r.size}, and the bucket ${plural(r.bucketsize, 'byte')}${as}: ${r.savedPerBucket} bytes less per bucket${per}.`,
    );
  }
  out.push(
    t.bucketPtrdata === 0
      ? 'No pointers in keys or elems: the GC never scans the buckets (overflow buckets are kept alive through `hmap.extra`).'
      : 'Keys or elems hold pointers, so the GC scans every bucket.',
  );
  return out;
}

function perEntrySentence(l: BucketLayout): string {
  const p = perEntryFigures(l.info);
  const old = bucketArrayBytes(l.info, p.B);
  const next = bucketArrayBytes(l.info, p.B + 1);
  const objects = [l.key, l.elem].filter((s) => s.indirect).map((s) => s.indirectObjectBytes);
  const extra = objects.length ? ` Each entry also has its own ${objects.map((b) => sized(b)).join(' and ')} object${objects.length > 1 ? 's' : ''}.` : '';
  return (
    `Bytes per entry in buckets, for a large map (B = ${p.B}: ${plural(bucketShift(p.B), 'bucket')}, ` +
    `full at 6.5 × 2^${p.B} = ${fmtInt(p.before)} entries, 6.5 being the load factor): ${fmt1(p.perEntryBefore)} just before it grows ` +
    `(its bucket array of ${fmtBytes(old)}, preallocated overflow buckets included, ÷ ${fmtInt(p.before)}), ` +
    `${fmt1(p.perEntryAfter)} once it has grown to B = ${p.B + 1} (the new array of ${fmtBytes(next)} alone, 3.25 entries per bucket), ` +
    `${fmt1(p.perEntryDuring)} while the old buckets are still being evacuated (both arrays). ` +
    `Of that, the key and elem take ${plural(p.payload, 'byte')} (${l.info.keysize} + ${l.info.elemsize}); the rest is tophash bytes, overflow pointers, padding and empty slots.${extra}`
  );
}

export function renderMapType(type: GoType, map: MapT, opts: HoverOptions): Rendered {
  const l = layoutFor(map, opts.goarch);
  if (l instanceof GoTypeError) return renderUnresolved(typeString(map), l, opts);
  const doc = new Doc(hoverRuntime(opts)).block([`type bmap struct { // ${mapString(type, map)}: ${plural(l.info.bucketsize, 'byte')}`, ...regionLines(l), '}']);
  doc.para(...layoutSentences(l, map, opts.goarch));
  doc.para(perEntrySentence(l));
  doc.raw(linkFor(map, 0));
  return { markdown: doc.toString(), figures: { layout: l } };
}

function renderUnresolved(
  text: string,
  error: GoTypeError,
  opts: HoverOptions,
  c?: { typeParam?: string; hint?: number },
): Rendered {
  const doc = new Doc(hoverRuntime(opts)).block([c?.hint !== undefined ? `make(${text.replace(/\s+/g, ' ')}, ${c.hint})` : text.replace(/\s+/g, ' ')]);
  if (c?.typeParam) {
    doc.para(
      `No layout here: ${code(c.typeParam)} is a type parameter, so the bucket size depends on each instantiation.`,
      'Hover a map with concrete types, or open the panel with them.',
    );
  } else {
    const imported = /^undefined: \w+\.\w+/.test(error.message);
    doc.para(
      `No layout: ${plain(error.message)}.`,
      imported ? 'Types from other packages are not known to the hover yet; open the panel with the type spelled out.' : undefined,
    );
  }
  if (c?.hint !== undefined && c.hint > 8) {
    // B depends only on the hint (the bucket size matters only for hints near the address space).
    const B = bucketsLog2ForHint({ bucketsize: 8, ptrSize: 8 }, c.hint);
    doc.para(
      `Whatever the types, makemap picks B = ${B} for a hint of ${fmtInt(c.hint)} (the smallest B with ${fmtInt(c.hint)} ≤ 6.5 × 2^B): ${plural(bucketShift(B), 'bucket')}` +
        `${B >= 4 ? ` plus at least 2^(B−4) = ${plural(bucketShift(B - 4), 'preallocated overflow bucket')}` : ''}, growing when the ${ordinal(nextGrowthCount(B))} entry is inserted.`,
    );
  }
  return { markdown: doc.toString(), figures: {} };
}

// ---- make ----

function makeSummary(f: MakeFigures): string {
  if (f.buckets === 0) return `B = 0, no buckets yet, ${plural(f.allocBytes, 'byte')}`;
  const over = f.overflow > 0 ? ` + ${fmtInt(f.overflow)} overflow` : '';
  return `B = ${f.B}, ${plural(f.buckets, 'bucket')}${over}, ${humanBytes(f.allocBytes)}`;
}

function renderMake(c: Extract<Construct, { kind: 'make' }>, opts: HoverOptions): Rendered {
  const l = layoutFor(c.map, opts.goarch);
  const written = c.literal ? `${typeString(c.type)}{…} // ${plural(c.hint ?? 0, 'entry', 'entries')}` : '';
  if (l instanceof GoTypeError) return renderUnresolved(written || typeString(c.type), l, opts);
  const t = l.info;
  if (c.hint === undefined) return renderMakeWithoutHint(c, l, opts);
  const f = makeFigures(t, c.hint);
  const head = c.literal ? written.replace(/\/\/.*/, `// ${makeSummary(f)}`) : `${c.node.text.replace(/\s+/g, ' ')} // ${makeSummary(f)}`;
  const doc = new Doc(hoverRuntime(opts)).block([head]);
  const lit = c.literal ? `The compiler makes a literal of ${plural(c.hint, 'entry', 'entries')} with ${code(`make(${typeString(c.type)}, ${c.hint})`)}. ` : '';
  if (c.hint < 0) {
    doc.para(`A negative size does not compile (${code('negative size argument in make')}).`);
    return { markdown: doc.toString(), figures: { layout: l } };
  }
  if (f.buckets === 0) {
    const objects = (['key', 'elem'] as const).filter((r) => l[r].indirect).map((r) => `${sized(l[r].indirectObjectBytes)} ${r}`);
    doc.para(
      `${lit}For a hint of at most 8, ${code('makemap_small')} allocates only the ${sized(f.hmapBytes)} hmap (B = 0); the first insert ` +
        `allocates one ${sized(t.bucketsize)} bucket for 8 entries (${fmtBytes(f.hmapBytes + bucketArrayBytes(t, 0))} in all).`,
      objects.length ? `Each entry also allocates its own ${objects.join(' and ')} object${objects.length > 1 ? 's' : ''} (over 128 bytes, it is stored indirectly).` : undefined,
      `The map grows to 2 buckets when the ${ordinal(f.nextGrowth)} entry is inserted (a bucket holds 8).`,
      'If the map does not escape, the compiler puts the hmap and its first bucket on the stack instead.',
    );
  } else {
    const base = f.B >= 4 ? bucketShift(f.B - 4) : 0;
    const asked = (f.buckets + base) * t.bucketsize;
    const slack = f.arrayBytes - (f.buckets + f.overflow) * t.bucketsize;
    const prealloc = base > 0 ? `, plus 2^(B−4) = ${plural(base, 'overflow bucket')} for collisions` : '';
    const rounding =
      f.overflow > base
        ? ` malloc rounds the ${fmtInt(asked)}-byte array (${fmtInt(f.buckets + base)} × ${t.bucketsize}) up to its size class, ${fmtBytes(f.arrayBytes)}, ` +
          `and makemap fills the slack with ${fmtInt(f.overflow - base)} more overflow buckets: ${fmtInt(f.overflow)} in all.`
        : ` That is one array of ${fmtBytes(f.arrayBytes)}${slack > 0 ? ` (malloc's size class leaves ${plural(slack, 'byte')} of it unused)` : ''}.`;
    doc.para(
      `${lit}makemap picks B = ${f.B}, the smallest B with ${fmtInt(c.hint)} ≤ 6.5 × 2^B (6.5 entries per bucket is the load factor): ` +
        `2^${f.B} = ${plural(f.buckets, 'bucket')} of ${t.bucketsize} bytes${prealloc}.${rounding}`,
      `Heap: ${sized(f.hmapBytes)} hmap + ${fmtBytes(f.arrayBytes)} of buckets${f.extraBytes ? ` + ${f.extraBytes}-byte mapextra (it tracks the overflow buckets)` : ''} = ` +
        `**${fmtBytes(f.allocBytes)}**.`,
    );
    const next = bucketArrayBytes(t, f.B + 1);
    doc.para(
      `It holds 6.5 × ${fmtInt(f.buckets)} = ${fmtInt(f.nextGrowth - 1)} entries without growing; inserting the ${ordinal(f.nextGrowth)} ` +
        `doubles it to B = ${f.B + 1}, ${plural(f.buckets * 2, 'bucket')} (another ${sized(next)} array${next >= 10 * 1024 ? `, ${humanBytes(next)}` : ''}, allocated while the old one is evacuated).`,
    );
  }
  doc.raw(linkFor(c.map, c.hint));
  return { markdown: doc.toString(), figures: { layout: l, make: f } };
}


function ordinal(n: number): string {
  const s = fmtInt(n);
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return s + 'th';
  return s + (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
}

function renderMakeWithoutHint(c: Extract<Construct, { kind: 'make' }>, l: BucketLayout, opts: HoverOptions): Rendered {
  const t = l.info;
  const sizes = opts.growthSizes ?? [1_000, 10_000, 1_000_000];
  const growth = sizes.map((n) => growthFigures(t, n));
  const f = makeFigures(t, 0);
  const head = c.dynamicHint
    ? `make(${typeString(c.type)}, ${c.dynamicHint.text}) // hint known at run time`
    : `make(${typeString(c.type)}) // ${plural(f.allocBytes, 'byte')} now, buckets as it grows`;
  const doc = new Doc(hoverRuntime(opts)).block([head]);
  doc.para(
    c.dynamicHint
      ? `The hint is not a constant, so B is chosen at run time: the smallest B with hint ≤ 6.5 × 2^B. Without a good hint, growing costs this:`
      : `Only the ${sized(f.hmapBytes)} hmap is allocated; the first insert adds ${aSized(t.bucketsize)} bucket (B = 0) and the map doubles ` +
          'its buckets (B + 1) each time it passes 6.5 entries per bucket (8 in the single bucket of B = 0), evacuating every entry to the new array. Growing to:',
  );
  const rows = [
    '| entries | B (2^B buckets) | growths | all bucket arrays allocated | final bucket array | `make(…, entries)` instead |',
    '|---:|---:|---:|---:|---:|---:|',
    ...growth.map(
      (g) =>
        `| ${fmtInt(g.entries)} | ${g.B} | ${g.growths} | ${humanBytes(g.allocatedBytes)} | ${humanBytes(g.finalArrayBytes)} | ${humanBytes(g.presizedBytes)} |`,
    ),
  ];
  doc.raw(rows.join('\n'));
  const big = growth[growth.length - 1];
  if (big) {
    const counts = Array.from({ length: big.B }, (_, b) => fmtInt(nextGrowthCount(b) - 1));
    const sum = counts.length > 4 ? [...counts.slice(0, 3), '…', counts[counts.length - 1]] : counts;
    doc.para(
      `Each growth allocates an array twice as large (the third column adds them up, the first bucket included) and keeps only the last (fourth column). ` +
        `Reaching ${fmtInt(big.entries)} entries copies ${fmtInt(big.evacuated)} entries during evacuation (the entries present at each growth: ${sum.join(' + ')}); ` +
        `${code(`make(${typeString(c.type)}, ${big.entries})`)} allocates once, hmap included (last column), and never grows on the way (collision overflow buckets not counted).`,
    );
  }
  doc.raw(linkFor(c.map, 0));
  return { markdown: doc.toString(), figures: { layout: l, make: f, growth } };
}

// ---- delete, clear, range ----


/** A map of `peak` entries emptied down to `survivors`: what stays and what a rebuild would take. */
function rebuildSentence(t: MapTypeInfo, peak: number, survivors: number, made: boolean): string {
  const kept = makeFigures(t, peak);
  const rebuilt = makeFigures(t, survivors);
  const what = made ? `Made with a hint of ${fmtInt(peak)} (B = ${kept.B}), it keeps` : `A map made for ${fmtInt(peak)} entries (B = ${kept.B}) keeps`;
  return (
    `${what} ${bucketsPhrase(kept)} (${fmtBytes(kept.allocBytes)}, hmap included) however many are deleted; ` +
    `rebuilt for ${fmtInt(survivors)} survivors (1% of ${fmtInt(peak)}) it would take ${fmtBytes(rebuilt.allocBytes)} at B = ${rebuilt.B}, saving ${humanBytes(kept.allocBytes - rebuilt.allocBytes)}.`
  );
}

/** `its 256 buckets and 36 preallocated overflow buckets`. */
function bucketsPhrase(f: MakeFigures): string {
  return `its ${plural(f.buckets, 'bucket')}${f.overflow > 0 ? ` and ${plural(f.overflow, 'preallocated overflow bucket')}` : ''}`;
}


function renderDelete(ref: MapRef, call: string, g: GoroutineWrite | undefined, opts: HoverOptions): Rendered {
  const name = mapName(ref);
  const l = ref.map ? layoutFor(ref.map, opts.goarch) : undefined;
  const layout = l instanceof GoTypeError ? undefined : l;
  const doc = new Doc(hoverRuntime(opts)).block([`${call.replace(/\s+/g, ' ')} // slot marked emptyOne; memory stays`]);
  const clears = layout
    ? layout.key.layout.ptrdata > 0 || layout.info.indirectkey
      ? 'The key and elem are cleared so the GC can free what they point to'
      : 'The elem is cleared (the key bytes stay: they hold no pointers)'
    : 'The key and elem are cleared where they hold pointers';
  doc.para(
    `delete finds the key and marks its slot ${code('emptyOne')}; if no live entry follows in the bucket chain, the slot and the empty ones`,
    `before it become ${code('emptyRest')}, which lets later lookups stop early. ${clears}. Deleting a missing key, or from a nil map, does nothing.`,
    'When the count drops to 0 the map gets a new hash seed.',
  );
  doc.para(
    `The map never shrinks: its buckets stay allocated even when every key is gone (${'[golang/go#20135](https://github.com/golang/go/issues/20135)'}),`,
    'and a later growth is only triggered by inserts. To give the memory back, copy the survivors into a new map:',
  );
  doc.raw(goBlock(rebuildIdiom(name, ref.map)));
  if (layout) {
    const peak = ref.madeWithHint && ref.madeWithHint >= 1000 ? ref.madeWithHint : 1_000_000;
    doc.para(rebuildSentence(layout.info, peak, Math.max(8, Math.floor(peak / 100)), peak === ref.madeWithHint));
  }
  if (g) doc.para(goroutineSentence(name, g));
  if (ref.map) doc.raw(linkFor(ref.map, ref.madeWithHint ?? 0));
  return { markdown: doc.toString(), figures: layout ? { layout } : {} };
}

function renderClear(ref: MapRef & { map: MapT }, opts: HoverOptions): Rendered {
  const name = mapName(ref);
  const l = layoutFor(ref.map, opts.goarch);
  const doc = new Doc(hoverRuntime(opts)).block([`clear(${name}) // count = 0, buckets kept`]);
  if (opts.goVersion && !goAtLeast(opts.goVersion, 1, 21)) {
    doc.para(`${code('clear')} is a builtin from Go 1.21; go.mod says ${code(`go ${opts.goVersion}`)}, so this does not compile there.`);
  }
  doc.para(
    `clear (mapclear) deletes every entry at once: every tophash becomes ${code('emptyRest')}, the bucket array is zeroed, count and`,
    'noverflow go to 0, a growth in progress is dropped, and the map gets a new hash seed.',
    `B and the bucket array stay, with their preallocated overflow buckets; other overflow buckets become garbage.`,
  );
  if (!(l instanceof GoTypeError) && ref.madeWithHint !== undefined && ref.madeWithHint > 8) {
    const f = makeFigures(l.info, ref.madeWithHint);
    doc.para(`Made with a hint of ${fmtInt(ref.madeWithHint)} (B = ${f.B}), ${code(name)} keeps ${bucketsPhrase(f)} after clear: an array of ${fmtBytes(f.arrayBytes)}.`);
  }
  doc.para(`To release the memory instead, drop the map: ${code(`${name} = nil`)} or ${code(`${name} = make(${typeString(ref.map)})`)}.`);
  doc.raw(linkFor(ref.map, ref.madeWithHint ?? 0));
  return { markdown: doc.toString(), figures: l instanceof GoTypeError ? {} : { layout: l } };
}

function renderRange(ref: MapRef & { map: MapT }, clause: string, deleteLoop: boolean, opts: HoverOptions): Rendered {
  const name = mapName(ref);
  const l = layoutFor(ref.map, opts.goarch);
  const doc = new Doc(hoverRuntime(opts)).block([`for ${clause.replace(/\s+/g, ' ')} // random start, no fixed order`]);
  doc.para(
    'Each range starts at a random bucket and a random slot offset (fastrand), so the order changes from run to run by design.',
    'Entries added during the loop may or may not be visited; entries deleted before they are reached are not.',
    'Deleting during the loop is safe. If the map grows meanwhile, the iterator keeps walking the old bucket order and checks the new buckets.',
  );
  if (!(l instanceof GoTypeError)) {
    const big = makeFigures(l.info, 1_000_000);
    doc.para(
      `A range visits every bucket, so its cost follows the bucket count (2^B), not ${code(`len(${name})`)}: a map that once held 1,000,000 entries`,
      `(B = ${big.B}, the smallest B with 1,000,000 ≤ 6.5 × 2^B) still walks its 2^${big.B} = ${plural(big.buckets, 'bucket')} after most are deleted.`,
    );
  }
  if (deleteLoop) {
    doc.para(
      `This loop deletes every key: the compiler turns it into one ${code('mapclear')} call (like ${code(`clear(${name})`)}), which keeps the buckets.`,
      `To release them, replace the loop with ${code(`${name} = make(${typeString(ref.map)})`)}.`,
    );
  }
  doc.raw(linkFor(ref.map, ref.madeWithHint ?? 0));
  return { markdown: doc.toString(), figures: l instanceof GoTypeError ? {} : { layout: l } };
}

// ---- nil maps, sync.Map, goroutines ----

function renderNilMap(c: Extract<Construct, { kind: 'nilMap' }>, opts: HoverOptions): Rendered {
  const b = c.ref.binding;
  const ty = typeString(c.ref.map);
  const doc = new Doc(hoverRuntime(opts)).block([`var ${b.name} ${b.typeNode!.text} // nil map: never made${c.packageLevel ? ' in this file' : ''}`]);
  doc.para(
    `${code(b.name)} is declared without a value and never assigned${c.packageLevel ? ' in this file' : ''}, so it is a nil map: a nil ${code('*hmap')}, with no hmap and no buckets behind it (0 bytes).`,
    ...nilReadsAndWrites(b.name),
    writesSentence(c.writes.map((w) => w.startPosition.row + 1)),
  );
  doc.para(`Make it before the first write: ${code(`${b.name} = make(${ty})`)}, or declare it with ${code(`var ${b.name} = make(${ty})`)}.`);
  doc.raw(linkFor(c.ref.map, 0));
  return { markdown: doc.toString(), figures: {} };
}

function renderNilField(c: Extract<Construct, { kind: 'nilField' }>, opts: HoverOptions): Rendered {
  const ty = typeString(c.ref.map);
  const doc = new Doc(hoverRuntime(opts)).block([`type ${c.struct} struct {`, `\t${c.decl} // nil map: never made in this file`, '}']);
  const f = c.field;
  doc.para(
    `${code(f)} is a map field of ${code(c.struct)} that this file never assigns: no ${code(`x.${f} = make(${ty})`)} and no ${code(`${f}:`)} in a ${code(`${c.struct}{…}`)} literal.`,
    `A ${code(c.struct)} made here therefore holds a nil map there: the field is one ${pointerSized(opts.goarch)} ${code('*hmap')} pointer, nil, with no hmap and no buckets behind it (0 bytes for the map itself).`,
    ...nilReadsAndWrites(`x.${f}`),
    writesSentence(c.writes.map((w) => w.startPosition.row + 1)),
  );
  doc.para(`Make it where the struct is made, ${code(`${c.struct}{${f}: make(${ty})}`)}, or before the first write, ${code(`x.${f} = make(${ty})`)}.`);
  doc.raw(linkFor(c.ref.map, 0));
  return { markdown: doc.toString(), figures: {} };
}

function renderSyncMap(opts: HoverOptions): Rendered {
  const runtime = newestGoVersion(opts.goVersion, opts.toolchain);
  const trie = goAtLeast(runtime, 1, 24);
  const doc = new Doc(hoverRuntime(opts)).block(['type Map struct { // sync.Map (Go ≤ 1.23)', '\tmu     Mutex', '\tread   atomic.Pointer[readOnly] // map[any]*entry, read without locking', '\tdirty  map[any]*entry          // new keys, under mu', '\tmisses int', '}']);
  if (trie) {
    doc.para('From Go 1.24, sync.Map is a concurrent hash-trie (internal/sync.HashTrieMap) instead; the read/dirty design below is Go ≤ 1.23.');
  }
  doc.para(
    'Loads of keys in the read-only map take no lock. A miss there takes the mutex, looks in dirty and counts a miss;',
    'when misses reach len(dirty), dirty is promoted to be the new read map (and dirty starts over as nil). The first new key after a',
    'promotion copies every live entry of read into a fresh dirty map: O(n).',
    'Keys and values are stored as `any`, so each costs an interface (and usually an allocation), plus an `*entry` per key.',
  );
  doc.para(
    'It is the better choice when keys are written once and read many times, or when goroutines work on disjoint keys.',
    'For most other uses, a plain map guarded by a `sync.RWMutex` (or `sync.Mutex`) is faster, typed, and has `len`.',
  );
  doc.raw(inspectLink({ key: 'any', elem: '*struct{ p unsafe.Pointer }', hint: 0 }));
  return { markdown: doc.toString(), figures: {} };
}

function goroutineSentence(name: string, g: GoroutineWrite): string {
  const line = g.go.startPosition.row + 1;
  const shared = g.viaParameter ? `${code(name)} is passed in by the \`go\` statement on line ${line}` : `This goroutine (line ${line}) writes to ${code(name)}, which is shared with the code that started it`;
  const lock = g.lockedBy ? ` ${code(`${g.lockedBy}.Lock()`)} is held here, which is enough if every other access to ${code(name)} takes it too.` : '';
  return (
    `${shared}. Maps are not safe for concurrent use: when the runtime catches two writes at once, or a write during a read or range, ` +
    `it stops the whole program with ${code('fatal error: concurrent map writes')} (or ${code('concurrent map read and map write')}). ` +
    `That is a fatal error, not a panic: recover cannot catch it.${lock}`
  );
}

function renderGoroutineWrite(ref: MapRef, g: GoroutineWrite, opts: HoverOptions): Rendered {
  const name = mapName(ref);
  const doc = new Doc(hoverRuntime(opts)).block([`go func() { ${g.stmt.text.split('\n')[0]} }() // concurrent map write`]);
  doc.para(goroutineSentence(name, g));
  doc.para(
    `Guard every access to ${code(name)} with one ${code('sync.Mutex')}/${code('sync.RWMutex')}, give each goroutine its own map and merge`,
    `afterwards, or use ${code('sync.Map')}. ${code('go test -race')} reports these races before the runtime does.`,
  );
  if (ref.map) doc.raw(linkFor(ref.map, ref.madeWithHint ?? 0));
  return { markdown: doc.toString(), figures: {} };
}
