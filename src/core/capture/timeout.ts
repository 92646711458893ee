/**
 * A bound on every DAP request of a capture. Delve's DAP server answers requests one at a time, in
 * order; a request that never gets an answer (the adapter died or hung, the program was resumed
 * under the capture, a client that dropped it) would otherwise hold the capture, and the command
 * that waits on it, forever, with nothing shown. So each request races a timer, and when the timer
 * wins the capture fails with one line that names the request that got no answer. A late answer is
 * dropped.
 */
import { CaptureError } from './delve';

/**
 * How long a capture waits for one answer. A request waits behind at most the capture's others in
 * flight (64), each a few milliseconds of Delve's work: seconds would be slow, this is stuck.
 */
export const requestTimeoutMs = 30_000;

/** A request that got no answer in time. */
export class NoAnswer extends CaptureError {
  constructor(readonly request: string, readonly ms: number) {
    super(`the debug adapter did not answer ${request} within ${formatSeconds(ms)}: is the program still paused, and its debugger alive?`);
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** Longest expression quoted in a `NoAnswer` message (the capture's expressions nest the user's). */
const maxQuoted = 120;

/** A DAP request in a few words: `evaluate "*(*uintptr)(…)"`, `stackTrace of goroutine 1`, `threads`. */
export function describeRequest(command: string, args: Record<string, unknown> = {}): string {
  if (typeof args.expression === 'string') {
    const e = args.expression;
    return `${command} ${JSON.stringify(e.length > maxQuoted ? `${e.slice(0, maxQuoted)}…` : e)}`;
  }
  if (typeof args.threadId === 'number') return `${command} of goroutine ${args.threadId}`;
  if (typeof args.variablesReference === 'number') return `${command} of reference ${args.variablesReference}`;
  return command;
}

/** `answer`, or a `NoAnswer` naming `request` once `ms` milliseconds passed without it. */
export function answerWithin<T>(answer: PromiseLike<T>, ms: number, request: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(request, ms)), ms);
  });
  return Promise.race([Promise.resolve(answer), late]).finally(() => clearTimeout(timer));
}
