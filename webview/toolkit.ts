/**
 * The only module that touches `@vscode/webview-ui-toolkit` (deprecated upstream since 2025-01-01):
 * swapping it for `@vscode-elements/elements` means rewriting this file alone.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider } from '@vscode/webview-ui-toolkit';

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider());
}

/** A toolbar button. `primary` for the main action, else secondary. */
export function button(label: string, title: string, onClick: () => void, primary = false): HTMLElement {
  register();
  const b = document.createElement('vscode-button');
  b.setAttribute('appearance', primary ? 'primary' : 'secondary');
  b.textContent = label;
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

/** A horizontal rule in the toolkit's style. */
export function divider(): HTMLElement {
  register();
  return document.createElement('vscode-divider');
}

/** Enables or disables a button made by `button`. */
export function setEnabled(b: HTMLElement, enabled: boolean): void {
  if (enabled) b.removeAttribute('disabled');
  else b.setAttribute('disabled', '');
}
