/**
 * The component that draws each stage of the registry. Typed as a record over StageId, so a
 * stage added to the registry without its component (or the reverse) fails to compile.
 */
import type { ComponentType } from 'react';
import { BlockStage } from '../panels/block/BlockStage';
import { EmbeddingStage } from '../panels/embedding/EmbeddingStage';
import { FinalStage } from '../panels/final/FinalStage';
import { GenerateStage } from '../panels/generate/GenerateStage';
import { PositionStage } from '../panels/position/PositionStage';
import { SoftmaxStage } from '../panels/softmax/SoftmaxStage';
import { TokensStage } from '../panels/tokens/TokensStage';
import type { StageId } from './registry';

export const stageViews: Record<StageId, ComponentType> = {
  tokens: TokensStage,
  embed: EmbeddingStage,
  position: PositionStage,
  blocks: BlockStage,
  final: FinalStage,
  softmax: SoftmaxStage,
  generate: GenerateStage,
};
