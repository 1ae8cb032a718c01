/** Row labels for per-token charts: each token's display form ("␣fox"), as the block panels use too. */
import type { TokenInfo } from '../tokenizer';
import { memoLast } from '../store';

export const tokenLabels = memoLast((tokens: TokenInfo[]): string[] => tokens.map((tok) => tok.display));
