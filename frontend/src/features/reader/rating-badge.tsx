import { ratingOf, useRatings } from './ratings';

/** A verdict's rating as a coloured label; the draft state is said in words, not by colour alone. */
export function RatingBadge({ rating, state }: { rating: string | null; state?: string | null }) {
  const ratings = useRatings();
  const r = ratingOf(ratings, rating);
  return (
    <span class={`badge rating-badge rating-${r.key}`} data-rating={r.key}>
      <span class="swatch" aria-hidden="true" style={{ backgroundColor: r.color }} />
      {r.label}
      {rating && state === 'draft' && <span class="draft-mark"> · draft</span>}
    </span>
  );
}

export function Legend() {
  const ratings = useRatings();
  return (
    <ul class="legend" aria-label="Highlight colours">
      {[{ key: null as string | null }, ...ratings].map((r) => (
        <li key={r.key ?? 'unverified'}><RatingBadge rating={r.key} /></li>
      ))}
      <li><span class="badge overlap-sample">overlap</span></li>
    </ul>
  );
}
