/**
 * Toolbar buttons: native buttons in the theme's button colors (small, so the toolbar stays on one
 * or two lines in a panel beside the code). `@vscode/webview-ui-toolkit` is deprecated upstream
 * and is no longer used.
 */

/** A toolbar button. `primary` for the main action, else secondary. */
export function button(label: string, title: string, onClick: () => void, primary = false): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = primary ? 'tb primary' : 'tb';
  b.textContent = label;
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

/** Enables or disables a button made by `button`. */
export function setEnabled(b: HTMLElement, enabled: boolean): void {
  (b as HTMLButtonElement).disabled = !enabled;
}
