import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { Dialog } from '../components/dialog';
import { ShortcutsDialog } from '../components/shortcuts-dialog';
import { Toasts } from '../components/toasts';
import { SessionContext, fetchSession, hasRole, type SessionState } from '../features/auth/session';
import { MentionsMenu } from '../features/desk/mentions-menu';
import { QueuePage } from '../features/desk/queue-page';
import { UsersPage } from '../features/admin/users-page';
import { TokensPage } from '../features/auth/tokens-page';
import { ExportPage } from '../features/transfer/export-page';
import { ImportPage } from '../features/transfer/import-page';
import { SignInForm } from '../features/auth/sign-in-form';
import { ArticleListPage } from '../features/articles/article-list-page';
import { ReaderPage } from '../features/reader/reader-page';
import { RatingsContext, installHighlightStyles } from '../features/reader/ratings';
import { api, setUnauthorizedListener } from '../lib/api-client';
import { liveEvents } from '../lib/live-events';
import { isTyping } from '../lib/keyboard';
import { onLinkClick, useLocation } from '../lib/router';
import type { Rating, SessionUser } from '../lib/types';

export function App() {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const [ratings, setRatings] = useState<Rating[]>([]);
  const [showKeys, setShowKeys] = useState(false);
  const location = useLocation();

  useEffect(() => {
    fetchSession().then(setUser);
    // A 401 anywhere: ask to sign in again over the page, which stays as it was (unsaved text included).
    setUnauthorizedListener(() => setExpired(true));
  }, []);

  useEffect(() => {
    if (!user) return;
    api.get<{ items: Rating[] }>('/api/ratings').then((r) => {
      setRatings(r.data.items);
      installHighlightStyles(r.data.items);
    }).catch(() => {});
    liveEvents.connect();
    return () => liveEvents.disconnect();
  }, [user?.id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !isTyping(e.target)) {
        e.preventDefault();
        setShowKeys(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.delete('/api/session');
    } finally {
      liveEvents.disconnect();
      setUser(null);
    }
  }, []);

  const session: SessionState | null = useMemo(() => (user ? { user, signOut } : null), [user, signOut]);

  if (user === undefined) return <div class="loading" aria-busy="true">Loading…</div>;
  if (user === null) {
    return (
      <div class="sign-in-page">
        <div class="brand-large">Fact-check workbench</div>
        <SignInForm onSignedIn={setUser} />
        <Toasts />
      </div>
    );
  }

  const articleMatch = /^\/articles\/(\d+)\/?$/.exec(location.path);
  return (
    <SessionContext.Provider value={session}>
      <RatingsContext.Provider value={ratings}>
        <div class="app" onClick={onLinkClick}>
          <header class="topbar">
            <a href="/" class="brand">Fact-check workbench</a>
            <nav aria-label="Main">
              <a href="/" aria-current={location.path === '/' ? 'page' : undefined}>Articles</a>
              <a href="/queue" aria-current={location.path === '/queue' ? 'page' : undefined}>My queue</a>
              {hasRole(user, 'reviewer') && (
                <a href="/review" aria-current={location.path === '/review' ? 'page' : undefined}>Waiting for review</a>
              )}
              {hasRole(user, 'analyst') && (
                <a href="/import" aria-current={location.path === '/import' ? 'page' : undefined}>Import</a>
              )}
              <a href="/export" aria-current={location.path === '/export' ? 'page' : undefined}>Export</a>
              <a href="/tokens" aria-current={location.path === '/tokens' ? 'page' : undefined}>API tokens</a>
              {hasRole(user, 'admin') && (
                <a href="/users" aria-current={location.path === '/users' ? 'page' : undefined}>Users</a>
              )}
            </nav>
            <div class="who">
              <MentionsMenu />
              <button type="button" class="link" onClick={() => setShowKeys(true)} aria-label="Keyboard shortcuts">Keys <kbd>?</kbd></button>
              <span class="user" data-testid="current-user">
                <bdi>{user.displayName}</bdi> <span class={`role role-${user.role}`}>{user.role}</span>
              </span>
              <button type="button" onClick={signOut}>Sign out</button>
            </div>
          </header>
          <main class="content">
            {articleMatch ? (
              <ReaderPage key={articleMatch[1]} articleId={Number(articleMatch[1])} claimParam={location.query.get('claim')} />
            ) : location.path === '/queue' ? (
              <QueuePage key="mine" kind="mine" />
            ) : location.path === '/review' ? (
              <QueuePage key="review" kind="review" />
            ) : location.path === '/import' ? (
              <ImportPage />
            ) : location.path === '/export' ? (
              <ExportPage />
            ) : location.path === '/tokens' ? (
              <TokensPage />
            ) : location.path === '/users' && hasRole(user, 'admin') ? (
              <UsersPage />
            ) : (
              <ArticleListPage />
            )}
          </main>
          {showKeys && <ShortcutsDialog onClose={() => setShowKeys(false)} />}
          {expired && (
            <Dialog title="Session ended" onClose={() => {}}>
              <SignInForm notice="Your session has ended. Sign in again to continue where you were; nothing on this page is lost."
                onSignedIn={(u) => {
                  setExpired(false);
                  liveEvents.reconnect();
                  if (u.id !== user.id) setUser(u);
                }} />
            </Dialog>
          )}
          <Toasts />
        </div>
      </RatingsContext.Provider>
    </SessionContext.Provider>
  );
}
