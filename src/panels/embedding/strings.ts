import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'explain.embed':
      'Each token id picks one row of the token embedding matrix W_E: a list of n_embd numbers that the model learned during training. That is all an embedding is: a table lookup, no arithmetic. Tokens used in similar ways end up with similar rows. The rows of your prompt stack into a matrix of shape [T, n_embd], one row per token. W_E is also reused at the very end to turn vectors back into scores for every token (weight tying), so it is among the largest single tensors of GPT-2.',
    'embed.shape': 'Shape of this step: [{T}, {d}] (T tokens × n_embd).',
    'embed.params': 'W_E has shape [{vocab}, {d}] = {params} parameters.',
    'embed.caption': 'Rows of W_E for your tokens ({hook})',
    'embed.name': 'token embedding (row of W_E)',
    'embed.row': 'W_E[{id}]',
  },
  'zh-CN': {
    'explain.embed':
      '每个词元编号会在词元嵌入矩阵 W_E 中取出一行：这一行是训练时学到的 n_embd 个数。嵌入就是这么简单：查表，不做任何运算。用法相近的词元，学到的行也相近。把提示词中每个词元的行叠在一起，得到形状为 [T, n_embd] 的矩阵，每个词元一行。W_E 在最后一步还会再用一次，把向量变回对每个词元的打分（权重共享），所以它是 GPT-2 中最大的单个张量之一。',
    'embed.shape': '这一步的形状：[{T}, {d}]（T 个词元 × n_embd）。',
    'embed.params': 'W_E 的形状是 [{vocab}, {d}]，共 {params} 个参数。',
    'embed.caption': '你的词元在 W_E 中对应的行（{hook}）',
    'embed.name': '词元嵌入（W_E 的一行）',
    'embed.row': 'W_E[{id}]',
  },
});
