import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'explain.generate':
      "Generating text is the whole forward pass on repeat: pick a token from the last position's distribution, append it to the input, and predict again. Recomputing every earlier position each time would waste work, so the model keeps each layer's keys and values (the KV cache) and runs only the one new token through the blocks. Each step below shows the distribution the token was drawn from, with the temperature, top-k, top-p and seed set above; the same settings and seed always give the same text.",
    'generate.count': 'Tokens to generate',
    'generate.button': 'Generate',
    'generate.stop': 'Stop',
    'generate.running': 'Generating… {n} of {total}',
    'generate.done': 'Done: {n} tokens, {ms} ms per token.',
    'generate.stopped': 'Stopped after {n} tokens.',
    'generate.full': 'Stopped after {n} tokens: the context window (n_positions) is full.',
    'generate.error': 'Generation failed: {message}',
    'generate.output': 'Prompt and continuation',
    'generate.steps': 'Each step',
    'generate.step': 'step',
    'generate.chosen': 'chosen token',
    'generate.p': 'its probability',
    'generate.candidates': 'most likely candidates',
    'generate.none': 'Press Generate to continue your prompt.',
  },
  'zh-CN': {
    'explain.generate':
      '生成文本就是不断重复整个前向传播：从最后一个位置的概率分布里选出一个词元，接到输入后面，再预测下一个。如果每次都把前面所有位置重新算一遍会很浪费，所以模型把每一层的键和值保存下来（KV 缓存），每一步只让新的那个词元穿过各个模块。下面每一步都列出了抽取词元所用的分布，温度、top-k、top-p 和种子使用上面的设置；设置和种子相同，生成的文本也一定相同。',
    'generate.count': '生成的词元数',
    'generate.button': '生成',
    'generate.stop': '停止',
    'generate.running': '生成中… 第 {n} 个，共 {total} 个',
    'generate.done': '完成：{n} 个词元，平均每个 {ms} 毫秒。',
    'generate.stopped': '已在第 {n} 个词元后停止。',
    'generate.full': '生成了 {n} 个词元后停止：上下文窗口（n_positions）已满。',
    'generate.error': '生成失败：{message}',
    'generate.output': '提示词与续写',
    'generate.steps': '每一步',
    'generate.step': '步',
    'generate.chosen': '选中的词元',
    'generate.p': '它的概率',
    'generate.candidates': '最可能的候选',
    'generate.none': '点击“生成”来续写你的提示词。',
  },
});
