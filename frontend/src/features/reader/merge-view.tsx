import { Dialog } from '../../components/dialog';

export interface MergeRow {
  label: string;
  base: string;
  theirs: string;
  mine: string;
}

interface Props {
  what: string;
  rows: MergeRow[];
  onReapply: () => void;
  onDiscard: () => void;
  onClose: () => void;
}

/**
 * Shown when a save meets 412: what the other person changed since this user started editing, next to this
 * user's own values. Nothing is overwritten until the user chooses.
 */
export function MergeView({ what, rows, onReapply, onDiscard, onClose }: Props) {
  return (
    <Dialog title={`${what} was changed by someone else`} onClose={onClose} wide>
      <p>
        While you were editing, someone else saved a new version. Compare, then re-apply your changes on top of
        theirs or keep theirs.
      </p>
      <table class="merge" data-testid="merge-view">
        <thead>
          <tr><th scope="col">Field</th><th scope="col">When you started</th><th scope="col">Now (theirs)</th><th scope="col">Yours</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} class={r.base !== r.theirs ? 'changed' : undefined}>
              <th scope="row">{r.label}</th>
              <td>{r.base || <span class="muted">—</span>}</td>
              <td>{r.theirs || <span class="muted">—</span>}</td>
              <td>{r.mine || <span class="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" onClick={onDiscard}>Keep theirs, drop mine</button>
        <button type="button" class="primary" onClick={onReapply}>Re-apply my changes</button>
      </div>
    </Dialog>
  );
}
