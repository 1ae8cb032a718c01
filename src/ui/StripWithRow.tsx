/** A per-token matrix as a strip figure, with the selected token's row written out below it. */
import { matrixRow } from './tensor-views';
import { TokenStrip, type TokenStripProps } from './TokenStrip';
import { VectorPreview } from './VectorPreview';

export interface StripWithRowProps extends TokenStripProps {
  /** The selected position, whose row is written out. */
  position: number;
  /** How the row is named, e.g. "W_E[464]". */
  rowName: string;
  rowTestId: string;
}

export function StripWithRow({ position, rowName, rowTestId, ...strip }: StripWithRowProps) {
  return (
    <>
      <TokenStrip {...strip} />
      <VectorPreview name={rowName} values={matrixRow(strip.matrix, position)} testId={rowTestId} />
    </>
  );
}
