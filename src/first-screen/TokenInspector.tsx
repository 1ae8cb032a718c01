/**
 * Where the clicked token's heads look, on the first screen: every layer x head at a glance
 * (the attention view's grid), the lines of the chosen layer, and one click through to the
 * full attention view of stage 4. All from the token's attention rows (TokenAttention),
 * which the store fetches when a token is clicked: no block internals are needed.
 */
import { useT } from '../i18n';
import { stageNeeds, stageOfPart } from '../stages/registry';
import { useActions, useApp } from '../store';
import { viewWeights } from '../panels/attention/attention-data';
import { HeadGrid } from '../panels/attention/HeadGrid';
import { TokenLines } from '../panels/attention/TokenLines';
import { tokenName } from '../ui/describe';
import '../panels/attention/attention.css';
import { openStage } from './open-stage';

const NO_PREVIEW = () => undefined;

export function TokenInspector() {
  const t = useT();
  const actions = useActions();
  const { inspectToken, closeInspector, selectLayer, selectHead } = actions;
  const inspect = useApp((s) => s.selection.inspect);
  const stage = useApp((s) => s.selection.stage);
  const config = useApp((s) => s.model.config);
  const tokens = useApp((s) => s.trace.tokens);
  const attention = useApp((s) => s.trace.tokenAttention);
  const { layer, head, position } = useApp((s) => s.selection);
  if (!inspect || !config || tokens.length === 0) return null;
  const labels = tokens.map((tok) => tok.display);
  const selected = Math.min(position, labels.length - 1);
  const token = tokenName(labels, selected);
  // The blocks stage below shows the same token in full: one view of it at a time.
  if (stageNeeds(stage, 'details')) {
    return (
      <p className="first-attention-below" role="status">
        {t('first.attention.below', { token })}
      </p>
    );
  }
  const current = attention && attention.position === selected ? attention : null;
  const heads = current && viewWeights(null, current, layer, selected, 'from');
  return (
    <section className="first-attention" aria-labelledby="first-attention-title" data-position={selected}>
      <div className="first-attention-head">
        <h2 id="first-attention-title">{t('first.attention.title')}</h2>
        <button
          type="button"
          onClick={() => {
            actions.setDirection('from');
            openStage(actions, stageOfPart('attn'));
          }}
        >
          {t('first.attention.open')}
        </button>
        <button type="button" className="secondary" onClick={closeInspector}>
          {t('first.attention.close')}
        </button>
      </div>
      <p className="attention-focus">{t('first.attention.focus', { token })}</p>
      {current && heads ? (
        <div className="first-attention-body">
          <figure className="head-grid-figure">
            <HeadGrid
              attention={current}
              direction="from"
              count={labels.length}
              layer={layer}
              head={head}
              token={token}
              onOpen={(l, h) => {
                selectLayer(l);
                selectHead(h);
              }}
            />
          </figure>
          <div className="first-attention-lines">
            <p className="muted">{t('first.attention.layer', { layer })}</p>
            <TokenLines
              labels={labels}
              shown={selected}
              selected={selected}
              direction="from"
              heads={heads}
              headCount={config.n_head}
              layer={layer}
              onPreview={NO_PREVIEW}
              onSelect={inspectToken}
            />
          </div>
        </div>
      ) : (
        <p className="muted" role="status">
          {t('first.attention.waiting', { token })}
        </p>
      )}
    </section>
  );
}
