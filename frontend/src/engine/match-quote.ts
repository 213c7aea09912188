import { CodePointIndex } from './code-points';
import { CONTEXT_LENGTH, type Span, type TextPositionSelector, type TextQuoteSelector } from './selectors';

/** The quote selector that describes a span of a text: the exact text and up to 32 code points either side. */
export function describeSpan(index: CodePointIndex, span: Span): TextQuoteSelector {
  return {
    type: 'TextQuoteSelector',
    exact: index.slice(span.start, span.end),
    prefix: index.slice(Math.max(0, span.start - CONTEXT_LENGTH), span.start),
    suffix: index.slice(span.end, Math.min(index.length, span.end + CONTEXT_LENGTH)),
  };
}

/**
 * Finds where a quote sits in a text. The position is trusted when the text there is the quote (the stored body
 * never changes, so that is the normal case). Otherwise every occurrence of the quote is scored by how much of its
 * prefix and suffix match and by its distance from the position hint; the best wins. Null when the quote is absent.
 */
export function anchorQuote(index: CodePointIndex, quote: TextQuoteSelector, hint?: TextPositionSelector): Span | null {
  if (quote.exact.length === 0) return null;
  if (hint && hint.start >= 0 && hint.end <= index.length && hint.start < hint.end
      && index.slice(hint.start, hint.end) === quote.exact) {
    return { start: hint.start, end: hint.end };
  }
  const text = index.text;
  let best: Span | null = null;
  let bestScore = -Infinity;
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    const start = index.toCodePoint(at);
    const end = index.toCodePoint(at + quote.exact.length, 'end');
    const score = contextScore(index, start, end, quote)
      - (hint ? Math.abs(start - hint.start) / Math.max(1, index.length) : 0);
    if (score > bestScore) {
      bestScore = score;
      best = { start, end };
    }
  }
  return best;
}

/** How many code points of prefix and suffix agree, counting outward from the quote. */
function contextScore(index: CodePointIndex, start: number, end: number, quote: TextQuoteSelector): number {
  let score = 0;
  const before = [...index.slice(Math.max(0, start - CONTEXT_LENGTH), start)].reverse();
  const prefix = [...(quote.prefix ?? '')].reverse();
  for (let i = 0; i < Math.min(before.length, prefix.length) && before[i] === prefix[i]; i++) score++;
  const after = [...index.slice(end, Math.min(index.length, end + CONTEXT_LENGTH))];
  const suffix = [...(quote.suffix ?? '')];
  for (let i = 0; i < Math.min(after.length, suffix.length) && after[i] === suffix[i]; i++) score++;
  return score;
}
