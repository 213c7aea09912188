import { CodePointIndex, isHighSurrogate } from './code-points';
import type { Span } from './selectors';

interface TextChunk {
  node: Text;
  /** UTF-16 offset of the node's first unit in the root's whole text. */
  start: number;
  /** The node's length in UTF-16 units, kept here: reading node.data copies the whole string every time. */
  length: number;
}

export interface DomPoint {
  node: Text;
  offset: number;
}

/**
 * Maps between a root element's text (all its text nodes in document order, which is exactly the article body)
 * and DOM positions. Built once per rendered text; lookups are a binary search over the text nodes.
 */
export class TextMap {
  readonly root: Element;
  readonly text: string;
  readonly index: CodePointIndex;
  private readonly chunks: TextChunk[];

  constructor(root: Element) {
    this.root = root;
    const chunks: TextChunk[] = [];
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const node = n as Text;
      const data = node.data;
      chunks.push({ node, start: text.length, length: data.length });
      text += data;
    }
    this.chunks = chunks;
    this.text = text;
    this.index = new CodePointIndex(text);
  }

  /** The DOM point of a UTF-16 offset of the whole text; at a node boundary, the start of the later node. */
  pointAtUtf16(offset: number): DomPoint {
    if (this.chunks.length === 0) throw new RangeError('the root holds no text');
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const chunk = this.chunks[lo]!;
    return { node: chunk.node, offset: Math.min(offset - chunk.start, chunk.length) };
  }

  /** A DOM Range over a span given in code points. */
  rangeOf(span: Span): Range {
    const range = this.root.ownerDocument.createRange();
    const start = this.pointAtUtf16(this.index.toUtf16(span.start));
    const end = this.pointAtUtf16(this.index.toUtf16(span.end));
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    return range;
  }

  /**
   * The UTF-16 offset, in the whole text, of a DOM boundary point (container, offset) as a Range or Selection
   * gives it. Points before the root clamp to 0, points after it to the end.
   */
  utf16OfPoint(container: Node, offset: number): number {
    if (container.nodeType === Node.TEXT_NODE) {
      const chunk = this.chunks.find((c) => c.node === container);
      if (chunk) return chunk.start + Math.min(offset, chunk.length);
    }
    const probe = this.root.ownerDocument.createRange();
    probe.selectNodeContents(this.root);
    const point = this.root.ownerDocument.createRange();
    point.setStart(container, offset);
    if (point.compareBoundaryPoints(Range.START_TO_START, probe) <= 0) return 0;
    if (point.compareBoundaryPoints(Range.END_TO_START, probe) >= 0) return this.text.length;
    // Inside the root at an element boundary: the text before it is the text of the nodes that precede it.
    probe.setEnd(container, offset);
    return probe.toString().length;
  }

  /** The span of a DOM range in code points, clipped to the root; null when it covers no text of the root. */
  spanOf(range: Range): Span | null {
    const startUnit = this.utf16OfPoint(range.startContainer, range.startOffset);
    const endUnit = this.utf16OfPoint(range.endContainer, range.endOffset);
    const start = this.index.toCodePoint(startUnit, 'start');
    const end = this.index.toCodePoint(endUnit, 'end');
    return end > start ? { start, end } : null;
  }
}

/** Shrinks a span so it neither starts nor ends with white space; null when nothing but white space is left. */
export function trimSpan(index: CodePointIndex, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && /\s/u.test(index.slice(start, start + 1))) start++;
  while (end > start && /\s/u.test(index.slice(end - 1, end))) end--;
  return end > start ? { start, end } : null;
}

export { isHighSurrogate };
