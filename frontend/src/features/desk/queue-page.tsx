import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, api, query } from '../../lib/api-client';
import { formatDateTime, truncate } from '../../lib/format';
import { liveEvents } from '../../lib/live-events';
import { statusLabel, type ClaimSummary, type Page } from '../../lib/types';
import { RatingBadge } from '../reader/rating-badge';

interface Props {
  kind: 'mine' | 'review';
}

/** "My queue": claims assigned to me; "Waiting for review": claims sent for review. Newest activity first. */
export function QueuePage({ kind }: Props) {
  const [items, setItems] = useState<ClaimSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const filter = kind === 'mine' ? { assignee: 'me' } : { status: 'in_review' };

  const load = useCallback(async (cursor: string | null) => {
    setLoading(true);
    try {
      const page = (await api.get<Page<ClaimSummary>>(`/api/claims${query({ ...filter, sort: 'activity', cursor, limit: 50 })}`)).data;
      setItems((old) => (cursor ? [...old, ...page.items] : page.items));
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The queue could not be loaded.');
    } finally {
      setLoading(false);
    }
  }, [kind]);

  useEffect(() => {
    load(null);
  }, [load]);

  useEffect(() => liveEvents.subscribe((e) => {
    if (e.claimId !== null && !e.type.startsWith('presence.')) load(null);
  }), [load]);

  const title = kind === 'mine' ? 'My queue' : 'Waiting for review';
  return (
    <section aria-labelledby="queue-title" class="queue">
      <div class="page-header"><h1 id="queue-title">{title}</h1></div>
      {error && <p class="form-error" role="alert">{error}</p>}
      <ul class="queue-list">
        {items.map((c) => (
          <li key={c.id} data-testid="queue-item">
            <a href={c.firstArticleId ? `/articles/${c.firstArticleId}?claim=${c.id}` : '#'} class="queue-link">
              <span class="claim-statement">{truncate(c.statement, 200)}</span>
              {(c.claimant || c.firstArticleTitle) && (
                <span class="queue-source">
                  {c.claimant && <span>claimed by <bdi class="queue-claimant">{truncate(c.claimant, 120)}</bdi></span>}
                  {c.firstArticleTitle && <span>in <bdi class="queue-article">{truncate(c.firstArticleTitle, 160)}</bdi></span>}
                </span>
              )}
              <span class="queue-meta">
                <RatingBadge rating={c.rating} state={c.verdict?.state} />
                <span class="badge">{statusLabel(c.status)}</span>
                {c.verdict?.author && <span class="muted">verdict by @{c.verdict.author}</span>}
                {c.assignee && <span class="muted">assigned to @{c.assignee}</span>}
                <span class="muted">last activity {formatDateTime(c.updatedAt)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
      {!loading && items.length === 0 && (
        <p class="empty">{kind === 'mine' ? 'Nothing is assigned to you.' : 'No claim is waiting for review.'}</p>
      )}
      {next && <button type="button" onClick={() => load(next)} disabled={loading}>Load more</button>}
    </section>
  );
}
