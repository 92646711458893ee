/**
 * What a session remembers of the growth inside its operations (a Swiss `rehash`, `split` or
 * `growToTable` within one insert, recorded by `swissGrowth.ts`) and which step of it the view
 * shows. A record belongs to the history position its operation ends at: undo back to that
 * position shows it again, redo records it again, and a new operation after an undo drops the
 * records of the history it replaces. A few records are kept (each holds at most three tables).
 * "Step growth" walks the steps of the record at the current position; it changes neither the map
 * nor its history.
 */
import { SwissModel } from './swiss';
import { SwissGrowthRecord } from './swissGrowth';
import { growthStepCount, isGrowthArray, swissGrowthArrays, swissGrowthRows, swissGrowthSlotDetail, swissGrowthSteps } from './swissGrowthView';
import type { MapModel } from './model';
import { MapView, RowView, SlotDetailView, SlotRef } from './view';

/** Growth records kept. */
const maxRecords = 8;

export class GrowthSteps {
  private readonly records = new Map<number, SwissGrowthRecord>();
  /** Which step the view shows (0: the map now). */
  private step = 0;
  /** Recorded by the operation being run, kept once it is in the history. */
  pending?: SwissGrowthRecord;

  /** The history after `position` is being replaced. */
  dropAfter(position: number): void {
    for (const p of [...this.records.keys()]) if (p > position) this.records.delete(p);
  }

  /** The operation ending at `position` ran: keep what it recorded. */
  keep(position: number): void {
    const g = this.pending;
    this.pending = undefined;
    if (!g) return;
    this.records.delete(position);
    this.records.set(position, g);
    if (this.records.size > maxRecords) this.records.delete(this.records.keys().next().value!);
  }

  at(position: number): SwissGrowthRecord | undefined {
    return this.records.get(position);
  }

  /** Back to the map now (a new state, or Finish growth). */
  reset(): boolean {
    const was = this.step;
    this.step = 0;
    return was !== 0;
  }

  /** The next step of the record at `position`, after the last one the map now. */
  next(position: number): boolean {
    const r = this.at(position);
    if (!r) return false;
    this.step = (this.step + 1) % (growthStepCount(r) + 1);
    return true;
  }

  /** Puts the steps into the view of the map at `position`; a step replaces the arrays. */
  decorate(view: MapView, position: number, model: MapModel): void {
    const r = this.at(position);
    if (!r || !(model instanceof SwissModel)) return;
    view.growthSteps = swissGrowthSteps(r, this.step);
    if (this.step > 0) {
      view.arrays = swissGrowthArrays(r, this.step, model);
      view.overview = [];
    }
  }

  /** Rows of a step's array (undefined: not a step's array). */
  rows(position: number, model: MapModel, array: string, start: number, end: number): RowView[] | undefined {
    const r = this.at(position);
    if (!r || !isGrowthArray(array) || !(model instanceof SwissModel)) return undefined;
    return swissGrowthRows(r, model, array, start, end);
  }

  slotDetail(position: number, model: MapModel, ref: SlotRef): SlotDetailView | undefined | null {
    const r = this.at(position);
    if (!r || !isGrowthArray(ref.array) || !(model instanceof SwissModel)) return null;
    return swissGrowthSlotDetail(r, model, ref);
  }
}
