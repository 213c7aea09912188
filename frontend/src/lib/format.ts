/** Dates as the desk reads them: "27 Sep 2017", in UTC as stored. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * Someone's text inside a plain string of the app (an option's label, a confirmation), between FIRST STRONG ISOLATE
 * and POP DIRECTIONAL ISOLATE: its direction is its own, and bidi controls in it (an unterminated right-to-left
 * override) cannot reorder the app's text around it. In markup, the same is done by wrapping the text in <bdi>.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Shortens text to n code points (never cutting an emoji in half). */
export function truncate(text: string, n: number): string {
  const cps = [...text];
  return cps.length <= n ? text : `${cps.slice(0, n - 1).join('')}…`;
}
