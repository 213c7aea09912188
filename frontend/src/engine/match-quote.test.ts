import { describe, expect, it } from 'vitest';
import { CodePointIndex } from './code-points';
import { anchorQuote, describeSpan } from './match-quote';

const TEXT = 'Twenty-eight SDF members were killed. Later, 45 SDF members were reportedly killed. 🎉 SDF members';

describe('quote selectors', () => {
  it('describes a span with up to 32 code points of context', () => {
    const index = new CodePointIndex(TEXT);
    const start = [...TEXT].indexOf('4');
    const quote = describeSpan(index, { start, end: start + 2 });
    expect(quote.exact).toBe('45');
    expect([...quote.prefix!].length).toBe(32);
    expect(quote.suffix!.startsWith(' SDF members were reportedly')).toBe(true);
  });

  it('trusts a position whose text is the quote', () => {
    const index = new CodePointIndex(TEXT);
    const span = anchorQuote(index, { type: 'TextQuoteSelector', exact: 'SDF members' },
      { type: 'TextPositionSelector', start: 13, end: 24 });
    expect(span).toEqual({ start: 13, end: 24 });
  });

  it('picks the occurrence whose context matches when the position is off', () => {
    const index = new CodePointIndex(TEXT);
    const cps = [...TEXT];
    const second = cps.join('').indexOf('SDF members were reportedly');
    const secondCp = [...TEXT.slice(0, second)].length;
    const span = anchorQuote(index, { type: 'TextQuoteSelector', exact: 'SDF members', prefix: 'Later, 45 ', suffix: ' were reportedly' },
      { type: 'TextPositionSelector', start: 0, end: 11 });
    expect(span).toEqual({ start: secondCp, end: secondCp + 11 });
  });

  it('counts code points after an emoji', () => {
    const index = new CodePointIndex(TEXT);
    const span = anchorQuote(index, { type: 'TextQuoteSelector', exact: 'SDF members', prefix: '🎉 ' });
    expect(span).not.toBeNull();
    expect(index.slice(span!.start - 2, span!.start)).toBe('🎉 ');
  });

  it('returns null for a quote that is not in the text', () => {
    expect(anchorQuote(new CodePointIndex(TEXT), { type: 'TextQuoteSelector', exact: 'ninety' })).toBeNull();
  });
});
