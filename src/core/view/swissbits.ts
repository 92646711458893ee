/**
 * A Swiss map's hash as a lookup uses it (`internal/runtime/maps`): the low 7 bits are h2, kept
 * in the slot's control byte; h1 = hash >> 7, whose low bits pick the home group of the table;
 * the top globalDepth bits pick the directory entry (`hash >> globalShift`).
 *
 * The simulator keeps a 64-bit hash as its top 32 bits and its low 21 bits (`swiss/hash.ts`): the
 * bits between are never read by the map, and show as `·`. On 386 and arm the hash is 32 bits.
 */
import type { ProbePath } from '../swiss/probe';
import { HashBitsView } from './view';

export function swissHashBits(p: Pick<ProbePath, 'hashTop' | 'hashLow' | 'h2'>, ptrSize: 4 | 8, groups: number, globalDepth: number, tables: boolean): HashBitsView {
  const width = ptrSize === 8 ? 64 : 32;
  const top = p.hashTop >>> 0;
  const topBits = top.toString(2).padStart(32, '0');
  const binary = width === 64 ? topBits + '·'.repeat(11) + p.hashLow.toString(2).padStart(21, '0') : topBits;
  const hex = width === 64
    ? `0x${top.toString(16).padStart(8, '0')}${'·'.repeat(3)}${(p.hashLow & 0x1fffff).toString(16).padStart(6, '0').slice(-5)}`
    : `0x${top.toString(16).padStart(8, '0')}`;
  const parts: HashBitsView['parts'] = [
    { name: 'h2', from: 0, to: 6, value: `0x${p.h2.toString(16).padStart(2, '0')}`, explain: 'low 7 bits: stored in the slot\'s control byte, so a lookup compares keys only where the byte matches' },
  ];
  const groupBits = Math.log2(groups);
  if (tables && groupBits > 0) {
    parts.push({ name: 'h1 (group)', from: 7, to: 6 + groupBits, value: String((p.hashLow >>> 7) & (groups - 1)), explain: `h1 = hash >> 7; its low ${groupBits} bits pick the home group, where the probe sequence starts` });
  }
  if (tables && globalDepth > 0) {
    parts.push({ name: 'directory', from: width - globalDepth, to: width - 1, value: String(top >>> (32 - globalDepth)), explain: `top globalDepth = ${globalDepth} bits: the directory entry (hash >> globalShift), which points at the key's table` });
  }
  return { hex, width, binary, parts };
}
