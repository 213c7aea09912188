import { api, type ApiResponse } from './api-client';

/**
 * Reads started as the page loads, before the app has asked who is signed in, so that those round trips overlap
 * instead of following one another. The page that needs one takes it once; one that failed (no session yet) or is
 * older than a few seconds is simply asked for again.
 */
const started = new Map<string, { at: number; response: Promise<ApiResponse<unknown>> }>();
const FRESH_MS = 10_000;

export function prefetch(path: string): void {
  const response = api.get<unknown>(path, { quietUnauthorized: true });
  response.catch(() => {}); // a failure is handled by whoever takes it, or by nobody
  started.set(path, { at: Date.now(), response });
}

/** The prefetched answer for this path if there is a fresh one, else a new request. */
export function fetchOnce<T>(path: string): Promise<ApiResponse<T>> {
  const early = started.get(path);
  started.delete(path);
  if (!early || Date.now() - early.at > FRESH_MS) return api.get<T>(path);
  return (early.response as Promise<ApiResponse<T>>).catch(() => api.get<T>(path));
}

/** Starts the reads of the page at this address when it opens an article: its text and its highlights. */
export function prefetchPage(pathname: string): void {
  const article = /^\/articles\/(\d+)\/?$/.exec(pathname);
  if (article) {
    prefetch(`/api/articles/${article[1]}`);
    prefetch(`/api/articles/${article[1]}/annotations`);
  }
}
