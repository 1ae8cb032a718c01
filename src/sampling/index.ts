/** Turning logits into a next token: pure functions, no TF.js, the same in the worker and the CLI. */
export {
  type SamplingOptions,
  DEFAULT_SAMPLING,
  MAX_TEMPERATURE,
  SamplingOptionsError,
  clampSamplingOptions,
  validateSamplingOptions,
} from './options';
export { argmax, checkLogits, logSoftmax, softmax } from './softmax';
export { rankByLogit, rankByProbability, rankByProbabilityFrom, topIds, topTokens } from './rank';
export { topKCount, topPCount } from './filters';
export { type Rng, createRng } from './rng';
export { draw, filterDistribution, finalDistribution, sample } from './sample';
