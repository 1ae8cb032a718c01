import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'share.copy': 'Copy link',
    'share.title': 'Copy a link that opens this view: prompt, model, sampling settings, stage, layer, head and token',
    'share.copied': 'Link copied',
    'share.manual': 'The clipboard is not available here: copy this link',
  },
  'zh-CN': {
    'share.copy': '复制链接',
    'share.title': '复制一个能打开当前视图的链接：提示词、模型、采样设置、步骤、层、注意力头和词元',
    'share.copied': '链接已复制',
    'share.manual': '此处无法使用剪贴板：请手动复制这个链接',
  },
});
