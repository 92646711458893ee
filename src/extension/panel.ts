/**
 * The map panel: one webview per open map (viewType `goMapInspector.panel`), its HTML with a strict
 * CSP, the typed message exchange, and the serializer that brings panels back after a reload.
 *
 * A map has at most one panel: showing it again reveals that panel. Closing a map's panel forgets
 * the map (and cancels a prompt a command is waiting on for it).
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { ViewedSession } from '../core/view/viewed';
import { ToExtension, ToWebview, ToWebviewWire, mapMessage, parsePanelState, parseToExtension } from '../protocol/messages';
import { Requests, answer } from '../protocol/requests';
import { SessionStore } from './sessions';

export const panelViewType = 'goMapInspector.panel';

/** One open panel bound to one session. */
class MapPanel {
  /** The last `rendered` report of the webview (tests read it). */
  lastRendered?: { revision: number; ms: number };
  readonly requests = new Requests();
  /** The revision whose full view (with the counts over every row) is still to be sent. */
  private fullViewPending?: number;

  constructor(
    readonly panel: vscode.WebviewPanel,
    public session: ViewedSession,
    private readonly owner: PanelManager,
  ) {}

  post(message: ToWebviewWire): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  /** Sends the map view: for a big map first without the counts that walk every row, then (off
   * this turn of the event loop) the full view of the same revision. */
  sendMap(): void {
    this.panel.title = `${this.session.displayTitle} — Go Map`;
    const quick = this.session.mapView(true);
    void this.post(mapMessage(quick));
    if (!quick.pending) return;
    // Count once the first frame is drawn (or after a second, if the panel is hidden).
    this.fullViewPending = quick.revision;
    setTimeout(() => this.sendFullView(quick.revision), 1000).unref?.();
  }

  private sendFullView(revision: number): void {
    if (this.fullViewPending !== revision) return;
    this.fullViewPending = undefined;
    const session = this.session;
    void session.computeStats().then((done) => {
      if (done && session === this.session && session.revision === revision) void this.post(mapMessage(session.mapView()));
    });
  }

  async receive(raw: unknown): Promise<void> {
    const m = parseToExtension(raw);
    if (!m) {
      this.owner.log(`dropped a malformed message from the panel: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    await this.handle(m);
  }

  private async handle(m: ToExtension): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.sendMap();
        return;
      case 'viewport':
        if (m.revision !== this.session.revision) return; // a newer map message is on its way
        void this.post({ type: 'rows', revision: this.session.revision, array: m.array, start: m.start, rows: this.session.rows(m.array, m.start, m.end) });
        return;
      case 'run':
        this.owner.store.setActive(this.session.id);
        await vscode.commands.executeCommand(m.command);
        return;
      case 'selected':
        this.owner.onSelected(this.session, m.array, m.row);
        return;
      case 'rendered':
        this.lastRendered = { revision: m.revision, ms: m.ms };
        this.sendFullView(m.revision);
        return;
      case 'slotDetail':
        await answer(m.requestId, () => this.session.slotDetail(m.ref) ?? null, (r) => void this.post(r));
        return;
      case 'reply':
        this.requests.receive(m);
        return;
      default: {
        const never: never = m;
        void never;
      }
    }
  }

  /** Asks the webview to draw `svg` on a canvas and answer with the PNG's base64. */
  requestPng(svg: string, width: number, height: number): Promise<string> {
    return this.requests.send<string>('the panel drawing the PNG', (requestId) => void this.post({ type: 'png', requestId, png: { svg, width, height } }), 60_000);
  }
}

export class PanelManager implements vscode.Disposable {
  private readonly panels = new Set<MapPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly output: vscode.OutputChannel;
  /** Prompts open for a map: cancelled when its panel closes. */
  private readonly prompts = new Map<string, Set<vscode.CancellationTokenSource>>();
  /** Called when the user selects a row in the panel (the tree follows). */
  onSelected: (session: ViewedSession, array: string, row: number) => void = () => undefined;

  constructor(private readonly extensionUri: vscode.Uri, readonly store: SessionStore, output?: vscode.OutputChannel) {
    this.output = output ?? vscode.window.createOutputChannel('Go Map Inspector');
    if (!output) this.disposables.push(this.output);
    this.disposables.push(vscode.window.registerWebviewPanelSerializer(panelViewType, {
      deserializeWebviewPanel: async (panel, state) => {
        const s = parsePanelState(state);
        const session = s ? await store.restore(s.sessionId).catch(() => undefined) : undefined;
        if (!session) {
          this.setHtml(panel);
          const msg: ToWebview = { type: 'noMap', reason: 'This map was not saved with the workspace (a map captured from a debug session never is: inspect it again from the debugger). Run "Go Map: New Map…" or "Go Map: Inspect Map Under Cursor".' };
          const reply = panel.webview.onDidReceiveMessage(() => void panel.webview.postMessage(msg));
          panel.onDidDispose(() => reply.dispose());
          return;
        }
        this.attach(panel, session);
        if (panel.active || panel.visible || !store.active) store.setActive(session.id);
      },
    }));
    this.disposables.push(store.onDidChange((session) => {
      if (!session) return;
      for (const p of this.panels) if (p.session.id === session.id) {
        p.session = session; // a rebuilt session replaces its predecessor under the same id
        p.sendMap();
      }
    }));
  }

  log(line: string): void {
    this.output.appendLine(line);
  }

  /** The panel of a session, if open. */
  panelOf(session: ViewedSession): MapPanel | undefined {
    return [...this.panels].find((p) => p.session.id === session.id);
  }

  /** Shows `session` in its panel, opening one if needed. */
  show(session: ViewedSession): MapPanel {
    // Making a session active already sends its map to its panels (the store's change event);
    // only a session that was active before needs the map sent here.
    const wasActive = this.store.active?.id === session.id;
    this.store.setActive(session.id);
    const existing = this.panelOf(session);
    if (existing) {
      existing.panel.reveal(undefined, true);
      if (wasActive) existing.sendMap();
      return existing;
    }
    // New maps open beside the code, in the column of the other map panels if there are any.
    const column = [...this.panels].find((p) => p.panel.viewColumn !== undefined)?.panel.viewColumn ?? vscode.ViewColumn.Beside;
    const panel = vscode.window.createWebviewPanel(panelViewType, `${session.displayTitle} — Go Map`, { viewColumn: column, preserveFocus: true }, this.webviewOptions());
    return this.attach(panel, session);
  }

  reveal(array: string, row: number, group?: number, slot?: number): void {
    const s = this.store.active;
    const p = s && this.panelOf(s);
    if (!p) return;
    p.panel.reveal(undefined, true);
    void p.post({ type: 'reveal', array, row, group, slot });
  }

  async post(session: ViewedSession, message: ToWebviewWire): Promise<void> {
    for (const p of this.panels) if (p.session.id === session.id) await p.post(message);
  }

  /** Closes every map panel (their maps are forgotten). */
  closeAll(): number {
    const n = this.panels.size;
    for (const p of [...this.panels]) p.panel.dispose();
    return n;
  }

  /** A token cancelled when the session's panel closes (or the session is forgotten). */
  promptToken(session: ViewedSession): { token: vscode.CancellationToken; done(): void } {
    const cts = new vscode.CancellationTokenSource();
    let set = this.prompts.get(session.id);
    if (!set) this.prompts.set(session.id, (set = new Set()));
    set.add(cts);
    // A map whose panel is already gone has nothing to ask about.
    if (!this.panelOf(session)) cts.cancel();
    return {
      token: cts.token,
      done: () => {
        set!.delete(cts);
        cts.dispose();
      },
    };
  }

  /** For tests: the open panels with their sessions and last render reports. */
  openPanels(): { sessionId: string; title: string; visible: boolean; csp?: string; lastRendered?: { revision: number; ms: number } }[] {
    return [...this.panels].map((p) => ({
      sessionId: p.session.id,
      title: p.panel.title,
      visible: p.panel.visible,
      csp: /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(p.panel.webview.html)?.[1],
      lastRendered: p.lastRendered,
    }));
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel, session: ViewedSession): MapPanel {
    panel.webview.options = this.webviewOptions();
    panel.title = `${session.displayTitle} — Go Map`;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'map.svg');
    const p = new MapPanel(panel, session, this);
    this.panels.add(p);
    this.setHtml(panel, session.id);
    // The panel's own listeners live as long as the panel, not as long as the extension.
    const own: vscode.Disposable[] = [];
    panel.webview.onDidReceiveMessage((m) => p.receive(m), undefined, own);
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.store.setActive(p.session.id);
    }, undefined, own);
    panel.onDidDispose(() => {
      this.panels.delete(p);
      p.requests.cancelAll('the panel was closed');
      // The user closed the map's panel: drop the map, its record, and any prompt waiting on it
      // (a window reload does not dispose panels, so the serializer still finds its records).
      if (!this.panelOf(p.session)) {
        for (const cts of this.prompts.get(p.session.id) ?? []) cts.cancel();
        this.prompts.delete(p.session.id);
        void this.store.forget(p.session.id);
      }
      for (const d of own.splice(0)) d.dispose();
    }, undefined, own);
    return p;
  }

  private setHtml(panel: vscode.WebviewPanel, sessionId?: string): void {
    const webview = panel.webview;
    const nonce = randomBytes(18).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css'));
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data: blob:`,
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    const initial = JSON.stringify({ sessionId: sessionId ?? '' }).replace(/</g, '\\u003c');
    webview.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}" nonce="${nonce}">
<title>Go Map</title>
</head>
<body>
<div id="app" data-initial="${escapeAttr(initial)}"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    for (const p of this.panels) p.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
