/**
 * What the panel and the tree read of an open map, whichever kind it is: a simulated `MapSession`
 * (`session.ts`, with its history and operations) or a `CapturedSession` (`capturedSession.ts`, a
 * real map read out of a paused process, read-only). Both give the runtime-neutral view of
 * `view.ts` revision by revision; only the commands that change a map need to know which it is.
 */
import { MapModel, ModelStats } from './model';
import { MapView, OutcomeView, RowView, SlotDetailView, SlotRef } from './view';

export interface ViewedSession {
  readonly id: string;
  /** `map[K]V`. */
  readonly title: string;
  /** What a panel title says (`m · map[string]int`, `m · map[string]int64 · captured`). */
  readonly displayTitle: string;
  /** Changes whenever the map does; row replies carry it so stale ones are dropped. */
  readonly revision: number;
  readonly model: MapModel;
  /** What the last change said (an operation's outcome, a refresh's diff). */
  readonly lastOutcome?: OutcomeView;
  /** The view of the current revision; `quick` may leave out the counts of a big map (`pending`). */
  mapView(quick?: boolean): MapView;
  rows(array: string, start: number, end: number): RowView[];
  slotDetail(ref: SlotRef): SlotDetailView | undefined;
  stats(): ModelStats;
  statsReady(): boolean;
  isBig(): boolean;
  computeStats(): Promise<boolean>;
  /** The runtime's dump of the map now (the JSON export). */
  snapshot(): unknown;
  keyText(v: unknown): string;
}
