/**
 * Temperature, top-k, top-p and seed. They only change how the already computed logits are
 * turned into a choice, so moving them redraws at once and never re-runs the model.
 */
import { useT } from '../../i18n';
import { LIMITS, useActions, useApp } from '../../store';

export function SamplingControls() {
  const t = useT();
  const { temperature, topK, topP, seed } = useApp((s) => s.inputs);
  const { setTemperature, setTopK, setTopP, setSeed } = useActions();
  return (
    <fieldset className="sampling-controls">
      <legend>{t('softmax.controls')}</legend>
      <label className="control">
        <span>{t('softmax.temperature')}</span>
        <input
          type="range"
          aria-label="Temperature"
          min={LIMITS.temperature.min}
          max={LIMITS.temperature.max}
          step={0.01}
          value={temperature}
          onChange={(e) => setTemperature(e.target.valueAsNumber)}
        />
        <output data-testid="temperature-value">{temperature.toFixed(2)}</output>
        <small className="muted">{t('softmax.temperature.greedy')}</small>
      </label>
      <label className="control">
        <span>{t('softmax.topk')}</span>
        <input type="number" aria-label="Top-k" min={0} step={1} value={topK} onChange={(e) => setTopK(e.target.valueAsNumber)} />
        <small className="muted">{t('softmax.topk.off')}</small>
      </label>
      <label className="control">
        <span>{t('softmax.topp')}</span>
        <input
          type="range"
          aria-label="Top-p"
          min={LIMITS.topP.min}
          max={LIMITS.topP.max}
          step={0.01}
          value={topP}
          onChange={(e) => setTopP(e.target.valueAsNumber)}
        />
        <output>{topP.toFixed(2)}</output>
        <small className="muted">{t('softmax.topp.off')}</small>
      </label>
      <label className="control">
        <span>{t('softmax.seed')}</span>
        <input type="number" aria-label="Seed" min={0} step={1} value={seed} onChange={(e) => setSeed(e.target.valueAsNumber)} />
      </label>
    </fieldset>
  );
}
