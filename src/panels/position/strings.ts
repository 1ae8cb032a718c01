import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'explain.position':
      'Attention by itself does not know the order of the tokens, so GPT-2 adds a second vector that says where each token stands. These come from W_P, a table with one learned row per position (0 to n_positions − 1), trained like any other weight; GPT-2 does not use the fixed sine and cosine waves of the original Transformer paper. Adding the token row and the position row gives the first state of the residual stream, shape [T, n_embd]: every block after this reads from it and adds its own result back to it.',
    'position.params': 'W_P has shape [{n}, {d}] = {params} parameters: one row per position the model can see.',
    'position.caption': 'Rows 0 … T−1 of W_P ({hook})',
    'position.sum.caption': 'Token row + position row: the residual stream at its start ({hook})',
    'position.name': 'position embedding (row of W_P)',
    'position.sum.name': 'residual stream, start (W_E row + W_P row)',
    'position.row': 'W_P[{position}]',
    'position.sum.row': 'x₀[{position}] = W_E[{id}] + W_P[{position}]',
  },
  'zh-CN': {
    'explain.position':
      '注意力机制本身不知道词元的先后顺序，所以 GPT-2 会再加上一个表示“这个词元在第几位”的向量。这些向量来自 W_P：一张表，每个位置（0 到 n_positions − 1）一行，和其他权重一样是训练出来的；GPT-2 没有采用原始 Transformer 论文里固定的正弦、余弦波。把词元的那一行和位置的那一行相加，就得到残差流的初始状态，形状为 [T, n_embd]：后面的每个模块都从这里读取，再把自己的结果加回来。',
    'position.params': 'W_P 的形状是 [{n}, {d}]，共 {params} 个参数：模型能看到的每个位置各一行。',
    'position.caption': 'W_P 的第 0 … T−1 行（{hook}）',
    'position.sum.caption': '词元行 + 位置行：残差流的起点（{hook}）',
    'position.name': '位置嵌入（W_P 的一行）',
    'position.sum.name': '残差流起点（W_E 行 + W_P 行）',
    'position.row': 'W_P[{position}]',
    'position.sum.row': 'x₀[{position}] = W_E[{id}] + W_P[{position}]',
  },
});
