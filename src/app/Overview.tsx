/**
 * The whole pipeline at a glance, as a row of stage buttons: tokens -> embed -> + position
 * -> n_layer blocks -> ln_f and unembedding -> softmax -> repeat (generate). Click one to jump there.
 */
import { Fragment } from 'react';
import { useT } from '../i18n';
import { stageSpec, type StageId } from '../stages/registry';
import { useActions, useApp } from '../store';

export function Overview() {
  const t = useT();
  const { selectStage } = useActions();
  const stages = useApp((s) => s.stages);
  const current = useApp((s) => s.selection.stage);
  const nLayer = useApp((s) => s.model.config?.n_layer);
  const label = (stage: StageId) => {
    const { strings } = stageSpec(stage);
    return strings.repeated && nLayer ? t(strings.repeated, { n: nLayer }) : t(strings.short);
  };
  return (
    <nav className="overview" aria-label={t('overview.label')}>
      <ol>
        {stages.map((stage, i) => (
          <Fragment key={stage}>
            {i > 0 && (
              <li className="overview-arrow" aria-hidden="true">
                →
              </li>
            )}
            <li>
              <button
                type="button"
                className={stageSpec(stage).repeats ? 'overview-stage stacked' : 'overview-stage'}
                aria-current={stage === current ? 'step' : undefined}
                // Named "Stage 7: repeat ↻", so no overview button shares a name with a stage's own buttons.
                aria-label={t('overview.goto', { n: i + 1, name: label(stage) })}
                onClick={() => selectStage(stage)}
              >
                {label(stage)}
              </button>
            </li>
          </Fragment>
        ))}
      </ol>
    </nav>
  );
}
