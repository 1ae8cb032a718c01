/**
 * Temperature, top-k, top-p and seed. They only change how the already computed logits are
 * turned into a choice, so moving them redraws at once and never re-runs the model.
 */
import { useT } from '../../i18n';
import { LIMITS, useActions, useApp } from '../../store';
import { RangeControl } from './RangeControl';

export function SamplingControls() {
  const t = useT();
  const { temperature, topK, topP, seed } = useApp((s) => s.inputs);
  const { setTemperature, setTopK, setTopP, setSeed } = useActions();
  return (
    <fieldset className="sampling-controls">
      <legend>{t('softmax.controls')}</legend>
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
      <label className="control">
        <span>{t('softmax.topk')}</span>
        <input
          type="number"
          aria-label="Top-k"
          min={0}
          step={1}
          value={topK}
          onChange={(e) => setTopK(e.target.valueAsNumber)}
        />
        <small className="muted">{t('softmax.topk.off')}</small>
      </label>
      <RangeControl
        label={t('softmax.topp')}
        name="Top-p"
        {...LIMITS.topP}
        step={0.01}
        value={topP}
        hint={t('softmax.topp.off')}
        onChange={setTopP}
      />
      <label className="control">
        <span>{t('softmax.seed')}</span>
        <input
          type="number"
          aria-label="Seed"
          min={0}
          step={1}
          value={seed}
          onChange={(e) => setSeed(e.target.valueAsNumber)}
        />
      </label>
    </fieldset>
  );
}
