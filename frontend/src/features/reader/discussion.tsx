import { useEffect, useMemo, useState } from 'preact/hooks';
import { toast } from '../../components/toasts';
import { ApiError, api } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { liveEvents } from '../../lib/live-events';
import type { Comment } from '../../lib/types';
import { hasRole, useSession } from '../auth/session';
import { useDirectory } from '../desk/directory';
import { MergeView } from './merge-view';

/** The comment thread of a claim, live, with @mentions. */
export function Discussion({ claimId }: { claimId: number }) {
  const { user } = useSession();
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canWrite = hasRole(user, 'analyst');

  async function load() {
    try {
      setComments((await api.get<{ items: Comment[] }>(`/api/claims/${claimId}/comments`)).data.items);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The discussion could not be loaded.');
    }
  }

  useEffect(() => {
    load();
    api.post(`/api/mentions/read?claimId=${claimId}`).catch(() => {});
    return liveEvents.subscribe((e) => {
      if (e.claimId === claimId && e.type.startsWith('comment.')) load();
    });
  }, [claimId]);

  async function add(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/claims/${claimId}/comments`, { body: draft });
      setDraft('');
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The comment could not be posted.');
    } finally {
      setBusy(false);
    }
  }

  if (!comments) return <p class="muted">Loading discussion…</p>;
  return (
    <section class="discussion" aria-label="Discussion">
      {comments.length === 0 && <p class="muted">No comments yet.</p>}
      <ol class="comments">
        {comments.map((c) => <CommentItem key={c.id} comment={c} mine={c.author === user.username} onChanged={load} />)}
      </ol>
      {canWrite && (
        <form class="stacked" onSubmit={add}>
          <label>
            Comment
            <textarea data-testid="comment-body" rows={3} value={draft} required placeholder="Write a comment; @username notifies a colleague"
              onInput={(e) => setDraft(e.currentTarget.value)} />
          </label>
          <MentionHints text={draft} onPick={(name) => setDraft((d) => d.replace(/@([a-z0-9._-]*)$/i, `@${name} `))} />
          {error && <p class="form-error" role="alert">{error}</p>}
          <div class="actions">
            <button type="submit" class="primary" data-testid="comment-add" disabled={busy || !draft.trim()}>Comment</button>
          </div>
        </form>
      )}
    </section>
  );
}

function CommentItem({ comment, mine, onChanged }: { comment: Comment; mine: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Comment | null>(null);
  const [version, setVersion] = useState(comment.version);

  useEffect(() => {
    if (editing === null) setVersion(comment.version);
  }, [comment.version]);

  async function save(text: string, basedOn: number) {
    try {
      await api.patch(`/api/comments/${comment.id}`, { body: text }, { ifMatch: `"${basedOn}"` });
      setEditing(null);
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setConflict((await api.get<Comment>(`/api/comments/${comment.id}`)).data);
      } else {
        toast(e instanceof ApiError ? e.message : 'The comment could not be saved.', 'error');
      }
    }
  }

  async function remove() {
    if (!window.confirm('Remove this comment?')) return;
    try {
      await api.delete(`/api/comments/${comment.id}`, { ifMatch: `"${comment.version}"` });
      onChanged();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : 'The comment could not be removed.', 'error');
    }
  }

  if (comment.deleted) {
    return <li class="comment deleted"><span class="muted">Comment by <bdi>{comment.authorDisplayName}</bdi> removed.</span></li>;
  }
  return (
    <li class="comment" data-testid="comment">
      <div class="comment-meta">
        <strong><bdi>{comment.authorDisplayName}</bdi></strong> <span class="muted small">@{comment.author} · {formatDateTime(comment.createdAt)}{comment.edited ? ' · edited' : ''}</span>
      </div>
      {editing === null ? (
        <p class="comment-body">{comment.body}</p>
      ) : (
        <form class="stacked" onSubmit={(e) => { e.preventDefault(); save(editing, version); }}>
          <label class="visually-hidden" for={`edit-${comment.id}`}>Edit comment</label>
          <textarea id={`edit-${comment.id}`} rows={3} value={editing} onInput={(e) => setEditing(e.currentTarget.value)} />
          <div class="actions">
            <button type="button" onClick={() => setEditing(null)}>Cancel</button>
            <button type="submit" class="primary">Save</button>
          </div>
        </form>
      )}
      {mine && editing === null && (
        <div class="comment-actions">
          <button type="button" class="link" onClick={() => { setVersion(comment.version); setEditing(comment.body ?? ''); }}>Edit</button>
          <button type="button" class="link danger" onClick={remove}>Remove</button>
        </div>
      )}
      {conflict && editing !== null && (
        <MergeView what="The comment" rows={[{ label: 'Comment', base: comment.body ?? '', theirs: conflict.body ?? '(removed)', mine: editing }]}
          onClose={() => setConflict(null)}
          onDiscard={() => { setEditing(null); setConflict(null); onChanged(); }}
          onReapply={() => { const v = conflict.version; setConflict(null); setVersion(v); save(editing, v); }} />
      )}
    </li>
  );
}

/** Suggests colleagues while an @name is being typed. */
function MentionHints({ text, onPick }: { text: string; onPick: (username: string) => void }) {
  const members = useDirectory();
  const typed = /(?:^|\s)@([a-z0-9._-]*)$/i.exec(text)?.[1]?.toLowerCase();
  const matches = useMemo(() => (typed === undefined ? [] : members.filter((m) =>
    m.username.startsWith(typed) || m.displayName.toLowerCase().includes(typed)).slice(0, 6)), [typed, members]);
  if (matches.length === 0) return null;
  return (
    <ul class="mention-hints" aria-label="Mention a colleague">
      {matches.map((m) => (
        <li key={m.username}><button type="button" class="link" onClick={() => onPick(m.username)}><bdi>{m.displayName}</bdi> <span class="muted">@{m.username}</span></button></li>
      ))}
    </ul>
  );
}
