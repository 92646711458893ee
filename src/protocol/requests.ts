/**
 * Request and reply over a message channel, for both sides of the panel: a request carries an id,
 * the reply carries the same id, and a request that gets no reply in time fails with a message
 * naming what was asked (as microsoft/vscode-hexeditor's `shared/protocol.ts` does). Replies to
 * unknown or expired ids are ignored.
 */

export interface ReplyMessage {
  type: 'reply';
  requestId: number;
  ok: boolean;
  /** The answer when ok. */
  value?: unknown;
  /** Why not, when not ok. */
  error?: string;
}

export class Requests {
  private next = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }>();

  /** Sends a request made by `make(requestId)` and waits for its reply, at most `timeoutMs`. */
  send<T>(what: string, make: (requestId: number) => void, timeoutMs = 10_000): Promise<T> {
    const requestId = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new Error(`${what}: no answer in ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      (timer as { unref?: () => void }).unref?.();
      this.waiting.set(requestId, { resolve: resolve as (v: unknown) => void, reject, timer });
      try {
        make(requestId);
      } catch (e) {
        clearTimeout(timer);
        this.waiting.delete(requestId);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Settles the request a reply answers. */
  receive(m: ReplyMessage): void {
    const w = this.waiting.get(m.requestId);
    if (!w) return;
    this.waiting.delete(m.requestId);
    clearTimeout(w.timer);
    if (m.ok) w.resolve(m.value);
    else w.reject(new Error(m.error ?? 'the request failed'));
  }

  /** Fails every pending request (the other side went away). */
  cancelAll(why: string): void {
    for (const [id, w] of this.waiting) {
      clearTimeout(w.timer);
      w.reject(new Error(why));
      this.waiting.delete(id);
    }
  }
}

/** Answers a request with what `f` returns (or throws). */
export async function answer(requestId: number, f: () => unknown, post: (m: ReplyMessage) => void): Promise<void> {
  try {
    post({ type: 'reply', requestId, ok: true, value: await f() });
  } catch (e) {
    post({ type: 'reply', requestId, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
}
