/**
 * The open maps: each `MapSession` (`src/core/view`) by id, which one is active (the panel last
 * focused), and their records in the workspace state so a reloaded window (the panel serializer)
 * gets them back.
 *
 * Nothing is kept of a map that could not be built: `create` registers and saves a session only
 * after its first operations ran. Records are written after operations settle (a second after the
 * last one) and at shutdown, never on every operation; a record is bounded (the declarations the
 * types need, a compacted history) and one that is still too large is not saved (the log says so).
 *
 * The store also holds captured maps (`CapturedSession`, read out of a paused debug session): they
 * are shown like the others but never saved, as the process they came from does not outlive the
 * window.
 */
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { CapturedSession } from '../core/view/capturedSession';
import { MapSession, MapSpec, SessionRecord } from '../core/view/session';
import { readSettings } from './settings';
import { runtimeSpec, runtimes } from './runtime';

const recordKey = (id: string): string => `goMapInspector.session.${id}`;
/** A record above this many characters of JSON is not saved. */
export const maxRecordChars = 2_000_000;
const saveDelayMs = 1000;

/** An open map: simulated, or captured from a debug session. */
export type OpenSession = MapSession | CapturedSession;

export class SessionStore implements vscode.Disposable {
  private readonly sessions = new Map<string, OpenSession>();
  /** Where each session came from (`uri#offset#hash`), so the same literal reuses its map. */
  private readonly origins = new Map<string, string>();
  private activeId: string | undefined;
  private readonly changed = new vscode.EventEmitter<OpenSession | undefined>();
  private readonly pendingSaves = new Map<string, ReturnType<typeof setTimeout>>();
  /** Fires after an operation on a session, or when the active session changes. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento, private readonly log: (line: string) => void = () => undefined) {}

  get active(): OpenSession | undefined {
    return this.activeId === undefined ? undefined : this.sessions.get(this.activeId);
  }

  /** The simulated map `id`, if open. */
  get(id: string): MapSession | undefined {
    const s = this.sessions.get(id);
    return s instanceof MapSession ? s : undefined;
  }

  /** The captured map `id`, if open. */
  captured(id: string): CapturedSession | undefined {
    const s = this.sessions.get(id);
    return s instanceof CapturedSession ? s : undefined;
  }

  /** The open map `id`, of either kind. */
  open(id: string): OpenSession | undefined {
    return this.sessions.get(id);
  }

  all(): OpenSession[] {
    return [...this.sessions.values()];
  }

  simulated(): MapSession[] {
    return this.all().filter((s): s is MapSession => s instanceof MapSession);
  }

  /** Keeps a map made elsewhere (a capture, a capture continued in the simulator); a simulated one is saved. */
  add(session: OpenSession): void {
    this.sessions.set(session.id, session);
    if (session instanceof MapSession) this.scheduleSave(session);
  }

  setActive(id: string | undefined): void {
    if (this.activeId === id) return;
    this.activeId = id;
    this.changed.fire(this.active);
  }

  /** The open session made from the same source (same place, same text), if any. */
  byOrigin(origin: string): MapSession | undefined {
    for (const [id, o] of this.origins) if (o === origin) return this.get(id);
    return undefined;
  }

  /**
   * Builds a session and runs `build` on it (a literal's entries, random keys); only when both
   * succeed is it kept and saved. A failure throws and leaves nothing behind.
   */
  async create(spec: Omit<MapSpec, 'seed' | 'goarch'> & Partial<Pick<MapSpec, 'seed' | 'goarch'>>, build?: (s: MapSession) => Promise<void>, origin?: string): Promise<MapSession> {
    const settings = readSettings();
    // The runtime of the active editor's module (go.mod, go.work, settings), unless the spec names one.
    const rt = spec.runtime ? {} : runtimeSpec(await runtimes().forDocument(vscode.window.activeTextEditor?.document.uri));
    const session = await MapSession.create(randomUUID(), { ...rt, ...spec, goarch: spec.goarch ?? settings.goarch, seed: spec.seed ?? settings.seed }, settings.maxEntries);
    if (build) await build(session);
    this.sessions.set(session.id, session);
    if (origin !== undefined) this.origins.set(session.id, origin);
    this.scheduleSave(session);
    return session;
  }

  /** Puts `next` in the place of `prev` (a rebuild with other settings): same id, same panels. */
  replace(prev: MapSession, next: MapSession): void {
    this.sessions.set(prev.id, next);
    this.changed.fire(next);
    this.scheduleSave(next);
  }

  /** The session of a restored panel: from memory, else from the workspace state. */
  async restore(id: string): Promise<OpenSession | undefined> {
    const live = this.sessions.get(id);
    if (live) return live;
    const record = this.memento.get<SessionRecord>(recordKey(id));
    if (!record || record.version !== 2) return undefined;
    const session = await MapSession.restore(record, readSettings().maxEntries);
    this.sessions.set(id, session);
    return session;
  }

  /** Tells the views a session changed, and saves it once operations settle. */
  changedSession(session: OpenSession): void {
    if (!this.sessions.has(session.id)) return;
    this.changed.fire(session);
    if (session instanceof MapSession) this.scheduleSave(session);
  }

  async forget(id: string): Promise<void> {
    this.sessions.delete(id);
    this.origins.delete(id);
    const t = this.pendingSaves.get(id);
    if (t) clearTimeout(t);
    this.pendingSaves.delete(id);
    if (this.activeId === id) this.setActive(undefined);
    await this.memento.update(recordKey(id), undefined);
  }

  /** The saved record of a map, as the workspace state holds it now (tests read it). */
  savedRecord(id: string): SessionRecord | undefined {
    return this.memento.get<SessionRecord>(recordKey(id));
  }

  /** Record keys in the workspace state (tests check that nothing is left behind). */
  savedIds(): string[] {
    return this.memento.keys().filter((k) => k.startsWith('goMapInspector.session.')).map((k) => k.slice('goMapInspector.session.'.length));
  }

  private scheduleSave(session: MapSession): void {
    const prev = this.pendingSaves.get(session.id);
    if (prev) clearTimeout(prev);
    this.pendingSaves.set(session.id, setTimeout(() => {
      this.pendingSaves.delete(session.id);
      void this.save(session.id);
    }, saveDelayMs));
  }

  /** Writes every pending record now (at shutdown, and for tests). */
  async flush(): Promise<void> {
    const ids = [...this.pendingSaves.keys()];
    for (const id of ids) {
      clearTimeout(this.pendingSaves.get(id)!);
      this.pendingSaves.delete(id);
    }
    await Promise.all(ids.map((id) => this.save(id)));
  }

  private async save(id: string): Promise<void> {
    const session = this.get(id);
    if (!session) return;
    const record = session.toRecord();
    const size = JSON.stringify(record).length;
    if (size > maxRecordChars) {
      this.log(`not saving ${session.displayTitle}: its record would be ${size.toLocaleString('en-US')} characters (at most ${maxRecordChars.toLocaleString('en-US')}); the panel will not come back after a reload`);
      await this.memento.update(recordKey(id), undefined);
      return;
    }
    await this.memento.update(recordKey(id), record);
  }

  dispose(): void {
    void this.flush();
    this.changed.dispose();
  }
}
