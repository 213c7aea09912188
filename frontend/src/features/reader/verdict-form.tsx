import { useMemo, useState } from 'preact/hooks';
import { toast } from '../../components/toasts';
import { ApiError, api } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import type { Claim } from '../../lib/types';
import { hasRole, useSession } from '../auth/session';
import { MergeView } from './merge-view';
import { RatingBadge } from './rating-badge';
import { ratingOf, useRatings } from './ratings';
import { ReviewActions } from './review-actions';
import { useDraft } from './use-claim';

interface VerdictDraft {
  rating: string;
  explanation: string;
}

interface Props {
  claim: Claim;
  etag: string | null;
  onSaved: (claim: Claim, etag: string | null) => void;
  reload: () => Promise<{ claim: Claim; etag: string | null } | null>;
}

export function VerdictForm({ claim, etag, onSaved, reload }: Props) {
  const { user } = useSession();
  const ratings = useRatings();
  const server = useMemo<VerdictDraft>(() => ({ rating: claim.verdict?.rating ?? '', explanation: claim.verdict?.explanation ?? '' }),
    [claim.verdict?.rating, claim.verdict?.explanation]);
  const { draft, base, dirty, edit, reset, rebase } = useDraft(server, etag);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<{ theirs: VerdictDraft; etag: string | null } | null>(null);
  const canEdit = hasRole(user, 'analyst');

  async function save(withEtag: string | null) {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.put<Claim>(`/api/claims/${claim.id}/verdict`, draft, { ifMatch: withEtag });
      onSaved(r.data, r.etag);
      reset({ rating: r.data.verdict?.rating ?? '', explanation: r.data.verdict?.explanation ?? '' }, r.etag);
      toast('Verdict saved as a draft');
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        const latest = await reload();
        if (latest) {
          setConflict({ theirs: { rating: latest.claim.verdict?.rating ?? '', explanation: latest.claim.verdict?.explanation ?? '' }, etag: latest.etag });
        }
      } else {
        setError(e instanceof ApiError ? e : null);
      }
    } finally {
      setBusy(false);
    }
  }

  if (!draft || !base) return null;
  const label = (key: string) => (key ? ratingOf(ratings, key).label : '(none)');
  const v = claim.verdict;
  return (
    <section class="panel-section" aria-labelledby={`verdict-${claim.id}`}>
      <h3 id={`verdict-${claim.id}`}>Verdict</h3>
      {v ? (
        <p class="verdict-state">
          <RatingBadge rating={v.rating} state={v.state} /> revision {v.revision} by {v.author ?? 'unknown'}, {formatDateTime(v.updatedAt)}
          {v.state === 'published' && <> · published by {v.publishedBy} {formatDateTime(v.publishedAt)}</>}
        </p>
      ) : <p class="muted">No verdict yet.</p>}
      {claim.publishedVerdict && v?.state === 'draft' && (
        <p class="muted">In force publicly: <RatingBadge rating={claim.publishedVerdict.rating} state="published" /> (revision {claim.publishedVerdict.revision})</p>
      )}
      <form class="stacked" onSubmit={(e) => { e.preventDefault(); save(base.etag); }}>
        <label>
          Rating
          <select data-testid="verdict-rating" value={draft.rating} disabled={!canEdit} required
            onChange={(e) => edit({ rating: e.currentTarget.value })} aria-invalid={!!error?.fieldError('rating')}>
            <option value="" disabled>Choose a rating…</option>
            {ratings.map((r) => <option key={r.key} value={r.key}>{r.label}</option>)}
          </select>
        </label>
        <label>
          Explanation
          <textarea data-testid="verdict-explanation" rows={5} value={draft.explanation} disabled={!canEdit}
            onInput={(e) => edit({ explanation: e.currentTarget.value })} />
        </label>
        {error && <p class="form-error" role="alert">{error.message}</p>}
        {canEdit && (
          <div class="actions">
            {dirty && <button type="button" onClick={() => reset(server, etag)} disabled={busy}>Discard</button>}
            <button type="submit" class="primary" data-testid="verdict-save" disabled={busy || !dirty || !draft.rating}>Save verdict</button>
          </div>
        )}
      </form>
      <ReviewActions claim={claim} etag={etag} verdictDirty={dirty} onSaved={onSaved} reload={reload} />
      {conflict && (
        <MergeView what="The verdict"
          rows={[
            { label: 'Rating', base: label(base.value.rating), theirs: label(conflict.theirs.rating), mine: label(draft.rating) },
            { label: 'Explanation', base: base.value.explanation, theirs: conflict.theirs.explanation, mine: draft.explanation },
          ]}
          onClose={() => setConflict(null)}
          onDiscard={() => { reset(conflict.theirs, conflict.etag); setConflict(null); }}
          onReapply={() => { const tag = conflict.etag; rebase(conflict.theirs, tag); setConflict(null); save(tag); }} />
      )}
    </section>
  );
}
