/**
 * The first numbers of one vector written out, e.g. "W_E[464] = [0.0123, -0.0456, …] (768 numbers)".
 * The exact values are also in data-values, so a reader (or a test) can check them.
 */
import { formatValue } from './hover-info';
import { useT } from '../i18n';

export const PREVIEW_COUNT = 6;

export function VectorPreview({ name, values, testId }: { name: string; values: Float32Array; testId: string }) {
  const t = useT();
  const shown = Array.from(values.subarray(0, PREVIEW_COUNT));
  return (
    <p className="vector-preview" data-testid={testId} data-values={JSON.stringify(shown)}>
      <code>
        {name} = [{shown.map(formatValue).join(', ')}
        {values.length > PREVIEW_COUNT ? ', …' : ''}]
      </code>{' '}
      <span className="muted">{t('vector.count', { n: values.length })}</span>
    </p>
  );
}
