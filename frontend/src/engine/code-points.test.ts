import { describe, expect, it } from 'vitest';
import { CodePointIndex, codePointLength, sliceCodePoints } from './code-points';

const MIXED = 'Hello 🎉 world\n𝔘𝔫𝔦 code and مرحبا بالعالم é end';

describe('code points', () => {
  it('counts an emoji and astral letters as one code point each', () => {
    expect('🎉'.length).toBe(2);
    expect(codePointLength('🎉')).toBe(1);
    expect(codePointLength('𝔘𝔫𝔦')).toBe(3);
    expect(codePointLength(MIXED)).toBe(46);
  });

  it('converts both ways around surrogate pairs', () => {
    const index = new CodePointIndex(MIXED);
    expect(index.toUtf16(6)).toBe(6); // the emoji starts at unit 6
    expect(index.toUtf16(7)).toBe(8); // the space after it
    expect(index.toCodePoint(8)).toBe(7);
    expect(index.slice(6, 13)).toBe('🎉 world');
    expect(index.slice(14, 17)).toBe('𝔘𝔫𝔦');
  });

  it('rounds an offset inside a surrogate pair to the whole character', () => {
    const index = new CodePointIndex('a🎉b');
    expect(index.toCodePoint(2, 'start')).toBe(1);
    expect(index.toCodePoint(2, 'end')).toBe(2);
  });

  it('keeps Arabic and combining marks as separate code points', () => {
    const decomposed = 'e\u0301';
    expect(codePointLength(decomposed)).toBe(2);
    expect(sliceCodePoints('مرحبا بالعالم', 0, 5)).toBe('مرحبا');
  });

  it('refuses offsets outside the text', () => {
    const index = new CodePointIndex('abc');
    expect(() => index.toUtf16(4)).toThrow(RangeError);
    expect(() => index.toUtf16(-1)).toThrow(RangeError);
    expect(() => index.toCodePoint(1.5)).toThrow(RangeError);
  });

  it('handles the empty text and a lone surrogate without crashing', () => {
    expect(new CodePointIndex('').length).toBe(0);
    const lone = new CodePointIndex('a\ud800b');
    expect(lone.length).toBe(3);
    expect(lone.slice(1, 2)).toBe('\ud800');
  });
});
