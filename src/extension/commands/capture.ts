/**
 * The captured map's commands: "Inspect Map from Debugger" (the Variables view's context menu on a
 * map of a Go debug session, or the palette with an expression), "Refresh" (the same expression
 * read again where the program stopped next, with what changed as the outcome) and "Continue in
 * the simulator" (a simulated map that starts from the capture). The reading is the core's
 * (`src/core/capture`), the debug sessions are watched by `../capture.ts`.
 */
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { CaptureCancelled } from '../../core/capture';
import { CapturedSession } from '../../core/view/capturedSession';
import { continueInSimulator } from '../../core/view/continue';
import { CommandId } from '../../protocol/commands';
import { PausedFrame, captureInSession } from '../capture';
import { message } from '../prompts';
import { readSettings } from '../settings';
import { CommandContext, Handler } from './context';

/** What VS Code passes a `debug/variables/context` command: the variable the user right-clicked. */
interface VariablesContext {
  sessionId?: string;
  variable: { name: string; evaluateName?: string; type?: string };
}

function isVariablesContext(x: unknown): x is VariablesContext {
  const v = (x as VariablesContext | undefined)?.variable;
  return typeof v === 'object' && v !== null && typeof v.name === 'string';
}

/** A Go expression: identifiers joined by dots (`m`, `s.M`, `pkg.Global`). */
const goSelector = /[A-Za-z_]\w*(\.[A-Za-z_]\w*)*/;

/** The selection, else the selector under the cursor of the active editor. */
function expressionAtCursor(): string {
  const e = vscode.window.activeTextEditor;
  if (!e) return '';
  if (!e.selection.isEmpty) return e.document.getText(e.selection).trim();
  const range = e.document.getWordRangeAtPosition(e.selection.active, goSelector);
  return range ? e.document.getText(range) : '';
}

/**
 * A log of one run of a command, a line per step with the time since it started, in the output
 * channel: where a capture stood when it failed or stalled.
 */
function steps(c: CommandContext, command: string): (what: string) => void {
  const started = Date.now();
  return (what) => c.log(`${new Date().toISOString()} ${command} +${Date.now() - started} ms: ${what}`);
}

/** Reports a failed command in one line (a cancelled capture says nothing). */
function report(e: unknown): undefined {
  if (!(e instanceof CaptureCancelled)) void vscode.window.showErrorMessage(`Go Map: ${message(e)}`);
  return undefined;
}

export function captureCommands(c: CommandContext): Partial<Record<CommandId, Handler>> {
  /** The captured map a command acts on: the one named by id, else the active map if captured. */
  const capturedMap = (id: unknown): CapturedSession => {
    const s = typeof id === 'string' ? c.store.captured(id) : c.store.active;
    if (s instanceof CapturedSession) return s;
    throw new Error('the active map was not captured from a debug session: right-click a map in the Variables view and pick "Inspect Map from Debugger"');
  };

  return {
    /** Argument: the Variables view's variable, or an expression (tests and keybindings). Returns the map's id. */
    [CommandId.InspectFromDebugger]: async (arg?: unknown) => {
      const step = steps(c, 'Inspect Map from Debugger');
      step(`from the ${isVariablesContext(arg) ? 'Variables view' : typeof arg === 'string' ? 'argument' : 'palette'}`);
      try {
        const fromView = isVariablesContext(arg) ? arg : undefined;
        const session = c.watch.session(fromView?.sessionId) ?? vscode.debug.activeDebugSession;
        if (!session) throw new Error('no debug session: start debugging a Go program and stop at a breakpoint, then inspect a map');
        if (c.watch.isRunning(session)) throw new Error('the program is running: pause it or stop at a breakpoint first');
        let expr = fromView ? fromView.variable.evaluateName || fromView.variable.name : typeof arg === 'string' ? arg : undefined;
        expr ??= await vscode.window.showInputBox({
          title: 'Go Map: Inspect Map from Debugger',
          prompt: 'A Go expression naming a map in the paused frame (m, s.M, *pm, pkg.Global)',
          value: expressionAtCursor(),
          validateInput: (v) => (v.trim() ? undefined : 'an expression, e.g. the map variable\'s name'),
        });
        step(`expression ${JSON.stringify(expr)}`);
        if (!expr?.trim()) return undefined;
        expr = expr.trim();
        const frame = await c.watch.pausedFrame(session);
        step(`frame ${frame.frameId} goroutine ${frame.threadId} ${frame.where.function ?? '?'}:${frame.where.line ?? '?'}`);
        // The same map of the same frame again: its panel, read anew if the program moved on.
        const open = c.watch.openCapture(session, expr, frame);
        if (open) {
          step(`already captured here (${open.debugState})`);
          if (open.debugState === 'current') c.panels.show(open);
          else await refresh(open, frame);
          return open.id;
        }
        const capture = await captureInSession(session, expr, frame);
        const s = new CapturedSession(randomUUID(), capture, session.name);
        c.store.add(s);
        c.watch.bind(s, session);
        c.panels.show(s);
        step(`captured ${expr} from ${session.name}: ${capture.stats.requests} requests in ${capture.stats.ms} ms`);
        return s.id;
      } catch (e) {
        step(`failed: ${message(e)}`);
        return report(e);
      }
    },

    /** Argument: the captured map's id (default: the active map). Returns what changed, one line. */
    [CommandId.RefreshCapture]: async (id?: unknown) => {
      try {
        return await refresh(capturedMap(id));
      } catch (e) {
        return report(e);
      }
    },

    /** Argument: the captured map's id (default: the active map). Returns the new map's id. */
    [CommandId.ContinueInSimulator]: async (id?: unknown) => {
      try {
        const s = capturedMap(id);
        const st = readSettings();
        const m = await continueInSimulator(s.capture, randomUUID(), st.maxEntries, { seed: st.seed });
        c.store.add(m);
        c.panels.show(m);
        return m.id;
      } catch (e) {
        return report(e);
      }
    },
  };

  /**
   * Reads `s` again, in `at` or else the top frame of the goroutine that stopped last; the panel
   * shows what changed. Returns the change in one line.
   */
  async function refresh(s: CapturedSession, at?: PausedFrame): Promise<string | undefined> {
    const session = c.watch.sessionOf(s);
    if (!session || s.debugState === 'ended') throw new Error(`the debug session of ${s.capture.expr} ended: the process is gone; start a new one and inspect the map again`);
    if (c.watch.isRunning(session)) throw new Error('the program is running: Refresh once it stops again');
    const thread = c.watch.stoppedThread(session) ?? s.capture.where.goroutine ?? undefined;
    const frame = at ?? (thread === undefined ? await c.watch.pausedFrame(session) : await c.watch.topFrame(session, thread));
    const next = await captureInSession(session, s.capture.expr, frame);
    if (!c.store.captured(s.id)) return undefined; // its panel was closed meanwhile
    s.refresh(next);
    c.store.changedSession(s);
    c.panels.show(s);
    if (s.lastOutcome) await c.panels.post(s, { type: 'outcome', revision: s.revision, outcome: s.lastOutcome });
    return s.lastOutcome?.text;
  }
}
