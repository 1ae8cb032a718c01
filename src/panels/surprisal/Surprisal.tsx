/**
 * Surprisal: how unexpected each token of the prompt was to the model, in bits,
 * -log2 p(token | the tokens before it). The probabilities are the model's own
 * predictions at the previous position (TraceSummary.predictions). Click a token to see
 * what the model expected there instead.
 */
import { useEffect, useMemo, useRef } from 'react';
import { meanBits, surprisals } from '../../analysis/surprisal';
import { formatPercent } from '../../util/format';
import { drawLegend } from '../../charts/legend';
import { hideTooltip, showTooltip } from '../../charts/tooltip';
import { useT } from '../../i18n';
import type { TraceSummary } from '../../model/types';
import { useActions } from '../../store';
import { tokenInfo } from '../../tokenizer';
import { useWidth } from '../../ui/use-width';
import { ExportButtons } from '../../ui/ExportButtons';
import { useTraceView } from '../../ui/use-trace';
import { Waiting } from '../../ui/Waiting';
import { drawSurprisalChart, surprisalScale } from './surprisal-chart';
import '../../ui/explore-panel.css';
import { tokenName } from '../../ui/describe';

/** Colour saturates here: about a one-in-65,000 token. */
const MAX_BITS = 16;

export function Surprisal() {
  const { summary, labels, position } = useTraceView();
  const ready = summary !== null && summary.predictions.length === summary.tokenIds.length;
  return ready ? <SurprisalView summary={summary} labels={labels} position={position} /> : <Waiting />;
}

function SurprisalView({ summary, labels, position }: { summary: TraceSummary; labels: string[]; position: number }) {
  const t = useT();
  const { selectPosition } = useActions();
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const legend = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap);
  const rows = useMemo(() => surprisals(summary), [summary]);

  useEffect(() => {
    if (!svg.current) return;
    drawSurprisalChart(svg.current, rows, {
      width,
      labels,
      maxBits: MAX_BITS,
      selected: position,
      label: t('surprisal.chart', { n: rows.length }),
      onHover: (row, event) => {
        if (!row || !event) return hideTooltip();
        showTooltip(event.clientX, event.clientY, {
          title: tokenName(labels, row.position),
          rows:
            row.bits === null
              ? [[t('surprisal.tip.bits'), t('surprisal.first.short')]]
              : [
                  [t('surprisal.tip.bits'), `${row.bits.toFixed(2)} bits`],
                  [t('surprisal.tip.p'), formatPercent(Math.pow(2, -row.bits))],
                  [t('surprisal.tip.guess'), tokenInfo(row.guesses[0].id).display],
                  [t('tooltip.origin'), `predictions[${row.position - 1}].nextLogprob`],
                ],
        });
      },
      onSelect: selectPosition,
    });
  }, [rows, width, labels, position, t, selectPosition]);
  useEffect(() => {
    if (legend.current)
      drawLegend(legend.current, surprisalScale(MAX_BITS), {
        width: 260,
        label: t('surprisal.legend'),
        format: (v) => `${v}`,
      });
  }, [t]);
  useEffect(() => hideTooltip, []);

  const mean = meanBits(rows);
  const row = rows[position];
  return (
    <section className="explore-panel surprisal-panel" aria-labelledby="surprisal-title">
      <h3 id="surprisal-title">{t('surprisal.title')}</h3>
      <p className="explain">{t('surprisal.explain')}</p>
      <div className="explore-controls">
        <span data-testid="surprisal-mean" data-bits={mean ?? ''}>
          {mean === null
            ? t('surprisal.mean.none')
            : t('surprisal.mean', { bits: mean.toFixed(2), ppl: Math.pow(2, mean).toFixed(1) })}
        </span>
        <ExportButtons target={wrap} name={t('surprisal.title')} />
      </div>
      {/* The legend is inside the exported box: the colours mean nothing without it. */}
      <div ref={wrap} className="surprisal-chart">
        <svg ref={svg} data-testid="surprisal-chart" />
        <div className="legend">
          <svg ref={legend} />
          <span className="muted" data-export-text>
            {t('surprisal.legend')}
          </span>
        </div>
      </div>
      <div aria-live="polite" data-testid="surprisal-detail" data-position={position}>
        {row.bits === null ? (
          <p>{t('surprisal.first', { token: labels[0] })}</p>
        ) : (
          <>
            <p>
              {t('surprisal.detail', {
                token: tokenName(labels, position),
                bits: row.bits.toFixed(2),
                p: formatPercent(Math.pow(2, -row.bits)),
              })}{' '}
              {row.rank === null
                ? t('surprisal.rank.none', { n: row.guesses.length })
                : t('surprisal.rank', { rank: row.rank })}
            </p>
            <table className="prediction-table" data-testid="surprisal-guesses">
              <caption>{t('surprisal.guesses', { token: tokenName(labels, position - 1) })}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('surprisal.col.token')}</th>
                  <th scope="col">{t('surprisal.col.p')}</th>
                  <th scope="col">{t('surprisal.col.bits')}</th>
                </tr>
              </thead>
              <tbody>
                {row.guesses.map((g, i) => (
                  <tr key={g.id} className={g.id === row.id ? 'actual' : undefined} data-token-id={g.id}>
                    <td>{i + 1}</td>
                    <td>
                      <code>{tokenInfo(g.id).display}</code>
                      {g.id === row.id && <span className="muted"> {t('surprisal.actual')}</span>}
                    </td>
                    <td>{formatPercent(Math.exp(g.logprob))}</td>
                    <td>{(-g.logprob / Math.LN2).toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
