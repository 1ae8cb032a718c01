/** One swatch per head in its colour: click to show or hide that head's lines; "all" and "only" shortcuts. */
import { useHeadColor } from '../../ui/theme';
import { useT } from '../../i18n';

interface Props {
  headCount: number;
  hidden: ReadonlySet<number>;
  chosen: number;
  onToggle: (head: number) => void;
  onAll: () => void;
  onOnly: (head: number) => void;
}

export function HeadSwatches({ headCount, hidden, chosen, onToggle, onAll, onOnly }: Props) {
  const t = useT();
  const headColor = useHeadColor();
  return (
    <div className="head-swatches" role="group" aria-label={t('attention.heads.label')}>
      {Array.from({ length: headCount }, (_, h) => (
        <button
          key={h}
          type="button"
          className="swatch"
          aria-pressed={!hidden.has(h)}
          aria-label={t('attention.heads.toggle', { head: h })}
          data-head={h}
          onClick={() => onToggle(h)}
        >
          <span className="swatch-colour" style={{ background: headColor(h) }} aria-hidden="true" />
          {h}
        </button>
      ))}
      <button type="button" className="swatch-action" onClick={onAll}>
        {t('attention.heads.all')}
      </button>
      <button type="button" className="swatch-action" onClick={() => onOnly(chosen)}>
        {t('attention.heads.only', { head: chosen })}
      </button>
    </div>
  );
}
