import { useState } from 'preact/hooks';
import { query } from '../../lib/api-client';
import { CLAIM_STATUSES } from '../../lib/types';
import { useRatings } from '../reader/ratings';

const FORMATS = [
  { key: 'csv', label: 'CSV (spreadsheets)' },
  { key: 'claimreview', label: 'ClaimReview (schema.org, for search engines and fact-check databases)' },
  { key: 'json', label: 'JSON' },
  { key: 'ndjson', label: 'NDJSON (one claim per line)' },
];

/**
 * Builds the export address; the browser downloads it as a file, progressively, as the server streams it.
 */
export function ExportPage() {
  const ratings = useRatings();
  const [format, setFormat] = useState('csv');
  const [state, setState] = useState('published');
  const [rating, setRating] = useState('');
  const [status, setStatus] = useState('');
  const [since, setSince] = useState('');
  const href = `/api/export/verdicts${query({ format, state, rating, status, since })}`;
  return (
    <section aria-labelledby="export-title" class="transfer">
      <div class="page-header"><h1 id="export-title">Export verdicts</h1></div>
      <form class="stacked export-form" onSubmit={(e) => e.preventDefault()}>
        <label>Format
          <select data-testid="export-format" value={format} onChange={(e) => setFormat(e.currentTarget.value)}>
            {FORMATS.map((f) => <option key={f.key} value={f.key}>{f.label}</option>)}
          </select>
        </label>
        <label>Verdicts
          <select data-testid="export-state" value={state} onChange={(e) => setState(e.currentTarget.value)}>
            <option value="published">Published verdicts only</option>
            <option value="all">All claims, with drafts</option>
          </select>
        </label>
        <div class="row">
          <label>Rating
            <select value={rating} onChange={(e) => setRating(e.currentTarget.value)}>
              <option value="">Any rating</option>
              {ratings.map((r) => <option key={r.key} value={r.key}>{r.label}</option>)}
            </select>
          </label>
          <label>Status
            <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">Any status</option>
              {CLAIM_STATUSES.map((s) => <option key={s.key} value={s.key}>{s.label}</option>)}
            </select>
          </label>
          <label>Changed since
            <input type="date" value={since} onInput={(e) => setSince(e.currentTarget.value)} />
          </label>
        </div>
        <div class="actions">
          <a class="button primary" data-testid="export-download" href={href} download>Download</a>
        </div>
        <p class="muted small">Address for scripts (with an <a href="/tokens">API token</a>): <code>{href}</code></p>
      </form>
    </section>
  );
}
