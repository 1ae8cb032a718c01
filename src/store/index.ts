export { createAppStore, DEFAULT_INPUTS, type AppStore, type StoreDeps } from './app-store';
export { StoreProvider, useApp, useActions, useFollowUp } from './react';
export type { FollowUpArgs, FollowUpMethod, Requested } from './requests';
export { LIMITS } from './limits';
export type * from './state';
export {
  selectPromptTokens,
  selectTopLogits,
  selectProbabilities,
  selectSamplingDistribution,
  selectSampledToken,
  topLogits,
  SHOWN_CANDIDATES,
  type LogitEntry,
} from './selectors';
export { memoLast } from './memo';
