import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { toast } from '../../components/toasts';
import { ApiError, api } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import type { Page, Role } from '../../lib/types';
import { useSession } from '../auth/session';

interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

const ROLES: Role[] = ['viewer', 'analyst', 'reviewer', 'admin'];

/** The desk's accounts, for admins: create, change role, disable, set a new password. */
export function UsersPage() {
  const { user: me } = useSession();
  const [users, setUsers] = useState<User[]>([]);
  const [adding, setAdding] = useState(false);
  const [passwordFor, setPasswordFor] = useState<User | null>(null);

  async function load() {
    try {
      const all: User[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<User> = (await api.get<Page<User>>(`/api/users?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).data;
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      setUsers(all.sort((a, b) => a.username.localeCompare(b.username)));
    } catch (e) {
      toast(e instanceof ApiError ? e.message : 'The users could not be loaded.', 'error');
    }
  }

  useEffect(() => {
    load();
  }, []);

  async function change(u: User, patch: Partial<Pick<User, 'role' | 'disabled'>>) {
    try {
      await api.patch(`/api/users/${u.id}`, patch);
      await load();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : 'The change was not saved.', 'error');
    }
  }

  return (
    <section aria-labelledby="users-title">
      <div class="page-header">
        <h1 id="users-title">Users</h1>
        <button type="button" class="primary" onClick={() => setAdding(true)}>Add user</button>
      </div>
      <table class="articles users">
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Username</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Since</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row">
              <td>{u.displayName}</td>
              <td>@{u.username}</td>
              <td>
                <select aria-label={`Role of ${u.username}`} value={u.role} disabled={u.id === me.id}
                  onChange={(e) => change(u, { role: e.currentTarget.value as Role })}>
                  {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                </select>
              </td>
              <td>{u.disabled ? <span class="badge">disabled</span> : <span class="muted">active</span>}</td>
              <td class="muted">{formatDate(u.createdAt)}</td>
              <td class="row-actions">
                <button type="button" class="link" onClick={() => setPasswordFor(u)}>Set password…</button>
                {u.id !== me.id && (
                  <button type="button" class="link" onClick={() => change(u, { disabled: !u.disabled })}>{u.disabled ? 'Enable' : 'Disable'}</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {adding && <AddUserDialog onClose={() => setAdding(false)} onAdded={load} />}
      {passwordFor && <PasswordDialog user={passwordFor} onClose={() => setPasswordFor(null)} />}
    </section>
  );
}

function AddUserDialog({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api.post('/api/users', { username, displayName, password, role });
      onAdded();
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    }
  }

  const fieldError = (f: string) => error?.fieldError(f);
  return (
    <Dialog title="Add user" onClose={onClose}>
      <form class="stacked" onSubmit={submit}>
        <label>Username<input value={username} required autoComplete="off" onInput={(e) => setUsername(e.currentTarget.value)} /></label>
        {fieldError('username') && <p class="field-error">{fieldError('username')}</p>}
        <label>Display name<input value={displayName} required onInput={(e) => setDisplayName(e.currentTarget.value)} /></label>
        <label>Password<input type="password" value={password} required autoComplete="new-password" onInput={(e) => setPassword(e.currentTarget.value)} /></label>
        {fieldError('password') && <p class="field-error">{fieldError('password')}</p>}
        <label>Role
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        {error && !error.problem.errors && <p class="form-error" role="alert">{error.message}</p>}
        <div class="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" class="primary">Add user</button>
        </div>
      </form>
    </Dialog>
  );
}

function PasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api.patch(`/api/users/${user.id}`, { password });
      toast(`New password set for @${user.username}; their sessions have ended`);
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.fieldError('password') ?? err.message : 'The password was not saved.');
    }
  }

  return (
    <Dialog title={`New password for @${user.username}`} onClose={onClose}>
      <form class="stacked" onSubmit={submit}>
        <label>New password<input type="password" value={password} required autoComplete="new-password" onInput={(e) => setPassword(e.currentTarget.value)} /></label>
        {error && <p class="form-error" role="alert">{error}</p>}
        <p class="muted small">At least 10 characters. Their open sessions end.</p>
        <div class="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" class="primary">Set password</button>
        </div>
      </form>
    </Dialog>
  );
}
