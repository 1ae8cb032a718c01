/**
 * The MLP, one operation per step: up to 4 x n_embd hidden neurons, gelu_new on each,
 * and back down to n_embd. The GELU step plots the selected token's neurons on the curve.
 */
import { useEffect, useRef } from 'react';
import { drawGeluCurve, geluPoints } from '../../charts/gelu-curve';
import { ExportRow } from '../../ui/ExportButtons';
import { useT } from '../../i18n';
import { blockHook, hookShape } from '../../model/hooks';
import { tokenByDim, tokenName } from '../../ui/describe';
import { Figure } from '../../ui/Figure';
import { formatValue } from '../../ui/hover-info';
import type { StepProps } from './step-props';
import { matrixRow } from '../../ui/tensor-views';
import { useWidth } from '../../ui/use-width';

export function MlpUpStep({ block, labels, position, config, onHover, onSelectToken }: StepProps) {
  const t = useT();
  const pre = matrixRow(block.mlpPre, position);
  const positive = pre.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
  const hook = blockHook(block.layer, 'mlp.hook_pre');
  const describe = tokenByDim(
    t,
    labels,
    t('block.mlp.preName'),
    hook,
    hookShape('mlp.hook_pre', config, labels.length),
  );
  return (
    <>
      <p className="step-numbers" data-testid="mlp-up-numbers">
        {t('block.mlp.upSelected', { token: tokenName(labels, position), positive, total: pre.length })}
      </p>
      <Figure
        caption={t('block.mlp.preCaption')}
        matrix={block.mlpPre}
        rowLabels={labels}
        kind="signed"
        describe={describe}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId="mlp-pre"
      />
    </>
  );
}

export function GeluStep({ block, labels, position, config, onHover }: StepProps) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(box);
  const pre = matrixRow(block.mlpPre, position);
  const post = matrixRow(block.mlpPost, position);
  const nearZero = post.reduce((n, v) => n + (Math.abs(v) < 0.01 ? 1 : 0), 0);
  const hook = blockHook(block.layer, 'mlp.hook_post');
  const shape = hookShape('mlp.hook_post', config, labels.length);
  const name = t('block.gelu.name');
  const token = tokenName(labels, position);
  // The hover text is built at hover time from the latest props, so a re-render never redraws the points.
  const latest = useRef({ onHover, name, token, hook, shape, t });
  latest.current = { onHover, name, token, hook, shape, t };
  useEffect(() => {
    drawGeluCurve(svg.current!, geluPoints(pre, post), {
      width,
      height: Math.min(360, Math.max(220, width * 0.55)),
      label: t('block.gelu.chartLabel', { token }),
      xTitle: t('block.gelu.xTitle'),
      yTitle: t('block.gelu.yTitle'),
      onHover: (p) => {
        const l = latest.current;
        l.onHover(
          p && {
            value: p.post,
            name: l.name,
            hook: l.hook,
            shape: l.shape,
            where: l.t('block.where.neuron', { token: l.token, neuron: p.index, pre: formatValue(p.pre) }),
          },
        );
      },
    });
  }, [pre, post, width, t, token]);
  return (
    <>
      <p className="step-numbers" data-testid="gelu-numbers">
        {t('block.gelu.selected', { token, nearZero, total: post.length })}
      </p>
      <ExportRow target={svg} name={t('block.gelu.exportName')} />
      <div ref={box} className="gelu-box">
        <svg ref={svg} data-testid="gelu-curve" />
      </div>
    </>
  );
}

export function MlpDownStep({ block, labels, position, config, onHover, onSelectToken }: StepProps) {
  const t = useT();
  const T = labels.length;
  const post = blockHook(block.layer, 'mlp.hook_post');
  const out = blockHook(block.layer, 'hook_mlp_out');
  const describePost = tokenByDim(t, labels, t('block.gelu.name'), post, hookShape('mlp.hook_post', config, T));
  const describeOut = tokenByDim(t, labels, t('block.mlp.outName'), out, hookShape('hook_mlp_out', config, T));
  return (
    <>
      <Figure
        caption={t('block.mlp.postCaption')}
        matrix={block.mlpPost}
        rowLabels={labels}
        kind="signed"
        describe={describePost}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId="mlp-post"
      />
      <Figure
        caption={t('block.mlp.outCaption')}
        matrix={block.mlpOut}
        rowLabels={labels}
        kind="signed"
        describe={describeOut}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId="mlp-out"
      />
    </>
  );
}
