/**
 * "Head detector": every head's previous-token, duplicate-token and induction score on the
 * prompt as a layers x heads grid, and the induction test on random tokens repeated twice
 * with each head's score and the loss on each copy. A cell opens that head. The test draws
 * its tokens from GPT-2's common tokens by default: the bundled model knows only those well
 * (see induction-probe.ts); the whole vocabulary is TransformerLens's choice.
 */
import { useMemo, useState } from 'react';
import { probabilityScale } from '../../charts/palette';
import { blockHook } from '../../model/hooks';
import type { ProbeTokens } from '../../model/interventions/induction-probe';
import { formatValue } from '../../ui/hover-info';
import { useT } from '../../i18n';
import { useActions, useApp } from '../../store';
import { LabelledSegmented } from '../../ui/Segmented';
import type { HeadScoresResult } from '../../worker/experiments';
import { ExperimentHeatmap } from './ExperimentHeatmap';
import { useOpenHead } from './open-head';
import { Busy, ExperimentSection } from './ExperimentSection';
import { ProblemLine } from './ProblemLine';
import { RunSwitch } from './RunSwitch';

const KINDS = ['previous', 'duplicate', 'induction'] as const satisfies readonly (keyof HeadScoresResult)[];
type Kind = (typeof KINDS)[number];
const PROBE_SETS = ['common', 'any'] as const satisfies readonly ProbeTokens[];

const scoreScale = probabilityScale();

function ScoreGrid(props: { scores: number[][]; caption: string; kind: string; testId: string }) {
  const t = useT();
  const openHead = useOpenHead();
  const { scores } = props;
  const data = useMemo(() => {
    const heads = scores[0]?.length ?? 0;
    return {
      rows: scores.length,
      cols: heads,
      values: Float32Array.from(scores.flat()),
      rowLabels: scores.map((_, l) => `L${l}`),
      colLabels: Array.from({ length: heads }, (_, h) => `H${h}`),
    };
  }, [scores]);
  return (
    <div data-testid={props.testId} data-scores={JSON.stringify(scores)}>
      <ExperimentHeatmap
        caption={props.caption}
        legend={props.caption}
        data={data}
        color={scoreScale}
        describe={(layer, head, value) => ({
          value,
          name: props.kind,
          hook: blockHook(layer, 'attn.hook_pattern'),
          shape: [data.rows, data.cols],
          where: t('exp.heads.cell', { layer, head, kind: props.kind, value: formatValue(value) }),
        })}
        onSelect={openHead}
        testId={`${props.testId}-heatmap`}
      />
      <p className="muted">{t('exp.heads.open')}</p>
    </div>
  );
}

export function HeadDetectorView() {
  const t = useT();
  const { runInductionProbe } = useActions();
  const heads = useApp((s) => s.experiments.heads);
  const probe = useApp((s) => s.experiments.probe);
  const [kind, setKind] = useState<Kind>('previous');
  const [probeSet, setProbeSet] = useState<ProbeTokens>('common');
  const kindName = t(`exp.heads.kind.${kind}`);
  return (
    <ExperimentSection name="Head detector" title="exp.view.heads" explain="exp.heads.explain" testId="head-detector">
      <LabelledSegmented
        className="experiment-inputs"
        label={t('exp.heads.kind')}
        options={KINDS}
        value={kind}
        onChange={setKind}
        text={(k) => t(`exp.heads.kind.${k}`)}
      />
      {/* The scores are of the trace on screen (edited or not); the probe below runs the original model. */}
      <RunSwitch toggle={false} />
      <ProblemLine problem={heads.error} />
      <Busy when={heads.pending} />
      {heads.result && (
        <ScoreGrid
          scores={heads.result[kind]}
          caption={t('exp.heads.grid', { kind: kindName })}
          kind={kindName}
          testId="head-scores"
        />
      )}
      <h4>{t('exp.heads.probe')}</h4>
      <p className="explain">{t('exp.heads.probe.explain')}</p>
      <LabelledSegmented
        className="experiment-inputs"
        label={t('exp.heads.probe.tokens')}
        options={PROBE_SETS}
        value={probeSet}
        onChange={setProbeSet}
        text={(set) => t(`exp.heads.probe.tokens.${set}`)}
      />
      <p className="explain">{t('exp.heads.probe.tokensExplain')}</p>
      <button
        type="button"
        aria-label="Test for induction heads"
        onClick={() => void runInductionProbe(probeSet)}
        disabled={probe.pending}
      >
        {t('exp.heads.probe')}
      </button>
      <ProblemLine problem={probe.error} />
      <Busy when={probe.pending} />
      {probe.result && (
        <>
          <p className="step-numbers" data-testid="probe-loss" data-loss={JSON.stringify(probe.result.loss)}>
            {t('exp.heads.probe.loss', {
              first: formatValue(probe.result.loss[0]),
              second: formatValue(probe.result.loss[1]),
            })}
          </p>
          <ScoreGrid
            scores={probe.result.scores}
            caption={t(`exp.heads.probe.grid.${probe.result.tokens}`, { length: probe.result.length })}
            kind={t('exp.heads.kind.induction')}
            testId="probe-scores"
          />
        </>
      )}
    </ExperimentSection>
  );
}
