/**
 * The bar a captured map gets above its toolbar (`data-testid="captured"`): where its debug
 * session stands (`MapView.captured`: this stop, stopped again, running, the process gone), with
 * Refresh (offered once the program stopped again) and "Continue in the simulator". The map is
 * read-only, so the toolbar's operations are disabled and their tooltips say why; exports stay.
 */
import { CommandId, capturedOperations } from '../src/protocol/commands';
import type { CapturedStatusView } from '../src/protocol/messages';
import { button, setEnabled } from './toolkit';

/** Toolbar commands that only read the map (they stay enabled on a captured one). */
const readers = new Set<CommandId>([CommandId.ExportSnapshot, CommandId.ExportImage, CommandId.ExportPng]);

export class CapturedBar {
  readonly root = document.createElement('div');
  private readonly text = document.createElement('span');
  private readonly buttons = new Map<CommandId, HTMLButtonElement>();

  constructor(run: (command: CommandId) => void) {
    this.root.className = 'captured';
    this.root.dataset.testid = 'captured';
    this.root.hidden = true;
    this.text.className = 'captured-text';
    this.text.dataset.testid = 'captured-status';
    this.root.append(this.text);
    for (const op of capturedOperations) {
      const b = button(op.label, op.id, () => run(op.id), op.id === CommandId.RefreshCapture);
      b.dataset.command = op.id;
      this.buttons.set(op.id, b);
      this.root.append(b);
    }
  }

  /**
   * Shows the bar for a captured map (hides it for a simulated one) and disables the operations
   * that would change it, their tooltips saying why. Called after the toolbar's own enabling.
   */
  show(c: CapturedStatusView | undefined, toolbar: Map<CommandId, HTMLElement>, labels: Map<CommandId, string>): void {
    this.root.hidden = !c;
    this.root.dataset.state = c?.state ?? '';
    for (const [id, b] of toolbar) {
      if (readers.has(id)) continue;
      if (c) setEnabled(b, false);
      b.title = c ? `${labels.get(id) ?? id}: ${c.readOnly}` : id;
    }
    if (!c) return;
    this.text.textContent = c.text;
    const refresh = this.buttons.get(CommandId.RefreshCapture)!;
    // Refresh reads the map where the program stopped: not while it runs, not once it is gone.
    setEnabled(refresh, c.state === 'stale' || c.state === 'current');
    refresh.classList.toggle('primary', c.state === 'stale');
  }
}
