/**
 * The block's choices: which layer, which head, which token. Native selects: labelled, keyboard-ready, small on phones.
 */
import { useT } from '../../i18n';
import { useActions, useApp } from '../../store';
import { AblateButton } from '../../ui/AblateButton';
import { tokenName } from '../../ui/describe';

export function BlockControls({ labels }: { labels: string[] }) {
  const t = useT();
  const { selectLayer, selectHead, selectPosition } = useActions();
  const { layer, head, position } = useApp((s) => s.selection);
  const config = useApp((s) => s.model.config);
  if (!config) return null;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  return (
    <div className="block-controls">
      <label>
        {t('block.control.layer')}
        <select value={layer} onChange={(e) => selectLayer(Number(e.target.value))} data-testid="layer-select">
          {range(config.n_layer).map((l) => (
            <option key={l} value={l}>
              {t('block.control.layerOption', { layer: l, count: config.n_layer })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('block.control.head')}
        <select value={head} onChange={(e) => selectHead(Number(e.target.value))} data-testid="head-select">
          {range(config.n_head).map((h) => (
            <option key={h} value={h}>
              {t('block.control.headOption', { head: h })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('block.control.token')}
        <select value={position} onChange={(e) => selectPosition(Number(e.target.value))} data-testid="token-select">
          {labels.map((_, i) => (
            <option key={i} value={i}>
              {tokenName(labels, i)}
            </option>
          ))}
        </select>
      </label>
      <AblateButton target={{ part: 'head', layer, head }} />
      <AblateButton target={{ part: 'mlp', layer }} />
    </div>
  );
}
