/**
 * Code points versus UTF-16 code units. The API counts Unicode code points (as PostgreSQL and the W3C
 * TextPositionSelector do); JavaScript strings and DOM offsets count UTF-16 code units. The two differ as soon as
 * a text holds a character outside the Basic Multilingual Plane (emoji, 𝔘𝔫𝔦), so every offset crosses here.
 */

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (!(isLowSurrogate(text.charCodeAt(i)) && i > 0 && isHighSurrogate(text.charCodeAt(i - 1)))) n++;
  }
  return n;
}

/** The substring between two code-point offsets. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const index = new CodePointIndex(text);
  return text.slice(index.toUtf16(start), index.toUtf16(end));
}

/**
 * Both-way offset tables for one text, built once in O(n): converting an offset is then O(1), which keeps
 * thousands of highlights on a long article cheap to place.
 */
export class CodePointIndex {
  readonly text: string;
  readonly length: number;
  /** utf16Of[cp] = UTF-16 offset of code point cp; utf16Of[length] = text.length. */
  private readonly utf16Of: Uint32Array;
  /** cpOf[u] = code point offset of UTF-16 unit u (a low surrogate maps to its pair's code point). */
  private readonly cpOf: Uint32Array;

  constructor(text: string) {
    this.text = text;
    const cpOf = new Uint32Array(text.length + 1);
    const utf16 = new Uint32Array(text.length + 1);
    let cp = 0;
    for (let u = 0; u < text.length; u++) {
      const unit = text.charCodeAt(u);
      if (isLowSurrogate(unit) && u > 0 && isHighSurrogate(text.charCodeAt(u - 1))) {
        cpOf[u] = cp - 1;
        continue;
      }
      utf16[cp] = u;
      cpOf[u] = cp;
      cp++;
    }
    utf16[cp] = text.length;
    cpOf[text.length] = cp;
    this.length = cp;
    this.utf16Of = utf16.subarray(0, cp + 1);
    this.cpOf = cpOf;
  }

  /** UTF-16 offset of a code-point offset (0..length). */
  toUtf16(codePoint: number): number {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.length) {
      throw new RangeError(`code point offset ${codePoint} outside 0..${this.length}`);
    }
    return this.utf16Of[codePoint]!;
  }

  /**
   * Code-point offset of a UTF-16 offset. An offset inside a surrogate pair (which a DOM selection can produce)
   * rounds down to the pair's start when `round` is 'start', up past it when 'end'.
   */
  toCodePoint(utf16: number, round: 'start' | 'end' = 'start'): number {
    if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.text.length) {
      throw new RangeError(`UTF-16 offset ${utf16} outside 0..${this.text.length}`);
    }
    const cp = this.cpOf[utf16]!;
    const splitsPair = utf16 > 0 && utf16 < this.text.length && isLowSurrogate(this.text.charCodeAt(utf16))
      && isHighSurrogate(this.text.charCodeAt(utf16 - 1));
    return splitsPair && round === 'end' ? cp + 1 : cp;
  }

  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}
