import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api-client';
import type { Member } from '../../lib/types';

let cached: Promise<Member[]> | null = null;

/** The desk's active members (for assignees and @mentions), loaded once per page. */
export function useDirectory(): Member[] {
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => {
    cached ??= api.get<{ items: Member[] }>('/api/directory').then((r) => r.data.items).catch(() => {
      cached = null;
      return [];
    });
    cached.then(setMembers);
  }, []);
  return members;
}
