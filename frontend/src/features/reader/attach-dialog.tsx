import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { ApiError, api, query } from '../../lib/api-client';
import { truncate } from '../../lib/format';
import type { ClaimSummary, Page } from '../../lib/types';
import { RatingBadge } from './rating-badge';

interface Props {
  quote: string;
  onPick: (claimId: number) => void;
  onClose: () => void;
}

/** Searches the desk's claims for the one this passage is another appearance of. */
export function AttachDialog({ quote, onPick, onClose }: Props) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<ClaimSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      try {
        const r = await api.get<Page<ClaimSummary>>(`/api/claims${query({ q: q.trim(), limit: 20 })}`, { signal: controller.signal });
        setItems(r.data.items);
        setError(null);
      } catch (e) {
        if (!(e instanceof DOMException)) setError(e instanceof ApiError ? e.message : 'Search failed.');
      }
    }, 200);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [q]);

  return (
    <Dialog title="Add to an existing claim" onClose={onClose} wide>
      <p class="muted">Passage: “<bdi>{truncate(quote, 200)}</bdi>”</p>
      <label>
        Search the desk's claims
        <input type="search" data-testid="attach-search" value={q} autoFocus placeholder="Words of the statement or claimant"
          onInput={(e) => setQ(e.currentTarget.value)} />
      </label>
      {error && <p class="form-error" role="alert">{error}</p>}
      <ul class="attach-results">
        {items.map((c) => (
          <li key={c.id}>
            <button type="button" class="claim-item" data-testid="attach-result" onClick={() => onPick(c.id)}>
              <RatingBadge rating={c.rating} state={c.verdict?.state} />
              <span class="claim-statement">{truncate(c.statement, 200)}</span>
              <span class="muted small">#{c.id} · {c.annotationCount} highlight{c.annotationCount === 1 ? '' : 's'}{c.claimant && <> · <bdi>{c.claimant}</bdi></>}</span>
            </button>
          </li>
        ))}
      </ul>
      {items.length === 0 && !error && <p class="muted">No claim matches.</p>}
    </Dialog>
  );
}
