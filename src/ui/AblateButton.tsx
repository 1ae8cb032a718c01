/**
 * The switch that turns one part of the model off (or back on), for every place that shows
 * the part: the Experiments region, the attention view, the block view, the neuron list.
 * Its accessible name is English in every language and names the part ("Ablate L1H2"), so
 * tests and tools find it; aria-pressed says whether the part is off.
 */
import { useT } from '../i18n';
import { useActions, useApp } from '../store';
import { sameTarget, targetName, type AblationTarget } from '../store/experiment-targets';
import './ablate-button.css';

export function AblateButton({ target, compact = false }: { target: AblationTarget; compact?: boolean }) {
  const t = useT();
  const { toggleAblation } = useActions();
  const off = useApp((s) => s.experiments.ablations.some((x) => sameTarget(x, target)));
  const name = targetName(target);
  return (
    <button
      type="button"
      className={`small ablate-button${off ? ' off' : ''}`}
      aria-label={`Ablate ${name}`}
      aria-pressed={off}
      title={`${t(off ? 'exp.ablated' : 'exp.ablate')} ${name}`}
      onClick={() => toggleAblation(target)}
    >
      {compact ? name : `${t(off ? 'exp.ablated' : 'exp.ablate')} ${name}`}
    </button>
  );
}
