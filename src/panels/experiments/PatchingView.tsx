/**
 * "Activation patching": clean and corrupted prompts with their two answers, a sweep over
 * every layer x position (or layer x head) with progress and Cancel, the heatmap of the
 * logit difference recovered, and a cell's single patch applied on a click.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, useState } from 'react';
import { contrastTooSmall, recovered } from '../../analysis/experiment-effects';
import type { ColorScale } from '../../charts/heatmap';
import { formatPercent } from '../../util/format';
import { useT } from '../../i18n';
import { blockHook } from '../../model/hooks';
import { useActions, useApp } from '../../store';
import { PATCH_HOOKS, patchSpec, perHead, type PatchHook } from '../../store/experiment-targets';
import type { PatchingState } from '../../store/experiment-state';
import { tokenInfo } from '../../tokenizer';
import type { SweepResult } from '../../worker/experiments';
import { formatValue } from '../../ui/hover-info';
import { ExperimentHeatmap } from './ExperimentHeatmap';
import { NextTokenBars } from './NextTokenBars';
import { Busy, ExperimentSection } from './ExperimentSection';
import { ProblemLine } from './ProblemLine';

type Fields = Pick<PatchingState, 'clean' | 'corrupted' | 'answer' | 'against'>;
const FIELDS: (keyof Fields)[] = ['clean', 'corrupted', 'answer', 'against'];

/** Recovered fractions on the sequential scale: 0..1, stretched to hold any value outside. */
function fractionScale(values: Float32Array): ColorScale {
  const lo = Math.min(0, d3.min(values) ?? 0);
  const hi = Math.max(1, d3.max(values) ?? 1);
  return d3.scaleSequential(d3.interpolateCividis).domain([lo, hi]).clamp(true);
}

function SweepHeatmap({ sweep }: { sweep: SweepResult }) {
  const t = useT();
  const { applyPatch } = useActions();
  const patched = useApp((s) => s.experiments.patching.patched.result);
  const labels = useMemo(() => sweep.cleanIds.map((id) => tokenInfo(id).display), [sweep]);
  const heads = perHead(sweep.hook);
  const data = useMemo(
    () => ({
      rows: sweep.layers,
      cols: sweep.cols,
      values: sweep.values,
      rowLabels: Array.from({ length: sweep.layers }, (_, l) => `L${l}`),
      colLabels: heads ? Array.from({ length: sweep.cols }, (_, h) => `H${h}`) : labels,
    }),
    [sweep, labels, heads],
  );
  const color = useMemo(() => fractionScale(sweep.values), [sweep]);
  const col = (c: number) =>
    heads ? t('exp.patch.tip.head', { head: c }) : t('exp.patch.tip.position', { position: c, token: labels[c] });
  const mark =
    patched && patched.cell.hook === sweep.hook ? { row: patched.cell.layer, col: patched.cell.index } : null;
  return (
    <div
      data-testid="sweep"
      data-hook={sweep.hook}
      data-values={JSON.stringify(Array.from(sweep.values))}
      data-clean={sweep.clean}
      data-corrupted={sweep.corrupted}
    >
      <p className="step-numbers">
        {t('exp.patch.diffs', {
          answer: tokenInfo(sweep.answer).display,
          against: tokenInfo(sweep.against).display,
          clean: formatValue(sweep.clean),
          corrupted: formatValue(sweep.corrupted),
        })}
      </p>
      {contrastTooSmall(sweep.clean, sweep.corrupted) && (
        <p className="notice" role="note" data-testid="patch-small-contrast">
          {t('exp.patch.smallContrast', { gap: formatValue(Math.abs(sweep.clean - sweep.corrupted)) })}
        </p>
      )}
      <ExperimentHeatmap
        caption={t('exp.patch.heatmap', { hook: sweep.hook })}
        legend={t('exp.patch.legend')}
        data={data}
        color={color}
        describe={(row, c, value) => ({
          value,
          name: t('exp.patch.tip.recovered'),
          hook: blockHook(row, sweep.hook),
          shape: [sweep.layers, sweep.cols],
          where: t('exp.patch.tip.where', { layer: row, col: col(c) }),
        })}
        onSelect={(row, c) => void applyPatch({ hook: sweep.hook, layer: row, index: c })}
        mark={mark}
        testId="sweep-heatmap"
      />
      <p className="muted">{t('exp.patch.cellHint')}</p>
    </div>
  );
}

function PatchedRunView({ sweep }: { sweep: SweepResult }) {
  const t = useT();
  const patched = useApp((s) => s.experiments.patching.patched);
  const run = patched.result;
  return (
    <>
      <ProblemLine problem={patched.error} />
      <Busy when={patched.pending} />
      {run && run.cell.hook === sweep.hook && (
        <div data-testid="patched-run" data-spec={patchSpec(run.cell)} data-logit-diff={run.logitDiff}>
          <p>
            {t('exp.patch.applied', {
              spec: patchSpec(run.cell),
              diff: formatValue(run.logitDiff),
              recovered: formatPercent(recovered(run.logitDiff, sweep.clean, sweep.corrupted)),
            })}
          </p>
          <NextTokenBars logits={run.summary.lastLogits} caption={patchSpec(run.cell)} testId="patched-bars" />
        </div>
      )}
    </>
  );
}

export function PatchingView() {
  const t = useT();
  const { setPatchingInputs, runSweep, cancelSweep, loadIndirectObjectExample } = useActions();
  const patching = useApp((s) => s.experiments.patching);
  const [draft, setDraft] = useState<Fields>(patching);
  useEffect(
    () =>
      setDraft({
        clean: patching.clean,
        corrupted: patching.corrupted,
        answer: patching.answer,
        against: patching.against,
      }),
    [patching.clean, patching.corrupted, patching.answer, patching.against],
  );
  const sweep = patching.sweeps[patching.hook];
  const { progress } = patching;
  // A batch's cells count in part while it runs; the text names whole patches.
  const progressText = progress && t('exp.patch.progress', { done: Math.floor(progress.done), total: progress.total });
  const commit = () => setPatchingInputs(draft);
  return (
    <ExperimentSection
      name="Activation patching"
      title="exp.view.patch"
      explain="exp.patch.explain"
      caveat="exp.patch.caveat"
      testId="patching"
    >
      <form
        className="experiment-inputs"
        onSubmit={(e) => {
          e.preventDefault();
          commit();
          void runSweep();
        }}
      >
        {FIELDS.map((f) => (
          <label key={f} className={f === 'clean' || f === 'corrupted' ? 'wide' : undefined}>
            {t(`exp.patch.${f}`)}
            <input
              type="text"
              value={draft[f]}
              onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
              onBlur={commit}
            />
          </label>
        ))}
        <label>
          {t('exp.patch.hook')}{' '}
          <select value={patching.hook} onChange={(e) => setPatchingInputs({ hook: e.target.value as PatchHook })}>
            {PATCH_HOOKS.map((h) => (
              <option key={h} value={h}>
                {t(`exp.patch.hook.${h.replace('.', '-')}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={progress !== null}>
          {t('exp.patch.run')}
        </button>
        <button type="button" onClick={cancelSweep} disabled={progress === null}>
          {t('exp.patch.cancel')}
        </button>
        <button type="button" onClick={loadIndirectObjectExample} data-testid="ioi-example">
          {t('exp.patch.example')}
        </button>
      </form>
      <ProblemLine problem={patching.error} />
      {progress && (
        <p role="status" data-testid="sweep-progress">
          <progress max={progress.total} value={progress.done} aria-label={progressText ?? undefined} /> {progressText}
        </p>
      )}
      {sweep && <SweepHeatmap sweep={sweep} />}
      {sweep && <PatchedRunView sweep={sweep} />}
    </ExperimentSection>
  );
}
