// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ACTIVE_HIGHLIGHT, CustomHighlightRenderer, OVERLAP_HIGHLIGHT, highlightName, overlapSpans, spansAt } from './highlighter';
import { TextMap } from './text-map';

class FakeRegistry {
  readonly map = new Map<string, { ranges: Range[]; priority: number }>();
  set(name: string, h: unknown) { this.map.set(name, h as { ranges: Range[]; priority: number }); return this; }
  delete(name: string) { return this.map.delete(name); }
}

function textMap(text: string): TextMap {
  const root = document.createElement('div');
  root.textContent = text;
  document.body.innerHTML = '';
  document.body.appendChild(root);
  return new TextMap(root);
}

describe('overlapSpans', () => {
  it('finds where two or more spans overlap', () => {
    expect(overlapSpans([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 20, end: 25 }])).toEqual([{ start: 5, end: 10 }]);
  });
  it('merges adjacent overlaps and ignores touching spans', () => {
    expect(overlapSpans([{ start: 0, end: 5 }, { start: 5, end: 9 }])).toEqual([]);
    expect(overlapSpans([{ start: 0, end: 10 }, { start: 2, end: 6 }, { start: 4, end: 8 }])).toEqual([{ start: 2, end: 8 }]);
  });
});

describe('spansAt', () => {
  it('lists the spans under an offset, shortest first', () => {
    const spans = [{ id: 1, start: 0, end: 20 }, { id: 2, start: 5, end: 8 }];
    expect(spansAt(spans, 6).map((s) => s.id)).toEqual([2, 1]);
    expect(spansAt(spans, 20)).toEqual([]);
  });
});

describe('CustomHighlightRenderer', () => {
  it('groups ranges by verdict and marks overlaps and the active claim', () => {
    const registry = new FakeRegistry();
    const renderer = new CustomHighlightRenderer(registry, (ranges, priority) => ({ ranges, priority }));
    const map = textMap('🎉 The 38th Russian soldier to die in Syria, officials said.');
    renderer.render(map, [
      { id: 1, start: 2, end: 42, styleKey: 'false' },
      { id: 2, start: 6, end: 10, styleKey: 'unverified' },
      { id: 3, start: 44, end: 53, styleKey: 'false' },
    ], new Set([2]));
    expect(registry.map.get(highlightName('false'))!.ranges.map((r) => r.toString()))
      .toEqual(['The 38th Russian soldier to die in Syria', 'officials']);
    expect(registry.map.get(OVERLAP_HIGHLIGHT)!.ranges.map((r) => r.toString())).toEqual(['38th']);
    expect(registry.map.get(ACTIVE_HIGHLIGHT)!.ranges.map((r) => r.toString())).toEqual(['38th']);
  });

  it('removes highlights that are no longer drawn', () => {
    const registry = new FakeRegistry();
    const renderer = new CustomHighlightRenderer(registry, (ranges, priority) => ({ ranges, priority }));
    const map = textMap('abcdef');
    renderer.render(map, [{ id: 1, start: 0, end: 2, styleKey: 'true' }], new Set());
    renderer.render(map, [{ id: 2, start: 2, end: 4, styleKey: 'mixed' }], new Set());
    expect([...registry.map.keys()]).toEqual([highlightName('mixed')]);
    renderer.clear();
    expect(registry.map.size).toBe(0);
  });

  it('places 2,000 highlights on a 100,000-character text quickly', () => {
    const text = ('Deir ez-Zor 🎉 مرحبا '.repeat(5000)).slice(0, 100_000);
    const map = textMap(text);
    const items = Array.from({ length: 2000 }, (_, i) => ({ id: i, start: i * 45, end: i * 45 + 30, styleKey: i % 2 ? 'true' : 'false' }));
    const registry = new FakeRegistry();
    new CustomHighlightRenderer(registry, (ranges, priority) => ({ ranges, priority })).render(map, items, new Set());
    const drawn = [...registry.map.values()].reduce((n, h) => n + h.ranges.length, 0);
    expect(drawn).toBe(2000);
  });
});
