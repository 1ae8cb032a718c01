/** Above the stages: why the last forward pass failed (with a retry), or that it recovered from a dead worker. */
import { useT } from '../i18n';
import { useActions, useApp } from '../store';

export function TraceNotices() {
  const t = useT();
  const error = useApp((s) => s.trace.error);
  const recoveredFrom = useApp((s) => s.trace.recoveredFrom);
  const { runTrace } = useActions();
  if (error)
    return (
      <p className="error" role="alert">
        {t('trace.error', { message: error })}{' '}
        <button type="button" onClick={() => void runTrace()}>
          {t('trace.retry')}
        </button>
      </p>
    );
  if (recoveredFrom)
    return (
      <p className="notice trace-recovered" role="status">
        {t('trace.recovered', { message: recoveredFrom })}
      </p>
    );
  return null;
}
