/**
 * Captured maps and the Go debug sessions they come from. The capture itself is the core's
 * (`src/core/capture`: DAP `evaluate` and `variables` requests through Delve); this file watches
 * the debug sessions so a captured map knows where its session stands, and reads a map through
 * `DebugSession.customRequest` with a progress notification that can cancel it (shown once the
 * capture takes over 400 ms), keeping what it learns of each session's process for the next one.
 *
 * A `DebugAdapterTracker` for type `go` sees every DAP message of every Go debug session:
 * - `stackTrace` responses: the function, file and line of each frame id VS Code was given (Delve
 *   hands out new frame ids on every `stackTrace`, so the frame the user picked in the Call Stack
 *   is known to us by its id alone, and a capture names where it was read from these);
 * - `stopped` events: the program stopped again, so its captured maps are `stale` and their panels
 *   offer Refresh (with where it stopped, once VS Code asks for that goroutine's stack);
 * - requests that resume the program (`continue`, `next`, ...): `running`, frame ids forgotten;
 * and the end of the session (`onDidTerminateDebugSession`): `ended`, the process is gone.
 */
import * as vscode from 'vscode';
import {
  CaptureCache, CaptureOptions, CapturedMap, answerWithin, captureMap, describeRequest, requestTimeoutMs,
} from '../core/capture';
import { CapturedSession } from '../core/view/capturedSession';
import { SessionStore } from './sessions';

/** Where a frame is, as `stackTrace` said. */
export interface FrameWhere {
  function?: string;
  file?: string;
  line?: number;
}

/** A paused frame to read a map in. */
export interface PausedFrame {
  frameId: number;
  threadId: number;
  where: FrameWhere;
}

/**
 * What the captures learned of each debug session's process (pointer size, Go version, runtime,
 * read width, layouts; see `CaptureCache`), by session id: the next capture in the same process
 * skips those requests. Dropped when the session ends or its adapter starts again (a restart may
 * run a rebuilt program).
 */
const caches = new Map<string, CaptureCache>();

function cacheOf(sessionId: string): CaptureCache {
  let c = caches.get(sessionId);
  if (!c) caches.set(sessionId, (c = {}));
  return c;
}

/** DAP requests after which the program runs (its frame ids are no longer valid). */
const resuming = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'goto', 'restartFrame']);

/** What the tracker knows of one debug session. */
interface Watched {
  session: vscode.DebugSession;
  running: boolean;
  /** The goroutine of the last `stopped` event. */
  stoppedThread?: number;
  /** Frames of the stacks VS Code asked for since the last stop, by frame id. */
  frames: Map<number, FrameWhere>;
  /** `stackTrace` requests in flight: request seq → the goroutine asked about, when from frame 0. */
  traces: Map<number, number>;
}

// DAP messages as the tracker sees them (untyped JSON).
interface DapMessage {
  type?: string;
  seq?: number;
  command?: string;
  event?: string;
  success?: boolean;
  request_seq?: number;
  arguments?: { threadId?: number; startFrame?: number };
  body?: {
    threadId?: number;
    stackFrames?: { id: number; name?: string; line?: number; source?: { path?: string } }[];
  };
}

/**
 * A frame's source path as a file path. The tracker sees the adapter's own paths; a response to
 * `customRequest` comes back through the workbench, which writes a remote file as a URI
 * (`vscode-remote://host/work/main.go` in code-server).
 */
function sourcePath(p: string | undefined): string | undefined {
  if (!p || !/^[a-z][a-z0-9+.-]+:\/\//i.test(p)) return p;
  const uri = vscode.Uri.parse(p);
  return uri.scheme === 'file' ? uri.fsPath : uri.path;
}

/** Where a DAP stack frame is. */
function frameWhere(f: { name?: string; line?: number; source?: { path?: string } }): FrameWhere {
  return { function: f.name, file: sourcePath(f.source?.path), line: f.line };
}

/** `main.go:12`. */
function shortWhere(w: FrameWhere): string | undefined {
  return w.file ? `${w.file.split(/[\\/]/).pop()}${w.line !== undefined ? `:${w.line}` : ''}` : undefined;
}

/** A DAP request of ours to `session`'s adapter, failing in one line if it gets no answer in time. */
function ask(session: vscode.DebugSession, command: string, args: Record<string, unknown>): Promise<unknown> {
  return answerWithin(session.customRequest(command, args), requestTimeoutMs, describeRequest(command, args));
}

export class DebugWatch implements vscode.Disposable {
  private readonly watched = new Map<string, Watched>();
  /** Captured map id → the debug session it was read from. */
  private readonly bindings = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: SessionStore) {
    this.disposables.push(
      vscode.debug.registerDebugAdapterTrackerFactory('go', { createDebugAdapterTracker: (session) => this.tracker(session) }),
      vscode.debug.onDidTerminateDebugSession((session) => this.ended(session.id)),
    );
  }

  /** The debug session `id`, if it is a Go session still running. */
  session(id: string | undefined): vscode.DebugSession | undefined {
    return id === undefined ? undefined : this.watched.get(id)?.session;
  }

  /** Whether the program of `session` runs (a capture needs it paused). */
  isRunning(session: vscode.DebugSession): boolean {
    return this.watched.get(session.id)?.running ?? false;
  }

  /** Ties a captured map to its debug session (its state follows the session's). */
  bind(captured: CapturedSession, session: vscode.DebugSession): void {
    this.bindings.set(captured.id, session.id);
  }

  /** The debug session a captured map came from, while it lasts. */
  sessionOf(captured: CapturedSession): vscode.DebugSession | undefined {
    return this.session(this.bindings.get(captured.id));
  }

  /** The open captured map of `expr` read in the same goroutine and function of `session`, if any. */
  openCapture(session: vscode.DebugSession, expr: string, frame: PausedFrame): CapturedSession | undefined {
    for (const [id, sid] of this.bindings) {
      const s = this.store.captured(id);
      const w = s?.capture.where;
      if (s && w && sid === session.id && s.capture.expr === expr && s.debugState !== 'ended'
        && w.goroutine === frame.threadId && w.function === (frame.where.function ?? null)) return s;
    }
    return undefined;
  }

  /**
   * The frame to read a map in: the frame selected in the Call Stack (`activeStackItem`) when it
   * belongs to `session`, else the top frame of the selected (or last stopped) goroutine.
   */
  async pausedFrame(session: vscode.DebugSession): Promise<PausedFrame> {
    const item = vscode.debug.activeStackItem;
    if (item instanceof vscode.DebugStackFrame && item.session.id === session.id) {
      // A frame whose stack the tracker did not see (it started late) is still the frame to read
      // in; only where it is stays unknown.
      const where = this.watched.get(session.id)?.frames.get(item.frameId) ?? {};
      return { frameId: item.frameId, threadId: item.threadId, where };
    }
    const thread = item instanceof vscode.DebugThread && item.session.id === session.id ? item.threadId : this.watched.get(session.id)?.stoppedThread;
    return this.topFrame(session, thread ?? (await this.firstThread(session)));
  }

  /** The top frame of goroutine `threadId`, asked of the debug adapter (a fresh frame id). */
  async topFrame(session: vscode.DebugSession, threadId: number): Promise<PausedFrame> {
    const trace = await ask(session, 'stackTrace', { threadId, startFrame: 0, levels: 1 }) as DapMessage['body'];
    const f = trace?.stackFrames?.[0];
    if (!f) throw new Error(`goroutine ${threadId} has no frames: is the program paused?`);
    return { frameId: f.id, threadId, where: frameWhere(f) };
  }

  /** The goroutine that stopped last, else the first the adapter lists. */
  stoppedThread(session: vscode.DebugSession): number | undefined {
    return this.watched.get(session.id)?.stoppedThread;
  }

  private async firstThread(session: vscode.DebugSession): Promise<number> {
    const r = await ask(session, 'threads', {}) as { threads?: { id: number }[] };
    const t = r?.threads?.[0];
    if (!t) throw new Error('the debug session lists no goroutines: is the program paused?');
    return t.id;
  }

  private tracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
    const w: Watched = { session, running: false, frames: new Map(), traces: new Map() };
    this.watched.set(session.id, w);
    caches.delete(session.id);
    return {
      onWillReceiveMessage: (m: DapMessage) => {
        if (m.type !== 'request' || !m.command) return;
        if (m.command === 'restart') caches.delete(session.id);
        if (resuming.has(m.command)) this.resumed(w);
        else if (m.command === 'stackTrace' && m.seq !== undefined && m.arguments?.threadId !== undefined && !m.arguments.startFrame) w.traces.set(m.seq, m.arguments.threadId);
      },
      onDidSendMessage: (m: DapMessage) => {
        if (m.type === 'event' && m.event === 'stopped') this.stopped(w, m.body?.threadId);
        else if (m.type === 'event' && m.event === 'continued') this.resumed(w);
        else if (m.type === 'response' && m.command === 'stackTrace') this.stackSeen(w, m);
      },
    };
  }

  private stackSeen(w: Watched, m: DapMessage): void {
    const thread = m.request_seq === undefined ? undefined : w.traces.get(m.request_seq);
    if (m.request_seq !== undefined) w.traces.delete(m.request_seq);
    if (!m.success) return;
    const frames = m.body?.stackFrames ?? [];
    for (const f of frames) w.frames.set(f.id, frameWhere(f));
    // The top frame of the goroutine that stopped: where the stale captures say it stopped.
    if (thread !== undefined && thread === w.stoppedThread && frames[0]) {
      const at = shortWhere(frameWhere(frames[0]));
      this.setState(w.session.id, 'stale', at, true);
    }
  }

  private stopped(w: Watched, threadId: number | undefined): void {
    w.running = false;
    w.stoppedThread = threadId ?? w.stoppedThread;
    w.frames.clear();
    this.setState(w.session.id, 'stale');
  }

  private resumed(w: Watched): void {
    if (w.running) return;
    w.running = true;
    w.frames.clear();
    w.traces.clear();
    this.setState(w.session.id, 'running');
  }

  private ended(sessionId: string): void {
    caches.delete(sessionId);
    this.setState(sessionId, 'ended');
    this.watched.delete(sessionId);
  }

  /**
   * Moves every open capture of the debug session to `state`, telling the views; drops closed ones.
   * `whereOnly`: only says where the program stopped, to captures that are already stale.
   */
  private setState(sessionId: string, state: 'stale' | 'running' | 'ended', stoppedAt?: string, whereOnly = false): void {
    for (const [id, sid] of [...this.bindings]) {
      if (sid !== sessionId) continue;
      const s = this.store.captured(id);
      if (!s || state === 'ended') this.bindings.delete(id);
      if (whereOnly && s?.debugState !== 'stale') continue;
      if (s?.setDebugState(state, stoppedAt)) this.store.changedSession(s);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.watched.clear();
    this.bindings.clear();
    caches.clear();
  }
}

/**
 * How long a capture runs before its progress notification shows. A capture of a few thousand
 * entries is over sooner; showing the notification anyway put its rendering in the workbench, the
 * very thread that forwards every DAP request of the capture, in the way of the first requests.
 */
const progressDelayMs = 400;

/**
 * Reads the map `expr` in `frame` of `session`, with a progress notification that can cancel it
 * once it takes longer than `progressDelayMs`. Rejects with `CaptureCancelled` when cancelled,
 * `CaptureError` (one line) when the map cannot be read.
 */
export function captureInSession(session: vscode.DebugSession, expr: string, frame: PausedFrame, extra: Partial<CaptureOptions> = {}): Promise<CapturedMap> {
  let cancelled = false;
  let last: [number, number] = [0, 0];
  let report: ((done: number, total: number) => void) | undefined;
  const run = captureMap((command, args) => Promise.resolve(session.customRequest(command, args)), expr, {
    frameId: frame.frameId,
    threadId: frame.threadId,
    frame: frame.where,
    concurrency: 64,
    cache: cacheOf(session.id),
    isCancelled: () => cancelled,
    onProgress: (done, total) => {
      last = [done, total];
      report?.(done, total);
    },
    ...extra,
  });
  const timer = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Go Map: reading ${expr} from ${session.name}`, cancellable: true }, (progress, token) => {
      token.onCancellationRequested(() => (cancelled = true));
      let shown = 0;
      report = (done, total) => {
        const pct = Math.floor((100 * done) / Math.max(1, total));
        if (pct <= shown) return;
        progress.report({ increment: pct - shown, message: `${pct}%` });
        shown = pct;
      };
      report(...last);
      return run.catch(() => undefined);
    });
  }, progressDelayMs);
  return run.finally(() => clearTimeout(timer));
}
