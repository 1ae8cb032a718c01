/**
 * "edited: L1H2 off", standing wherever the edited run applies, with the one click that
 * restores the original. Nothing is shown while no part is switched off.
 */
import { useT } from '../../i18n';
import { useActions, useApp } from '../../store';
import { targetName } from '../../store/experiment-targets';

export function EditedBadge() {
  const t = useT();
  const { clearAblations } = useActions();
  const ablations = useApp((s) => s.experiments.ablations);
  const kind = useApp((s) => s.experiments.ablation);
  if (ablations.length === 0) return null;
  const parts = ablations.map(targetName).join(', ');
  return (
    <p className="edited-badge" role="status" data-testid="edited-badge">
      <span className="badge">{t(kind === 'mean' ? 'exp.badge.mean' : 'exp.badge', { parts })}</span>{' '}
      <button type="button" className="small" onClick={clearAblations}>
        {t('exp.restore')}
      </button>
    </p>
  );
}
