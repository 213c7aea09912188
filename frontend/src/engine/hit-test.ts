import type { TextMap } from './text-map';

/** The code-point offset of the character under a viewport point, or null when the point is not over the text. */
export function codePointAtPoint(map: TextMap, x: number, y: number): number | null {
  const doc = map.root.ownerDocument as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  let node: Node | null = null;
  let offset = 0;
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = doc.caretPositionFromPoint(x, y);
    if (pos) {
      node = pos.offsetNode;
      offset = pos.offset;
    }
  } else if (typeof doc.caretRangeFromPoint === 'function') {
    const range = doc.caretRangeFromPoint(x, y);
    if (range) {
      node = range.startContainer;
      offset = range.startOffset;
    }
  }
  if (!node || !map.root.contains(node)) return null;
  const unit = map.utf16OfPoint(node, offset);
  // The caret falls between characters; pick the character whose box holds the point.
  const cp = map.index.toCodePoint(unit);
  for (const candidate of [cp, cp - 1]) {
    if (candidate < 0 || candidate >= map.index.length) continue;
    const rects = map.rangeOf({ start: candidate, end: candidate + 1 }).getClientRects();
    for (const r of Array.from(rects)) {
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return candidate;
    }
  }
  return null;
}
