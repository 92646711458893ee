/**
 * A hover being written: a Go code block first, then the line that names the runtime and Go
 * version the hover describes and why (`runtime/pick.ts`), then paragraphs of sentences.
 */
import { RuntimeChoice, describeRuntime } from '../runtime/pick';
import { goBlock } from './format';

export class Doc {
  readonly parts: string[] = [];
  constructor(private readonly rt: RuntimeChoice | undefined) {}

  block(lines: readonly string[]): this {
    this.parts.push(goBlock(lines));
    if (this.rt) this.parts.push(`**${describeRuntime(this.rt)}**`);
    return this;
  }

  para(...sentences: Array<string | false | undefined>): this {
    const s = sentences.filter((x): x is string => typeof x === 'string' && x !== '').join(' ');
    if (s) this.parts.push(s);
    return this;
  }

  raw(text: string): this {
    this.parts.push(text);
    return this;
  }

  toString(): string {
    return this.parts.join('\n\n');
  }
}
