/** A problem with an experiment's input or run, in the page's language, with the reassurance that nothing was lost. */
import { useT } from '../../i18n';
import type { Problem } from '../../store/experiment-inputs';

export function ProblemLine({ problem }: { problem: Problem | null }) {
  const t = useT();
  if (!problem) return null;
  const vars = { ...problem.vars };
  // Roles are ids ("clean", "answer"), said in the page's language.
  if (typeof vars.role === 'string') vars.role = t(`exp.role.${vars.role}`);
  return (
    <p className="error" role="alert" data-testid="experiment-problem">
      {t(problem.key, vars)} {problem.key === 'exp.problem.runtime' ? '' : t('exp.problem.kept')}
    </p>
  );
}
