import { useState } from 'preact/hooks';
import { toast } from '../../components/toasts';
import { ApiError, api } from '../../lib/api-client';
import { formatDateTime, truncate } from '../../lib/format';
import { hasRole, useSession } from '../auth/session';
import { ClaimFieldsForm } from './claim-fields-form';
import { Discussion } from './discussion';
import { History } from './history';
import { EvidenceSection } from './evidence-section';
import { useClaim } from './use-claim';
import { VerdictForm } from './verdict-form';

interface Props {
  claimId: number;
  articleId: number;
  onClose: () => void;
  onChanged: () => void;
}

export function ClaimPanel({ claimId, articleId, onClose, onChanged }: Props) {
  const { user } = useSession();
  const { claim, etag, error, lastRemoteChange, reload, accept } = useClaim(claimId, user.username);
  const [tab, setTab] = useState<'claim' | 'discussion' | 'history'>('claim');

  if (error) {
    return (
      <section class="claim-panel" aria-label="Claim">
        <button type="button" class="link" onClick={onClose}>← All claims</button>
        <p class="form-error" role="alert">{error}</p>
      </section>
    );
  }
  if (!claim) return <section class="claim-panel" aria-busy="true" aria-label="Claim">Loading claim…</section>;

  const here = claim.annotations.filter((a) => a.articleId === articleId);
  const elsewhere = new Map<number, string>();
  for (const a of claim.annotations) if (a.articleId !== articleId) elsewhere.set(a.articleId, a.articleTitle);

  async function removeHighlight(id: number) {
    if (!window.confirm('Remove this highlight? The claim, its verdict and evidence stay.')) return;
    try {
      await api.delete(`/api/annotations/${id}`);
      onChanged();
      reload();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : 'The highlight could not be removed.', 'error');
    }
  }

  return (
    <section class="claim-panel" aria-labelledby="claim-panel-title" data-testid="claim-panel">
      <div class="panel-header">
        <button type="button" class="link" onClick={onClose}>← All claims</button>
        <h2 id="claim-panel-title">Claim #{claim.id}</h2>
        <button type="button" class="icon" aria-label="Close claim panel" onClick={onClose}>×</button>
      </div>
      {lastRemoteChange && (
        <p class="remote-change" role="status">
          Updated by {lastRemoteChange.actor ?? 'someone'} at {formatDateTime(lastRemoteChange.at)}. Fields you are editing keep your text.
        </p>
      )}
      <div class="tabs" role="tablist" aria-label="Claim views">
        {(['claim', 'discussion', 'history'] as const).map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`tabpanel-${t}`}
            data-testid={`tab-${t}`} class={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
            {t === 'claim' ? 'Claim' : t === 'discussion' ? 'Discussion' : 'History'}
          </button>
        ))}
      </div>
      {tab === 'discussion' && <div role="tabpanel" id="tabpanel-discussion" aria-labelledby="tab-discussion"><Discussion claimId={claim.id} /></div>}
      {tab === 'history' && <div role="tabpanel" id="tabpanel-history" aria-labelledby="tab-history"><History claimId={claim.id} articleTitles={new Map(claim.annotations.map((a) => [a.articleId, a.articleTitle]))} /></div>}
      <div role="tabpanel" id="tabpanel-claim" aria-labelledby="tab-claim" hidden={tab !== 'claim'} class="claim-tab">
      <ClaimFieldsForm claim={claim} etag={etag} reload={reload} onSaved={(c, t) => { accept(c, t); onChanged(); }} />
      <VerdictForm claim={claim} etag={etag} reload={reload} onSaved={(c, t) => { accept(c, t); onChanged(); }} />
      <EvidenceSection claimId={claim.id} evidence={claim.evidence} onChanged={reload} />
      <section class="panel-section" aria-labelledby={`appearances-${claim.id}`}>
        <h3 id={`appearances-${claim.id}`}>Appearances</h3>
        <ul class="appearances">
          {here.map((a) => (
            <li key={a.id}>
              <q><bdi>{truncate(a.exact, 140)}</bdi></q>
              {hasRole(user, 'analyst') && (
                <button type="button" class="link danger" onClick={() => removeHighlight(a.id)} aria-label={`Remove highlight “${truncate(a.exact, 40)}”`}>Remove</button>
              )}
            </li>
          ))}
        </ul>
        {elsewhere.size > 0 && (
          <>
            <h4>Also in</h4>
            <ul class="elsewhere" data-testid="claim-elsewhere">
              {[...elsewhere].map(([id, title]) => (
                <li key={id}><a href={`/articles/${id}?claim=${claim.id}`}>{title}</a></li>
              ))}
            </ul>
          </>
        )}
        <p class="muted small">Created by {claim.createdBy ?? 'the system'} · {formatDateTime(claim.createdAt)} · last activity {formatDateTime(claim.updatedAt)}</p>
      </section>
      </div>
    </section>
  );
}
