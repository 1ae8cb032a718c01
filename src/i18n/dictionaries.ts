/**
 * The whole UI's strings: the shell's (strings.ts here), the shared pieces' (src/ui/), the first screen's and
 * each panel's own strings.ts, kept next to its code. Listed by hand so that a strings file
 * is part of the build exactly when it is imported here.
 */
import type { Lang } from './lang';
import shell from './strings';
import { mergeStrings, type Dict, type Strings } from './translate';
import shared from '../ui/strings';
import firstScreen from '../first-screen/strings';
import attention from '../panels/attention/strings';
import block from '../panels/block/strings';
import embedding from '../panels/embedding/strings';
import explorer from '../panels/embedding-explorer/strings';
import experiments from '../panels/experiments/strings';
import final from '../panels/final/strings';
import generate from '../panels/generate/strings';
import lens from '../panels/lens/strings';
import picker from '../panels/model-picker/strings';
import neurons from '../panels/neurons/strings';
import position from '../panels/position/strings';
import share from '../panels/share/strings';
import softmax from '../panels/softmax/strings';
import surprisal from '../panels/surprisal/strings';
import tally from '../panels/tally/strings';
import tokens from '../panels/tokens/strings';

export const allStrings: Strings = mergeStrings([
  shell,
  shared,
  firstScreen,
  attention,
  block,
  embedding,
  explorer,
  experiments,
  final,
  generate,
  lens,
  picker,
  neurons,
  position,
  share,
  softmax,
  surprisal,
  tally,
  tokens,
]);

export const dictionaryFor = (lang: Lang): Dict => allStrings[lang];
