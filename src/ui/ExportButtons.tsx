/**
 * "Download SVG" and "Download PNG" for one chart: the chart is whatever the ref points at
 * (an <svg>, a <canvas>, or a container of both). The page's background goes behind it,
 * so a dark-theme chart stays readable as a file. The chart is marked data-export-name and
 * the buttons data-export-for with the same name, so a test can check every chart has them.
 */
import { useEffect, useState, type RefObject } from 'react';
import { chartPng, chartSvg, fileSlug, saveBlob } from '../charts/export';
import { useT } from '../i18n';
import { messageOf } from '../store/limits';
import './export.css';

const pageBackground = () => getComputedStyle(document.body).backgroundColor || '#ffffff';

interface ExportProps {
  target: RefObject<HTMLElement | SVGSVGElement | null>;
  name: string;
}

export function ExportButtons({ target, name }: ExportProps) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    target.current?.setAttribute('data-export-name', name);
  });
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
    <span className="export-buttons" data-export-for={name}>
      <button
        type="button"
        className="small"
        aria-label={t('export.svg')}
        title={t('export.svg.title', { name })}
        onClick={() => void run('svg')}
      >
        SVG ↓
      </button>
      <button
        type="button"
        className="small"
        aria-label={t('export.png')}
        title={t('export.png.title', { name })}
        onClick={() => void run('png')}
      >
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

/** The buttons on a line of their own, right-aligned above a chart that has no caption to hold them. */
export function ExportRow(props: ExportProps) {
  return (
    <div className="export-row">
      <ExportButtons {...props} />
    </div>
  );
}
