/**
 * The open maps: each `MapSession` by id, which one is active (the panel last focused), and their
 * records in the workspace state so a reloaded window (the panel serializer) gets them back.
 */
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { MapSession, MapSpec, SessionRecord } from './model/session';
import { readSettings } from './settings';

const recordKey = (id: string): string => `goMapInspector.session.${id}`;

export class SessionStore implements vscode.Disposable {
  private readonly sessions = new Map<string, MapSession>();
  private activeId: string | undefined;
  private readonly changed = new vscode.EventEmitter<MapSession | undefined>();
  /** Fires after an operation on a session, or when the active session changes. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  get active(): MapSession | undefined {
    return this.activeId === undefined ? undefined : this.sessions.get(this.activeId);
  }

  get(id: string): MapSession | undefined {
    return this.sessions.get(id);
  }

  all(): MapSession[] {
    return [...this.sessions.values()];
  }

  setActive(id: string | undefined): void {
    if (this.activeId === id) return;
    this.activeId = id;
    this.changed.fire(this.active);
  }

  async create(spec: Omit<MapSpec, 'seed' | 'goarch'> & Partial<Pick<MapSpec, 'seed' | 'goarch'>>): Promise<MapSession> {
    const settings = readSettings();
    const id = randomUUID();
    const session = await MapSession.create(id, { ...spec, goarch: spec.goarch ?? settings.goarch, seed: spec.seed ?? settings.seed }, settings.maxEntries);
    this.sessions.set(id, session);
    await this.save(session);
    return session;
  }

  /** The session of a restored panel: from memory, else from the workspace state. */
  async restore(id: string): Promise<MapSession | undefined> {
    const live = this.sessions.get(id);
    if (live) return live;
    const record = this.memento.get<SessionRecord>(recordKey(id));
    if (!record) return undefined;
    const session = await MapSession.restore(record, readSettings().maxEntries);
    this.sessions.set(id, session);
    return session;
  }

  /** Persists the session and tells the views it changed. */
  async changedSession(session: MapSession): Promise<void> {
    this.changed.fire(session);
    await this.save(session);
  }

  async forget(id: string): Promise<void> {
    this.sessions.delete(id);
    if (this.activeId === id) this.setActive(undefined);
    await this.memento.update(recordKey(id), undefined);
  }

  private save(session: MapSession): Thenable<void> {
    return this.memento.update(recordKey(session.id), session.toRecord());
  }

  dispose(): void {
    this.changed.dispose();
  }
}
