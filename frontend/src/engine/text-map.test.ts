// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { TextMap, trimSpan } from './text-map';

const BODY = 'Hello 🎉 world\n𝔘𝔫𝔦 code and مرحبا بالعالم é end';

function render(html: string): HTMLElement {
  document.body.innerHTML = '';
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.appendChild(root);
  return root;
}

describe('TextMap', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = document.createElement('div');
    root.textContent = BODY;
    document.body.innerHTML = '';
    document.body.appendChild(root);
  });

  it('turns a DOM selection over an emoji into exact code-point positions', () => {
    const map = new TextMap(root);
    const range = document.createRange();
    range.setStart(root.firstChild!, 6);
    range.setEnd(root.firstChild!, 14); // UTF-16: the emoji is two units
    expect(map.spanOf(range)).toEqual({ start: 6, end: 13 });
    expect(map.index.slice(6, 13)).toBe('🎉 world');
  });

  it('places a range for code points after astral letters', () => {
    const map = new TextMap(root);
    const range = map.rangeOf({ start: 27, end: 40 });
    expect(range.toString()).toBe('مرحبا بالعالم');
  });

  it('widens a selection that ends inside a surrogate pair to the whole character', () => {
    const map = new TextMap(root);
    const range = document.createRange();
    range.setStart(root.firstChild!, 6);
    range.setEnd(root.firstChild!, 7);
    expect(map.spanOf(range)).toEqual({ start: 6, end: 7 });
  });

  it('maps positions across several text nodes and element boundaries', () => {
    const multi = render('<span>ab🎉</span><b>cd</b>ef');
    const map = new TextMap(multi);
    expect(map.text).toBe('ab🎉cdef');
    const range = map.rangeOf({ start: 2, end: 5 });
    expect(range.toString()).toBe('🎉cd');
    const byElement = document.createRange();
    byElement.setStart(multi, 1); // before <b>
    byElement.setEnd(multi, 2);   // after <b>
    expect(map.spanOf(byElement)).toEqual({ start: 3, end: 5 });
  });

  it('clips a selection that starts outside the root', () => {
    const outer = render('<p>x</p>');
    const text = document.createElement('div');
    text.textContent = 'inside';
    outer.appendChild(text);
    const map = new TextMap(text);
    const range = document.createRange();
    range.setStart(outer.firstChild!.firstChild!, 0);
    range.setEnd(text.firstChild!, 3);
    expect(map.spanOf(range)).toEqual({ start: 0, end: 3 });
  });

  it('trims white space at both ends of a span', () => {
    const map = new TextMap(root);
    expect(trimSpan(map.index, { start: 5, end: 14 })).toEqual({ start: 6, end: 13 });
    expect(trimSpan(map.index, { start: 5, end: 6 })).toBeNull();
  });

  it('keeps CR-free line breaks and spaces as characters', () => {
    const pre = render('');
    pre.textContent = 'a\n\n  b';
    const map = new TextMap(pre);
    expect(map.index.length).toBe(6);
    expect(map.rangeOf({ start: 1, end: 5 }).toString()).toBe('\n\n  ');
  });
});
