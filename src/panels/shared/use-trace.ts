/** What most panels need from the store: the trace summary, its tokens, and the selected position. */
import { useApp } from '../../store';
import { tokenLabels } from './token-labels';

export function useTraceView() {
  const summary = useApp((s) => s.trace.summary);
  const tokens = useApp((s) => s.trace.tokens);
  const position = useApp((s) => s.selection.position);
  return { summary, tokens, labels: tokenLabels(tokens), position: Math.min(position, Math.max(0, tokens.length - 1)) };
}
