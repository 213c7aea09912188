import { Fragment } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { toast } from '../../components/toasts';
import type { TextMap } from '../../engine/text-map';
import { ApiError, api } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import { isTyping } from '../../lib/keyboard';
import { liveEvents } from '../../lib/live-events';
import { fetchOnce } from '../../lib/prefetch';
import { navigate } from '../../lib/router';
import type { Annotation, Article } from '../../lib/types';
import { hasRole, useSession } from '../auth/session';
import { ArticleBody, type TextSelection } from './article-body';
import { AttachDialog } from './attach-dialog';
import { ClaimList, claimsOf } from './claim-list';
import { ClaimPanel } from './claim-panel';
import { Presence } from './presence';
import { Legend } from './rating-badge';
import { SelectionToolbar } from './selection-toolbar';

/** Live event types that change an article's highlights or what they show of their claims (statement, status, rating). */
const CHANGES_HIGHLIGHTS = /^(annotation|claim|verdict)\./;

interface Props {
  articleId: number;
  claimParam: string | null;
}

export function ReaderPage({ articleId, claimParam }: Props) {
  const { user } = useSession();
  const [article, setArticle] = useState<Article | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [selection, setSelectionState] = useState<TextSelection | null>(null);
  // Key handlers read the selection from here: a key pressed right after selecting must see it.
  const selectionRef = useRef<TextSelection | null>(null);
  const setSelection = useCallback((s: TextSelection | null) => {
    selectionRef.current = s;
    setSelectionState(s);
  }, []);
  const [attaching, setAttaching] = useState<TextSelection | null>(null);
  const [busy, setBusy] = useState(false);
  const mapRef = useRef<TextMap | null>(null);
  const activeClaimId = claimParam && /^\d+$/.test(claimParam) ? Number(claimParam) : null;
  const canAnnotate = hasRole(user, 'analyst');

  const loadAnnotations = useCallback(async (first = false) => {
    const path = `/api/articles/${articleId}/annotations`;
    try {
      setAnnotations((await (first ? fetchOnce<{ items: Annotation[] }>(path) : api.get<{ items: Annotation[] }>(path))).data.items);
    } catch (e) {
      if (e instanceof ApiError && e.status !== 401) toast(e.message, 'error');
    }
  }, [articleId]);

  useEffect(() => {
    fetchOnce<Article>(`/api/articles/${articleId}`)
      .then((r) => setArticle(r.data))
      .catch((e) => setError(e instanceof ApiError ? e.message : 'The article could not be loaded.'));
    loadAnnotations(true);
  }, [articleId, loadAnnotations]);

  // Others' highlights and the changes to their claims arrive live; the text and any form being typed in are left
  // alone. Only events that change what the highlights and the claim list show reload them (the list of a long
  // article is large): not presence, comments or evidence, which their own parts of the page follow.
  const claimIds = useMemo(() => new Set(annotations.map((a) => a.claim.id)), [annotations]);
  const refresh = useRef(0);
  useEffect(() => liveEvents.subscribe((e) => {
    const mine = e.articleId === articleId || (e.claimId !== null && claimIds.has(e.claimId));
    if (!mine) return;
    if (e.type === 'article.deleted') {
      toast('This article was deleted.', 'error');
      navigate('/');
      return;
    }
    if (!CHANGES_HIGHLIGHTS.test(e.type)) return;
    window.clearTimeout(refresh.current);
    refresh.current = window.setTimeout(loadAnnotations, 50);
  }), [articleId, claimIds, loadAnnotations]);

  const claims = useMemo(() => claimsOf(annotations), [annotations]);

  const openClaim = useCallback((claimId: number | null, scroll = false) => {
    navigate(claimId === null ? `/articles/${articleId}` : `/articles/${articleId}?claim=${claimId}`, { replace: true });
    if (claimId !== null && scroll) scrollToClaim(claimId);
  }, [articleId, annotations]);

  function scrollToClaim(claimId: number) {
    const map = mapRef.current;
    const first = annotations.filter((a) => a.claim.id === claimId).sort((a, b) => a.start - b.start)[0];
    if (!map || !first) return;
    const rect = map.rangeOf(first).getBoundingClientRect();
    if (rect.top < 80 || rect.bottom > window.innerHeight - 40) {
      window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior: 'smooth' });
    }
  }

  async function createClaim(sel: TextSelection, claimId?: number) {
    setBusy(true);
    try {
      const body: Record<string, unknown> = { start: sel.start, end: sel.end, exact: sel.exact };
      if (claimId !== undefined) body.claimId = claimId;
      const created = (await api.post<Annotation>(`/api/articles/${articleId}/annotations`, body)).data;
      window.getSelection()?.removeAllRanges();
      setSelection(null);
      setAttaching(null);
      await loadAnnotations();
      openClaim(created.claimId);
      toast(claimId === undefined ? 'Claim created' : `Added to claim #${claimId}`);
    } catch (e) {
      toast(e instanceof ApiError ? e.message : 'The highlight could not be saved.', 'error');
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      const selected = selectionRef.current;
      if (e.key === 'c' && selected && canAnnotate && !busy) {
        e.preventDefault();
        createClaim(selected);
      } else if (e.key === 'j' || e.key === 'k') {
        if (claims.length === 0) return;
        e.preventDefault();
        const at = claims.findIndex((c) => c.claimId === activeClaimId);
        const next = at === -1 ? (e.key === 'j' ? 0 : claims.length - 1)
          : (at + (e.key === 'j' ? 1 : -1) + claims.length) % claims.length;
        openClaim(claims[next]!.claimId, true);
      } else if (e.key === 'Escape') {
        if (selectionRef.current) {
          setSelection(null);
          window.getSelection()?.removeAllRanges();
        } else if (activeClaimId !== null) {
          openClaim(null);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection, claims, activeClaimId, canAnnotate, busy, openClaim]);

  if (error) return <p class="form-error" role="alert">{error}</p>;
  if (!article) return <div class="loading" aria-busy="true">Loading article…</div>;

  return (
    <div class="reader">
      <article class="reader-text" aria-labelledby="article-title" lang={article.language ?? undefined}>
        <header class="article-meta">
          <h1 id="article-title" dir="auto">{article.title}</h1>
          <p class="byline">
            {[article.outlet, article.author, formatDate(article.publishedAt)].filter(Boolean).map((part, i) => (
              <Fragment key={i}>{i > 0 && ' · '}<bdi>{part}</bdi></Fragment>
            ))}
            {article.url && <> · <a href={article.url} target="_blank" rel="noopener noreferrer nofollow">source</a></>}
          </p>
          <Legend />
          <Presence articleId={articleId} self={user.username} />
        </header>
        <ArticleBody body={article.body} annotations={annotations} activeClaimId={activeClaimId}
          onSelect={(s) => setSelection(canAnnotate ? s : null)} onOpenClaim={(id) => openClaim(id)}
          onMap={(m) => { mapRef.current = m; }} />
      </article>
      <aside class="sidebar" aria-label="Claims">
        {activeClaimId !== null ? (
          <ClaimPanel key={activeClaimId} claimId={activeClaimId} articleId={articleId}
            onClose={() => openClaim(null)} onChanged={loadAnnotations} />
        ) : (
          <>
            <h2 class="sidebar-title">Claims <span class="count">{claims.length}</span></h2>
            <ClaimList claims={claims} onOpen={(id) => openClaim(id, true)} />
            <p class="muted small hint">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous claim, <kbd>c</kbd> create from selection, <kbd>?</kbd> all keys.</p>
          </>
        )}
      </aside>
      {selection && !attaching && (
        <SelectionToolbar selection={selection} busy={busy} onCreate={() => createClaim(selection)}
          onAttach={() => setAttaching(selection)} />
      )}
      {attaching && (
        <AttachDialog quote={attaching.exact} onClose={() => setAttaching(null)} onPick={(id) => createClaim(attaching, id)} />
      )}
    </div>
  );
}
