/**
 * The whole pipeline at a glance, as a row of stage buttons: tokens -> embed -> + position
 * -> n_layer blocks -> ln_f and unembedding -> softmax -> generate. Click one to jump there.
 */
import { Fragment } from 'react';
import { useT } from '../i18n';
import { useActions, useApp } from '../store';

export function Overview() {
  const t = useT();
  const { selectStage } = useActions();
  const stages = useApp((s) => s.stages);
  const current = useApp((s) => s.selection.stage);
  const nLayer = useApp((s) => s.model.config?.n_layer);
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
                className={stage === 'blocks' ? 'overview-stage stacked' : 'overview-stage'}
                aria-current={stage === current ? 'step' : undefined}
                onClick={() => selectStage(stage)}
              >
                {stage === 'blocks' && nLayer ? t('overview.blocks', { n: nLayer }) : t(`stage.short.${stage}`)}
              </button>
            </li>
          </Fragment>
        ))}
      </ol>
    </nav>
  );
}
