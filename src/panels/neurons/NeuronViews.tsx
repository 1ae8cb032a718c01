/** The block stage's neuron views, for the selected layer, head and token, once the block's internals have arrived. */
import { useApp } from '../../store';
import { useTraceView } from '../../ui/use-trace';
import { MlpNeurons } from './MlpNeurons';
import { QkNeuronView } from './QkNeuronView';
import '../../ui/explore-panel.css';
import './neurons.css';

export function NeuronViews() {
  const block = useApp((s) => s.trace.block);
  const { layer, head } = useApp((s) => s.selection);
  const { labels, position } = useTraceView();
  if (!block || block.layer !== layer || labels.length === 0 || head >= block.q.dims[0]) return null;
  return (
    <>
      <QkNeuronView block={block} head={head} position={position} labels={labels} />
      <MlpNeurons block={block} position={position} labels={labels} />
    </>
  );
}
