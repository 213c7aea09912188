import type { Problem } from './types';

/** A failed API call, carrying the server's problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.status = problem.status;
    this.problem = problem;
  }

  /** The message for one field, when the server named it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  status: number;
}

export interface RequestOptions {
  ifMatch?: string | null;
  signal?: AbortSignal;
  /** A 401 is expected (a read made before knowing whether anyone is signed in): do not tell the app. */
  quietUnauthorized?: boolean;
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};
/** Counts sign-ins: a 401 answering a request sent before the latest sign-in is stale and ignored. */
let sessionEpoch = 0;

export function startedNewSession(): void {
  sessionEpoch++;
}

/** Called on any 401, so the app can return to sign-in without losing the page. */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The one HTTP client of the app: JSON in and out, the session cookie, the double-submit CSRF header on changes,
 * If-Match when asked, problem documents turned into ApiError, and 401 reported to the app.
 */
export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method)) {
    const xsrf = readCookie('XSRF-TOKEN');
    if (xsrf) headers['X-XSRF-TOKEN'] = xsrf;
  }
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  const epoch = sessionEpoch;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, title: 'Network error', detail: 'The server could not be reached. Check the connection and try again.' });
  }
  const etag = response.headers.get('ETag');
  if (response.status === 204) return { data: undefined as T, etag, status: 204 };
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const problem: Problem = parsed && typeof parsed === 'object'
      ? { status: response.status, ...(parsed as object) } as Problem
      : { status: response.status, title: response.statusText };
    if (response.status === 401 && path !== '/api/session' && epoch === sessionEpoch && !options.quietUnauthorized) onUnauthorized();
    throw new ApiError(problem);
  }
  return { data: parsed as T, etag, status: response.status };
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** A query string from the parameters that have a value. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
