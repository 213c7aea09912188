/** W3C Web Annotation selectors, as plain data. Positions count Unicode code points. */

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

/** A span of the article text in code points, [start, end). */
export interface Span {
  start: number;
  end: number;
}

export const CONTEXT_LENGTH = 32;
