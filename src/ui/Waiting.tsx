/** Shown instead of a panel's numbers until the model has traced the prompt. */
import { useT } from '../i18n';

export function Waiting() {
  const t = useT();
  return <p className="muted waiting">{t('panel.waiting')}</p>;
}
