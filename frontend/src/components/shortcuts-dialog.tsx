import { Dialog } from './dialog';

const KEYS: Array<[string, string]> = [
  ['j', 'Next claim in the article'],
  ['k', 'Previous claim in the article'],
  ['c', 'Create a claim from the selected text'],
  ['Esc', 'Close the claim panel, a menu or a dialog'],
  ['?', 'Show these keys'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <dl class="shortcuts">
        {KEYS.map(([key, what]) => (
          <div key={key}>
            <dt><kbd>{key}</kbd></dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
