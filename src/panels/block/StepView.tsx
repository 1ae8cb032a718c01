/** The current sub-step: its title, what it computes (in words and shapes), and its figures. */
import { memo } from 'react';
import { useT } from '../../i18n';
import { headDim, mlpDim } from '../../model/config';
import { AddStep, NormsStep } from './ResidualSteps';
import { MixStep, ProjectStep, QkvStep, ScoresStep, SoftmaxStep } from './AttentionSteps';
import { LayerNormStep } from './LayerNormStep';
import { GeluStep, MlpDownStep, MlpUpStep } from './MlpSteps';
import type { StepProps } from './step-props';
import type { BlockStep, ScoreForm } from './steps';

interface Props extends StepProps {
  step: BlockStep;
  scoreForm: ScoreForm;
  onScoreForm: (f: ScoreForm) => void;
}

function StepBody(props: Props) {
  switch (props.step) {
    case 'ln1':
      return <LayerNormStep {...props} site="ln1" input={props.summary.resid[props.block.layer]} />;
    case 'qkv':
      return <QkvStep {...props} />;
    case 'scores':
      return <ScoresStep {...props} form={props.scoreForm} onForm={props.onScoreForm} />;
    case 'softmax':
      return <SoftmaxStep {...props} />;
    case 'mix':
      return <MixStep {...props} />;
    case 'project':
      return <ProjectStep {...props} />;
    case 'add1':
    case 'add2':
      return <AddStep {...props} site={props.step} />;
    case 'ln2':
      return <LayerNormStep {...props} site="ln2" input={props.block.residMid} />;
    case 'mlpUp':
      return <MlpUpStep {...props} />;
    case 'gelu':
      return <GeluStep {...props} />;
    case 'mlpDown':
      return <MlpDownStep {...props} />;
    case 'norms':
      return <NormsStep {...props} />;
  }
}

/** Memoised: the block stage re-renders on every token click, and its steps only follow the (deferred) position. */
export const StepView = memo(function StepView(props: Props) {
  const t = useT();
  const { config, step, labels, block } = props;
  const vars = {
    layer: block.layer,
    T: labels.length,
    nEmbd: config.n_embd,
    nHead: config.n_head,
    dHead: headDim(config),
    dMlp: mlpDim(config),
    nLayer: config.n_layer,
    head: props.head,
  };
  return (
    <article className="block-step" data-step={step} aria-labelledby={`block-step-title-${step}`}>
      <h3 id={`block-step-title-${step}`}>{t(`block.step.${step}.title`, vars)}</h3>
      <p className="step-explain">{t(`block.step.${step}.body`, vars)}</p>
      <p className="step-shape">{t(`block.step.${step}.shape`, vars)}</p>
      <StepBody {...props} />
    </article>
  );
});
