/**
 * A classic map's hash as a lookup uses it (Go 1.19 `runtime/map.go`): the low B bits pick the
 * bucket (`hash & bucketMask(B)`), the top 8 bits become the slot's tophash (`tophash(hash)`,
 * raised by `minTopHash` when below it, since 0..4 mark empty and evacuated slots), and, while the
 * map doubles, bit B-1 sends an old bucket's key to X (same index) or Y (index + 2^(B-1)).
 *
 * The simulator keeps a 64-bit hash as its top byte and its low 32 bits (`classic/hash.ts`): the
 * bits between are never read by the map, and show as `·`. On 386 and arm the hash is 32 bits and
 * tophash is bits 24..31.
 */
import { two32 } from '../classic/hash';
import { minTopHash } from '../classic/hmap';
import { HashBitsView } from './view';

export function hashBits(hash: number, ptrSize: 4 | 8, B: number, doubling: boolean): { view: HashBitsView; raised: boolean } {
  const lo32 = hash >>> 0;
  const width = ptrSize === 8 ? 64 : 32;
  const top8 = ptrSize === 8 ? Math.floor(hash / two32) & 0xff : lo32 >>> 24;
  const lowBits = lo32.toString(2).padStart(32, '0');
  const binary = ptrSize === 8 ? top8.toString(2).padStart(8, '0') + '·'.repeat(24) + lowBits : lowBits;
  const hex = ptrSize === 8 ? `0x${top8.toString(16).padStart(2, '0')}${'·'.repeat(6)}${lo32.toString(16).padStart(8, '0')}` : `0x${lo32.toString(16).padStart(8, '0')}`;
  const raised = top8 < minTopHash;
  const parts: HashBitsView['parts'] = [{
    name: 'tophash',
    from: width - 8,
    to: width - 1,
    value: `0x${top8.toString(16).padStart(2, '0')}`,
    explain: `top 8 bits: kept in the slot's tophash byte, so a lookup compares keys only where this byte matches${raised ? `; below minTopHash (${minTopHash}) it is raised by ${minTopHash}, because 0..4 mark empty and evacuated slots` : ''}`,
  }];
  if (B > 0) {
    parts.push({ name: 'bucket', from: 0, to: B - 1, value: String(lo32 & (2 ** B - 1)), explain: `low B = ${B} bits: the bucket index, hash & (2^${B} − 1)` });
  }
  if (doubling && B > 0) {
    const y = (lo32 >>> (B - 1)) & 1;
    parts.push({ name: 'X/Y', from: B - 1, to: B - 1, value: String(y), explain: `bit ${B - 1}: evacuation sends the key to ${y ? 'Y, old index + 2^' + (B - 1) : 'X, the same index'}` });
  }
  return { view: { hex, width, binary, parts }, raised };
}
