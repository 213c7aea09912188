import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { toast } from '../../components/toasts';
import { ApiError, api } from '../../lib/api-client';
import type { Claim } from '../../lib/types';
import { hasRole, useSession } from '../auth/session';

interface Props {
  claim: Claim;
  etag: string | null;
  /** True while the verdict form holds unsaved edits: review acts on the saved verdict only. */
  verdictDirty: boolean;
  onSaved: (claim: Claim, etag: string | null) => void;
  reload: () => void;
}

/** The review workflow: an analyst sends the draft for review; a reviewer publishes it or returns it with a comment. */
export function ReviewActions({ claim, etag, verdictDirty, onSaved, reload }: Props) {
  const { user } = useSession();
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const draft = claim.verdict?.state === 'draft';

  async function act(call: () => Promise<{ data: Claim; etag: string | null }>, done: string) {
    setBusy(true);
    try {
      const r = await call();
      onSaved(r.data, r.etag);
      toast(done);
      return true;
    } catch (e) {
      toast(e instanceof ApiError ? e.message : 'That did not work.', 'error');
      if (e instanceof ApiError && e.status === 412) reload();
      return false;
    } finally {
      setBusy(false);
    }
  }

  const sendForReview = () => act(() => api.patch<Claim>(`/api/claims/${claim.id}`, { status: 'in_review' }, { ifMatch: etag }), 'Sent for review');
  const publish = () => act(() => api.post<Claim>(`/api/claims/${claim.id}/verdict/publish`, undefined, { ifMatch: etag }), 'Verdict published');
  const sendBack = async () => {
    if (await act(() => api.post<Claim>(`/api/claims/${claim.id}/verdict/return`, { comment }, { ifMatch: etag }), 'Returned to the analysts')) {
      setReturning(false);
      setComment('');
    }
  };

  const buttons = [];
  if (draft && claim.status !== 'in_review' && hasRole(user, 'analyst')) {
    buttons.push(<button key="review" type="button" data-testid="send-for-review" disabled={busy || verdictDirty} onClick={sendForReview}>Send for review</button>);
  }
  if (draft && claim.status === 'in_review' && hasRole(user, 'reviewer')) {
    buttons.push(<button key="return" type="button" data-testid="verdict-return" disabled={busy || verdictDirty} onClick={() => setReturning(true)}>Return…</button>);
    buttons.push(<button key="publish" type="button" class="primary" data-testid="verdict-publish" disabled={busy || verdictDirty} onClick={publish}>Publish</button>);
  }
  return (
    <>
      {claim.status === 'in_review' && <p class="review-note">Waiting for review{draft && claim.verdict?.author ? ` of ${claim.verdict.author}'s verdict` : ''}.</p>}
      {buttons.length > 0 && <div class="actions review-actions">{buttons}</div>}
      {returning && (
        <Dialog title="Return the verdict for changes" onClose={() => setReturning(false)}>
          <form class="stacked" onSubmit={(e) => { e.preventDefault(); sendBack(); }}>
            <label>
              What needs to change
              <textarea data-testid="return-comment" rows={4} value={comment} required autoFocus onInput={(e) => setComment(e.currentTarget.value)} />
            </label>
            <div class="actions">
              <button type="button" onClick={() => setReturning(false)}>Cancel</button>
              <button type="submit" class="primary" data-testid="return-confirm" disabled={busy || !comment.trim()}>Return</button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
