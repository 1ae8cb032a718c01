/**
 * Stage 6: softmax with temperature over the last position's logits, top-k and top-p,
 * and the token a seeded draw picks. All derived in the page from logits already computed.
 */
import { formatCount, formatPercent } from '../../util/format';
import { useT } from '../../i18n';
import {
  selectProbabilities,
  selectSampledToken,
  selectSamplingDistribution,
  selectTopLogits,
  useApp,
} from '../../store';
import { tokenInfo } from '../../tokenizer';
import { tokenName } from '../../ui/describe';
import { useTraceView } from '../../ui/use-trace';
import { Waiting } from '../../ui/Waiting';
import { ProbabilityBars } from './ProbabilityBars';
import { SamplingControls } from './SamplingControls';

export function SoftmaxStage() {
  const t = useT();
  const { summary, labels } = useTraceView();
  const top = useApp(selectTopLogits);
  const probs = useApp(selectProbabilities);
  const final = useApp(selectSamplingDistribution);
  const sampled = useApp(selectSampledToken);
  const seed = useApp((s) => s.inputs.seed);
  if (!summary || !probs || !final) {
    return (
      <div className="stage-body">
        <SamplingControls />
        <Waiting />
      </div>
    );
  }
  let kept = 0;
  for (let i = 0; i < final.length; i++) if (final[i] > 0) kept++;
  const shownMass = top.reduce((sum, e) => sum + probs[e.id], 0);
  const last = tokenName(labels, labels.length - 1);
  return (
    <div className="stage-body">
      <SamplingControls />
      {sampled !== null && (
        <p className="sampled" data-testid="sampled" data-token-id={sampled} data-seed={seed}>
          {t('softmax.sampled', { seed, token: tokenInfo(sampled).display, id: sampled })}
        </p>
      )}
      <p className="muted">
        {t('softmax.kept', { n: formatCount(kept), shown: top.length, mass: formatPercent(shownMass) })}
      </p>
      <ProbabilityBars
        top={top}
        probs={probs}
        final={final}
        sampled={sampled}
        caption={t('softmax.bars', { token: last })}
        vocab={summary.config.vocab_size}
      />
    </div>
  );
}
