import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'explorer.title': 'Embedding explorer',
    'explorer.explain':
      'Every token\'s row of W_E is a point in n_embd-dimensional space. Tokens used in similar ways tend to point in similar directions, which cosine similarity measures (1 = same direction, 0 = unrelated, −1 = opposite). The famous test is vector arithmetic: does " king" − " man" + " woman" land near " queen"? That result comes from word2vec (Mikolov and colleagues, 2013), under a rule this panel keeps too: the input words may not be the answer, because the sum is usually nearest to one of them. Type the answer you expect and the panel reports where it comes for the loaded model, computed now, not quoted. Compare places rather than raw cosines: in the bundled 4-layer model two random tokens\' rows already have a cosine of about 0.94 on average, so a high cosine alone means little there (its model card lists ten analogies measured this way).',
    'explorer.sum': 'Sum of tokens (+ and −)',
    'explorer.expected': 'Expected answer (optional)',
    'explorer.answer.listed':
      'Measured on the loaded model: {token} comes #{rank} among all tokens (inputs left out), cosine {cos}.',
    'explorer.answer.beyond':
      'Measured on the loaded model: {token} is not among the {n} nearest tokens. Its cosine to the sum is {cos}; the last one listed (#{n}) has {last}.',
    'explorer.answer.input': '{token} is one of the inputs, which are left out of the ranking.',
    'explorer.compare': 'Tokens to compare (comma-separated)',
    'explorer.space': 'add a leading space to each word (as mid-sentence)',
    'explorer.run': 'Explore',
    'explorer.pending': 'Searching W_E…',
    'explorer.error': 'The search failed: {message}',
    'explorer.nearest': 'Nearest tokens to {sum}',
    'explorer.excluded':
      'By cosine over all rows of W_E. The input tokens ({tokens}) are excluded: the sum is usually closest to one of them.',
    'explorer.pairs': 'Cosine similarity (and dot product, below) between the chosen tokens’ rows of W_E',
    'explorer.toSum': 'cos to sum',
    'explorer.cell': '{a} · {b}: dot product {dot}, cosine {cos}',
    'explorer.pairs.legend': 'The last column is each token’s cosine with the sum above.',
    'explorer.pca': '2-D projection (PCA) of the chosen rows and the sum',
    'explorer.pca.chart': 'Principal-component projection of {n} token embeddings and their sum',
    'explorer.pca.axis': 'PC{n} ({pct}% of the variance)',
    'explorer.pca.note':
      'The two directions along which these vectors differ most; together they keep {pct}% of their spread. Points close here may still be far apart in the dimensions left out. Dashed circle: the sum.',
    'expr.empty': 'Type at least one word.',
    'expr.multi':
      '“{word}” is {n} tokens ({pieces}), not one: a row of W_E belongs to a single token. Try another word, or toggle the leading space.',
    'expr.operator': 'Put exactly one + or − between two words.',
  },
  'zh-CN': {
    'explorer.title': '嵌入探索',
    'explorer.explain':
      '每个词元在 W_E 中的那一行，是 n_embd 维空间中的一个点。用法相近的词元，方向往往也相近，余弦相似度衡量的就是这一点（1 = 方向相同，0 = 无关，−1 = 相反）。最有名的检验是向量算术：" king" − " man" + " woman" 会不会落在 " queen" 附近？这个结果来自 word2vec（Mikolov 等人，2013），并遵循一条本面板同样遵守的规则：输入词本身不能作为答案，因为和向量通常离其中之一最近。填入你期望的答案，面板会报告它在当前加载的模型中排第几：这是现场计算的结果，而不是引用的结论。请比较名次而不是余弦的大小：在内置的 4 层模型中，随便两个词元的行之间的余弦平均约 0.94，所以单看余弦高低说明不了什么（它的模型卡列出了用这种方法测得的十个类比）。',
    'explorer.sum': '词元之和（+ 和 −）',
    'explorer.expected': '期望的答案（可选）',
    'explorer.answer.listed': '在当前加载的模型上测得：{token} 在所有词元中排第 {rank}（输入词元除外），余弦 {cos}。',
    'explorer.answer.beyond':
      '在当前加载的模型上测得：{token} 不在最接近的 {n} 个词元之中。它与和向量的余弦为 {cos}；列表最后一个（第 {n} 名）为 {last}。',
    'explorer.answer.input': '{token} 是输入词元之一，已从排名中排除。',
    'explorer.compare': '要比较的词元（用逗号分隔）',
    'explorer.space': '给每个词前面加一个空格（像在句子中间那样）',
    'explorer.run': '探索',
    'explorer.pending': '正在搜索 W_E…',
    'explorer.error': '搜索失败：{message}',
    'explorer.nearest': '与 {sum} 最接近的词元',
    'explorer.excluded': '按与 W_E 所有行的余弦相似度排序。输入的词元（{tokens}）已排除：和向量通常离它们之一最近。',
    'explorer.pairs': '所选词元在 W_E 中各行之间的余弦相似度（下方小字为点积）',
    'explorer.toSum': '与和的余弦',
    'explorer.cell': '{a} · {b}：点积 {dot}，余弦 {cos}',
    'explorer.pairs.legend': '最后一列是每个词元与上面那个和向量的余弦相似度。',
    'explorer.pca': '所选行与和向量的二维投影（PCA）',
    'explorer.pca.chart': '{n} 个词元嵌入及其和的主成分投影',
    'explorer.pca.axis': '第 {n} 主成分（占方差的 {pct}%）',
    'explorer.pca.note':
      '这些向量差异最大的两个方向；两者合计保留了 {pct}% 的离散程度。在这里靠得近的点，在被略去的维度上仍可能相距很远。虚线圆圈：和向量。',
    'expr.empty': '请至少输入一个词。',
    'expr.multi':
      '“{word}”由 {n} 个词元组成（{pieces}），不是一个：W_E 的一行只对应一个词元。换个词试试，或切换前导空格选项。',
    'expr.operator': '两个词之间请只放一个 + 或 −。',
  },
});
