/**
 * The Experiments region, always on the page below the current stage: one experiment at a
 * time (chosen with the tabs, kept in the share link), each with its explanation of what
 * it measures and what it does not. While the stages show the edited run, the experiments on
 * the main prompt (compare, attribution, head scores) read it too and carry its badge; patching
 * and the induction probe run their own prompts on the unedited model.
 */
import type { ComponentType } from 'react';
import { useT } from '../../i18n';
import { useActions, useApp } from '../../store';
import { EXPERIMENT_VIEWS, type ExperimentView } from '../../store/experiment-state';
import { Segmented } from '../../ui/Segmented';
import { AblationView } from './AblationView';
import { AttributionView } from './AttributionView';
import { CompareView } from './CompareView';
import { HeadDetectorView } from './HeadDetectorView';
import { PatchingView } from './PatchingView';
import './experiments.css';

const VIEWS: Record<ExperimentView, ComponentType> = {
  ablate: AblationView,
  compare: CompareView,
  patch: PatchingView,
  attribute: AttributionView,
  heads: HeadDetectorView,
};

export function Experiments() {
  const t = useT();
  const { setExperimentView } = useActions();
  const view = useApp((s) => s.experiments.view);
  const ready = useApp((s) => s.trace.summary !== null && s.model.config !== null);
  const View = VIEWS[view];
  return (
    <section className="experiments" role="region" aria-label="Experiments" id="experiments" data-view={view}>
      <h2>{t('exp.title')}</h2>
      <p className="explain">{t('exp.intro')}</p>
      <Segmented
        label={t('exp.views')}
        options={EXPERIMENT_VIEWS}
        value={view}
        onChange={setExperimentView}
        text={(v) => t(`exp.view.${v}`)}
      />
      {ready ? <View /> : <p className="muted">{t('exp.waiting')}</p>}
    </section>
  );
}
