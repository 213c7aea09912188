import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { ApiError, api } from '../../lib/api-client';
import { navigate } from '../../lib/router';
import type { Article } from '../../lib/types';

export function AddArticleDialog({ onClose }: { onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [outlet, setOutlet] = useState('');
  const [url, setUrl] = useState('');
  const [date, setDate] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<Article>('/api/articles', {
        title, body, outlet: outlet || null, url: url || null, publishedAt: date || null,
      });
      onClose();
      navigate(`/articles/${created.data.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && typeof err.problem.existingId === 'number') {
        onClose();
        navigate(`/articles/${err.problem.existingId}`);
        return;
      }
      setError(err instanceof ApiError ? err : new ApiError({ status: 0, detail: 'The article could not be saved.' }));
      setBusy(false);
    }
  }

  const fieldError = (f: string) => error?.fieldError(f);
  return (
    <Dialog title="Add article" onClose={onClose} wide>
      <form class="stacked" onSubmit={submit}>
        <label>Title<input value={title} required onInput={(e) => setTitle(e.currentTarget.value)} aria-invalid={!!fieldError('title')} /></label>
        {fieldError('title') && <p class="field-error">{fieldError('title')}</p>}
        <div class="row">
          <label>Outlet<input value={outlet} onInput={(e) => setOutlet(e.currentTarget.value)} /></label>
          <label>Date<input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} /></label>
        </div>
        <label>URL<input type="url" value={url} placeholder="https://…" onInput={(e) => setUrl(e.currentTarget.value)} aria-invalid={!!fieldError('url')} /></label>
        {fieldError('url') && <p class="field-error">{fieldError('url')}</p>}
        <label>Text<textarea rows={14} value={body} required onInput={(e) => setBody(e.currentTarget.value)} aria-invalid={!!fieldError('body')} /></label>
        {fieldError('body') && <p class="field-error">{fieldError('body')}</p>}
        {error && !error.problem.errors && <p class="form-error" role="alert">{error.message}</p>}
        <div class="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" class="primary" disabled={busy}>Add article</button>
        </div>
      </form>
    </Dialog>
  );
}
