/**
 * The frame every experiment shares: a region with a stable English name (tests and tools
 * find it in any language), its title, what it measures, and what it does not show.
 */
import type { ReactNode } from 'react';
import { useT } from '../../i18n';

interface Props {
  /** The region's accessible name, English in every language. */
  name: string;
  title: string;
  explain: string;
  caveat?: string;
  testId: string;
  children: ReactNode;
}

export function ExperimentSection({ name, title, explain, caveat, testId, children }: Props) {
  const t = useT();
  return (
    <section className="experiment" role="region" aria-label={name} data-testid={testId}>
      <h3>{t(title)}</h3>
      <p className="explain">{t(explain)}</p>
      {caveat && <p className="caveat">{t(caveat)}</p>}
      {children}
    </section>
  );
}

/** "Computing…" while a request of the experiment runs. */
export function Busy({ when, text = 'exp.pending' }: { when: boolean; text?: string }) {
  const t = useT();
  if (!when) return null;
  return (
    <p className="muted" role="status">
      {t(text)}
    </p>
  );
}
