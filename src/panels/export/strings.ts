import type { Strings } from '../../i18n/translate';

const strings: Strings = {
  en: {
    'export.svg': 'Download SVG',
    'export.png': 'Download PNG',
    'export.svg.title': 'Save "{name}" as an SVG file (vector, editable)',
    'export.png.title': 'Save "{name}" as a PNG image (twice the screen resolution)',
    'export.error': 'Could not save the chart: {message}',
  },
  zh: {
    'export.svg': '下载 SVG',
    'export.png': '下载 PNG',
    'export.svg.title': '将“{name}”保存为 SVG 文件（矢量图，可编辑）',
    'export.png.title': '将“{name}”保存为 PNG 图片（屏幕分辨率的两倍）',
    'export.error': '无法保存图表：{message}',
  },
};

export default strings;
