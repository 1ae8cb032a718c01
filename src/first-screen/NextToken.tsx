/**
 * The next-token distribution on the first screen: the ten most likely tokens after the
 * prompt with softmax(logit / T), and the Temperature slider. The slider acts on the logits
 * already computed (the store's memoised selectors), so it redraws within a frame and never
 * runs the model; top-k, top-p and the seeded draw stay on the softmax stage.
 */
import { useT } from '../i18n';
import { LIMITS, selectProbabilities, selectSamplingDistribution, selectTopLogits, useActions, useApp } from '../store';
import { stageOfPart } from '../stages/registry';
import { tokenName } from '../ui/describe';
import { useTraceView } from '../ui/use-trace';
import { ProbabilityBars } from '../panels/softmax/ProbabilityBars';
import { RangeControl } from '../panels/softmax/RangeControl';

/** How many candidates the first screen lists. */
export const FIRST_SCREEN_CANDIDATES = 10;

const NO_PROBABILITIES = new Float64Array(0);

export function NextToken() {
  const t = useT();
  const { summary, labels } = useTraceView();
  const top = useApp(selectTopLogits);
  const probs = useApp(selectProbabilities);
  const final = useApp(selectSamplingDistribution);
  const temperature = useApp((s) => s.inputs.temperature);
  const { setTemperature, selectStage } = useActions();
  const ready = summary !== null && probs !== null && final !== null;
  return (
    <section className="first-next" aria-labelledby="first-next-title">
      <h2 id="first-next-title">{t('first.next.title')}</h2>
      <p className="hint">{t('first.next.hint')}</p>
      <RangeControl
        label={t('softmax.temperature')}
        name="Temperature"
        {...LIMITS.temperature}
        step={0.01}
        value={temperature}
        hint={t('softmax.temperature.greedy')}
        onChange={setTemperature}
        testId="temperature-value"
      />
      {/* Mounted from the start, waiting included: see ProbabilityBars' placeholder. */}
      <ProbabilityBars
        top={ready ? top.slice(0, FIRST_SCREEN_CANDIDATES) : []}
        probs={probs ?? NO_PROBABILITIES}
        final={final ?? NO_PROBABILITIES}
        sampled={null}
        caption={ready ? t('first.next.bars', { token: tokenName(labels, labels.length - 1) }) : ''}
        vocab={summary?.config.vocab_size ?? 0}
        testId="next-token-bars"
        placeholder={t('first.next.waiting')}
      />
      <button type="button" className="link-button" onClick={() => selectStage(stageOfPart('next'))}>
        {t('first.next.more')}
      </button>
    </section>
  );
}
