/**
 * One slot of a group (a classic bmap or a Swiss group) as the views draw it, shared by every
 * model (simulated or captured): the state its control byte says (classic tophash, Swiss ctrl),
 * the byte, and for a full slot its key and elem as text, cut for a row reply (`maxSlotText`) or
 * whole for the detail strip (`maxDetailText`).
 */
import { ValueText } from './text';
import { SlotDetailView, SlotRef, SlotState, SlotView, maxDetailText, maxSlotText } from './view';

/** A slot of a row reply: empty slots carry only their state and byte. */
export function slotView(state: SlotState, byte: number, text: ValueText, key?: unknown, elem?: unknown): SlotView {
  if (state !== 'full') return { state, byte };
  const k = text.key(key, maxSlotText);
  const e = text.elem(elem, maxSlotText);
  const s: SlotView = { state, byte, key: k.text, elem: e.text };
  if (k.cut || e.cut) s.cut = true;
  return s;
}

/** What the detail strip shows of one slot: the byte explained, and a full slot's whole key and elem. */
export function slotDetailView(
  ref: SlotRef, state: SlotState, byte: number, stateText: string, types: { key: string; elem: string }, text: ValueText, key?: unknown, elem?: unknown,
): SlotDetailView {
  const d: SlotDetailView = { ref, state, stateText, byte, keyType: types.key, elemType: types.elem };
  if (state === 'full') {
    d.key = text.key(key, maxDetailText).text;
    d.elem = text.elem(elem, maxDetailText).text;
  }
  return d;
}
