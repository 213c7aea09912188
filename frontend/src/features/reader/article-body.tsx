import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { codePointAtPoint } from '../../engine/hit-test';
import { CustomHighlightRenderer, spansAt, type HighlightItem, type HighlightRenderer } from '../../engine/highlighter';
import type { Span } from '../../engine/selectors';
import { TextMap, trimSpan } from '../../engine/text-map';
import type { Annotation } from '../../lib/types';

export interface TextSelection extends Span {
  exact: string;
  /** Where to show the selection's tools, in viewport coordinates. */
  rect: { left: number; top: number; bottom: number };
}

interface Props {
  body: string;
  annotations: Annotation[];
  activeClaimId: number | null;
  onSelect: (selection: TextSelection | null) => void;
  onOpenClaim: (claimId: number) => void;
  /** Receives the text map once built, so the page can scroll to spans. */
  onMap: (map: TextMap) => void;
}

/**
 * The article text, exactly as stored, in one text node (white-space: pre-wrap). Highlights are painted over it
 * by the annotation engine; the text's DOM never changes, whatever the number of highlights.
 */
export function ArticleBody({ body, annotations, activeClaimId, onSelect, onOpenClaim, onMap }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<TextMap | null>(null);
  const renderer = useMemo<HighlightRenderer | null>(
    () => (CustomHighlightRenderer.isSupported() ? new CustomHighlightRenderer() : null), []);

  useLayoutEffect(() => {
    mapRef.current = new TextMap(ref.current!);
    onMap(mapRef.current);
  }, [body]);

  useLayoutEffect(() => {
    const map = mapRef.current;
    if (!map || !renderer) return;
    const items: HighlightItem[] = annotations.map((a) => ({
      id: a.id, start: a.start, end: a.end, styleKey: a.claim.rating ?? 'unverified',
    }));
    const active = new Set(annotations.filter((a) => a.claim.id === activeClaimId).map((a) => a.id));
    renderer.render(map, items, active);
    // The benchmark reads this mark: when the highlights of the loaded annotations are on screen.
    performance.mark('workbench:highlights-drawn', { detail: { count: items.length } });
  }, [annotations, activeClaimId, renderer, body]);

  useEffect(() => () => renderer?.clear(), [renderer]);

  function readSelection() {
    const map = mapRef.current;
    const selection = window.getSelection();
    if (!map || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
      onSelect(null);
      return;
    }
    const range = selection.getRangeAt(0);
    if (!range.intersectsNode(map.root)) {
      onSelect(null);
      return;
    }
    const raw = map.spanOf(range);
    const span = raw && trimSpan(map.index, raw);
    if (!span) {
      onSelect(null);
      return;
    }
    const rect = map.rangeOf(span).getBoundingClientRect();
    onSelect({ ...span, exact: map.index.slice(span.start, span.end), rect: { left: rect.left, top: rect.top, bottom: rect.bottom } });
  }

  function onClick(e: MouseEvent) {
    const map = mapRef.current;
    const selection = window.getSelection();
    if (!map || (selection && !selection.isCollapsed)) return;
    const offset = codePointAtPoint(map, e.clientX, e.clientY);
    if (offset === null) return;
    const hits = spansAt(annotations, offset);
    if (hits.length === 0) return;
    // Clicking again where highlights overlap cycles through them.
    const current = hits.findIndex((a) => a.claim.id === activeClaimId);
    onOpenClaim(hits[(current + 1) % hits.length]!.claim.id);
  }

  const hoverFrame = useRef(0);
  function onMouseMove(e: MouseEvent) {
    if (hoverFrame.current) return;
    const { clientX, clientY } = e;
    hoverFrame.current = requestAnimationFrame(() => {
      hoverFrame.current = 0;
      const map = mapRef.current;
      if (!map) return;
      const offset = codePointAtPoint(map, clientX, clientY);
      const over = offset !== null && spansAt(annotations, offset).length > 0;
      map.root.classList.toggle('over-highlight', over);
    });
  }

  return (
    <div ref={ref} class="article-body" data-testid="article-body" lang="und"
      onMouseUp={readSelection} onKeyUp={readSelection} onClick={onClick} onMouseMove={onMouseMove}>
      {body}
    </div>
  );
}
