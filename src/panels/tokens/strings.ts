import { defineStrings } from '../../i18n/define';

export default defineStrings({
  en: {
    'explain.tokens':
      'GPT-2 never sees letters. Its tokenizer cuts the text into pieces from a fixed vocabulary of 50,257 byte-level BPE tokens and replaces each piece by its id. Frequent words are one piece, usually with their leading space (shown as ␣) attached; rare words split into several pieces. A character that is several bytes in UTF-8 (many emoji, most Chinese characters) may be split across tokens: those pieces are shown as raw bytes like <E4 BD>. Everything that follows works on these ids, one position per token.',
    'tokens.count': '{n} tokens',
    'tokens.limit': 'of at most {max} (n_positions: GPT-2 has one learned position embedding per position)',
    'tokens.dropped': 'The prompt is {n} tokens too long: the model sees only the last {max}.',
    'tokens.none': 'No tokens yet: type a prompt.',
    'tokens.list': 'Token pieces of the prompt',
    'tokens.detail.id': 'id',
    'tokens.detail.bytes': 'bytes (UTF-8)',
    'tokens.detail.text': 'text',
    'tokens.detail.partial': 'These bytes are only part of a character: the neighbouring token holds the rest.',
    'tokens.detail.title': 'Token at position {position}',
  },
  'zh-CN': {
    'explain.tokens':
      'GPT-2 看不到字母。分词器先把文本切成小块，每一块都来自一个固定的词表（50,257 个字节级 BPE 词元），再把每一块换成它的编号。常见的词是一整块，前面的空格通常也算在里面（显示为 ␣）；少见的词会被拆成好几块。在 UTF-8 中占多个字节的字符（很多表情符号、大部分汉字）可能被拆到不同的词元里，这样的块会显示为原始字节，例如 <E4 BD>。后面的每一步都只处理这些编号，每个词元占一个位置。',
    'tokens.count': '{n} 个词元',
    'tokens.limit': '上限 {max} 个（n_positions：GPT-2 为每个位置学习了一个位置嵌入）',
    'tokens.dropped': '提示词超出了 {n} 个词元：模型只看最后 {max} 个。',
    'tokens.none': '还没有词元：请输入提示词。',
    'tokens.list': '提示词切分出的词元',
    'tokens.detail.id': '编号',
    'tokens.detail.bytes': '字节（UTF-8）',
    'tokens.detail.text': '文本',
    'tokens.detail.partial': '这些字节只是一个字符的一部分，其余部分在相邻的词元里。',
    'tokens.detail.title': '位置 {position} 的词元',
  },
});
