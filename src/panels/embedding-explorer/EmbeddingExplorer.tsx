/**
 * The embedding explorer: W_E's geometry, read from the loaded model. Type a sum of
 * tokens ("king - man + woman") to see the nearest tokens to it by cosine (the input
 * tokens left out, and the panel says so) and where the answer you expect ("queen") comes,
 * measured on the loaded model; and a list of tokens to compare: their dot products and
 * cosines, and a 2-D PCA projection of their rows together with the sum.
 * The rows and the search come from the worker; the comparisons are computed here
 * with the pure functions of src/analysis.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { parseExpression, parseOptionalToken, parseTokenList, type ExpressionError } from '../../analysis/expression';
import { pca2 } from '../../analysis/pca';
import { cosine, dot, rowOf, signedSum } from '../../analysis/vectors';
import { useT } from '../../i18n';
import { useActions, useApp } from '../../store';
import { tokenInfo } from '../../tokenizer';
import { formatValue } from '../../ui/hover-info';
import { useWidth } from '../../ui/use-width';
import { ExportButtons } from '../../ui/ExportButtons';
import { ExpectedAnswer } from './ExpectedAnswer';
import { expectedAnswer } from './expected-answer';
import { drawScatter, type ScatterPoint } from './scatter-chart';
import '../../ui/explore-panel.css';
import './explorer.css';

const DEFAULT_SUM = 'king - man + woman';
const DEFAULT_COMPARE = 'king, queen, man, woman, prince, princess, boy, girl';
const DEFAULT_EXPECTED = 'queen';

const display = (id: number) => tokenInfo(id).display;

export function EmbeddingExplorer() {
  const t = useT();
  const { exploreEmbeddings } = useActions();
  const ready = useApp((s) => s.model.phase === 'ready');
  const modelId = useApp((s) => s.model.modelId);
  const explorer = useApp((s) => s.explorer);
  const [sum, setSum] = useState(DEFAULT_SUM);
  const [compare, setCompare] = useState(DEFAULT_COMPARE);
  const [expected, setExpected] = useState(DEFAULT_EXPECTED);
  const [leadingSpace, setLeadingSpace] = useState(true);
  const [inputError, setInputError] = useState<ExpressionError | null>(null);
  const wrap = useRef<HTMLElement>(null);
  const scatter = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const terms = parseExpression(sum, leadingSpace);
    const list = parseTokenList(compare, leadingSpace);
    const answer = parseOptionalToken(expected, leadingSpace);
    const bad = !terms.ok ? terms.error : !list.ok ? list.error : !answer.ok ? answer.error : null;
    setInputError(bad);
    if (!terms.ok || !list.ok || !answer.ok) return;
    void exploreEmbeddings(
      terms.value.map((term) => ({ id: term.token.id, sign: term.sign })),
      list.value.map((tok) => tok.id),
      answer.value?.id ?? null,
    );
  };
  // Run the default query once a model is ready, and again for each new model.
  useEffect(() => {
    if (ready) submit();
  }, [ready, modelId]);

  const derived = useMemo(() => {
    const { rows, rowIds, terms, compare: ids } = explorer;
    if (!rows) return null;
    const row = (id: number) => rowOf(rows, rowIds.indexOf(id));
    const sumVector = signedSum(terms.map((term) => ({ sign: term.sign, vector: row(term.id) })));
    const vectors = ids.map(row);
    const projection = pca2([...vectors, sumVector]);
    return {
      sumVector,
      pairs: ids.map((a) => ids.map((b) => ({ dot: dot(row(a), row(b)), cos: cosine(row(a), row(b)) }))),
      toSum: ids.map((id) => cosine(row(id), sumVector)),
      projection,
      answer: expectedAnswer(explorer, row, sumVector),
    };
  }, [explorer]);

  const sumLabel = explorer.terms
    .map((term, i) => `${term.sign < 0 ? '−' : i > 0 ? '+' : ''}${display(term.id)}`)
    .join(' ');

  useEffect(() => {
    if (!scatter.current || !derived) return;
    const { points, explained } = derived.projection;
    const data: ScatterPoint[] = points.map(([x, y], i) => ({
      x,
      y,
      label: i < explorer.compare.length ? display(explorer.compare[i]) : sumLabel,
      derived: i === explorer.compare.length,
    }));
    drawScatter(scatter.current, data, {
      width: width - 8,
      label: t('explorer.pca.chart', { n: explorer.compare.length }),
      xTitle: t('explorer.pca.axis', { n: 1, pct: (explained[0] * 100).toFixed(0) }),
      yTitle: t('explorer.pca.axis', { n: 2, pct: (explained[1] * 100).toFixed(0) }),
    });
  }, [derived, width, t, explorer.compare, sumLabel]);

  return (
    <section className="explore-panel explorer-panel" aria-labelledby="explorer-title" ref={wrap}>
      <h3 id="explorer-title">{t('explorer.title')}</h3>
      <p className="explain">{t('explorer.explain')}</p>
      <form className="explorer-form" onSubmit={submit}>
        <label>
          {t('explorer.sum')}
          <input type="text" value={sum} onChange={(e) => setSum(e.target.value)} spellCheck={false} />
        </label>
        <label>
          {t('explorer.expected')}
          <input type="text" value={expected} onChange={(e) => setExpected(e.target.value)} spellCheck={false} />
        </label>
        <label>
          {t('explorer.compare')}
          <input type="text" value={compare} onChange={(e) => setCompare(e.target.value)} spellCheck={false} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={leadingSpace} onChange={(e) => setLeadingSpace(e.target.checked)} />{' '}
          {t('explorer.space')}
        </label>
        <button type="submit" disabled={!ready}>
          {t('explorer.run')}
        </button>
      </form>
      {inputError && (
        <p className="error" role="alert">
          {t(inputError.key, inputError.vars)}
        </p>
      )}
      {explorer.error && (
        <p className="error" role="alert">
          {t('explorer.error', { message: explorer.error })}
        </p>
      )}
      {explorer.pending && <p className="muted">{t('explorer.pending')}</p>}
      {explorer.neighbours && derived && (
        <div className="explorer-results">
          <div>
            <h4>{t('explorer.nearest', { sum: sumLabel })}</h4>
            <p className="muted">
              {t('explorer.excluded', { tokens: explorer.terms.map((term) => display(term.id)).join(', ') })}
            </p>
            {derived.answer && <ExpectedAnswer answer={derived.answer} />}
            <ol className="neighbours" data-testid="explorer-neighbours">
              {explorer.neighbours.map((n) => (
                <li key={n.id} data-token-id={n.id} data-cosine={n.cosine}>
                  <code>{display(n.id)}</code> <span className="muted">cos {n.cosine.toFixed(3)}</span>
                </li>
              ))}
            </ol>
          </div>
          <div className="explorer-table-wrap">
            <table className="prediction-table explorer-table" data-testid="explorer-pairs">
              <caption>{t('explorer.pairs')}</caption>
              <thead>
                <tr>
                  <th scope="col" />
                  {explorer.compare.map((id) => (
                    <th key={id} scope="col">
                      <code>{display(id)}</code>
                    </th>
                  ))}
                  <th scope="col">{t('explorer.toSum')}</th>
                </tr>
              </thead>
              <tbody>
                {explorer.compare.map((a, i) => (
                  <tr key={a}>
                    <th scope="row">
                      <code>{display(a)}</code>
                    </th>
                    {derived.pairs[i].map((p, j) => (
                      <td
                        key={j}
                        data-cosine={p.cos}
                        data-dot={p.dot}
                        title={t('explorer.cell', {
                          a: display(a),
                          b: display(explorer.compare[j]),
                          dot: formatValue(p.dot),
                          cos: p.cos.toFixed(3),
                        })}
                      >
                        {p.cos.toFixed(2)}
                        <span className="muted dot">{formatValue(p.dot)}</span>
                      </td>
                    ))}
                    <td data-cosine={derived.toSum[i]}>{derived.toSum[i].toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">{t('explorer.pairs.legend')}</p>
          </div>
          <div className="explorer-scatter">
            <div className="explore-controls">
              <h4>{t('explorer.pca')}</h4>
              <ExportButtons target={scatter} name={t('explorer.pca')} />
            </div>
            <svg ref={scatter} data-testid="explorer-pca" />
            <p className="muted">
              {t('explorer.pca.note', {
                pct: ((derived.projection.explained[0] + derived.projection.explained[1]) * 100).toFixed(0),
              })}
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
