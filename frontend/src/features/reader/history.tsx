import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { liveEvents } from '../../lib/live-events';
import type { HistoryEntry } from '../../lib/types';

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

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Every step of a claim, oldest first, with who did it and what changed. */
export function History({ claimId }: { claimId: number }) {
  const [items, setItems] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

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
      {items.map((h) => (
        <li key={h.id} data-testid="history-entry">
          <div><strong>{h.actor ?? 'system'}</strong> {TYPE_LABELS[h.type] ?? h.type} <span class="muted small">{formatDateTime(h.at)}</span></div>
          {Object.keys(h.changes).length > 0 && (
            <dl class="changes">
              {Object.entries(h.changes).map(([field, c]) => (
                <div key={field}>
                  <dt>{field}</dt>
                  <dd>{c.from !== null && c.from !== undefined && <><del><bdi>{show(c.from)}</bdi></del> → </>}<ins><bdi>{show(c.to)}</bdi></ins></dd>
                </div>
              ))}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}
