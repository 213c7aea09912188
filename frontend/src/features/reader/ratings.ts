import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ACTIVE_HIGHLIGHT, OVERLAP_HIGHLIGHT, highlightName } from '../../engine/highlighter';
import type { Rating } from '../../lib/types';

/** Highlights of claims without a verdict yet. */
export const UNVERIFIED: Rating = { key: 'unverified', label: 'Unverified', value: null, color: '#d4a72c' };

export const RatingsContext = createContext<Rating[]>([]);

export function useRatings(): Rating[] {
  return useContext(RatingsContext);
}

export function ratingOf(ratings: Rating[], key: string | null | undefined): Rating {
  return ratings.find((r) => r.key === key) ?? UNVERIFIED;
}

/**
 * The ::highlight() rules for the desk's rating colours, as a constructed style sheet (the scale comes from the
 * API; a constructed sheet needs no inline style, so the strict Content-Security-Policy holds).
 */
export function installHighlightStyles(ratings: Rating[]): void {
  const rules = [UNVERIFIED, ...ratings].map((r) => {
    const color = /^#[0-9a-f]{6}$/i.test(r.color) ? r.color : '#888888';
    return `::highlight(${highlightName(r.key)}) { background-color: ${color}38; }`;
  });
  rules.push(`::highlight(${OVERLAP_HIGHLIGHT}) { text-decoration: underline double #1f2328; text-decoration-thickness: 1px; text-underline-offset: 3px; }`);
  rules.push(`::highlight(${ACTIVE_HIGHLIGHT}) { background-color: #0969da40; text-decoration: underline solid #0969da; text-decoration-thickness: 2px; text-underline-offset: 3px; }`);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(rules.join('\n'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets.filter((s) => !(s as CSSStyleSheet & { wb?: boolean }).wb), sheet];
  (sheet as CSSStyleSheet & { wb?: boolean }).wb = true;
}
