import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../lib/api-client';
import { formatDateTime, truncate } from '../../lib/format';
import { liveEvents } from '../../lib/live-events';
import { navigate } from '../../lib/router';
import type { Mention } from '../../lib/types';

/** The @ badge in the top bar: unread mentions, live. */
export function MentionsMenu() {
  const [mentions, setMentions] = useState<Mention[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  async function load() {
    try {
      const r = (await api.get<{ items: Mention[]; unread: number }>('/api/mentions')).data;
      setMentions(r.items);
      setUnread(r.unread);
    } catch {
      // the badge stays as it was
    }
  }

  useEffect(() => {
    load();
    return liveEvents.subscribe((e) => {
      if (e.type === 'mention.created' || e.type === 'comment.deleted') load();
    });
  }, []);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  async function go(m: Mention) {
    setOpen(false);
    await api.post(`/api/mentions/read?claimId=${m.claimId}`).catch(() => {});
    load();
    const claim = await api.get<{ annotations: Array<{ articleId: number }> }>(`/api/claims/${m.claimId}`).catch(() => null);
    const articleId = claim?.data.annotations[0]?.articleId;
    if (articleId) navigate(`/articles/${articleId}?claim=${m.claimId}`);
  }

  return (
    <div class="mentions" ref={ref}>
      <button type="button" data-testid="mentions-button" aria-haspopup="true" aria-expanded={open}
        aria-label={`Mentions, ${unread} unread`} onClick={() => setOpen(!open)}>
        @{unread > 0 && <span class="unread" data-testid="mentions-unread">{unread}</span>}
      </button>
      {open && (
        <div class="mentions-panel" role="menu">
          {mentions.length === 0 && <p class="muted">Nobody has mentioned you yet.</p>}
          {mentions.map((m) => (
            <button type="button" role="menuitem" key={m.id} class={m.read ? 'mention' : 'mention unread-item'} onClick={() => go(m)}>
              <span><strong>@{m.author}</strong> on “<bdi>{truncate(m.claimStatement, 60)}</bdi>”</span>
              <span class="muted small">{truncate(m.excerpt, 120)}</span>
              <span class="muted small">{formatDateTime(m.createdAt)}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
