/**
 * A minimal Debug Adapter Protocol client over a byte stream (TCP to `dlv dap`), for the CLI and
 * the tests. DAP frames every message as `Content-Length: N\r\n\r\n` and N bytes of JSON; requests
 * carry a `seq`, responses name it in `request_seq`, and events arrive in between. Requests may be
 * pipelined: many are written before the first answer comes back, and each promise settles when
 * its own response arrives. The capture core only needs `send` (see `DapSend` in `./types`).
 */
import * as net from 'net';

export interface DapMessage {
  seq: number;
  type: 'request' | 'response' | 'event';
  command?: string;
  event?: string;
  request_seq?: number;
  success?: boolean;
  message?: string;
  body?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A failed DAP request: the adapter's own message (Delve's error text). */
export class DapError extends Error {
  constructor(readonly command: string, message: string) {
    super(message);
  }
}

type Pending = { command: string; resolve: (body: unknown) => void; reject: (e: Error) => void };

export class DapClient {
  private seq = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, Pending>();
  private readonly listeners: { event: string; fn: (body: any) => void }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  private closedError: Error | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => this.receive(chunk));
    const fail = (e: Error) => {
      this.closedError ??= e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the debug adapter closed the connection')));
  }

  static connect(host: string, port: number): Promise<DapClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port }, () => {
        socket.off('error', reject);
        socket.setNoDelay(true);
        resolve(new DapClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Sends a request; resolves with the response's `body`, rejects with a `DapError` on failure. */
  send(command: string, args?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (this.closedError) return Promise.reject(this.closedError);
    const seq = this.seq++;
    const json = JSON.stringify({ seq, type: 'request', command, arguments: args });
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { command, resolve, reject });
      this.socket.write(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    });
  }

  /** Calls `fn` with the body of every `event` until the returned function is called. */
  on(event: string, fn: (body: any) => void): () => void { // eslint-disable-line @typescript-eslint/no-explicit-any
    const l = { event, fn };
    this.listeners.push(l);
    return () => {
      const i = this.listeners.indexOf(l);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The next `event`'s body, or a rejection after `ms` milliseconds saying `what` never came. */
  waitFor(event: string, ms: number, what: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new Error(what)); }, ms);
      timer.unref?.();
      const off = this.on(event, (body) => { clearTimeout(timer); off(); resolve(body); });
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('DAP: a message without Content-Length');
      const start = headerEnd + 4;
      const end = start + Number(m[1]);
      if (this.buffer.length < end) return;
      const msg = JSON.parse(this.buffer.subarray(start, end).toString('utf8')) as DapMessage;
      this.buffer = this.buffer.subarray(end);
      this.dispatch(msg);
    }
  }

  private dispatch(msg: DapMessage): void {
    if (msg.type === 'response' && msg.request_seq !== undefined) {
      const p = this.pending.get(msg.request_seq);
      if (!p) return;
      this.pending.delete(msg.request_seq);
      if (msg.success) p.resolve(msg.body ?? {});
      else p.reject(new DapError(p.command, msg.body?.error?.format ?? msg.message ?? `${p.command} failed`));
    } else if (msg.type === 'event' && msg.event) {
      for (const l of [...this.listeners]) if (l.event === msg.event) l.fn(msg.body ?? {});
    }
  }
}
