import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'explain.final':
      "After the last block, each token's residual vector goes through one more LayerNorm (ln_f), which rescales it to a standard size: the stream's length has grown block by block. Then GPT-2 scores every token of the vocabulary by taking the dot product of that vector with each token's row of W_E, the same matrix that embedded the input (weights are tied: there is no separate output matrix and no bias). The result is one score, a logit, per vocabulary entry: shape [T, vocab]. The logits at the last position are the model's opinion about the token that comes next; at earlier positions they are its guess for the token that actually followed.",
    'final.norms': 'Length of the residual vector of {token} at each layer boundary: {values}',
    'final.caption': 'Final LayerNorm output ({hook})',
    'final.name': 'final LayerNorm output',
    'final.formula': 'logits = ln_f(x) · W_Eᵀ, shape [{T}, {vocab}]: {vocab} scores for each position.',
    'final.position': 'Next-token prediction after {token}',
    'final.last': '(the last position: this is what the model would say next)',
    'final.actual': 'The token that actually follows, {token}, gets probability {p} here.',
    'final.entropy': 'Entropy of this distribution: {h} nats.',
    'final.table': 'Highest logits after {token}',
    'final.rank': '#',
    'final.token': 'token',
    'final.id': 'id',
    'final.logit': 'logit',
    'final.prob': 'p at T = 1',
  },
  'zh-CN': {
    'explain.final':
      '经过最后一个模块后，每个词元的残差向量还要再做一次层归一化（ln_f），把它缩放到标准的大小：残差流的长度是一层层增长起来的。接着，GPT-2 用这个向量和 W_E 中每个词元的那一行做点积，为词表里的每个词元打分；W_E 正是开头做嵌入的那个矩阵（权重共享：没有单独的输出矩阵，也没有偏置）。结果是词表中每一项各一个分数，称为 logit，形状为 [T, vocab]。最后一个位置的 logits 是模型对下一个词元的判断；前面各位置的 logits 是它对实际跟在后面的那个词元的猜测。',
    'final.norms': '{token} 的残差向量在各层边界处的长度：{values}',
    'final.caption': '最终层归一化的输出（{hook}）',
    'final.name': '最终层归一化的输出',
    'final.formula': 'logits = ln_f(x) · W_Eᵀ，形状为 [{T}, {vocab}]：每个位置 {vocab} 个分数。',
    'final.position': '{token} 之后的下一个词元预测',
    'final.last': '（最后一个位置：也就是模型接下来要说的）',
    'final.actual': '实际跟在后面的词元 {token}，在这里的概率是 {p}。',
    'final.entropy': '这个分布的熵：{h} 奈特。',
    'final.table': '{token} 之后 logit 最高的词元',
    'final.rank': '#',
    'final.token': '词元',
    'final.id': '编号',
    'final.logit': 'logit',
    'final.prob': 'T = 1 时的概率',
  },
});
