/**
 * The component that draws each stage of the registry. Typed as a record over StageId, so a
 * stage added to the registry without its component (or the reverse) fails to compile.
 * Panels never import one another: a stage that shows several panels is put together here.
 */
import type { ComponentType } from 'react';
import { AttentionView } from '../panels/attention/AttentionView';
import { BlockStage } from '../panels/block/BlockStage';
import { EmbeddingExplorer } from '../panels/embedding-explorer/EmbeddingExplorer';
import { EmbeddingStage } from '../panels/embedding/EmbeddingStage';
import { FinalStage } from '../panels/final/FinalStage';
import { GenerateStage } from '../panels/generate/GenerateStage';
import { LogitLens } from '../panels/lens/LogitLens';
import { NeuronViews } from '../panels/neurons/NeuronViews';
import { PositionStage } from '../panels/position/PositionStage';
import { SamplingControls } from '../panels/softmax/SamplingControls';
import { SoftmaxStage } from '../panels/softmax/SoftmaxStage';
import { Surprisal } from '../panels/surprisal/Surprisal';
import { TokensStage } from '../panels/tokens/TokensStage';
import type { StageId } from './registry';

export const stageViews: Record<StageId, ComponentType> = {
  tokens: TokensStage,
  embed: () => <EmbeddingStage explorer={<EmbeddingExplorer />} />,
  position: PositionStage,
  blocks: () => <BlockStage attention={<AttentionView />} neurons={<NeuronViews />} />,
  final: () => (
    <FinalStage
      readouts={
        <>
          <LogitLens />
          <Surprisal />
        </>
      }
    />
  ),
  softmax: SoftmaxStage,
  generate: () => <GenerateStage controls={<SamplingControls />} />,
};
