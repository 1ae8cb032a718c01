/**
 * The two residual additions (the sub-layer's output is added to the stream it read),
 * and the stream's length across every layer boundary of the model.
 */
import { useEffect, useMemo, useRef } from 'react';
import { drawLineChart, type Series } from '../../charts/line-chart';
import { ExportRow } from '../../ui/ExportButtons';
import { symmetricExtent } from '../../charts/palette';
import { useT } from '../../i18n';
import { blockHook, hookShape, type BlockHook } from '../../model/hooks';
import type { Matrix } from '../../model/types';
import { tokenByDim, tokenName } from '../../ui/describe';
import { Figure } from '../../ui/Figure';
import { formatValue } from '../../ui/hover-info';
import { residualNorms } from '../../ui/residual-norms';
import type { StepProps } from './step-props';
import { l2norm, matrixRow } from '../../ui/tensor-views';
import { tooltipContent } from '../../ui/tooltip-content';
import { useWidth } from '../../ui/use-width';

interface Term {
  key: string;
  matrix: Matrix;
  hook: BlockHook;
}

export function AddStep(props: StepProps & { site: 'add1' | 'add2' }) {
  const t = useT();
  const { block, summary, labels, position, config, onHover, onSelectToken, site } = props;
  const terms: Term[] =
    site === 'add1'
      ? [
          { key: 'residPre', matrix: summary.resid[block.layer], hook: 'hook_resid_pre' },
          { key: 'attnOut', matrix: block.attnOut, hook: 'hook_attn_out' },
          { key: 'residMid', matrix: block.residMid, hook: 'hook_resid_mid' },
        ]
      : [
          { key: 'residMid', matrix: block.residMid, hook: 'hook_resid_mid' },
          { key: 'mlpOut', matrix: block.mlpOut, hook: 'hook_mlp_out' },
          { key: 'residPost', matrix: block.residPost, hook: 'hook_resid_post' },
        ];
  // One colour scale for all three, so a colour means the same number in each.
  const extent = Math.max(...terms.map((x) => symmetricExtent(x.matrix.data)));
  const norms = terms.map((x) => formatValue(l2norm(matrixRow(x.matrix, position))));
  const shape = hookShape('hook_resid_pre', config, labels.length);
  return (
    <>
      <p className="step-numbers" data-testid={`${site}-norms`}>
        {t(`block.${site}.selected`, { token: tokenName(labels, position), a: norms[0], b: norms[1], c: norms[2] })}
      </p>
      {terms.map((x) => (
        <Figure
          key={x.key}
          caption={t(`block.term.${x.key}`)}
          matrix={x.matrix}
          rowLabels={labels}
          kind="signed"
          extent={extent}
          describe={tokenByDim(t, labels, t(`block.term.${x.key}`), blockHook(block.layer, x.hook), shape)}
          onHover={onHover}
          onSelectRow={onSelectToken}
          markRow={position}
          testId={`${site}-${x.key}`}
        />
      ))}
    </>
  );
}

export function NormsStep({ summary, labels, position }: StepProps) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(box);
  const norms = useMemo(() => residualNorms(summary), [summary]);
  const layers = norms.length - 1;
  const token = tokenName(labels, position);
  useEffect(() => {
    const series: Series[] = labels.map((_, i) => ({
      key: String(i),
      label: tokenName(labels, i),
      values: norms.map((row) => row[i]),
    }));
    const boundary = (b: number) =>
      b === 0 ? t('block.norms.embedTick') : t('block.norms.blockTick', { layer: b - 1 });
    drawLineChart(svg.current!, series, {
      width,
      height: Math.min(320, Math.max(220, width * 0.5)),
      label: t('block.norms.chartLabel', { token }),
      xLabels: norms.map((_, b) => boundary(b)),
      yLabel: t('block.norms.yTitle'),
      emphasis: String(position),
      describe: (s, b) =>
        tooltipContent(
          {
            value: s.values[b],
            name: t('block.norms.name'),
            hook: b < layers ? blockHook(b, 'hook_resid_pre') : blockHook(layers - 1, 'hook_resid_post'),
            shape: [labels.length, layers + 1],
            where: t('block.where.boundary', { token: s.label, boundary: boundary(b) }),
          },
          t,
        ),
    });
  }, [norms, labels, width, position, t, token, layers]);
  return (
    <>
      <p className="step-numbers" data-testid="norms-selected">
        {t('block.norms.selected', { token, values: norms.map((row) => formatValue(row[position])).join(' → ') })}
      </p>
      <ExportRow target={svg} name={t('block.norms.exportName')} />
      <div ref={box} className="norm-box">
        <svg ref={svg} data-testid="norm-chart" />
      </div>
    </>
  );
}
