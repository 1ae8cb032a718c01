/**
 * The attention sub-layer, one operation per step, for the chosen head: the queries, keys
 * and values; the scores q·k (raw, scaled by 1/√d_head, causally masked); the softmax;
 * the weighted sum of values; and the heads put side by side and projected back.
 */
import { useMemo } from 'react';
import { useT } from '../../i18n';
import { headDim } from '../../model/config';
import { blockHook, hookShape } from '../../model/hooks';
import type { Matrix } from '../../model/types';
import { topTargets } from '../../analysis/top-targets';
import { queryByKey, tokenByDim, tokenName } from '../../ui/describe';
import { Figure } from '../../ui/Figure';
import { formatValue } from '../../ui/hover-info';
import { Segmented } from '../../ui/Segmented';
import type { ScoreForm } from './steps';
import { SCORE_FORMS } from './steps';
import type { StepProps } from './step-props';
import { concatHeads, headSlice, matrixRow } from '../../ui/tensor-views';

export function QkvStep({ block, head, labels, position, config, onHover, onSelectToken }: StepProps) {
  const t = useT();
  const parts = (['q', 'k', 'v'] as const).map((name) => ({ name, matrix: headSlice(block[name], head) }));
  const describers = parts.map((p) => {
    const hook = `attn.hook_${p.name}` as const;
    const shape = hookShape(hook, config, labels.length);
    const where = t('block.where.head', { head });
    return tokenByDim(t, labels, t(`block.qkv.${p.name}`), blockHook(block.layer, hook), shape, where);
  });
  return (
    <>
      <p className="step-numbers">
        {t('block.qkv.shapes', {
          T: labels.length,
          nEmbd: config.n_embd,
          nHead: config.n_head,
          dHead: headDim(config),
        })}
      </p>
      {parts.map((p, i) => (
        <Figure
          key={p.name}
          caption={t('block.qkv.caption', { name: t(`block.qkv.${p.name}`), head })}
          matrix={p.matrix}
          rowLabels={labels}
          kind="signed"
          describe={describers[i]}
          onHover={onHover}
          onSelectRow={onSelectToken}
          markRow={position}
          testId={`qkv-${p.name}`}
        />
      ))}
    </>
  );
}

/**
 * Labels for the two forms of the scores that come before any hook: TransformerLens's
 * hook_attn_scores is taken after the scaling and the mask, so these are named by formula.
 */
const unhookedScores = (l: number) => ({
  raw: `blocks.${l}.attn q·kᵀ`,
  scaled: `blocks.${l}.attn q·kᵀ / √d_head`,
});

/** raw / √d_head: the same division the model makes, shown on every cell (the mask comes next). */
function scaled(raw: Matrix, dHead: number): Matrix {
  const s = Math.sqrt(dHead);
  return { rows: raw.rows, cols: raw.cols, data: raw.data.map((v) => v / s) };
}

export function ScoresStep(props: StepProps & { form: ScoreForm; onForm: (f: ScoreForm) => void }) {
  const t = useT();
  const { block, head, labels, position, config, onHover, onSelectToken, form, onForm } = props;
  const dHead = headDim(config);
  const matrices = useMemo(() => {
    const raw = headSlice(block.rawScores, head);
    return { raw, scaled: scaled(raw, dHead), masked: headSlice(block.scores, head) };
  }, [block, head, dHead]);
  const hookOf = { ...unhookedScores(block.layer), masked: blockHook(block.layer, 'attn.hook_attn_scores') };
  const shape = hookShape('attn.hook_attn_scores', config, labels.length);
  const describe = queryByKey(t, labels, t(`block.scores.form.${form}`), hookOf[form], shape, head);
  return (
    <>
      <Segmented
        label={t('block.scores.formLabel')}
        options={SCORE_FORMS}
        value={form}
        onChange={onForm}
        text={(f) => t(`block.scores.form.${f}`)}
      />
      <p className="step-explain">
        {t(`block.scores.explain.${form}`, { dHead, sqrt: formatValue(Math.sqrt(dHead)), hook: hookOf.masked })}
      </p>
      <Figure
        caption={t('block.scores.caption', { form: t(`block.scores.form.${form}`), head })}
        matrix={matrices[form]}
        rowLabels={labels}
        colLabels={labels}
        kind="signed"
        describe={describe}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId="scores"
      />
    </>
  );
}

/** "0.62 × ␣The, 0.21 × ␣fox, …": the heaviest keys of one query row. */
function weightedList(weights: ArrayLike<number>, labels: string[], k = 4): string {
  return topTargets(weights, k)
    .map((x) => `${formatValue(x.weight)} × ${tokenName(labels, x.position)}`)
    .join(', ');
}

export function SoftmaxStep({ block, head, labels, position, config, onHover, onSelectToken }: StepProps) {
  const t = useT();
  const pattern = headSlice(block.pattern, head);
  const row = matrixRow(pattern, position);
  const sum = row.reduce((a, b) => a + b, 0);
  const hook = blockHook(block.layer, 'attn.hook_pattern');
  const shape = hookShape('attn.hook_pattern', config, labels.length);
  const describe = queryByKey(t, labels, t('block.softmax.name'), hook, shape, head);
  return (
    <>
      <p className="step-numbers" data-testid="softmax-row">
        {t('block.softmax.selected', {
          token: tokenName(labels, position),
          sum: formatValue(sum),
          top: weightedList(row, labels),
        })}
      </p>
      <Figure
        caption={t('block.softmax.caption', { head })}
        matrix={pattern}
        rowLabels={labels}
        colLabels={labels}
        kind="probability"
        describe={describe}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId="pattern"
      />
    </>
  );
}

export function MixStep({ block, head, labels, position, config, onHover, onSelectToken }: StepProps) {
  const t = useT();
  const T = labels.length;
  const v = headSlice(block.v, head);
  const z = headSlice(block.z, head);
  const row = matrixRow(headSlice(block.pattern, head), position);
  const where = t('block.where.head', { head });
  const vHook = blockHook(block.layer, 'attn.hook_v');
  const zHook = blockHook(block.layer, 'attn.hook_z');
  const describeV = tokenByDim(t, labels, t('block.qkv.v'), vHook, hookShape('attn.hook_v', config, T), where);
  const describeZ = tokenByDim(t, labels, t('block.mix.name'), zHook, hookShape('attn.hook_z', config, T), where);
  return (
    <>
      <p className="step-numbers" data-testid="mix-row">
        {t('block.mix.selected', { token: tokenName(labels, position), terms: weightedList(row, labels) })}
      </p>
      <Figure
        caption={t('block.qkv.caption', { name: t('block.qkv.v'), head })}
        matrix={v}
        rowLabels={labels}
        kind="signed"
        describe={describeV}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId="mix-v"
      />
      <Figure
        caption={t('block.mix.caption', { head })}
        matrix={z}
        rowLabels={labels}
        kind="signed"
        describe={describeZ}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId="mix-z"
      />
    </>
  );
}

export function ProjectStep({ block, labels, position, config, onHover, onSelectToken }: StepProps) {
  const t = useT();
  const concat = useMemo(() => concatHeads(block.z), [block]);
  // The heads side by side: hook_z's numbers laid out as [pos, n_embd], the shape W_O reads.
  const shape = hookShape('hook_attn_out', config, labels.length);
  const describeConcat = (row: number, col: number, value: number) => ({
    ...tokenByDim(
      t,
      labels,
      t('block.project.concatName'),
      blockHook(block.layer, 'attn.hook_z'),
      shape,
    )(row, col, value),
    where: t('block.where.concat', {
      token: tokenName(labels, row),
      dim: col,
      head: Math.floor(col / headDim(config)),
    }),
  });
  const describeOut = tokenByDim(t, labels, t('block.project.outName'), blockHook(block.layer, 'hook_attn_out'), shape);
  return (
    <>
      <Figure
        caption={t('block.project.concatCaption')}
        matrix={concat}
        rowLabels={labels}
        kind="signed"
        describe={describeConcat}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId="concat"
      />
      <Figure
        caption={t('block.project.outCaption')}
        matrix={block.attnOut}
        rowLabels={labels}
        kind="signed"
        describe={describeOut}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId="attn-out"
      />
    </>
  );
}
