import { useMemo, useState } from 'preact/hooks';
import { toast } from '../../components/toasts';
import { ApiError, api } from '../../lib/api-client';
import { isolate } from '../../lib/format';
import { CLAIM_STATUSES, statusLabel, type Claim, type ClaimStatus } from '../../lib/types';
import { hasRole, useSession } from '../auth/session';
import { useDirectory } from '../desk/directory';
import { MergeView } from './merge-view';
import { changedFields, useDraft } from './use-claim';

interface Fields {
  statement: string;
  claimant: string;
  claimDate: string;
  status: ClaimStatus;
  assignee: string;
}

interface Props {
  claim: Claim;
  etag: string | null;
  onSaved: (claim: Claim, etag: string | null) => void;
  reload: () => Promise<{ claim: Claim; etag: string | null } | null>;
}

const LABELS: Record<keyof Fields, string> = {
  statement: 'Statement', claimant: 'Claimant', claimDate: 'Claim date', status: 'Status', assignee: 'Assignee',
};

function fieldsOf(c: Claim): Fields {
  return { statement: c.statement, claimant: c.claimant ?? '', claimDate: c.claimDate ?? '', status: c.status, assignee: c.assignee ?? '' };
}

export function ClaimFieldsForm({ claim, etag, onSaved, reload }: Props) {
  const { user } = useSession();
  const server = useMemo(() => fieldsOf(claim), [claim.statement, claim.claimant, claim.claimDate, claim.status, claim.assignee]);
  const members = useDirectory().filter((m) => m.role !== 'viewer');
  const { draft, base, dirty, edit, reset, rebase } = useDraft(server, etag);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<{ theirs: Fields; etag: string | null } | null>(null);
  const canEdit = hasRole(user, 'analyst');

  async function save(against: Fields, withEtag: string | null) {
    if (!draft) return;
    // Only the fields this user changed are sent, so a re-apply never undoes someone else's other changes.
    const patch: Record<string, string | null> = {};
    for (const k of changedFields(against, draft)) {
      const value = draft[k];
      patch[k] = value === '' && k !== 'statement' ? null : value;
    }
    if (Object.keys(patch).length === 0) {
      reset(against, withEtag);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.patch<Claim>(`/api/claims/${claim.id}`, patch, { ifMatch: withEtag });
      onSaved(r.data, r.etag);
      reset(fieldsOf(r.data), r.etag);
      toast('Claim saved');
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        const latest = await reload();
        if (latest) setConflict({ theirs: fieldsOf(latest.claim), etag: latest.etag });
      } else {
        setError(e instanceof ApiError ? e : null);
      }
    } finally {
      setBusy(false);
    }
  }

  if (!draft || !base) return null;
  const show = (k: keyof Fields, v: string) => (k === 'status' ? statusLabel(v) : v);
  return (
    <form class="stacked claim-fields" onSubmit={(e) => { e.preventDefault(); save(base.value, base.etag); }}>
      <label>
        Statement
        <textarea data-testid="claim-statement" rows={3} value={draft.statement} disabled={!canEdit} required
          onInput={(e) => edit({ statement: e.currentTarget.value })} aria-invalid={!!error?.fieldError('statement')} />
      </label>
      {error?.fieldError('statement') && <p class="field-error">{error.fieldError('statement')}</p>}
      <div class="row">
        <label>
          Claimant
          <input data-testid="claim-claimant" value={draft.claimant} disabled={!canEdit} placeholder="Who made the claim"
            onInput={(e) => edit({ claimant: e.currentTarget.value })} />
        </label>
        <label>
          Claim date
          <input type="date" data-testid="claim-date" value={draft.claimDate} disabled={!canEdit}
            onInput={(e) => edit({ claimDate: e.currentTarget.value })} />
        </label>
      </div>
      <div class="row">
        <label>
          Status
          <select data-testid="claim-status" value={draft.status} disabled={!canEdit} onChange={(e) => edit({ status: e.currentTarget.value as ClaimStatus })}>
            {CLAIM_STATUSES.map((s) => (
              <option key={s.key} value={s.key} disabled={s.key === 'published' && draft.status !== 'published'}>{s.label}</option>
            ))}
          </select>
        </label>
        <label>
          Assignee
          <select data-testid="claim-assignee" value={draft.assignee} disabled={!canEdit} onChange={(e) => edit({ assignee: e.currentTarget.value })}>
            <option value="">Nobody</option>
            {draft.assignee && !members.some((m) => m.username === draft.assignee) && <option value={draft.assignee}>{draft.assignee}</option>}
            {members.map((m) => <option key={m.username} value={m.username}>{isolate(m.displayName)} (@{m.username})</option>)}
          </select>
        </label>
      </div>
      {error && !error.problem.errors && <p class="form-error" role="alert">{error.message}</p>}
      {error?.problem.errors && error.problem.errors.filter((f) => f.field !== 'statement').map((f) => (
        <p key={f.field} class="field-error">{LABELS[f.field as keyof Fields] ?? f.field}: {f.message}</p>
      ))}
      {canEdit && dirty && (
        <div class="actions">
          <button type="button" onClick={() => reset(server, etag)} disabled={busy}>Discard</button>
          <button type="submit" class="primary" data-testid="claim-save" disabled={busy}>Save claim</button>
        </div>
      )}
      {conflict && (
        <MergeView what="The claim"
          rows={(Object.keys(LABELS) as Array<keyof Fields>).map((k) => ({
            label: LABELS[k], base: show(k, base.value[k]), theirs: show(k, conflict.theirs[k]), mine: show(k, draft[k]),
          }))}
          onClose={() => setConflict(null)}
          onDiscard={() => { reset(conflict.theirs, conflict.etag); setConflict(null); }}
          onReapply={() => {
            const { theirs, etag: tag } = conflict;
            setConflict(null);
            rebase(theirs, tag);
            save(base.value, tag);
          }} />
      )}
    </form>
  );
}
