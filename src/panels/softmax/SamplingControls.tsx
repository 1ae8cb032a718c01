/**
 * Top-k, top-p and seed, with the temperature set on the first screen (one slider on the
 * page). They only change how the already computed logits are turned into a choice, so
 * moving them redraws at once and never re-runs the model.
 */
import { useT } from '../../i18n';
import { LIMITS, useActions, useApp } from '../../store';
import { RangeControl } from './RangeControl';

export function SamplingControls() {
  const t = useT();
  const { temperature, topK, topP, seed } = useApp((s) => s.inputs);
  const { setTopK, setTopP, setSeed } = useActions();
  return (
    <fieldset className="sampling-controls">
      <legend>{t('softmax.controls')}</legend>
      <p className="control" data-testid="stage-temperature">
        <span>{t('softmax.temperature')}</span> <strong>{temperature.toFixed(2)}</strong>{' '}
        <small className="muted">{t('softmax.temperature.above')}</small>
      </p>
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
