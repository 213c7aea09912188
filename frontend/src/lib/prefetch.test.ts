import { afterEach, describe, expect, it, vi } from 'vitest';
import { setUnauthorizedListener } from './api-client';
import { fetchOnce, prefetch, prefetchPage } from './prefetch';

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  setUnauthorizedListener(() => {});
});

describe('prefetch', () => {
  it('hands a prefetched answer out once, then asks again', async () => {
    const fetch = vi.fn(async () => answer(200, { n: fetch.mock.calls.length }));
    vi.stubGlobal('fetch', fetch);
    prefetch('/api/articles/7');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((await fetchOnce<{ n: number }>('/api/articles/7')).data.n).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((await fetchOnce<{ n: number }>('/api/articles/7')).data.n).toBe(2);
  });

  it('asks again when the early read failed, without reporting its 401 to the app', async () => {
    let signedIn = false;
    const fetch = vi.fn(async () => (signedIn ? answer(200, { ok: true }) : answer(401, { title: 'Unauthorized', status: 401 })));
    vi.stubGlobal('fetch', fetch);
    const unauthorized = vi.fn();
    setUnauthorizedListener(unauthorized);
    prefetch('/api/articles/8/annotations');
    await new Promise((r) => setTimeout(r, 0));
    signedIn = true;
    expect((await fetchOnce<{ ok: boolean }>('/api/articles/8/annotations')).data.ok).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(unauthorized).not.toHaveBeenCalled();
  });

  it('does not use an answer older than ten seconds', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn(async () => answer(200, { n: fetch.mock.calls.length }));
    vi.stubGlobal('fetch', fetch);
    prefetch('/api/articles/9');
    vi.advanceTimersByTime(10_001);
    expect((await fetchOnce<{ n: number }>('/api/articles/9')).data.n).toBe(2);
  });

  it('prefetches an article page\'s text and highlights, and nothing for other pages', () => {
    const fetch = vi.fn(async () => answer(200, {}));
    vi.stubGlobal('fetch', fetch);
    prefetchPage('/articles/12');
    prefetchPage('/queue');
    prefetchPage('/articles/12/../../api/users');
    expect(fetch.mock.calls.map((c) => (c as unknown[])[0])).toEqual(['/api/articles/12', '/api/articles/12/annotations']);
  });
});
