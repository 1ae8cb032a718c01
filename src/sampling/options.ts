/**
 * The knobs that turn next-token logits into a choice. They act on logits already
 * computed: changing them never re-runs the model.
 */
export interface SamplingOptions {
  /** Divides the logits before softmax: < 1 sharpens, > 1 flattens, 0 means always the top token. */
  temperature: number;
  /** Keep only the k most likely tokens; 0 (or k >= vocabulary size) turns it off. */
  topK: number;
  /** Keep the smallest set of most likely tokens whose probability adds up to p; 1 turns it off. */
  topP: number;
}

/** Above this, the distribution is already close to uniform over GPT-2's vocabulary. */
export const MAX_TEMPERATURE = 5;

export const DEFAULT_SAMPLING: SamplingOptions = { temperature: 1, topK: 0, topP: 1 };

/** A sampling option that is not a number, or (in strict checking) out of range. */
export class SamplingOptionsError extends Error {
  override name = 'SamplingOptionsError';
}

function requireNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new SamplingOptionsError(`${name} must be a number, got ${String(value)}`);
  }
  return value;
}

/**
 * Forgiving: brings every option into range, for sliders and stored settings.
 * temperature -> [0, MAX_TEMPERATURE]; topK -> a whole number >= 0 (rounded down; +Infinity means off, 0);
 * topP -> [0, 1]. Only a value that is not a number at all (NaN, undefined, a string) throws.
 */
export function clampSamplingOptions(options: SamplingOptions): SamplingOptions {
  const temperature = requireNumber('temperature', options.temperature);
  const topK = requireNumber('top-k', options.topK);
  const topP = requireNumber('top-p', options.topP);
  return {
    temperature: Math.min(MAX_TEMPERATURE, Math.max(0, temperature)),
    topK: topK === Infinity ? 0 : Math.max(0, Math.floor(topK)),
    topP: Math.min(1, Math.max(0, topP)),
  };
}

/**
 * Strict: throws a one-line SamplingOptionsError naming the first option that is out of
 * range, for the command line, where a typo should not be silently changed.
 */
export function validateSamplingOptions(options: SamplingOptions): SamplingOptions {
  const { temperature, topK, topP } = options;
  requireNumber('temperature', temperature);
  requireNumber('top-k', topK);
  requireNumber('top-p', topP);
  if (!(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
    throw new SamplingOptionsError(`temperature must be between 0 and ${MAX_TEMPERATURE}, got ${temperature}`);
  }
  if (!Number.isInteger(topK) || topK < 0) {
    throw new SamplingOptionsError(`top-k must be a whole number >= 0 (0 = off), got ${topK}`);
  }
  if (!(topP >= 0 && topP <= 1)) throw new SamplingOptionsError(`top-p must be between 0 and 1, got ${topP}`);
  return { temperature, topK, topP };
}
