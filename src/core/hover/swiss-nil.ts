/**
 * Nil maps in a Swiss-table module (Go 1.24+ `internal/runtime/maps`): a map variable or struct
 * field that is never made holds a nil `*maps.Map`. Reads treat it as empty (`runtime.mapaccess1`
 * returns the zero value when the map is nil or `used` is 0), `delete` and `range` do nothing, and
 * the first assignment panics (`runtime.mapassign` on a nil map: "assignment to entry in nil map").
 * `make` allocates the `Map` header and, by hint, nothing more (a small map, whose one group the
 * first insert adds) or a directory of tables (`NewMap`).
 */
import { slotsPerGroup } from '../swiss/constants';
import { SwissGroupLayout } from '../swiss/layout';
import { firstInsertAlloc, swissMakeAlloc, valueObject } from '../swiss/makemap';
import { typeString } from '../types';
import { Construct } from './constructs';
import { Doc } from './doc';
import { code, fmtBytes, fmtInt } from './format';
import { linkFor, nilReadsAndWrites, pointerSized, sized, writesSentence } from './shared';

type NilMap = Extract<Construct, { kind: 'nilMap' }>;
type NilField = Extract<Construct, { kind: 'nilField' }>;

/** What `make` would allocate for this map type: the header, then a small group or a directory of tables. */
function makeSentence(c: NilMap | NilField, g: SwissGroupLayout): string {
  const t = g.type;
  const ty = typeString(c.ref.map);
  const small = swissMakeAlloc(t, 0);
  const first = firstInsertAlloc(t, valueObject(c.ref.map.key, t.goarch), valueObject(c.ref.map.elem, t.goarch));
  const hint = 1000;
  const big = swissMakeAlloc(t, hint);
  return (
    `${code(`make(${ty})`)} (or a hint of at most ${slotsPerGroup}) allocates the ${sized(small.headerBytes)} Map header only: a small map, ` +
    `whose one group of ${slotsPerGroup} slots (${fmtBytes(first.bytes)}) comes with the first insert; a larger hint also allocates a directory of tables, ` +
    `e.g. ${code(`make(${ty}, ${hint})`)}: ${big.dirSize === 1 ? 'one table' : `${fmtInt(big.dirSize)} tables`} of ${fmtInt(big.tableCapacity)} slots, ${fmtBytes(big.allocBytes)} in all.`
  );
}

export function swissNilMap(c: NilMap, g: SwissGroupLayout, doc: Doc): void {
  const b = c.ref.binding;
  const ty = typeString(c.ref.map);
  const where = c.packageLevel ? ' in this file' : '';
  doc.block([`var ${b.name} ${b.typeNode!.text} // nil map: never made${where}`]);
  doc.para(
    `${code(b.name)} is declared without a value and never assigned${where}, so it is a nil map: a nil ${code('*maps.Map')} ` +
      `(one ${pointerSized(g.type.goarch)} pointer), with no Map header, no directory, no tables and no groups behind it.`,
    ...nilReadsAndWrites(b.name),
    writesSentence(c.writes.map((w) => w.startPosition.row + 1)),
  );
  doc.para(`Make it before the first write: ${code(`${b.name} = make(${ty})`)}, or declare it with ${code(`var ${b.name} = make(${ty})`)}.`, makeSentence(c, g));
  doc.raw(linkFor(c.ref.map, 0));
}

export function swissNilField(c: NilField, g: SwissGroupLayout, doc: Doc): void {
  const ty = typeString(c.ref.map);
  const f = c.field;
  doc.block([`type ${c.struct} struct {`, `\t${c.decl} // nil map: never made in this file`, '}']);
  doc.para(
    `${code(f)} is a map field of ${code(c.struct)} that this file never assigns: no ${code(`x.${f} = make(${ty})`)} and no ${code(`${f}:`)} in a ${code(`${c.struct}{…}`)} literal.`,
    `A ${code(c.struct)} made here therefore holds a nil map there: the field is one ${pointerSized(g.type.goarch)} ${code('*maps.Map')} pointer, nil, ` +
      'with no Map header, no directory, no tables and no groups behind it.',
    ...nilReadsAndWrites(`x.${f}`),
    writesSentence(c.writes.map((w) => w.startPosition.row + 1)),
  );
  doc.para(`Make it where the struct is made, ${code(`${c.struct}{${f}: make(${ty})}`)}, or before the first write, ${code(`x.${f} = make(${ty})`)}.`, makeSentence(c, g));
  doc.raw(linkFor(c.ref.map, 0));
}
