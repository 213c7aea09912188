import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../../lib/api-client';
import { liveEvents } from '../../lib/live-events';
import type { Claim, LiveEvent } from '../../lib/types';

export interface ClaimState {
  claim: Claim | null;
  etag: string | null;
  error: string | null;
  /** The last live change by someone else: who and what. */
  lastRemoteChange: LiveEvent | null;
  reload: () => Promise<{ claim: Claim; etag: string | null } | null>;
  /** Adopts a claim returned by a save (with its new ETag). */
  accept: (claim: Claim, etag: string | null) => void;
}

/** Loads a claim and keeps it current as live events about it arrive. */
export function useClaim(claimId: number, selfUsername: string): ClaimState {
  const [claim, setClaim] = useState<Claim | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lastRemoteChange, setLastRemoteChange] = useState<LiveEvent | null>(null);
  const current = useRef(claimId);
  current.current = claimId;

  const reload = useCallback(async () => {
    try {
      const r = await api.get<Claim>(`/api/claims/${claimId}`);
      if (current.current !== claimId) return null;
      setClaim(r.data);
      setEtag(r.etag);
      setError(null);
      return { claim: r.data, etag: r.etag };
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The claim could not be loaded.');
      return null;
    }
  }, [claimId]);

  useEffect(() => {
    setClaim(null);
    setLastRemoteChange(null);
    reload();
  }, [reload]);

  useEffect(() => liveEvents.subscribe((e) => {
    if (e.claimId !== claimId) return;
    if (e.actor !== selfUsername) setLastRemoteChange(e);
    reload();
  }), [claimId, reload, selfUsername]);

  const accept = useCallback((c: Claim, tag: string | null) => {
    setClaim(c);
    setEtag(tag);
  }, []);

  return { claim, etag, error, lastRemoteChange, reload, accept };
}

/**
 * An edit form's state over a server value: the draft the user types, and the version it started from. While the
 * user has not changed anything, new server values flow in; once they have, the draft and its base stay put, so
 * a save made on an outdated base meets 412 instead of overwriting someone else's change.
 */
export function useDraft<T extends object>(server: T | null, etag: string | null) {
  const [draft, setDraft] = useState<T | null>(server);
  const [base, setBase] = useState<{ value: T; etag: string | null } | null>(server ? { value: server, etag } : null);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!dirty && server) {
      setDraft(server);
      setBase({ value: server, etag });
    }
  }, [server, etag]);

  const edit = useCallback((patch: Partial<T>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDirty(true);
  }, []);

  /** After a save or a discard: the server's value becomes both draft and base. */
  const reset = useCallback((value: T, tag: string | null) => {
    setDraft(value);
    setBase({ value, etag: tag });
    setDirty(false);
  }, []);

  /** Keeps the draft but moves its base to a newer version (re-applying over someone else's change). */
  const rebase = useCallback((value: T, tag: string | null) => setBase({ value, etag: tag }), []);

  return { draft, base, dirty, edit, reset, rebase };
}

/** The fields whose values differ between two versions. */
export function changedFields<T extends object>(a: T, b: T): Array<keyof T> {
  return (Object.keys(a) as Array<keyof T>).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
