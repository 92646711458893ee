/**
 * The growth inside the last operation, step by step (`data-testid="growth-steps"`): a Swiss
 * rehash, split or growToTable. Step 0 (the map now) says what happened and offers the steps; at
 * steps 1 and 2 the rows show the old table beside the new one(s) with an arrow per moved key (a
 * split: the left half left of the old table, the right half right of it), and for a split the
 * directory before and after `installTableSplit`. The buttons run the same commands as the
 * toolbar's "Step growth" and "Finish growth", so the extension decides the step.
 */
import { GrowthStepsView } from '../src/protocol/messages';
import { renderDirectory } from './directory';
import { button } from './toolkit';

export function renderGrowthSteps(root: HTMLElement, g: GrowthStepsView | undefined, step: () => void, finish: () => void, go: (array: string) => void): void {
  root.hidden = !g;
  if (!g) {
    root.replaceChildren();
    return;
  }
  root.dataset.step = String(g.step);
  const head = document.createElement('div');
  head.className = 'growth-head';
  const title = document.createElement('span');
  title.className = 'growth-title';
  title.dataset.testid = 'growth-title';
  title.textContent = g.step === 0 ? `${g.title}: ${g.event}` : g.title;
  const next = button(g.step === 0 ? 'Show the steps' : g.step < g.steps ? 'Next step' : 'Back to the map now', 'Step growth: the next step of the growth inside the last insert', step, g.step === 0);
  next.dataset.testid = 'growth-next';
  head.append(title, next);
  if (g.step > 0 && g.step < g.steps) {
    const done = button('Map now', 'Finish growth: back to the map as it is now', finish);
    done.dataset.testid = 'growth-finish';
    head.append(done);
  }
  const text = document.createElement('div');
  text.className = 'growth-text';
  text.textContent = g.text;
  const parts: HTMLElement[] = [head, text];
  if (g.step > 0 && g.directoryBefore && g.directoryAfter) {
    for (const [name, d] of [['directory before', g.directoryBefore], ['directory after', g.directoryAfter]] as const) {
      const box = document.createElement('div');
      box.className = 'directory growth-directory';
      box.dataset.testid = name === 'directory before' ? 'directory-before' : 'directory-after';
      renderDirectory(box, d, go, name);
      parts.push(box);
    }
  }
  root.replaceChildren(...parts);
}
