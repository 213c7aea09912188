import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { liveEvents } from '../../lib/live-events';
import { statusLabel, type HistoryEntry, type Rating } from '../../lib/types';
import { useRatings } from './ratings';

const TYPE_LABELS: Record<string, string> = {
  'claim.created': 'created the claim',
  'claim.updated': 'changed the claim',
  'annotation.created': 'highlighted a passage',
  'annotation.updated': 'changed a highlight',
  'annotation.deleted': 'removed a highlight',
  'verdict.updated': 'proposed a verdict',
  'verdict.published': 'published the verdict',
  'verdict.returned': 'returned the verdict for changes',
  'evidence.added': 'added evidence',
  'evidence.deleted': 'removed evidence',
  'comment.added': 'commented',
  'comment.edited': 'edited a comment',
  'comment.deleted': 'removed a comment',
  'mention.created': 'mentioned a colleague',
};

/** Names of changed fields where the API's key is not plain English; null for ids that say nothing here. */
const FIELD_LABELS: Record<string, string | null> = {
  claimId: null,
  commentId: null,
  claimDate: 'claim date',
  articleId: 'article',
  exact: 'quote',
  start: 'from',
  end: 'to',
  url: 'address',
  body: 'text',
};

/** Fields in reading order; others follow as the event lists them. */
const FIELD_ORDER = ['statement', 'claimant', 'claimDate', 'status', 'assignee', 'rating', 'explanation', 'exact', 'start',
  'end', 'articleId', 'title', 'url'];

function rank(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
}

function show(field: string, value: unknown, ratings: Rating[], articleTitles: Map<number, string>): string {
  if (value === null || value === undefined) return '—';
  if (field === 'status') return statusLabel(String(value));
  if (field === 'rating') return ratings.find((r) => r.key === value)?.label ?? String(value);
  if (field === 'articleId') return articleTitles.get(Number(value)) ?? `#${String(value)}`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Every step of a claim, oldest first, with who did it and what changed. Articles the claim is highlighted in are
 * named by title (from `articleTitles`); any other by its id.
 */
export function History({ claimId, articleTitles }: { claimId: number; articleTitles: Map<number, string> }) {
  const [items, setItems] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ratings = useRatings();

  async function load() {
    try {
      setItems((await api.get<{ items: HistoryEntry[] }>(`/api/claims/${claimId}/history`)).data.items);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The history could not be loaded.');
    }
  }

  useEffect(() => {
    load();
    return liveEvents.subscribe((e) => {
      if (e.claimId === claimId) load();
    });
  }, [claimId]);

  if (error) return <p class="form-error">{error}</p>;
  if (!items) return <p class="muted">Loading history…</p>;
  return (
    <ol class="history" data-testid="history" aria-label="History">
      {items.map((h) => {
        const shown = Object.entries(h.changes).filter(([field]) => FIELD_LABELS[field] !== null)
          .sort(([a], [b]) => rank(a) - rank(b));
        return (
          <li key={h.id} data-testid="history-entry">
            <div><strong>{h.actor ?? 'system'}</strong> {TYPE_LABELS[h.type] ?? h.type} <span class="muted small">{formatDateTime(h.at)}</span></div>
            {shown.length > 0 && (
              <dl class="changes">
                {shown.map(([field, c]) => (
                  <div key={field}>
                    <dt>{FIELD_LABELS[field] ?? field}</dt>
                    <dd>{c.from !== null && c.from !== undefined && <><del><bdi>{show(field, c.from, ratings, articleTitles)}</bdi></del> → </>}<ins><bdi>{show(field, c.to, ratings, articleTitles)}</bdi></ins></dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}
