/** One line under the nearest tokens: where the expected answer comes on the loaded model (see expected-answer.ts). */
import { useT } from '../../i18n';
import { tokenInfo } from '../../tokenizer';
import type { AnswerPlace } from './expected-answer';

export function ExpectedAnswer({ answer }: { answer: AnswerPlace }) {
  const t = useT();
  const token = tokenInfo(answer.id).display;
  const text =
    answer.kind === 'input'
      ? t('explorer.answer.input', { token })
      : answer.kind === 'listed'
        ? t('explorer.answer.listed', { token, rank: answer.rank, cos: answer.cosine.toFixed(3) })
        : t('explorer.answer.beyond', {
            token,
            n: answer.listed,
            cos: answer.cosine.toFixed(3),
            last: answer.lastCosine.toFixed(3),
          });
  return (
    <p
      className="explorer-answer"
      data-testid="explorer-answer"
      data-kind={answer.kind}
      data-token-id={answer.id}
      data-rank={answer.kind === 'listed' ? answer.rank : ''}
      data-cosine={answer.kind === 'input' ? '' : answer.cosine}
    >
      {text}
    </p>
  );
}
