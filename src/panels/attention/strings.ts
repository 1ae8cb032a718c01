/** The attention view's strings, English and Simplified Chinese, with the same keys (merged by src/i18n). */
import type { Strings } from '../../i18n';

const en: Record<string, string> = {
  'attention.title': 'Attention',
  'attention.explain':
    "Click a token (or move with the arrow keys and press Enter). Each coloured line is one of layer {layer}'s {nHead} heads; the thicker and darker a line, the more attention flows along it. A head moves information only along its lines, from the key on the right into the query on the left. Point at a token to preview it; click a head's swatch to hide or show it.",
  'attention.direction.label': 'Direction',
  'attention.direction.from': 'This token attends to',
  'attention.direction.to': 'Attended to by',
  'attention.heads.label': 'Heads shown',
  'attention.heads.toggle': 'Show or hide head {head}',
  'attention.heads.all': 'All heads',
  'attention.heads.only': 'Only head {head}',
  'attention.focus.from': 'Where {token} looks in layer {layer}',
  'attention.focus.to': 'Which tokens look at {token} in layer {layer}',
  'attention.preview': '(preview: click to select)',
  'attention.column.query': 'Queries: the tokens doing the looking',
  'attention.column.key': 'Keys: the tokens being looked at',
  'attention.tokenButton': 'Select token {token}',
  'attention.linesLabel.from': 'Lines from {token} to the tokens it attends to in layer {layer}',
  'attention.linesLabel.to': 'Lines to {token} from the tokens that attend to it in layer {layer}',
  'attention.lines.exportName': 'Attention lines',
  'attention.tip.weight': 'attention weight, layer {layer}, head {head}',
  'attention.tip.pair': 'query {query} → key {key}',
  'attention.summary.caption.from': 'Where each head looks (largest weights)',
  'attention.summary.caption.to': 'Who looks at this token, head by head (largest weights)',
  'attention.summary.head': 'Head',
  'attention.summary.top': 'Largest weights',
  'attention.heatmap.caption': 'The whole pattern of layer {layer}, head {head} (rows: queries, columns: keys)',
  'attention.grid.caption.from':
    'Every layer × head at once: where {token} looks. Each bar is a position, its height the weight. Click a cell to open that head.',
  'attention.grid.caption.to':
    'Every layer × head at once: how much each position attends to {token}. Click a cell to open that head.',
  'attention.grid.label.from': 'Where {token} looks, in every layer and head',
  'attention.grid.label.to': 'Who looks at {token}, in every layer and head',
  'attention.grid.exportName': 'Attention in every layer and head',
  'attention.grid.cell': 'Open layer {layer}, head {head}',
  'attention.grid.layerTick': 'L{layer}',
  'attention.grid.headTick': 'H{head}',
};

const zh: Record<string, string> = {
  'attention.title': '注意力',
  'attention.explain':
    '点击一个词元（也可以用方向键移动、按回车选中）。每条彩色连线代表第 {layer} 层 {nHead} 个头中的一个；线越粗、颜色越深，沿它流动的注意力越多。一个头只沿着自己的连线搬运信息：从右边的键流入左边的查询。把指针移到词元上可以预览；点击某个头的色块可以隐藏或显示它。',
  'attention.direction.label': '方向',
  'attention.direction.from': '这个词元关注谁',
  'attention.direction.to': '谁在关注它',
  'attention.heads.label': '显示的头',
  'attention.heads.toggle': '显示或隐藏头 {head}',
  'attention.heads.all': '全部的头',
  'attention.heads.only': '只看头 {head}',
  'attention.focus.from': '第 {layer} 层中 {token} 在看哪里',
  'attention.focus.to': '第 {layer} 层中哪些词元在看 {token}',
  'attention.preview': '（预览：点击即可选中）',
  'attention.column.query': '查询：发出关注的词元',
  'attention.column.key': '键：被关注的词元',
  'attention.tokenButton': '选中词元 {token}',
  'attention.linesLabel.from': '第 {layer} 层中从 {token} 连向它所关注词元的连线',
  'attention.linesLabel.to': '第 {layer} 层中从关注 {token} 的词元连向它的连线',
  'attention.lines.exportName': '注意力连线',
  'attention.tip.weight': '注意力权重，第 {layer} 层，头 {head}',
  'attention.tip.pair': '查询 {query} → 键 {key}',
  'attention.summary.caption.from': '每个头在看哪里（权重最大的几项）',
  'attention.summary.caption.to': '每个头里有谁在看这个词元（权重最大的几项）',
  'attention.summary.head': '头',
  'attention.summary.top': '最大的权重',
  'attention.heatmap.caption': '第 {layer} 层头 {head} 的完整注意力模式（行：查询，列：键）',
  'attention.grid.caption.from':
    '所有层 × 所有头一览：{token} 在看哪里。每根柱子是一个位置，高度是权重。点击格子即可打开那个头。',
  'attention.grid.caption.to': '所有层 × 所有头一览：每个位置对 {token} 的关注有多少。点击格子即可打开那个头。',
  'attention.grid.label.from': '{token} 在每一层、每个头中看向哪里',
  'attention.grid.label.to': '每一层、每个头中有谁在看 {token}',
  'attention.grid.exportName': '每层每个头的注意力',
  'attention.grid.cell': '打开第 {layer} 层，头 {head}',
  'attention.grid.layerTick': 'L{layer}',
  'attention.grid.headTick': 'H{head}',
};

const strings: Strings = { en, zh };
export default strings;
