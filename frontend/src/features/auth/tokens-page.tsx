import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { toast } from '../../components/toasts';
import { ApiError, api } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';

interface Token {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface CreatedToken extends Token {
  token: string;
}

/**
 * The signed-in user's API tokens, for scripts and other systems that read the export or write through the API: make
 * one (its secret is shown once), see when each was last used, revoke.
 */
export function TokensPage() {
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);

  async function load() {
    try {
      setTokens((await api.get<{ items: Token[] }>('/api/tokens')).data.items);
    } catch (e) {
      toast(e instanceof ApiError ? e.message : 'The tokens could not be loaded.', 'error');
    }
  }

  useEffect(() => {
    load();
  }, []);

  async function create(e: Event) {
    e.preventDefault();
    try {
      const made = (await api.post<CreatedToken>('/api/tokens', { name })).data;
      setCreated(made);
      setName('');
      setNameError(null);
      await load();
    } catch (err) {
      setNameError(err instanceof ApiError ? err.fieldError('name') ?? err.message : 'The token was not created.');
    }
  }

  async function revoke(token: Token) {
    try {
      await api.delete(`/api/tokens/${token.id}`);
      toast(`Token “${token.name}” revoked`);
      if (created?.id === token.id) setCreated(null);
      await load();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : 'The token was not revoked.', 'error');
    } finally {
      setRevoking(null);
    }
  }

  return (
    <section aria-labelledby="tokens-title" class="tokens">
      <div class="page-header"><h1 id="tokens-title">API tokens</h1></div>
      <p class="muted">
        A token lets a script or another system use the API as you, with your role: send it as{' '}
        <code>Authorization: Bearer wbt_…</code>. Give each system its own token, so that revoking one stops only that system.
      </p>
      <form class="token-form" onSubmit={create}>
        <label>Name<input data-testid="token-name" value={name} required maxLength={200} placeholder="e.g. newsroom CMS export"
          onInput={(e) => setName(e.currentTarget.value)} /></label>
        <button type="submit" class="primary" data-testid="token-create">Create token</button>
      </form>
      {nameError && <p class="field-error" role="alert">{nameError}</p>}
      {created && <NewToken token={created} onDismiss={() => setCreated(null)} />}
      {tokens && tokens.length === 0 && <p class="empty">You have no API tokens.</p>}
      {tokens && tokens.length > 0 && (
        <table class="articles tokens-table">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} data-testid="token-row">
                <td><bdi class="token-name">{t.name}</bdi></td>
                <td class="muted">{formatDateTime(t.createdAt)}</td>
                <td class="muted">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}</td>
                <td class="row-actions">
                  <button type="button" class="link danger" onClick={() => setRevoking(t)}>Revoke…</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoking && (
        <Dialog title="Revoke token" onClose={() => setRevoking(null)}>
          <p>Revoke <bdi>“{revoking.name}”</bdi>? Whatever uses it can no longer reach the API. This cannot be undone.</p>
          <div class="actions">
            <button type="button" onClick={() => setRevoking(null)}>Cancel</button>
            <button type="button" class="danger" data-testid="token-revoke-confirm" onClick={() => revoke(revoking)}>Revoke</button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

/** The secret of a token just made: shown here once, with a button that copies it. */
function NewToken({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  const field = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      toast('Token copied');
    } catch {
      field.current?.select(); // no clipboard access (an insecure origin): selected for the user to copy
    }
  }

  return (
    <div class="new-token" role="status" data-testid="token-created">
      <p><strong>Token <bdi>“{token.name}”</bdi> created.</strong> Copy it now: it is not shown again.</p>
      <div class="new-token-secret">
        <input ref={field} readOnly value={token.token} aria-label="New token" data-testid="token-secret"
          onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={copy}>Copy</button>
        <button type="button" class="link" onClick={onDismiss}>Done</button>
      </div>
    </div>
  );
}
