import { type Span, type UnknownReason, type UnknownValue, unknownPlaceholder } from '../../model/index.js';

const PLACEHOLDER = /\uffff\d+\uffff/g;

/**
 * The values of one template that are known only after deployment. Each gets a placeholder unique in
 * the template (so in every statement), written where the value goes; a statement lists those it holds.
 */
export class UnknownValues {
  private readonly byPlaceholder = new Map<string, UnknownValue>();

  add(expression: string, reason: UnknownReason, span: Span): string {
    const placeholder = unknownPlaceholder(this.byPlaceholder.size);
    this.byPlaceholder.set(placeholder, { placeholder, expression, reason, span });
    return placeholder;
  }

  /** The unknowns whose placeholders stand in these texts, in order of first appearance. */
  in(texts: readonly string[]): UnknownValue[] {
    const found = new Map<string, UnknownValue>();
    for (const text of texts) {
      for (const match of text.matchAll(PLACEHOLDER)) {
        const unknown = this.byPlaceholder.get(match[0]);
        if (unknown && !found.has(match[0])) found.set(match[0], unknown);
      }
    }
    return [...found.values()];
  }
}

export function hasPlaceholder(text: string): boolean {
  return text.includes('\uffff');
}

/** The text with every placeholder replaced: for checks that must see some concrete value. */
export function replacePlaceholders(text: string, by: string): string {
  return text.replace(PLACEHOLDER, by);
}
