import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../lib/api-client';
import { liveEvents } from '../../lib/live-events';
import type { Reader } from '../../lib/types';

const HEARTBEAT_MS = 15_000;

function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Tells the desk this tab shows the article, and shows who else has it open, live. */
export function Presence({ articleId, self }: { articleId: number; self: string }) {
  const clientId = useMemo(newClientId, [articleId]);
  const [readers, setReaders] = useState<Reader[]>([]);

  useEffect(() => {
    let stopped = false;
    const load = () => api.get<{ items: Reader[] }>(`/api/articles/${articleId}/presence`)
      .then((r) => { if (!stopped) setReaders(r.data.items); }).catch(() => {});
    const beat = () => api.put(`/api/articles/${articleId}/presence`, { clientId }).then(load).catch(() => {});
    beat();
    const timer = window.setInterval(beat, HEARTBEAT_MS);
    const unsubscribe = liveEvents.subscribe((e) => {
      if (e.articleId === articleId && e.type.startsWith('presence.')) load();
    });
    const leave = () => {
      const xsrf = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1];
      fetch(`/api/articles/${articleId}/presence/${clientId}`, {
        method: 'DELETE', keepalive: true, credentials: 'same-origin',
        headers: xsrf ? { 'X-XSRF-TOKEN': decodeURIComponent(xsrf) } : {},
      }).catch(() => {});
    };
    window.addEventListener('pagehide', leave);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      unsubscribe();
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [articleId, clientId]);

  const others = readers.filter((r) => r.username !== self);
  if (others.length === 0) return null;
  return (
    <p class="presence" data-testid="presence" aria-live="polite">
      Also reading:{' '}
      {others.map((r) => (
        <span key={r.username} class="reader-chip" title={`@${r.username}`}>
          <span class="initials" aria-hidden="true">{initials(r.displayName)}</span><bdi>{r.displayName}</bdi>
        </span>
      ))}
    </p>
  );
}

/** The first letter or digit of the name's first two words (bidi controls and other marks are not initials). */
function initials(name: string): string {
  return name.split(/\s+/).map((word) => /[\p{L}\p{N}]/u.exec(word)?.[0]).filter(Boolean).slice(0, 2).join('').toUpperCase();
}
