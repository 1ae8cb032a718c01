/** What every block step view receives: the trace, the current choices, and the hover sink. */
import type { GPT2Config } from '../../model/config';
import type { BlockTrace, TraceSummary } from '../../model/types';
import type { HoverInfo } from '../../ui/hover-info';

export interface StepProps {
  block: BlockTrace;
  summary: TraceSummary;
  config: GPT2Config;
  head: number;
  position: number;
  /** Display text of each token, for axis labels. */
  labels: string[];
  onHover: (info: HoverInfo | null) => void;
  onSelectToken: (position: number) => void;
}
