/** "Previous stage" / "Next stage" buttons, where we are, and the arrow keys. */
import { useEffect } from 'react';
import { useT } from '../i18n';
import { useActions, useApp } from '../store';
import { isTypingTarget } from './keys';

export function Stepper() {
  const t = useT();
  const { previousStage, nextStage } = useActions();
  const stage = useApp((s) => s.selection.stage);
  const stages = useApp((s) => s.stages);
  const index = stages.indexOf(stage);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A chart that moves its own focus with the arrows marks the event handled.
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
      if (e.key === 'ArrowRight') nextStage();
      else if (e.key === 'ArrowLeft') previousStage();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nextStage, previousStage]);

  return (
    <div className="stepper">
      {/* Accessible names stay English in every language (tests and tools rely on them). */}
      <button type="button" aria-label="Previous stage" onClick={previousStage} disabled={index <= 0}>
        <span aria-hidden="true">← </span>
        {t('stepper.previous')}
      </button>
      <span className="stepper-position" aria-live="polite">
        {t('stepper.position', { n: index + 1, count: stages.length })}
      </span>
      <button type="button" aria-label="Next stage" onClick={nextStage} disabled={index >= stages.length - 1}>
        {t('stepper.next')}
        <span aria-hidden="true"> →</span>
      </button>
    </div>
  );
}
