import type { LiveEvent } from './types';

type Listener = (event: LiveEvent) => void;

/**
 * The app's one connection to GET /api/events. EventSource reconnects by itself and sends Last-Event-ID, so the
 * server replays what was missed; listeners just receive events.
 */
export class LiveEvents {
  private source: EventSource | null = null;
  private lastEventId: string | null = null;
  private retry: number | undefined;
  private wanted = false;
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(connected: boolean) => void>();
  static readonly TYPES = ['annotation.created', 'annotation.updated', 'annotation.deleted', 'claim.created', 'claim.updated',
    'verdict.updated', 'verdict.published', 'verdict.returned', 'evidence.added', 'evidence.deleted',
    'article.created', 'article.deleted', 'comment.added', 'comment.edited', 'comment.deleted', 'mention.created',
    'presence.joined', 'presence.left'];

  connect(): void {
    this.wanted = true;
    if (this.source) return;
    // A new EventSource cannot send Last-Event-ID itself; the query parameter resumes where the last one stopped.
    const url = this.lastEventId ? `/api/events?lastEventId=${encodeURIComponent(this.lastEventId)}` : '/api/events';
    const source = new EventSource(url);
    this.source = source;
    const deliver = (e: MessageEvent<string>) => {
      if (e.lastEventId) this.lastEventId = e.lastEventId;
      let event: LiveEvent;
      try {
        event = JSON.parse(e.data) as LiveEvent;
      } catch {
        return;
      }
      for (const l of this.listeners) l(event);
    };
    for (const type of LiveEvents.TYPES) source.addEventListener(type, deliver as EventListener);
    source.addEventListener('ready', (e) => {
      const id = (e as MessageEvent).lastEventId;
      if (id) this.lastEventId = id;
      this.statusListeners.forEach((l) => l(true));
    });
    source.addEventListener('reset', () => window.location.reload());
    source.onerror = () => {
      this.statusListeners.forEach((l) => l(false));
      if (source.readyState === EventSource.CLOSED) {
        // Refused (signed out, server gone): EventSource gives up; try again later from where it stopped.
        this.source = null;
        window.clearTimeout(this.retry);
        this.retry = window.setTimeout(() => {
          if (this.wanted) this.connect();
        }, 3000);
      }
    };
  }

  disconnect(): void {
    this.wanted = false;
    window.clearTimeout(this.retry);
    this.source?.close();
    this.source = null;
  }

  /** Reconnects at once (after signing in again), resuming after the last event seen. */
  reconnect(): void {
    this.source?.close();
    this.source = null;
    this.connect();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (connected: boolean) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }
}

export const liveEvents = new LiveEvents();
