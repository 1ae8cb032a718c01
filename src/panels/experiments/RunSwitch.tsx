/**
 * While parts are switched off: which run the stages show ("Show: original run / edited run"),
 * and on the edited run its badge ("edited: L1H2 off") with the one click that restores the
 * original. The badge names what the trace on screen was made with (its own edits), so it is
 * right even while a newer run is on its way. On a stage the edits cannot reach, a line says
 * its numbers are the original's: badging it alone would suggest they changed. In a block with
 * a head switched off, a line says why that head's attention pattern is still drawn.
 */
import { useT } from '../../i18n';
import { useActions, useApp } from '../../store';
import { targetName } from '../../store/experiment-targets';
import { SHOWN_RUNS, editReach, headsStillLooking, selectShownEdits } from '../../store/shown-run';
import type { StageId } from '../../stages/registry';
import { LabelledSegmented } from '../../ui/Segmented';
import { EditedBadge } from './EditedBadge';
import './run-switch.css';

interface Props {
  /** The stage it stands on (none: the first screen or an experiment). */
  stage?: StageId;
  /** Offer the choice of run (off where another switch is close by). */
  toggle?: boolean;
}

export function RunSwitch({ stage, toggle = true }: Props) {
  const t = useT();
  const { showRun } = useActions();
  const parts = useApp((s) => s.experiments.ablations.length);
  const shown = useApp((s) => s.experiments.shown);
  const edits = useApp(selectShownEdits);
  const layer = useApp((s) => s.selection.layer);
  const offer = toggle && parts > 0;
  if (!offer && !edits) return null;
  const reach = stage && edits ? editReach(stage, layer, edits.firstLayer) : 'edited';
  const looking = stage && edits && reach === 'edited' ? headsStillLooking(stage, layer, edits) : [];
  return (
    <div className="run-switch" data-testid="run-switch" data-shown={edits ? 'edited' : 'original'} data-reach={reach}>
      {offer && (
        <LabelledSegmented
          className="run-choice"
          label={t('exp.run.show')}
          options={SHOWN_RUNS}
          value={shown}
          onChange={showRun}
          text={(r) => t(`exp.run.${r}`)}
        />
      )}
      {edits && <EditedBadge edits={edits} />}
      {edits && reach === 'upstream' && (
        <p className="run-note">{t('exp.run.upstream', { layer: edits.firstLayer })}</p>
      )}
      {edits && reach === 'generation' && <p className="run-note">{t('exp.run.generation')}</p>}
      {looking.length > 0 && (
        <p className="run-note">{t('exp.run.pattern', { heads: looking.map(targetName).join(', ') })}</p>
      )}
    </div>
  );
}
