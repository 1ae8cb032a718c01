/** Strings shared by several panels. */
import type { Strings } from '../../i18n/translate';

const strings: Strings = {
  en: {
    'vector.count': '({n} numbers)',
    'cell.where': 'token {token}, dimension {dim}',
    'panel.waiting': 'The numbers appear when the model has run on your prompt.',
    'panel.selected': 'Selected token: {token} (position {position})',
    'panel.selectHint': 'Pick a token on the Tokens stage, or click a row, to follow it.',
    'legend.weights': 'colour: weight value (purple negative, orange positive)',
    'legend.activations': 'colour: activation value (blue negative, brown positive)',
  },
  zh: {
    'vector.count': '（共 {n} 个数）',
    'cell.where': '词元 {token}，第 {dim} 维',
    'panel.waiting': '模型在你的提示词上运行完后，这里会显示数字。',
    'panel.selected': '当前词元：{token}（位置 {position}）',
    'panel.selectHint': '在“词元切分”一步中选一个词元，或点击某一行，来跟踪它。',
    'legend.weights': '颜色：权重的数值（紫色为负，橙色为正）',
    'legend.activations': '颜色：激活值（蓝色为负，棕色为正）',
  },
};

export default strings;
