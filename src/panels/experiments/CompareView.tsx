/**
 * "Compare two prompts": a second prompt, a token chosen in each, the cosine of the two
 * tokens' residual streams at every point of the stream, and both tokens' attention in one
 * layer side by side. The "party" example is one click away.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { residualCosines } from '../../analysis/experiment-effects';
import { drawLineChart } from '../../charts/line-chart';
import { probabilityScale } from '../../charts/palette';
import { useT } from '../../i18n';
import type { TokenAttention } from '../../model/types';
import { useActions, useApp } from '../../store';
import { blockHook } from '../../model/hooks';
import { tokenInfo } from '../../tokenizer';
import { tokenName } from '../../ui/describe';
import { formatValue } from '../../ui/hover-info';
import { tooltipContent } from '../../ui/tooltip-content';
import { useWidth } from '../../ui/use-width';
import { ExportRow } from '../../ui/ExportButtons';
import { tokenLabels } from '../../ui/token-labels';
import { ExperimentHeatmap } from './ExperimentHeatmap';
import { Busy, ExperimentSection } from './ExperimentSection';
import { ProblemLine } from './ProblemLine';
import { RunSwitch } from './RunSwitch';

const attentionScale = probabilityScale();

function CosineChart({ cosines, a, b }: { cosines: number[]; a: string; b: string }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(box, 320);
  const caption = t('exp.compare.cosine', { a, b });
  useEffect(() => {
    const layers = cosines.length - 1;
    const tick = (i: number) => (i === 0 ? t('exp.compare.start') : t('exp.compare.after', { layer: i - 1 }));
    drawLineChart(svg.current!, [{ key: 'cos', label: caption, values: cosines }], {
      width,
      height: Math.min(260, Math.max(200, width * 0.4)),
      label: caption,
      xLabels: cosines.map((_, i) => tick(i)),
      yLabel: 'cos',
      emphasis: 'cos',
      describe: (s, i) =>
        tooltipContent(
          {
            value: s.values[i],
            name: 'cosine',
            hook: i < layers ? blockHook(i, 'hook_resid_pre') : blockHook(layers - 1, 'hook_resid_post'),
            shape: [cosines.length],
            where: tick(i),
          },
          t,
        ),
    });
  }, [cosines, width, caption, t]);
  return (
    <figure className="bars-figure">
      <figcaption>{caption}</figcaption>
      <ExportRow target={svg} name={caption} />
      <div ref={box}>
        <svg ref={svg} data-testid="cosine-chart" data-cosines={JSON.stringify(cosines)} />
      </div>
      <p className="step-numbers">{cosines.map((c) => formatValue(c)).join(' → ')}</p>
    </figure>
  );
}

/** One token's attention in one layer: a row per head over the keys it can see. */
function TokenAttentionMap(props: {
  attention: TokenAttention;
  layer: number;
  labels: string[];
  caption: string;
  testId: string;
}) {
  const t = useT();
  const { attention, layer, labels } = props;
  const keys = attention.position + 1;
  const data = useMemo(() => {
    const heads = attention.from[layer];
    const values = new Float32Array(heads.length * keys);
    heads.forEach((row, h) => values.set(row.subarray(0, keys), h * keys));
    return {
      rows: heads.length,
      cols: keys,
      values,
      rowLabels: heads.map((_, h) => `H${h}`),
      colLabels: labels.slice(0, keys),
    };
  }, [attention, layer, keys, labels]);
  return (
    <ExperimentHeatmap
      caption={props.caption}
      legend={t('exp.compare.attention', { layer })}
      data={data}
      color={attentionScale}
      describe={(row, col, value) => ({
        value,
        name: t('block.softmax.name'),
        hook: blockHook(layer, 'attn.hook_pattern'),
        shape: [data.rows, labels.length, labels.length],
        where: `H${row} → ${tokenName(labels, col)}`,
      })}
      testId={props.testId}
    />
  );
}

export function CompareView() {
  const t = useT();
  const { setComparePrompt, setComparePosition, loadPartyExample } = useActions();
  const compare = useApp((s) => s.experiments.compare);
  const main = useApp((s) => s.trace.summary);
  const mainTokens = useApp((s) => s.trace.tokens);
  const position = useApp((s) => s.selection.position);
  const config = useApp((s) => s.model.config)!;
  const [draft, setDraft] = useState(compare.prompt);
  const [layer, setLayer] = useState(0);
  useEffect(() => setDraft(compare.prompt), [compare.prompt]);
  const mainLabels = useMemo(() => tokenLabels(mainTokens), [mainTokens]);
  const run = compare.run.result;
  const secondLabels = useMemo(() => (run ? run.summary.tokenIds.map((id) => tokenInfo(id).display) : []), [run]);
  const mainPos = Math.min(position, mainLabels.length - 1);
  const secondPos = run ? run.attention.position : 0;
  const cosines = useMemo(
    () => (main && run ? residualCosines(main, mainPos, run.summary, secondPos) : null),
    [main, run, mainPos, secondPos],
  );
  const shownLayer = Math.min(layer, config.n_layer - 1);
  const mainAttention = compare.mainAttention?.position === mainPos ? compare.mainAttention : null;
  const a = tokenName(mainLabels, mainPos);
  const b = run ? tokenName(secondLabels, secondPos) : '';
  return (
    <ExperimentSection
      name="Compare two prompts"
      title="exp.view.compare"
      explain="exp.compare.explain"
      testId="compare"
    >
      <RunSwitch toggle={false} />
      <form
        className="experiment-inputs"
        onSubmit={(e) => {
          e.preventDefault();
          setComparePrompt(draft);
        }}
      >
        <label className="wide">
          {t('exp.compare.label')}
          <input
            type="text"
            aria-label="Compare with"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => draft !== compare.prompt && setComparePrompt(draft)}
          />
        </label>
        <button type="button" onClick={loadPartyExample}>
          {t('exp.compare.party')}
        </button>
      </form>
      <ProblemLine problem={compare.run.error} />
      {compare.prompt === '' && <p className="muted">{t('exp.compare.empty')}</p>}
      <p className="muted">{t('exp.compare.mainToken', { token: a })}</p>
      {run && (
        <label>
          {t('exp.compare.token')}{' '}
          <select value={secondPos} onChange={(e) => setComparePosition(Number(e.target.value))}>
            {secondLabels.map((_, i) => (
              <option key={i} value={i}>
                {tokenName(secondLabels, i)}
              </option>
            ))}
          </select>
        </label>
      )}
      <Busy when={compare.run.pending} />
      {cosines && run && main && (
        <>
          <CosineChart cosines={cosines} a={a} b={b} />
          {main.tokenIds[mainPos] === run.summary.tokenIds[secondPos] && mainPos === secondPos && (
            <p className="muted">{t('exp.compare.samePosition')}</p>
          )}
          <label>
            {t('exp.compare.layer')}{' '}
            <select value={shownLayer} onChange={(e) => setLayer(Number(e.target.value))}>
              {Array.from({ length: config.n_layer }, (_, l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <div className="side-by-side">
            {mainAttention && (
              <TokenAttentionMap
                attention={mainAttention}
                layer={shownLayer}
                labels={mainLabels}
                caption={t('exp.compare.main', { token: a })}
                testId="compare-main-attention"
              />
            )}
            <TokenAttentionMap
              attention={run.attention}
              layer={shownLayer}
              labels={secondLabels}
              caption={t('exp.compare.second', { token: b })}
              testId="compare-second-attention"
            />
          </div>
        </>
      )}
    </ExperimentSection>
  );
}
