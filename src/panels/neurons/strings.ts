import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'neuron.title': 'Neuron view',
    'neuron.explain':
      "Where does one attention score come from? The query token's q vector and a key token's k vector (both d_head numbers for the selected head) are multiplied dimension by dimension; the products are added up; the sum is divided by √d_head; the softmax over all keys turns it into the weight the query gives that key. Dimensions where q and k have the same sign push the score up (brown products), opposite signs push it down (blue).",
    'neuron.query': 'Query: {token}, head {head}, layer {layer}.',
    'neuron.key': 'Key token',
    'neuron.q': 'q (query)',
    'neuron.k': 'k (key)',
    'neuron.product': 'q × k',
    'neuron.dim': 'dimension {i}',
    'neuron.chart': 'Query vector, key vector and their elementwise product for head {head} ({dHead} dimensions)',
    'neuron.sum': 'Sum of the {n} products: {sum} (the trace’s q · k: {traced}).',
    'neuron.scaled':
      'Divided by √{d} = {root}: score {scaled}. After the softmax over the keys, the query gives this key weight {weight}.',
    'neuron.masked': 'This key comes after the query: the causal mask sets its score to −∞, so its weight is 0.',
    'mlp.title': 'MLP neurons',
    'mlp.explain':
      "The MLP widens each token's vector to {n} neurons, applies GELU and narrows it back. These are the neurons firing hardest for the selected token in this layer, after GELU (and before it, for comparison). Pick one to see how strongly it fires on every token of your prompt: some neurons respond to a particular word, position or pattern.",
    'mlp.top': 'Most active neurons for {token} in layer {layer}',
    'mlp.neuron': 'neuron',
    'mlp.post': 'after GELU',
    'mlp.pre': 'before GELU',
    'mlp.ablate': 'switch off',
    'mlp.choose': 'Neuron',
    'mlp.chart': 'Activation of neuron {neuron} of layer {layer} on each token of the prompt',
    'mlp.across': 'Neuron {neuron} of layer {layer} ({hook}) on each token; the selected token is darker.',
  },
  'zh-CN': {
    'neuron.title': '神经元视图',
    'neuron.explain':
      '一个注意力分数是怎么来的？查询词元的 q 向量和某个键词元的 k 向量（在所选注意力头中各有 d_head 个数）逐维相乘，再把乘积加起来；和除以 √d_head；对所有键做 softmax 之后，就得到查询分给这个键的权重。q 和 k 同号的维度会把分数往上推（棕色乘积），异号的往下拉（蓝色）。',
    'neuron.query': '查询：{token}，第 {head} 个头，第 {layer} 层。',
    'neuron.key': '键词元',
    'neuron.q': 'q（查询）',
    'neuron.k': 'k（键）',
    'neuron.product': 'q × k',
    'neuron.dim': '第 {i} 维',
    'neuron.chart': '第 {head} 个头的查询向量、键向量及其逐元素乘积（{dHead} 维）',
    'neuron.sum': '{n} 个乘积之和：{sum}（追踪中的 q · k：{traced}）。',
    'neuron.scaled': '除以 √{d} = {root}：分数为 {scaled}。对所有键做 softmax 后，查询分给这个键的权重是 {weight}。',
    'neuron.masked': '这个键在查询之后：因果掩码把它的分数设为 −∞，所以权重为 0。',
    'mlp.title': 'MLP 神经元',
    'mlp.explain':
      'MLP 把每个词元的向量扩展到 {n} 个神经元，经过 GELU 后再压缩回来。这里列出在这一层中对所选词元激活最强的神经元（GELU 之后的值，以及 GELU 之前的值作对比）。选一个神经元，看看它在提示词的每个词元上有多活跃：有些神经元只对某个词、某个位置或某种模式有反应。',
    'mlp.top': '{token} 在第 {layer} 层中激活最强的神经元',
    'mlp.neuron': '神经元',
    'mlp.post': 'GELU 之后',
    'mlp.pre': 'GELU 之前',
    'mlp.ablate': '关闭',
    'mlp.choose': '神经元',
    'mlp.chart': '第 {layer} 层第 {neuron} 号神经元在提示词每个词元上的激活值',
    'mlp.across': '第 {layer} 层第 {neuron} 号神经元（{hook}）在每个词元上的激活；所选词元颜色较深。',
  },
});
