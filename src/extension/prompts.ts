/**
 * The questions commands ask. Each input box says what it expects and validates as the user types
 * with the same function that will read the answer; a question about a map is cancelled when the
 * map's panel closes (the command then does nothing). Arguments passed to a command (tests,
 * keybindings, hover links) skip the question but go through the same validation.
 */
import * as vscode from 'vscode';
import { MapSession } from '../core/view/session';
import { ViewedSession } from '../core/view/viewed';
import { Role, describeInput } from '../core/view/input';
import { PanelManager } from './panel';

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export interface Question {
  title: string;
  prompt: string;
  value?: string;
  /** The problem with `text`, or undefined when it is a good answer. */
  validate?: (text: string) => string | undefined | Promise<string | undefined>;
  token?: vscode.CancellationToken;
}

/** Asks `q` (or takes `arg`, validated the same way); throws `Cancelled` when dismissed. */
export async function ask(q: Question, arg?: unknown): Promise<string> {
  if (arg !== undefined) {
    const text = typeof arg === 'string' ? arg : JSON.stringify(arg);
    const problem = await q.validate?.(text);
    if (problem) throw new Error(problem);
    return text;
  }
  if (q.token?.isCancellationRequested) throw new Cancelled();
  const text = await vscode.window.showInputBox({
    title: q.title,
    prompt: q.prompt,
    value: q.value,
    ignoreFocusOut: true,
    validateInput: q.validate,
  }, q.token);
  if (text === undefined || q.token?.isCancellationRequested) throw new Cancelled();
  return text;
}

/** Asks for a key or elem of `s` and returns it parsed; cancelled when the map's panel closes. */
export async function askValue(s: MapSession, panels: PanelManager, role: Role, arg: unknown, title: string): Promise<unknown> {
  const token = panels.promptToken(s);
  try {
    const text = await ask({
      title: `${s.displayTitle}: ${title}`,
      prompt: `Type ${describeInput(role, s.input)}.`,
      token: token.token,
      validate: async (v) => {
        try {
          await s.parse(role, v);
          return undefined;
        } catch (e) {
          return message(e);
        }
      },
    }, arg);
    return await s.parse(role, text);
  } finally {
    token.done();
  }
}

/** Asks `q` about map `s`: the question is cancelled when the map's panel closes. */
export async function askAbout(s: ViewedSession, panels: PanelManager, q: Question, arg?: unknown): Promise<string> {
  const token = panels.promptToken(s);
  try {
    return await ask({ ...q, token: token.token }, arg);
  } finally {
    token.done();
  }
}

/** A whole number from `min` to `max` (the validation message says the range and why). */
export function wholeNumber(min: number, max: number, why = ''): (v: string) => string | undefined {
  return (v) => {
    const t = v.trim().replace(/[_,]/g, '');
    if (!/^\d+$/.test(t)) return `a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${why}`;
    const n = Number(t);
    if (n < min || n > max) return `a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${why}`;
    return undefined;
  };
}

export function toNumber(v: string): number {
  return Number(v.trim().replace(/[_,]/g, ''));
}
