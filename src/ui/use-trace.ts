/**
 * What most panels need from the store: the trace summary, its tokens, and the selected
 * position. The position is deferred (useDeferredValue): when a token is clicked, the
 * attention lines, which read the selection directly, are drawn in the first frame, and the
 * panels that follow the token redraw in the background right after.
 */
import { useDeferredValue } from 'react';
import { useApp } from '../store';
import { tokenLabels } from './token-labels';

export function useTraceView() {
  const summary = useApp((s) => s.trace.summary);
  const tokens = useApp((s) => s.trace.tokens);
  const position = useDeferredValue(useApp((s) => s.selection.position));
  return { summary, tokens, labels: tokenLabels(tokens), position: Math.min(position, Math.max(0, tokens.length - 1)) };
}
