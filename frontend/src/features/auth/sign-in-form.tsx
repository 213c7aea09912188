import { useState } from 'preact/hooks';
import { ApiError } from '../../lib/api-client';
import type { SessionUser } from '../../lib/types';
import { signIn } from './session';

interface Props {
  onSignedIn: (user: SessionUser) => void;
  /** Shown above the form, e.g. why the user must sign in again. */
  notice?: string;
}

export function SignInForm({ onSignedIn, notice }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(username, password));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Sign-in failed.');
      setBusy(false);
    }
  }

  return (
    <form class="sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      {notice && <p class="notice">{notice}</p>}
      <label>
        Username
        <input name="username" autoComplete="username" value={username} required autoFocus
          onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" value={password} required
          onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      {error && <p class="form-error" role="alert">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>Sign in</button>
    </form>
  );
}
