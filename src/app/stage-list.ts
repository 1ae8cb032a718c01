/**
 * Which component draws each stage. The transformer-block stage is another panel folder's
 * (src/panels/block/index.ts exporting BlockStage); it joins the stepper as soon as that
 * file exists, and until then the stage is left out rather than shown as a placeholder.
 */
import type { ComponentType } from 'react';
import { ALL_STAGES, type StageId } from '../store';
import { TokensStage } from '../panels/tokens/TokensStage';
import { EmbeddingStage } from '../panels/embedding/EmbeddingStage';
import { PositionStage } from '../panels/position/PositionStage';
import { FinalStage } from '../panels/final/FinalStage';
import { SoftmaxStage } from '../panels/softmax/SoftmaxStage';
import { GenerateStage } from '../panels/generate/GenerateStage';

const blockModule = Object.values(
  import.meta.glob<{ BlockStage?: ComponentType }>('../panels/block/index.{ts,tsx}', { eager: true }),
)[0];

const components: Partial<Record<StageId, ComponentType>> = {
  tokens: TokensStage,
  embed: EmbeddingStage,
  position: PositionStage,
  blocks: blockModule?.BlockStage,
  final: FinalStage,
  softmax: SoftmaxStage,
  generate: GenerateStage,
};

/** The stages this build shows, in pipeline order. */
export const availableStages: StageId[] = ALL_STAGES.filter((s) => components[s] !== undefined);

export function stageComponent(stage: StageId): ComponentType {
  return components[stage]!;
}
