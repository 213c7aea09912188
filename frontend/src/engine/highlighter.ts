import type { Span } from './selectors';
import type { TextMap } from './text-map';

/** One highlight to draw: its span and the style class it is drawn with (a verdict, "active", ...). */
export interface HighlightItem extends Span {
  id: number;
  styleKey: string;
}

/** Draws highlights over a text without changing the text's DOM. */
export interface HighlightRenderer {
  render(map: TextMap, items: readonly HighlightItem[], activeIds: ReadonlySet<number>): void;
  clear(): void;
}

/** The part of the CSS Custom Highlight API this renderer uses (injectable for tests). */
export interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  delete(name: string): boolean;
}

export type HighlightFactory = (ranges: Range[], priority: number) => unknown;

export const HIGHLIGHT_PREFIX = 'wb-';

/** The CSS highlight name of a style key ("false" → "wb-r-false"); keys are [a-z0-9-]. */
export function highlightName(styleKey: string): string {
  return `${HIGHLIGHT_PREFIX}r-${styleKey.replace(/[^a-z0-9-]/g, '-')}`;
}

export const OVERLAP_HIGHLIGHT = `${HIGHLIGHT_PREFIX}overlap`;
export const ACTIVE_HIGHLIGHT = `${HIGHLIGHT_PREFIX}active`;

/**
 * Renders with the CSS Custom Highlight API: one Highlight per style key holding all its ranges, plus one for the
 * places where highlights overlap and one for the active claim. The browser paints them; the text node is never
 * split or wrapped, so thousands of highlights cost a few milliseconds.
 */
export class CustomHighlightRenderer implements HighlightRenderer {
  private names = new Set<string>();

  constructor(
    private readonly registry: HighlightRegistryLike = (globalThis as unknown as { CSS: { highlights: HighlightRegistryLike } }).CSS.highlights,
    private readonly makeHighlight: HighlightFactory = (ranges, priority) => {
      const h = new Highlight(...ranges);
      h.priority = priority;
      return h;
    },
  ) {}

  static isSupported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
  }

  render(map: TextMap, items: readonly HighlightItem[], activeIds: ReadonlySet<number>): void {
    const byStyle = new Map<string, Range[]>();
    const active: Range[] = [];
    for (const item of items) {
      const range = map.rangeOf(item);
      const name = highlightName(item.styleKey);
      let list = byStyle.get(name);
      if (!list) byStyle.set(name, (list = []));
      list.push(range);
      if (activeIds.has(item.id)) active.push(map.rangeOf(item));
    }
    const overlaps = overlapSpans(items).map((s) => map.rangeOf(s));
    const next = new Map<string, unknown>();
    for (const [name, ranges] of byStyle) next.set(name, this.makeHighlight(ranges, 1));
    if (overlaps.length) next.set(OVERLAP_HIGHLIGHT, this.makeHighlight(overlaps, 2));
    if (active.length) next.set(ACTIVE_HIGHLIGHT, this.makeHighlight(active, 3));
    for (const name of this.names) if (!next.has(name)) this.registry.delete(name);
    for (const [name, highlight] of next) this.registry.set(name, highlight);
    this.names = new Set(next.keys());
  }

  clear(): void {
    for (const name of this.names) this.registry.delete(name);
    this.names.clear();
  }
}

/** The stretches of text covered by two or more spans, merged, in order. */
export function overlapSpans(spans: readonly Span[]): Span[] {
  const edges: Array<[number, number]> = [];
  for (const s of spans) {
    edges.push([s.start, 1], [s.end, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  let depth = 0;
  let openedAt = 0;
  for (const [at, delta] of edges) {
    const before = depth;
    depth += delta;
    if (before < 2 && depth >= 2) openedAt = at;
    else if (before >= 2 && depth < 2 && at > openedAt) {
      const last = out[out.length - 1];
      if (last && last.end === openedAt) last.end = at;
      else out.push({ start: openedAt, end: at });
    }
  }
  return out;
}

/** The spans containing a code-point offset, shortest first (the most specific highlight under the pointer). */
export function spansAt<T extends Span>(spans: readonly T[], offset: number): T[] {
  return spans.filter((s) => s.start <= offset && offset < s.end).sort((a, b) => (a.end - a.start) - (b.end - b.start));
}
