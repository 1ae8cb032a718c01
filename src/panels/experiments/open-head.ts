/**
 * Opening a head from an experiment: go to the stage that shows a layer's internals and its
 * heads' attention (the registry's "details" stage), with that layer and head selected.
 */
import { useCallback } from 'react';
import { STAGE_IDS, stageNeeds } from '../../stages/registry';
import { useActions } from '../../store';

export function useOpenHead(): (layer: number, head: number) => void {
  const { selectStage, selectLayer, selectHead } = useActions();
  return useCallback(
    (layer, head) => {
      const stage = STAGE_IDS.find((id) => stageNeeds(id, 'details'));
      if (stage) selectStage(stage);
      selectLayer(layer);
      selectHead(head);
    },
    [selectStage, selectLayer, selectHead],
  );
}
