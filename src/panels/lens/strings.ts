import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'lens.title': 'Logit lens',
    'lens.computing':
      'Reading out every layer boundary through the whole vocabulary ({layers} readouts of {T} tokens)…',
    'lens.explain':
      "What would GPT-2 predict if it stopped early? The logit lens takes the residual stream at each layer boundary, passes it through the final LayerNorm and the unembedding (exactly what happens after the last block) and reads off a next-token distribution. Each column is a position in your prompt, each row a depth: the top row reads the bare embeddings, the bottom row is the model's real output. Watch where the final guess first appears and how sure the model is at each depth. Early rows are only a rough probe: the intermediate stream was never trained to be read this way.",
    'lens.metric': 'Colour cells by',
    'lens.metric.top': 'probability of the top token',
    'lens.metric.next': 'probability of the actual next token',
    'lens.chart': 'Logit lens grid: {layers} layer boundaries by {T} positions',
    'lens.row.embed': 'embeddings',
    'lens.row.block': 'after block {block}',
    'lens.row.output': 'output (block {block})',
    'lens.tip.top': 'top 5',
    'lens.tip.next': 'actual next',
    'lens.none': 'none yet (last position)',
    'lens.legend':
      'Each cell: the most likely next token at that depth, and the probability chosen above (colour: cividis, dark = 0, yellow = 1). Grey: no next token yet.',
    'lens.detail': 'Depth: {row}. Following {token}, the model would predict:',
    'lens.detail.next':
      'The token that actually follows, {token}, has probability {p} at this depth ({final} at the output).',
    'lens.detail.last': 'This is the last position: nothing follows yet, so there is no actual next token to score.',
    'lens.settle': 'The final top guess, {token}, is the top guess from {row} onwards.',
    'lens.settle.embed': 'The final top guess, {token}, is already the top guess of the bare embeddings.',
  },
  'zh-CN': {
    'lens.title': '逻辑透镜（Logit lens）',
    'lens.computing': '正在把每一层边界的残差流读出到整个词表（{layers} 次读出，每次 {T} 个词元）…',
    'lens.explain':
      '如果 GPT-2 提前停下，它会预测什么？逻辑透镜取出每一层边界处的残差流，让它经过最终层归一化和反嵌入（也就是最后一个模块之后本来要做的事），读出一个下一个词元的分布。每一列是提示词中的一个位置，每一行是一个深度：最上面一行读的是原始嵌入，最下面一行就是模型真正的输出。看看最终的预测从哪一层开始出现，以及模型在每个深度有多大把握。前面几行只是粗略的探测：中间层的残差流从来没有被训练成可以这样读出。',
    'lens.metric': '单元格颜色表示',
    'lens.metric.top': '最可能词元的概率',
    'lens.metric.next': '实际下一个词元的概率',
    'lens.chart': '逻辑透镜网格：{layers} 个层边界 × {T} 个位置',
    'lens.row.embed': '嵌入',
    'lens.row.block': '模块 {block} 之后',
    'lens.row.output': '输出（模块 {block}）',
    'lens.tip.top': '前 5 名',
    'lens.tip.next': '实际下一个',
    'lens.none': '暂无（最后一个位置）',
    'lens.legend':
      '每个单元格：该深度下最可能的下一个词元，以及上面所选的概率（颜色：cividis，深色 = 0，黄色 = 1）。灰色：还没有下一个词元。',
    'lens.detail': '在“{row}”处读出，{token} 之后模型会预测：',
    'lens.detail.next': '实际跟在后面的词元 {token}，在这个深度的概率是 {p}（输出层为 {final}）。',
    'lens.detail.last': '这是最后一个位置：后面还没有词元，所以没有可以打分的实际下一个词元。',
    'lens.settle': '最终的首选 {token}，从“{row}”起一直是首选。',
    'lens.settle.embed': '最终的首选 {token}，在原始嵌入中就已经是首选。',
  },
});
