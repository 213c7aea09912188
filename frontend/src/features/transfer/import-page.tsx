import { useRef, useState } from 'preact/hooks';
import type { Article } from '../../lib/types';

interface FileResult {
  file: string;
  status: number;
  outcome: 'created' | 'duplicate' | 'refused';
  article: Article | null;
  existingId: number | null;
  detail: string | null;
  warnings: string[];
}

interface Report {
  items: FileResult[];
  created: number;
  duplicates: number;
  refused: number;
}

const ACCEPT = '.txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html';

function readCookie(name: string): string | null {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
}

/** Sends the files in one request, reporting upload progress (fetch cannot, XMLHttpRequest can). */
function upload(files: File[], onProgress: (fraction: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/articles/import');
    const xsrf = readCookie('XSRF-TOKEN');
    if (xsrf) xhr.setRequestHeader('X-XSRF-TOKEN', xsrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('The server could not be reached.'));
    xhr.send(form);
  });
}

export function ImportPage() {
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function add(list: FileList | null) {
    if (!list) return;
    setFiles((old) => [...old, ...Array.from(list)]);
    setReport(null);
  }

  async function send() {
    setError(null);
    setProgress(0);
    try {
      const r = await upload(files, setProgress);
      if (r.status === 200) {
        setReport(r.body as Report);
        setFiles([]);
      } else {
        const problem = r.body as { detail?: string } | null;
        setError(problem?.detail ?? `The import failed (HTTP ${r.status}).`);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The import failed.');
    } finally {
      setProgress(null);
    }
  }

  return (
    <section aria-labelledby="import-title" class="transfer">
      <div class="page-header"><h1 id="import-title">Import articles</h1></div>
      <p class="muted">Text (.txt), Markdown (.md) and web pages saved as HTML (.html). A page's title, outlet, author,
        date and address are taken from its metadata; the same text is never imported twice.</p>
      <div class={over ? 'dropzone over' : 'dropzone'} data-testid="dropzone"
        onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); add(e.dataTransfer?.files ?? null); }}>
        <p>Drop files here, or</p>
        <button type="button" onClick={() => input.current?.click()}>Choose files…</button>
        <input ref={input} type="file" multiple accept={ACCEPT} class="visually-hidden" data-testid="import-files"
          aria-label="Files to import" onChange={(e) => { add(e.currentTarget.files); e.currentTarget.value = ''; }} />
      </div>
      {files.length > 0 && (
        <>
          <ul class="file-list" aria-label="Files to import">
            {files.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                <span><bdi>{f.name}</bdi></span> <span class="muted small">{Math.ceil(f.size / 1024)} kB</span>
                <button type="button" class="link danger" aria-label={`Remove ${f.name}`}
                  onClick={() => setFiles(files.filter((_, j) => j !== i))}>Remove</button>
              </li>
            ))}
          </ul>
          <div class="actions">
            <button type="button" class="primary" data-testid="import-send" disabled={progress !== null} onClick={send}>
              Import {files.length} file{files.length === 1 ? '' : 's'}
            </button>
          </div>
        </>
      )}
      {progress !== null && (
        <div class="upload-progress">
          <progress max={1} value={progress} aria-label="Upload progress" /> <span>{Math.round(progress * 100)}%</span>
        </div>
      )}
      {error && <p class="form-error" role="alert">{error}</p>}
      {report && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">Results</h2>
          <p>{report.created} imported, {report.duplicates} already there, {report.refused} refused.</p>
          <ul class="results" data-testid="import-results">
            {report.items.map((r, i) => (
              <li key={i} class={`result ${r.outcome}`} data-testid="import-result">
                <span class="badge">{r.outcome}</span> <strong><bdi>{r.file}</bdi></strong>{' '}
                {r.article && r.outcome === 'created' && <a href={`/articles/${r.article.id}`}><bdi>{r.article.title}</bdi></a>}
                {r.outcome === 'duplicate' && r.existingId !== null && <a href={`/articles/${r.existingId}`}>open the existing article</a>}
                {r.outcome === 'refused' && <span class="form-error"> {r.detail}</span>}
                {r.warnings.length > 0 && <ul class="warnings">{r.warnings.map((w) => <li key={w} class="muted small">{w}</li>)}</ul>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
