/**
 * "Switch parts off": every head and MLP layer as a switch, a neuron by number, zero or mean
 * ablation, then the edited run beside the original: both runs' next-token bars, the change
 * in the top tokens' probabilities, and which stages of the residual stream moved.
 */
import { useMemo, useState } from 'react';
import { formatPercent } from '../../util/format';
import { probabilityChanges, stageChanges } from '../../analysis/experiment-effects';
import { useT } from '../../i18n';
import { mlpDim } from '../../model/config';
import type { TraceSummary } from '../../model/types';
import { useActions, useApp } from '../../store';
import { ABLATION_KINDS } from '../../store/experiment-targets';
import { tokenInfo } from '../../tokenizer';
import { LabelledSegmented } from '../../ui/Segmented';
import { formatValue } from '../../ui/hover-info';
import { AblateButton } from '../../ui/AblateButton';
import { EditedBadge } from './EditedBadge';
import { NextTokenBars } from './NextTokenBars';
import { Busy, ExperimentSection } from './ExperimentSection';
import { ProblemLine } from './ProblemLine';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function PartSwitches() {
  const t = useT();
  const config = useApp((s) => s.model.config)!;
  const [layer, setLayer] = useState(0);
  const [neuron, setNeuron] = useState(0);
  const width = mlpDim(config);
  return (
    <div className="part-switches">
      <h4>{t('exp.ablate.heads')}</h4>
      <div className="switch-grid" data-testid="head-switches">
        {range(config.n_layer).map((l) => (
          <div className="switch-row" key={l}>
            {range(config.n_head).map((h) => (
              <AblateButton key={h} target={{ part: 'head', layer: l, head: h }} compact />
            ))}
          </div>
        ))}
      </div>
      <h4>{t('exp.ablate.mlps')}</h4>
      <div className="switch-row">
        {range(config.n_layer).map((l) => (
          <AblateButton key={l} target={{ part: 'mlp', layer: l }} compact />
        ))}
      </div>
      <h4>{t('exp.ablate.neuron')}</h4>
      <div className="experiment-inputs">
        <label>
          {t('exp.ablate.neuronLayer')}{' '}
          <select value={layer} onChange={(e) => setLayer(Number(e.target.value))}>
            {range(config.n_layer).map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('exp.ablate.neuronIndex')}{' '}
          <input
            type="number"
            min={0}
            max={width - 1}
            value={neuron}
            onChange={(e) => {
              const n = Math.round(Number(e.target.value));
              if (Number.isFinite(n)) setNeuron(Math.min(width - 1, Math.max(0, n)));
            }}
          />
        </label>
        <AblateButton target={{ part: 'neuron', layer, neuron }} />
      </div>
    </div>
  );
}

function EditedResult({ original, edited }: { original: TraceSummary; edited: TraceSummary }) {
  const t = useT();
  const changes = useMemo(() => probabilityChanges(original.lastLogits, edited.lastLogits, 5), [original, edited]);
  const stages = useMemo(() => stageChanges(original, edited), [original, edited]);
  // One length scale for both runs' bars, so they compare at a glance.
  const max = Math.max(...changes.map((c) => Math.max(c.before, c.after)));
  return (
    <div className="edited-result" data-testid="edited-result">
      <div className="side-by-side">
        <NextTokenBars
          logits={original.lastLogits}
          caption={t('exp.ablate.original')}
          max={max}
          testId="original-bars"
        />
        <NextTokenBars logits={edited.lastLogits} caption={t('exp.ablate.edited')} max={max} testId="edited-bars" />
      </div>
      <div className="table-scroll-x">
        <table className="prediction-table" data-testid="probability-changes">
          <caption>{t('exp.ablate.changes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('exp.ablate.token')}</th>
              <th scope="col">{t('exp.ablate.before')}</th>
              <th scope="col">{t('exp.ablate.after')}</th>
              <th scope="col">{t('exp.ablate.change')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.id} data-token-id={c.id} data-before={c.before} data-after={c.after}>
                <td className="mono">{tokenInfo(c.id).display}</td>
                <td>{formatPercent(c.before)}</td>
                <td>{formatPercent(c.after)}</td>
                <td className={c.after >= c.before ? 'up' : 'down'}>
                  {c.after >= c.before ? '+' : '−'}
                  {formatPercent(Math.abs(c.after - c.before))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>{t('exp.ablate.stages')}</h4>
      <ol className="stage-changes" start={0} data-testid="stage-changes">
        {stages.map((s) => (
          <li key={s.layer} data-changed={s.changed} data-max-diff={s.maxDiff}>
            {s.layer === 0 ? t('exp.ablate.stage.0') : t('exp.ablate.stage.l', { layer: s.layer - 1 })}:{' '}
            <span className={s.changed ? 'changed' : 'muted'}>
              {s.changed ? t('exp.ablate.changed', { diff: formatValue(s.maxDiff) }) : t('exp.ablate.same')}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function AblationView() {
  const t = useT();
  const { setAblationKind } = useActions();
  const kind = useApp((s) => s.experiments.ablation);
  const ablations = useApp((s) => s.experiments.ablations);
  const edited = useApp((s) => s.experiments.edited);
  const traceId = useApp((s) => s.trace.traceId);
  const run = edited.result && edited.result.traceId === traceId ? edited.result : null;
  return (
    <ExperimentSection
      name="Switch parts off"
      title="exp.view.ablate"
      explain="exp.ablate.explain"
      caveat="exp.ablate.kindExplain"
      testId="ablation"
    >
      <LabelledSegmented
        className="experiment-inputs"
        label={t('exp.ablate.kind')}
        options={ABLATION_KINDS}
        value={kind}
        onChange={setAblationKind}
        text={(k) => t(`exp.ablate.kind.${k}`)}
      />
      <PartSwitches />
      <EditedBadge />
      <ProblemLine problem={edited.error} />
      {ablations.length === 0 && <p className="muted">{t('exp.ablate.none')}</p>}
      <Busy when={edited.pending} text="exp.ablate.running" />
      {run && ablations.length > 0 && <EditedResult original={run.original} edited={run.summary} />}
    </ExperimentSection>
  );
}
