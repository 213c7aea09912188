import { useState } from 'preact/hooks';
import { toast } from '../../components/toasts';
import { ApiError, api } from '../../lib/api-client';
import { formatDate, isolate } from '../../lib/format';
import type { Evidence, Stance } from '../../lib/types';
import { hasRole, useSession } from '../auth/session';

const STANCES: Array<{ key: Stance; label: string }> = [
  { key: 'supports', label: 'Supports' },
  { key: 'refutes', label: 'Refutes' },
  { key: 'context', label: 'Context' },
];

interface Props {
  claimId: number;
  evidence: Evidence[];
  onChanged: () => void;
}

/** Only http(s) links become clickable; anything else (which the API refuses anyway) stays text. */
function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function EvidenceSection({ claimId, evidence, onChanged }: Props) {
  const { user } = useSession();
  const canEdit = hasRole(user, 'analyst');
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [stance, setStance] = useState<Stance>('supports');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/claims/${claimId}/evidence`, { url, title: title || null, stance, note: note || null });
      setUrl('');
      setTitle('');
      setNote('');
      toast('Evidence added');
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(false);
    }
  }

  async function remove(item: Evidence) {
    if (!window.confirm(`Remove the evidence “${isolate(item.title ?? item.url)}”?`)) return;
    try {
      await api.delete(`/api/evidence/${item.id}`);
      onChanged();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : 'The evidence could not be removed.', 'error');
    }
  }

  return (
    <section class="panel-section" aria-labelledby={`evidence-${claimId}`}>
      <h3 id={`evidence-${claimId}`}>Evidence <span class="count">{evidence.length}</span></h3>
      {evidence.length === 0 && <p class="muted">No evidence yet.</p>}
      <ul class="evidence-list">
        {evidence.map((item) => {
          const href = safeHref(item.url);
          return (
            <li key={item.id} data-testid="evidence-item">
              <span class={`badge stance stance-${item.stance}`}>{item.stance}</span>
              <div class="evidence-body">
                {href
                  ? <a href={href} target="_blank" rel="noopener noreferrer nofollow" class="evidence-link">{item.title ?? item.url}</a>
                  : <span class="evidence-link">{item.title ?? item.url}</span>}
                {item.title && <span class="evidence-url">{item.url}</span>}
                {item.note && <p class="evidence-note">{item.note}</p>}
                <span class="muted small">{item.createdBy} · {formatDate(item.createdAt)}</span>
              </div>
              {canEdit && (
                <button type="button" class="icon" aria-label={`Remove evidence ${item.title ?? item.url}`} onClick={() => remove(item)}>×</button>
              )}
            </li>
          );
        })}
      </ul>
      {canEdit && (
        <form class="stacked evidence-form" onSubmit={add} aria-label="Add evidence">
          <label>
            URL
            <input type="url" data-testid="evidence-url" value={url} required placeholder="https://…"
              onInput={(e) => setUrl(e.currentTarget.value)} aria-invalid={!!error?.fieldError('url')} />
          </label>
          {error?.fieldError('url') && <p class="field-error">{error.fieldError('url')}</p>}
          <div class="row">
            <label>
              Title
              <input data-testid="evidence-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
            </label>
            <label>
              Stance
              <select data-testid="evidence-stance" value={stance} onChange={(e) => setStance(e.currentTarget.value as Stance)}>
                {STANCES.map((s) => <option key={s.key} value={s.key}>{s.label}</option>)}
              </select>
            </label>
          </div>
          <label>
            Note
            <textarea data-testid="evidence-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          {error && !error.fieldError('url') && <p class="form-error" role="alert">{error.message}</p>}
          <div class="actions">
            <button type="submit" data-testid="evidence-add" disabled={busy}>Add evidence</button>
          </div>
        </form>
      )}
    </section>
  );
}
