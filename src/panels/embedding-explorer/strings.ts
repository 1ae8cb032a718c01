import type { Strings } from '../../i18n/translate';

const strings: Strings = {
  en: {
    'explorer.title': 'Embedding explorer',
    'explorer.explain':
      "Every token's row of W_E is a point in n_embd-dimensional space. Tokens used in similar ways tend to end up pointing in similar directions, which cosine similarity measures (1 = same direction, 0 = unrelated, −1 = opposite). The famous test is vector arithmetic: does \" king\" − \" man\" + \" woman\" land near \" queen\"? Check it here rather than taking it on trust. Don't expect a clean answer from input embeddings: the sum usually stays closest to the input words themselves (which is why they are left out of the list), and whether \" queen\" then comes first is exactly what you can measure, for the bundled model here and for GPT-2 small once you load it. The numbers below are the loaded model's own; a small model trained on a small corpus shows much less of this structure than GPT-2 small.",
    'explorer.sum': 'Sum of tokens (+ and −)',
    'explorer.compare': 'Tokens to compare (comma-separated)',
    'explorer.space': 'add a leading space to each word (as mid-sentence)',
    'explorer.run': 'Explore',
    'explorer.pending': 'Searching W_E…',
    'explorer.error': 'The search failed: {message}',
    'explorer.nearest': 'Nearest tokens to {sum}',
    'explorer.excluded': 'By cosine over all rows of W_E. The input tokens ({tokens}) are excluded: the sum is usually closest to one of them.',
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
    'expr.multi': '“{word}” is {n} tokens ({pieces}), not one: a row of W_E belongs to a single token. Try another word, or toggle the leading space.',
    'expr.operator': 'Put exactly one + or − between two words.',
  },
  zh: {
    'explorer.title': '嵌入探索',
    'explorer.explain':
      '每个词元在 W_E 中的那一行，是 n_embd 维空间中的一个点。用法相近的词元，方向往往也相近，余弦相似度衡量的就是这一点（1 = 方向相同，0 = 无关，−1 = 相反）。最有名的检验是向量算术：" king" − " man" + " woman" 会不会落在 " queen" 附近？请在这里亲自验证，而不是直接相信。不要指望输入嵌入给出干净的答案：和向量通常离输入词本身最近（所以列表中排除了它们），排除之后 " queen" 是否排第一，正是你可以在这里测量的：对内置模型如此，加载 GPT-2 small 之后也可以测。下面的数字都来自当前加载的模型；在小语料上训练的小模型，这种结构远不如 GPT-2 small 明显。',
    'explorer.sum': '词元之和（+ 和 −）',
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
    'explorer.pca.note': '这些向量差异最大的两个方向；两者合计保留了 {pct}% 的离散程度。在这里靠得近的点，在被略去的维度上仍可能相距很远。虚线圆圈：和向量。',
    'expr.empty': '请至少输入一个词。',
    'expr.multi': '“{word}”由 {n} 个词元组成（{pieces}），不是一个：W_E 的一行只对应一个词元。换个词试试，或切换前导空格选项。',
    'expr.operator': '两个词之间请只放一个 + 或 −。',
  },
};

export default strings;
