/**
 * The MLP's neurons: the most activated ones (after GELU) for the selected token in the
 * selected layer, and a chosen neuron's activation across the whole prompt.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { neuronAcross, topNeurons } from '../../analysis/neurons';
import { useT } from '../../i18n';
import type { BlockTrace } from '../../model/types';
import { formatValue } from '../../ui/hover-info';
import { useWidth } from '../../ui/use-width';
import { ExportButtons } from '../../ui/ExportButtons';
import { AblateButton } from '../../ui/AblateButton';
import { drawNeuronBars } from './neuron-bars';
import { blockHook } from '../../model/hooks';
import { tokenName } from '../../ui/describe';

const SHOWN = 10;

export function MlpNeurons({ block, position, labels }: { block: BlockTrace; position: number; labels: string[] }) {
  const t = useT();
  const top = useMemo(() => topNeurons(block.mlpPost, block.mlpPre, position, SHOWN), [block, position]);
  const [chosen, setChosen] = useState<number | null>(null);
  const neuron = chosen !== null && chosen < block.mlpPost.cols ? chosen : top[0].neuron;
  const across = useMemo(() => neuronAcross(block.mlpPost, neuron), [block, neuron]);
  const wrap = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap);

  useEffect(() => {
    if (!svg.current) return;
    drawNeuronBars(svg.current, across, {
      width: width - 8,
      labels,
      selected: position,
      label: t('mlp.chart', { neuron, layer: block.layer }),
    });
  }, [across, width, labels, position, t, neuron, block.layer]);

  return (
    <section className="explore-panel mlp-panel" aria-labelledby="mlp-title" ref={wrap}>
      <h3 id="mlp-title">{t('mlp.title')}</h3>
      <p className="explain">{t('mlp.explain', { n: block.mlpPost.cols })}</p>
      <div className="mlp-layout">
        <table className="prediction-table" data-testid="mlp-top">
          <caption>{t('mlp.top', { token: tokenName(labels, position), layer: block.layer })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mlp.neuron')}</th>
              <th scope="col">{t('mlp.post')}</th>
              <th scope="col">{t('mlp.pre')}</th>
              <th scope="col">{t('mlp.ablate')}</th>
            </tr>
          </thead>
          <tbody>
            {top.map((a) => (
              <tr
                key={a.neuron}
                data-neuron={a.neuron}
                data-post={a.post}
                className={a.neuron === neuron ? 'actual' : undefined}
              >
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-pressed={a.neuron === neuron}
                    onClick={() => setChosen(a.neuron)}
                  >
                    {a.neuron}
                  </button>
                </td>
                <td>{formatValue(a.post)}</td>
                <td>{formatValue(a.pre)}</td>
                <td>
                  <AblateButton target={{ part: 'neuron', layer: block.layer, neuron: a.neuron }} compact />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mlp-across">
          <div className="explore-controls">
            <label>
              {t('mlp.choose')}{' '}
              <input
                type="number"
                min={0}
                max={block.mlpPost.cols - 1}
                value={neuron}
                onChange={(e) => {
                  const n = Math.round(Number(e.target.value));
                  if (Number.isFinite(n)) setChosen(Math.min(block.mlpPost.cols - 1, Math.max(0, n)));
                }}
              />
            </label>
            <ExportButtons target={svg} name={t('mlp.title')} />
          </div>
          <svg ref={svg} data-testid="mlp-across" data-neuron={neuron} />
          <p className="muted">
            {t('mlp.across', { neuron, layer: block.layer, hook: blockHook(block.layer, 'mlp.hook_post') })}
          </p>
        </div>
      </div>
    </section>
  );
}
