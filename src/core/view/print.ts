/**
 * The runtime-neutral view as plain text, for a terminal (the `gomap` CLI) and logs: the title and
 * summary, the header fields, the memory lines, then each array's rows with their groups' slots
 * (`slot: byte state key = elem`). It reads only `MapView` and `RowView`, so it prints either
 * runtime the way the panel draws it.
 */
import { MapView, RowView } from './view';

export interface PrintOptions {
  /** Rows per array to print (the rest are counted). */
  maxRows?: number;
  /** Leave out empty slots. */
  fullOnly?: boolean;
}

export function printMap(map: MapView, rows: (array: string, start: number, end: number) => RowView[], opts: PrintOptions = {}): string {
  const maxRows = opts.maxRows ?? 64;
  const out: string[] = [`${map.title} (${map.subtitle}; ${map.runtime.label})`, map.summary, ''];
  const w = Math.max(...map.header.map((f) => f.name.length));
  for (const f of map.header) out.push(`  ${f.name.padEnd(w)}  ${f.value}`);
  if (map.memory) {
    out.push('', 'memory:');
    for (const l of map.memory.lines) out.push(`  ${l.kind === 'part' ? '  ' : ''}${l.name}: ${l.bytes.toLocaleString('en-US')} B`);
  }
  if (map.note) out.push('', map.note);
  for (const a of map.arrays) {
    out.push('', `${a.title}:`);
    const shown = rows(a.id, 0, Math.min(a.rows, maxRows));
    for (const r of shown) {
      r.groups.forEach((g, gi) => {
        out.push(`  ${a.rowName} ${r.index}${gi > 0 ? ` overflow ${gi}` : ''}${g.separate ? ' (allocated on its own)' : ''}`);
        g.slots.forEach((s, si) => {
          if (opts.fullOnly && s.state !== 'full') return;
          const byte = `0x${s.byte.toString(16).padStart(2, '0')}`;
          out.push(`    ${si}: ${byte} ${s.state}${s.key !== undefined ? `  ${s.key} = ${s.elem ?? ''}` : ''}`);
        });
      });
      for (const l of r.links ?? []) out.push(`    slot ${l.slot} of group ${l.group} → ${l.toArray} ${l.toRow} (${l.kind})`);
    }
    if (a.rows > shown.length) out.push(`  … ${(a.rows - shown.length).toLocaleString('en-US')} more ${a.rowName}s`);
  }
  return `${out.join('\n')}\n`;
}
