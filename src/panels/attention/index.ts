export { AttentionView } from './AttentionView';
