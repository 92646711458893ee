/**
 * What every command needs (the store, the panels, the log) and the helpers they share: picking
 * the map a command acts on, running an operation with progress for long ones, and reporting
 * what it did in the panel. Each command lives in its own file of this folder and is registered
 * by `index.ts`.
 */
import * as vscode from 'vscode';
import { readOnlyMessage } from '../../core/view/captured';
import { CapturedSession } from '../../core/view/capturedSession';
import { MapSession, Progress } from '../../core/view/session';
import { Op, OpCancelled, OpResult } from '../../core/view/ops';
import { DebugWatch } from '../capture';
import { PanelManager } from '../panel';
import { Cancelled, message } from '../prompts';
import { OpenSession, SessionStore } from '../sessions';

export interface CommandContext {
  store: SessionStore;
  panels: PanelManager;
  /** The Go debug sessions that captured maps come from. */
  watch: DebugWatch;
  log(line: string): void;
}

export type Handler = (...args: unknown[]) => unknown;

/** Entries above which an operation runs with a progress notification, in slices. */
const longOperation = 50_000;

/**
 * A handler acting on the active map (else the last opened), simulated or captured. It reports
 * errors as messages and returns undefined for a prompt that was dismissed or a map whose panel
 * closed meanwhile.
 */
export function withViewed(c: CommandContext, f: (s: OpenSession, ...args: unknown[]) => Promise<unknown> | unknown): Handler {
  return async (...args) => {
    const s = c.store.active ?? c.store.all().at(-1);
    if (!s) {
      void vscode.window.showWarningMessage('No map is open. Run "Go Map: New Map…" or "Go Map: Inspect Map Under Cursor" first.');
      return undefined;
    }
    try {
      return await f(s, ...args);
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      void vscode.window.showErrorMessage(`Go Map: ${message(e)}`);
      return undefined;
    }
  };
}

/** `withViewed` for a command that changes the map: a captured map refuses it (it is read-only). */
export function withSession(c: CommandContext, f: (s: MapSession, ...args: unknown[]) => Promise<unknown> | unknown): Handler {
  return withViewed(c, (s, ...args) => {
    if (s instanceof CapturedSession) throw new Error(readOnlyMessage);
    return f(s, ...args);
  });
}

/** Whether `s` is still open (its panel was not closed while a prompt was up). */
export function stillOpen(c: CommandContext, s: MapSession): boolean {
  return c.store.get(s.id) !== undefined;
}

/**
 * Runs a long piece of work with a progress notification; a short one without. With `cancellable`
 * the notification has a Cancel button, which `f` reads through `cancelled` between its slices.
 */
export async function withProgress<T>(title: string, long: boolean, f: (progress?: Progress, cancelled?: () => boolean) => Promise<T>, cancellable = false): Promise<T> {
  if (!long) return f();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Go Map: ${title}`, cancellable }, async (p, token) => {
    let last = 0;
    const progress = (fraction: number): void => {
      const pct = Math.floor(fraction * 100);
      if (pct > last) {
        p.report({ increment: pct - last, message: `${pct}%` });
        last = pct;
      }
    };
    return f(progress, () => token.isCancellationRequested);
  });
}

/** Whether `op` on `s` is long enough to run in slices with progress. */
export function isLong(s: MapSession, op: Op): boolean {
  if (op.op === 'fill') return op.n >= longOperation;
  if (op.op === 'insertMany') return op.entries.length >= longOperation;
  return s.model.count >= longOperation && (op.op === 'deleteRandom' || op.op === 'finishGrowth');
}

/**
 * Applies `op` to `s`: refused operations report why and change nothing; what the operation did
 * beyond the map's picture (a missing key, a range order) goes to the panel. Returns whether it ran.
 */
export async function runOp(c: CommandContext, s: MapSession, op: Op): Promise<OpResult | undefined> {
  if (!stillOpen(c, s)) return undefined;
  let result: OpResult;
  try {
    result = await withProgress(s.label(op), isLong(s, op), (progress, cancelled) => s.apply(op, progress, cancelled), true);
  } catch (e) {
    if (e instanceof OpCancelled) {
      c.store.changedSession(s); // the same map, rebuilt as it was
      void vscode.window.showInformationMessage(`Go Map: ${e.message}`);
      return undefined;
    }
    void vscode.window.showErrorMessage(`Go Map: ${message(e)}`);
    return undefined;
  }
  c.store.changedSession(s);
  if (result.outcome) await c.panels.post(s, { type: 'outcome', revision: s.revision, outcome: result.outcome });
  if (result.iteration) await c.panels.post(s, { type: 'iteration', revision: s.revision, iteration: result.iteration });
  return result;
}
