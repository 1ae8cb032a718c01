/** Opening a stage from the first screen: select it (and a layer), then bring it into view. */
import type { StageId } from '../stages/registry';
import type { AppActions } from '../store';

export function openStage(actions: AppActions, stage: StageId, layer?: number): void {
  actions.selectStage(stage);
  if (layer !== undefined) actions.selectLayer(layer);
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  // After React has rendered the stage, so the scroll lands on its final position.
  requestAnimationFrame(() =>
    document.querySelector('section.stage')?.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'start' }),
  );
}
