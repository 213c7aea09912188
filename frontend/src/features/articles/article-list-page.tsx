import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, api, query } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import { liveEvents } from '../../lib/live-events';
import type { ArticleSummary, Page } from '../../lib/types';
import { hasRole, useSession } from '../auth/session';
import { AddArticleDialog } from './add-article-dialog';

export function ArticleListPage() {
  const { user } = useSession();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<ArticleSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const load = useCallback(async (cursor: string | null) => {
    setLoading(true);
    try {
      const page = (await api.get<Page<ArticleSummary>>(`/api/articles${query({ q: search, cursor, limit: 50 })}`)).data;
      setItems((old) => (cursor ? [...old, ...page.items] : page.items));
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The articles could not be loaded.');
    } finally {
      setLoading(false);
    }
  }, [search]);

  useEffect(() => {
    load(null);
  }, [load]);

  useEffect(() => liveEvents.subscribe((e) => {
    if (e.type.startsWith('article.') || e.type.startsWith('annotation.') || e.type.startsWith('verdict.')) load(null);
  }), [load]);

  return (
    <section class="article-list" aria-labelledby="articles-title">
      <div class="page-header">
        <h1 id="articles-title">Articles</h1>
        <form class="search" role="search" onSubmit={(e) => { e.preventDefault(); setSearch(q.trim()); }}>
          <label class="visually-hidden" for="article-search">Search articles</label>
          <input id="article-search" type="search" placeholder="Search title, outlet and text" value={q}
            onInput={(e) => setQ(e.currentTarget.value)} />
          <button type="submit">Search</button>
        </form>
        {hasRole(user, 'analyst') && (
          <button type="button" class="primary" onClick={() => setAdding(true)}>Add article</button>
        )}
      </div>
      {error && <p class="form-error" role="alert">{error}</p>}
      <table class="articles">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Outlet</th>
            <th scope="col">Date</th>
            <th scope="col" class="num">Claims</th>
            <th scope="col">Published verdicts</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-testid="article-row">
              <td><a href={`/articles/${a.id}`}>{a.title}</a></td>
              <td>{a.outlet ?? <span class="muted">—</span>}</td>
              <td>{a.publishedAt ? formatDate(a.publishedAt) : <span class="muted" title="No publication date given; the day the article was added">added {formatDate(a.createdAt)}</span>}</td>
              <td class="num">{a.claimCount}</td>
              <td>
                <div class="progress-cell">
                  <progress max={Math.max(1, a.claimCount)} value={a.publishedCount}
                    aria-label={`${a.publishedCount} of ${a.claimCount} claims have a published verdict`} />
                  <span class="muted">{a.publishedCount}/{a.claimCount}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && items.length === 0 && <p class="empty">{search ? <>No article matches “<bdi>{search}</bdi>”.</> : 'No articles yet.'}</p>}
      {next && <button type="button" onClick={() => load(next)} disabled={loading}>Load more</button>}
      {adding && <AddArticleDialog onClose={() => setAdding(false)} />}
    </section>
  );
}
