/**
 * The block's sub-steps as a numbered list (the current one marked), with previous / next.
 * On narrow screens the list scrolls sideways; the buttons always stay reachable.
 */
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n';
import { BLOCK_STEPS, stepBy, type BlockStep } from './steps';

export function StepNav({ step, onStep }: { step: BlockStep; onStep: (s: BlockStep) => void }) {
  const t = useT();
  const index = BLOCK_STEPS.indexOf(step);
  const list = useRef<HTMLOListElement>(null);
  // Keep the current step visible in the sideways-scrolling list without moving the page.
  useEffect(() => {
    const current = list.current?.querySelector<HTMLElement>('[aria-current="step"]');
    const box = list.current;
    if (!current || !box) return;
    const left = current.offsetLeft - box.offsetLeft;
    if (left < box.scrollLeft || left + current.offsetWidth > box.scrollLeft + box.clientWidth)
      box.scrollLeft = left - 8;
  }, [step]);
  return (
    <nav className="block-steps" aria-label={t('block.steps.label')}>
      <ol ref={list}>
        {BLOCK_STEPS.map((s, i) => (
          <li key={s}>
            <button
              type="button"
              aria-current={s === step ? 'step' : undefined}
              onClick={() => onStep(s)}
              data-step={s}
            >
              <span className="step-number">{i + 1}</span> {t(`block.step.${s}.short`)}
            </button>
          </li>
        ))}
      </ol>
      <div className="block-steps-buttons">
        <button type="button" onClick={() => onStep(stepBy(step, -1))} disabled={index === 0}>
          {t('block.steps.previous')}
        </button>
        <span aria-live="polite">{t('block.steps.position', { n: index + 1, count: BLOCK_STEPS.length })}</span>
        <button type="button" onClick={() => onStep(stepBy(step, 1))} disabled={index === BLOCK_STEPS.length - 1}>
          {t('block.steps.next')}
        </button>
      </div>
    </nav>
  );
}
