/**
 * Keeps the page's URL and the store in step. On start, the link's values are applied as
 * soon as they can be: the stage at once, layer and head when a model is ready (their
 * ranges depend on it), the selected token after the first trace (it depends on the
 * prompt). From then on every change of the shared fields rewrites the URL in place
 * (history.replaceState, so the back button is not flooded).
 */
import type { AppState, AppStore } from '../store';
import { experimentOf, type ShareExperiment } from './experiment-params';
import { serializeShareState, type ShareState } from './url-state';

export interface UrlTarget {
  search(): string;
  replace(search: string): void;
}

export const browserUrl: UrlTarget = {
  search: () => location.search,
  replace: (search) => history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`),
};

/** The share state of the store as it stands. */
export function shareStateOf(s: AppState): ShareState {
  return {
    prompt: s.inputs.prompt,
    ...(s.model.modelId ? { model: s.model.modelId } : {}),
    temperature: s.inputs.temperature,
    topK: s.inputs.topK,
    topP: s.inputs.topP,
    seed: s.inputs.seed,
    stage: s.selection.stage,
    layer: s.selection.layer,
    head: s.selection.head,
    token: s.selection.position,
    ...(s.selection.inspect ? { inspect: true } : {}),
    experiment: experimentOf(s.experiments),
  };
}

/** The parts of a linked experiment that need no model: the view and what was typed. */
function applyExperimentInputs(store: AppStore, x: ShareExperiment): void {
  const { actions } = store.getState();
  actions.setPatchingInputs({
    clean: x.clean,
    corrupted: x.corrupted,
    answer: x.answer,
    against: x.against,
    hook: x.hook,
  });
  actions.setAttributionTokens(x.target, x.targetAgainst);
  actions.setAblationKind(x.ablation);
  actions.setExperimentView(x.view);
}

/**
 * The parts that are checked against the model: the parts switched off (and the run the stages
 * show), the second prompt and its token.
 */
function applyExperimentModel(store: AppStore, x: ShareExperiment): void {
  const { actions } = store.getState();
  for (const t of x.ablations) actions.toggleAblation(t);
  if (x.run !== 'original' && x.ablations.length > 0) actions.showRun(x.run);
  if (x.compare !== '') {
    actions.setComparePrompt(x.compare);
    if (x.compareToken !== undefined) actions.setComparePosition(x.compareToken);
  }
}

/**
 * Applies `linked` to the store as each part becomes applicable, then mirrors the store into the URL. Returns a stop
 * function.
 */
export function syncUrl(store: AppStore, linked: ShareState, url: UrlTarget = browserUrl): () => void {
  const { actions } = store.getState();
  if (linked.stage) actions.selectStage(linked.stage);
  applyExperimentInputs(store, linked.experiment);
  let modelApplied = false;
  let tokenApplied = false;

  const write = (s: AppState) => {
    const shown = shareStateOf(s);
    // Values of the link not yet applied stay in the URL until they are.
    if (!modelApplied) Object.assign(shown, { layer: linked.layer, head: linked.head, experiment: linked.experiment });
    if (!tokenApplied) Object.assign(shown, { token: linked.token, inspect: linked.inspect });
    const next = serializeShareState(shown, url.search());
    if (next !== url.search()) url.replace(next);
  };

  // One write per turn of the event loop, after the task that changed the state: a typed
  // prompt or a slider step changes the store several times, and history.replaceState took
  // 3-18 ms of the keystroke's task in Chromium.
  let writePending = false;
  const scheduleWrite = () => {
    if (writePending) return;
    writePending = true;
    setTimeout(() => {
      writePending = false;
      write(store.getState());
    }, 0);
  };

  const onChange = (s: AppState) => {
    if (!modelApplied && s.model.phase === 'ready') {
      modelApplied = true;
      actions.selectLayer(linked.layer);
      actions.selectHead(linked.head);
      applyExperimentModel(store, linked.experiment);
    }
    if (modelApplied && !tokenApplied && s.trace.summary) {
      tokenApplied = true;
      if (linked.token !== undefined) actions.selectPosition(linked.token);
      if (linked.inspect) actions.inspectToken(store.getState().selection.position);
    }
    // A model that fails to load leaves nothing to apply the rest to.
    if (s.model.phase === 'error') modelApplied = tokenApplied = true;
    scheduleWrite();
  };
  const stop = store.subscribe(onChange);
  onChange(store.getState());
  return stop;
}
