import { Component } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { truncate } from '../../lib/format';
import { statusLabel, type Annotation } from '../../lib/types';
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
  onOpen: (claimId: number) => void;
}

/**
 * Entries drawn with the first paint; a long list gets the rest just after, this many at a time while the browser is
 * idle, so that the text and its highlights come first and no step holds the page for long (all 2,000 entries of a
 * long article in one step: 75 ms of rendering and 111 ms of style in one task).
 */
const FIRST_PAINT_ENTRIES = 100;
const ENTRIES_PER_STEP = 200;

export function ClaimList({ claims, onOpen }: Props) {
  const [shown, setShown] = useState(FIRST_PAINT_ENTRIES);
  useEffect(() => {
    if (shown >= claims.length) return;
    const more = () => setShown((n) => Math.min(claims.length, n + ENTRIES_PER_STEP));
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(more, { timeout: 250 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(more, 0);
    return () => clearTimeout(timer);
  }, [claims.length, shown]);
  if (claims.length === 0) {
    return <p class="empty">No claims yet. Select a passage in the text and choose “Create claim” (or press <kbd>c</kbd>).</p>;
  }
  return (
    <ol class="claim-list" aria-label="Claims in this article">
      {claims.slice(0, shown).map((c) => (
        <ClaimListItem key={c.claimId} claim={c} onOpen={onOpen} />
      ))}
    </ol>
  );
}

interface ItemProps {
  claim: ClaimEntry;
  onOpen: (claimId: number) => void;
}

/**
 * One entry. As the list grows, the entries already drawn are not rendered again; a click reads the current props,
 * so the handler given last is the one called.
 */
class ClaimListItem extends Component<ItemProps> {
  override shouldComponentUpdate(next: ItemProps): boolean {
    return next.claim !== this.props.claim;
  }

  override render() {
    const c = this.props.claim;
    return (
      <li>
        <button type="button" data-testid="claim-list-item" class="claim-item"
          onClick={() => this.props.onOpen(this.props.claim.claimId)}>
          <span class="claim-item-badges">
            <RatingBadge rating={c.rating} state={c.verdictState} />
            {c.status === 'in_review' && <span class="badge" data-testid="claim-in-review">{statusLabel(c.status)}</span>}
          </span>
          <span class="claim-statement">{truncate(c.statement, 160)}</span>
          {c.quotes[0] !== c.statement && <span class="claim-quote">“<bdi>{truncate(c.quotes[0] ?? '', 120)}</bdi>”</span>}
        </button>
      </li>
    );
  }
}
