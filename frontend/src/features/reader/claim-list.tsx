import { useEffect, useState } from 'preact/hooks';
import { truncate } from '../../lib/format';
import type { Annotation } from '../../lib/types';
import { RatingBadge } from './rating-badge';

export interface ClaimEntry {
  claimId: number;
  statement: string;
  rating: string | null;
  verdictState: string | null;
  status: string;
  quotes: string[];
  firstStart: number;
}

/** The claims of an article in reading order (by their first highlight). */
export function claimsOf(annotations: Annotation[]): ClaimEntry[] {
  const byClaim = new Map<number, ClaimEntry>();
  for (const a of annotations) {
    let entry = byClaim.get(a.claim.id);
    if (!entry) {
      entry = { claimId: a.claim.id, statement: a.claim.statement, rating: a.claim.rating, verdictState: a.claim.verdictState,
        status: a.claim.status, quotes: [], firstStart: a.start };
      byClaim.set(a.claim.id, entry);
    }
    entry.quotes.push(a.exact);
    entry.firstStart = Math.min(entry.firstStart, a.start);
  }
  return [...byClaim.values()].sort((x, y) => x.firstStart - y.firstStart || x.claimId - y.claimId);
}

interface Props {
  claims: ClaimEntry[];
  activeClaimId: number | null;
  onOpen: (claimId: number) => void;
}

/** Entries drawn with the first paint; a long list gets the rest just after, so the text and its highlights come first. */
const FIRST_PAINT_ENTRIES = 100;

export function ClaimList({ claims, activeClaimId, onOpen }: Props) {
  const [shown, setShown] = useState(FIRST_PAINT_ENTRIES);
  useEffect(() => {
    if (shown >= claims.length) return;
    const timer = setTimeout(() => setShown(claims.length), 0);
    return () => clearTimeout(timer);
  }, [claims.length, shown]);
  if (claims.length === 0) {
    return <p class="empty">No claims yet. Select a passage in the text and choose “Create claim” (or press <kbd>c</kbd>).</p>;
  }
  return (
    <ol class="claim-list" aria-label="Claims in this article">
      {claims.slice(0, Math.max(shown, claims.findIndex((c) => c.claimId === activeClaimId) + 1)).map((c) => (
        <li key={c.claimId}>
          <button type="button" data-testid="claim-list-item" class={c.claimId === activeClaimId ? 'claim-item active' : 'claim-item'}
            aria-current={c.claimId === activeClaimId ? 'true' : undefined} onClick={() => onOpen(c.claimId)}>
            <RatingBadge rating={c.rating} state={c.verdictState} />
            <span class="claim-statement">{truncate(c.statement, 160)}</span>
            {c.quotes[0] !== c.statement && <span class="claim-quote">“<bdi>{truncate(c.quotes[0] ?? '', 120)}</bdi>”</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}
