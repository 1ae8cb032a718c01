import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'surprisal.title': 'Surprisal',
    'surprisal.explain':
      "How surprised was the model by each token of your prompt? Surprisal is −log₂ p(token | the tokens before it), in bits: a token the model gave probability 1/2 costs 1 bit, one it gave 1/1,024 costs 10 bits. The probability is the model's own next-token prediction at the previous position. Dark tokens are the ones it did not see coming. The average over the prompt is the cross-entropy the model was trained to lower.",
    'surprisal.chart': 'Surprisal of each of the {n} prompt tokens, in bits',
    'surprisal.legend': 'colour: surprisal in bits (light = expected, dark = surprising)',
    'surprisal.tip.bits': 'surprisal',
    'surprisal.tip.p': 'p(token)',
    'surprisal.tip.guess': 'model’s top guess',
    'surprisal.first.short': 'none: nothing comes before the first token',
    'surprisal.first':
      'The first token, {token}, has no surprisal: nothing comes before it, so the model never made a prediction for it. (GPT-2 reads the prompt as it is, without a start token in front.)',
    'surprisal.mean': 'Average: {bits} bits per token (perplexity {ppl}).',
    'surprisal.mean.none': 'A single token has nothing to be predicted from.',
    'surprisal.detail': '{token} cost {bits} bits: the model gave it probability {p}.',
    'surprisal.rank': 'It was the model’s guess number {rank}.',
    'surprisal.rank.none': 'It was not among the model’s top {n} guesses.',
    'surprisal.guesses': 'What the model expected after {token}',
    'surprisal.col.token': 'token',
    'surprisal.col.p': 'p',
    'surprisal.col.bits': 'bits',
    'surprisal.actual': '(the actual token)',
  },
  'zh-CN': {
    'surprisal.title': '意外度',
    'surprisal.explain':
      '模型对提示词中的每个词元有多意外？意外度（surprisal）是 −log₂ p(词元 | 它前面的词元)，单位是比特：模型给出概率 1/2 的词元意外度为 1 比特，概率 1/1,024 的为 10 比特。这个概率就是模型在前一个位置对下一个词元的预测。颜色越深的词元，模型越没有料到。整段提示词的平均值就是模型训练时要降低的交叉熵。',
    'surprisal.chart': '提示词中 {n} 个词元各自的意外度（比特）',
    'surprisal.legend': '颜色：意外度（比特；浅色 = 意料之中，深色 = 出乎意料）',
    'surprisal.tip.bits': '意外度',
    'surprisal.tip.p': 'p(词元)',
    'surprisal.tip.guess': '模型的首选',
    'surprisal.first.short': '无：第一个词元前面什么都没有',
    'surprisal.first':
      '第一个词元 {token} 没有意外度：它前面什么都没有，模型从未对它做过预测。（GPT-2 直接读取提示词，前面不加起始词元。）',
    'surprisal.mean': '平均：每个词元 {bits} 比特（困惑度 {ppl}）。',
    'surprisal.mean.none': '只有一个词元时，没有可以用来预测它的上文。',
    'surprisal.detail': '{token} 的意外度为 {bits} 比特：模型给它的概率是 {p}。',
    'surprisal.rank': '它是模型的第 {rank} 个猜测。',
    'surprisal.rank.none': '它不在模型的前 {n} 个猜测之中。',
    'surprisal.guesses': '模型在 {token} 之后的预期',
    'surprisal.col.token': '词元',
    'surprisal.col.p': 'p',
    'surprisal.col.bits': '比特',
    'surprisal.actual': '（实际的词元）',
  },
});
