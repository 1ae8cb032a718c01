/** Strings of the UI pieces shared by several panels (src/ui/). */
import { defineStrings } from '../i18n/define';

export default defineStrings({
  en: {
    'vector.count': '({n} numbers)',
    'cell.where': 'token {token}, dimension {dim}',
    'panel.waiting': 'The numbers appear when the model has run on your prompt.',
    'legend.weights': 'colour: weight value (purple negative, orange positive)',
    'legend.activations': 'colour: activation value (blue negative, brown positive)',
    'export.svg': 'Download SVG',
    'export.png': 'Download PNG',
    'export.svg.title': 'Save "{name}" as an SVG file (vector, editable)',
    'export.png.title': 'Save "{name}" as a PNG image (twice the screen resolution)',
    'export.error': 'Could not save the chart: {message}',
  },
  'zh-CN': {
    'vector.count': '（共 {n} 个数）',
    'cell.where': '词元 {token}，第 {dim} 维',
    'panel.waiting': '模型在你的提示词上运行完后，这里会显示数字。',
    'legend.weights': '颜色：权重的数值（紫色为负，橙色为正）',
    'legend.activations': '颜色：激活值（蓝色为负，棕色为正）',
    'export.svg': '下载 SVG',
    'export.png': '下载 PNG',
    'export.svg.title': '将“{name}”保存为 SVG 文件（矢量图，可编辑）',
    'export.png.title': '将“{name}”保存为 PNG 图片（屏幕分辨率的两倍）',
    'export.error': '无法保存图表：{message}',
  },
});
