/**
 * The current stage: a region named after it, its explanation, which run it shows (while parts
 * are switched off: the switch and the "edited" badge), then its panel.
 */
import { useT } from '../i18n';
import { RunSwitch } from '../panels/experiments/RunSwitch';
import { stageSpec } from '../stages/registry';
import { stageViews } from '../stages/views';
import { useApp } from '../store';

export function StageFrame() {
  const t = useT();
  const stage = useApp((s) => s.selection.stage);
  const Panel = stageViews[stage];
  const { strings } = stageSpec(stage);
  // The ids the panels' numbers belong to, so a reader (or a test) can tell which prompt they show.
  const traced = useApp((s) => s.trace.summary?.tokenIds.join(',') ?? '');
  const titleId = `stage-title-${stage}`;
  return (
    <section className="stage" aria-labelledby={titleId} data-stage={stage} data-traced-ids={traced}>
      <h2 id={titleId}>{t(strings.title)}</h2>
      <p className="explain">{t(strings.explain)}</p>
      <RunSwitch stage={stage} />
      <Panel />
    </section>
  );
}
