import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'explain.softmax':
      "Logits are unbounded scores. Softmax turns them into probabilities: p_i = exp(z_i / T) / Σ_j exp(z_j / T), all positive and adding up to 1. The temperature T is the sampler's knob, not part of the model: below 1 it sharpens the distribution towards the top token, above 1 it flattens it, and T = 0 means always taking the top token (argmax). Top-k keeps only the k most likely tokens; top-p keeps the smallest set whose probabilities add up to p. The survivors are renormalised and one token is drawn with a seeded random number generator, so the same seed always gives the same choice. None of this re-runs the model: it reuses the logits already computed.",
    'softmax.temperature': 'Temperature',
    'softmax.temperature.greedy': '0 = always the top token',
    'softmax.topk': 'Top-k',
    'softmax.topk.off': '0 = off',
    'softmax.topp': 'Top-p',
    'softmax.topp.off': '1 = off',
    'softmax.seed': 'Seed',
    'softmax.controls': 'Sampling settings',
    'softmax.bars': 'Most likely next tokens after {token}',
    'softmax.bar.value': '{p} · logit {logit}',
    'softmax.kept':
      '{n} tokens can be drawn after top-k and top-p; the {shown} shown here hold {mass} of the probability.',
    'softmax.sampled': 'With seed {seed}, the sampler draws {token} (id {id}).',
    'softmax.tip.prob': 'p = softmax(logit / T)',
    'softmax.tip.final': 'p after top-k / top-p',
    'softmax.tip.logit': 'logit',
    'softmax.tip.id': 'token id',
    'softmax.tip.origin': 'from',
    'softmax.tip.originText': 'logits at the last position, [vocab] = [{vocab}]',
  },
  'zh-CN': {
    'explain.softmax':
      'logit 是没有范围限制的分数。Softmax 把它们变成概率：p_i = exp(z_i / T) / Σ_j exp(z_j / T)，每个都是正数，加起来等于 1。温度 T 是采样器的旋钮，并不属于模型：小于 1 时分布更集中于最高的那个词元，大于 1 时分布更平坦，T = 0 表示总是选最高的词元（argmax）。Top-k 只保留概率最高的 k 个词元；top-p 保留概率累加达到 p 的最小集合。剩下的词元重新归一化，再用带种子的随机数生成器抽出一个，所以种子相同，抽中的词元也相同。这些都不需要重新运行模型：用的是已经算好的 logits。',
    'softmax.temperature': '温度',
    'softmax.temperature.greedy': '0 = 总是选最高的词元',
    'softmax.topk': 'Top-k',
    'softmax.topk.off': '0 = 关闭',
    'softmax.topp': 'Top-p',
    'softmax.topp.off': '1 = 关闭',
    'softmax.seed': '随机种子',
    'softmax.controls': '采样设置',
    'softmax.bars': '{token} 之后最可能出现的词元',
    'softmax.bar.value': '{p} · logit {logit}',
    'softmax.kept': '经过 top-k 和 top-p 后，有 {n} 个词元可能被抽中；这里列出的 {shown} 个共占 {mass} 的概率。',
    'softmax.sampled': '种子为 {seed} 时，采样器抽中 {token}（编号 {id}）。',
    'softmax.tip.prob': 'p = softmax(logit / T)',
    'softmax.tip.final': 'top-k / top-p 之后的 p',
    'softmax.tip.logit': 'logit',
    'softmax.tip.id': '词元编号',
    'softmax.tip.origin': '来源',
    'softmax.tip.originText': '最后一个位置的 logits，[vocab] = [{vocab}]',
  },
});
