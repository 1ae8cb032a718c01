/** The line under a chart that names the number under the pointer: value, shape, where from. */
import { useT } from '../../i18n';
import { formatShape, formatValue } from '../../ui/hover-info';
import { useHover, type HoverStore } from './hover-store';

export function HoverReadout({ store }: { store: HoverStore }) {
  const t = useT();
  const info = useHover(store);
  return (
    <p className="hover-readout" aria-live="polite" data-testid="hover-readout">
      {info ? (
        <>
          <strong className="hover-value">{formatValue(info.value)}</strong>{' '}
          <span>{t('block.hover.at', { name: info.name, where: info.where })}</span>{' '}
          <span className="hover-source">
            {t('block.hover.source', { shape: formatShape(info.shape), hook: info.hook })}
          </span>
        </>
      ) : (
        <span className="hover-hint">{t('block.hover.hint')}</span>
      )}
    </p>
  );
}
