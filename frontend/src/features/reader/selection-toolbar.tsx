import type { TextSelection } from './article-body';

interface Props {
  selection: TextSelection;
  onCreate: () => void;
  onAttach: () => void;
  busy: boolean;
}

/** The tools offered over selected text: a new claim, or another appearance of an existing one. */
export function SelectionToolbar({ selection, onCreate, onAttach, busy }: Props) {
  // Placed in page coordinates, so it scrolls with the text it belongs to.
  const top = Math.max(8, selection.rect.top + window.scrollY - 48);
  const left = Math.min(Math.max(8, selection.rect.left + window.scrollX), document.documentElement.scrollWidth - 340);
  return (
    <div class="selection-toolbar" role="toolbar" aria-label="Selected text" style={{ top: `${top}px`, left: `${left}px` }}>
      <button type="button" class="primary" data-testid="create-claim" onClick={onCreate} disabled={busy}
        title="Create a claim from the selected text (c)">
        Create claim <kbd>c</kbd>
      </button>
      <button type="button" data-testid="attach-claim" onClick={onAttach} disabled={busy}>Add to an existing claim…</button>
    </div>
  );
}
