/**
 * "Download SVG" and "Download PNG" for one chart: the chart is whatever the ref points at
 * (an <svg>, a <canvas>, or a container of both). The page's background goes behind it,
 * so a dark-theme chart stays readable as a file.
 */
import { useState, type RefObject } from 'react';
import { chartPng, chartSvg, fileSlug, saveBlob } from '../../charts/export';
import { useT } from '../../i18n';
import { messageOf } from '../../store/limits';
import './export.css';

const pageBackground = () => getComputedStyle(document.body).backgroundColor || '#ffffff';

export function ExportButtons({ target, name }: { target: RefObject<HTMLElement | SVGSVGElement | null>; name: string }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const run = async (format: 'svg' | 'png') => {
    const el = target.current;
    if (!el) return;
    try {
      setError(null);
      const blob =
        format === 'svg'
          ? new Blob([chartSvg(el, pageBackground()).markup], { type: 'image/svg+xml' })
          : await chartPng(el, pageBackground());
      saveBlob(blob, `${fileSlug(name)}.${format}`);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <span className="export-buttons">
      <button type="button" className="small" aria-label={t('export.svg')} title={t('export.svg.title', { name })} onClick={() => void run('svg')}>
        SVG ↓
      </button>
      <button type="button" className="small" aria-label={t('export.png')} title={t('export.png.title', { name })} onClick={() => void run('png')}>
        PNG ↓
      </button>
      {error && (
        <span className="error" role="alert">
          {t('export.error', { message: error })}
        </span>
      )}
    </span>
  );
}
