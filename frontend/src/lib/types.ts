/** The shapes of the v1 API's answers (see docs/api.md). */

export type Role = 'viewer' | 'analyst' | 'reviewer' | 'admin';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

export interface Rating {
  key: string;
  label: string;
  value: number | null;
  color: string;
}

export interface ArticleSummary {
  id: number;
  title: string;
  outlet: string | null;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  language: string | null;
  length: number;
  createdAt: string;
  annotationCount: number;
  claimCount: number;
  publishedCount: number;
  ratingCounts: Record<string, number>;
}

export interface Article {
  id: number;
  title: string;
  outlet: string | null;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  language: string | null;
  body: string;
  length: number;
  createdAt: string;
  createdBy: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ClaimRef {
  id: number;
  statement: string;
  status: string;
  rating: string | null;
  verdictState: 'draft' | 'published' | null;
}

export interface Annotation {
  id: number;
  articleId: number;
  claimId: number;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  createdBy: string | null;
  createdAt: string;
  claim: ClaimRef;
}

export interface Verdict {
  revision: number;
  rating: string;
  ratingLabel: string;
  explanation: string;
  state: 'draft' | 'published';
  author: string | null;
  updatedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
}

export type Stance = 'supports' | 'refutes' | 'context';

export interface Evidence {
  id: number;
  claimId: number;
  url: string;
  title: string | null;
  publisher: string | null;
  stance: Stance;
  excerpt: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface ClaimAnnotation {
  id: number;
  articleId: number;
  articleTitle: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  createdBy: string | null;
  createdAt: string;
}

export interface Claim {
  id: number;
  statement: string;
  claimant: string | null;
  claimDate: string | null;
  status: ClaimStatus;
  assignee: string | null;
  verdict: Verdict | null;
  publishedVerdict: Verdict | null;
  evidence: Evidence[];
  annotations: ClaimAnnotation[];
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  version: number;
}

export interface ClaimSummary {
  id: number;
  statement: string;
  claimant: string | null;
  claimDate: string | null;
  status: ClaimStatus;
  assignee: string | null;
  rating: string | null;
  verdict: Verdict | null;
  annotationCount: number;
  evidenceCount: number;
  firstArticleId: number | null;
  firstArticleTitle: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type ClaimStatus = 'open' | 'in_progress' | 'in_review' | 'published';

export const CLAIM_STATUSES: ReadonlyArray<{ key: ClaimStatus; label: string }> = [
  { key: 'open', label: 'Open' },
  { key: 'in_progress', label: 'In progress' },
  { key: 'in_review', label: 'In review' },
  { key: 'published', label: 'Published' },
];

/** A claim status's name as people read it; an unknown key as it is. */
export function statusLabel(key: string): string {
  return CLAIM_STATUSES.find((s) => s.key === key)?.label ?? key;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

export interface LiveEvent {
  id: number;
  type: string;
  articleId: number | null;
  claimId: number | null;
  subjectId: number | null;
  actor: string | null;
  at: string;
}

export interface Comment {
  id: number;
  claimId: number;
  author: string;
  authorDisplayName: string;
  body: string | null;
  mentions: string[];
  createdAt: string;
  updatedAt: string;
  edited: boolean;
  deleted: boolean;
  version: number;
}

export interface Mention {
  id: number;
  claimId: number;
  commentId: number;
  claimStatement: string;
  author: string;
  excerpt: string;
  createdAt: string;
  read: boolean;
}

export interface Member {
  username: string;
  displayName: string;
  role: Role;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string | null;
  type: string;
  articleId: number | null;
  subjectId: number | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface Reader {
  username: string;
  displayName: string;
}
