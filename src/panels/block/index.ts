export { BlockStage } from './BlockStage';
