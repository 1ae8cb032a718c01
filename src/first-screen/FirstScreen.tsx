/**
 * The first screen: what a visitor came for, with no stepping. The prompt's tokens (click
 * one to see where its heads look), the whole model drawn on this prompt, the next-token
 * distribution with the temperature slider, and the clicked token's attention.
 */
import { ModelOverview } from './ModelOverview';
import { NextToken } from './NextToken';
import { PromptTokens } from './PromptTokens';
import { TokenInspector } from './TokenInspector';
import './first-screen.css';

export function FirstScreen() {
  return (
    <div className="first-screen">
      <PromptTokens />
      <TokenInspector />
      <div className="first-grid">
        <ModelOverview />
        <NextToken />
      </div>
    </div>
  );
}
