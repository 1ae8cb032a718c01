/**
 * "edited: L1H2 off", standing wherever the edited run applies, with the one click that
 * restores the original. Names the parts switched off now, or `edits` (what a run on screen
 * was made with); nothing is shown while there are none.
 */
import { useT } from '../../i18n';
import { useActions, useApp } from '../../store';
import { targetName, type AblationKind, type AblationTarget } from '../../store/experiment-targets';

interface Props {
  edits?: { targets: AblationTarget[]; kind: AblationKind };
}

export function EditedBadge({ edits }: Props) {
  const t = useT();
  const { clearAblations } = useActions();
  const ablations = useApp((s) => s.experiments.ablations);
  const ablation = useApp((s) => s.experiments.ablation);
  const { targets, kind } = edits ?? { targets: ablations, kind: ablation };
  if (targets.length === 0) return null;
  const parts = targets.map(targetName).join(', ');
  return (
    <p className="edited-badge" role="status" data-testid="edited-badge">
      <span className="badge">{t(kind === 'mean' ? 'exp.badge.mean' : 'exp.badge', { parts })}</span>{' '}
      <button type="button" className="small" onClick={clearAblations}>
        {t('exp.restore')}
      </button>
    </p>
  );
}
