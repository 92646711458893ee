/**
 * The small map's single group (`dirLen == 0`; Go 1.26/1.27 `internal/runtime/maps/map.go`
 * `putSlotSmall`, `getWithKeySmall`, `deleteSmall`): up to 8 entries, no table, no directory, no
 * probing. A key is looked for among the slots whose control byte equals its h2; a new key takes
 * the lowest empty slot; a delete empties its slot at once (a small map never has tombstones,
 * since nothing probes past it).
 */
import { KeyValue } from '../classic/hash';
import { ctrlEmpty, slotsPerGroup } from './constants';

export class SmallGroup {
  readonly ctrl = new Uint8Array(slotsPerGroup).fill(ctrlEmpty);
  readonly keys: KeyValue[] = new Array(slotsPerGroup).fill(0);
  readonly elems: unknown[] = new Array(slotsPerGroup).fill(0);

  /** The slot holding key, or -1. */
  find(ctx: { equal(a: KeyValue, b: KeyValue): boolean }, h2: number, key: KeyValue): number {
    for (let i = 0; i < slotsPerGroup; i++) if (this.ctrl[i] === h2 && ctx.equal(key, this.keys[i])) return i;
    return -1;
  }

  /** `putSlotSmall`: update in place, or fill the lowest empty slot. Returns whether the key was new. */
  put(ctx: { equal(a: KeyValue, b: KeyValue): boolean }, h2: number, key: KeyValue, elem: unknown, needKeyUpdate: boolean): boolean {
    const i = this.find(ctx, h2, key);
    if (i >= 0) {
      if (needKeyUpdate) this.keys[i] = key;
      this.elems[i] = elem;
      return false;
    }
    const e = this.ctrl.indexOf(ctrlEmpty);
    if (e < 0) throw new Error('small map with no empty slot');
    this.keys[e] = key;
    this.elems[e] = elem;
    this.ctrl[e] = h2;
    return true;
  }

  /** `deleteSmall`: returns whether the key was there. */
  delete(ctx: { equal(a: KeyValue, b: KeyValue): boolean }, h2: number, key: KeyValue): boolean {
    const i = this.find(ctx, h2, key);
    if (i < 0) return false;
    this.ctrl[i] = ctrlEmpty;
    this.keys[i] = 0;
    this.elems[i] = 0;
    return true;
  }

  /** `clearSmall`. */
  clear(): void {
    this.ctrl.fill(ctrlEmpty);
    this.keys.fill(0);
    this.elems.fill(0);
  }
}
