/**
 * Temperature acts on logits already computed: dragging the slider changes the shown
 * probabilities to softmax(logits / T) of the CLI's logits, within one frame, without a new
 * forward pass. Generating twice with one seed gives one text; Stop ends a run early.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceJson } from '../../scripts/lib/trace-json';
import { cliTrace } from './cli-trace';
import {
  expectNoPageErrors,
  gotoStage,
  openBrowser,
  typePrompt,
  url,
  waitFor,
  waitForModel,
  type Session,
} from './helpers';
import { maxRelDiff, softmax } from './numbers';
import { barsIn, type ShownBar } from './shown-bars';

const PROMPT = 'She opened the door and saw';

const readBars = (s: Session): Promise<ShownBar[]> => barsIn(s.page.getByTestId('probability-bars'));

describe('sampling', () => {
  let s: Session;
  let ref: TraceJson;

  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(url());
    const info = await waitForModel(s.page);
    await typePrompt(s.page, PROMPT);
    ref = cliTrace(info.model, PROMPT);
    await gotoStage(s.page, 'softmax');
  });
  afterAll(async () => s?.close());

  it('shows at least 20 candidates with softmax(logits / T) of the CLI logits as the slider moves', async () => {
    const slider = s.page.getByRole('slider', { name: 'Temperature' });
    const box = (await slider.boundingBox())!;
    const traceStatus = await s.page.locator('.trace-status').innerText();
    for (const fraction of [0.25, 0.8, 0.5]) {
      await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await s.page.mouse.down();
      await s.page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2, { steps: 5 });
      await s.page.mouse.up();
      const T = Number(await s.page.getByTestId('temperature-value').innerText());
      expect(T).toBeGreaterThan(0);
      expect(Math.abs(T - 2 * fraction)).toBeLessThan(0.1);
      const bars = await readBars(s);
      expect(bars.length).toBeGreaterThanOrEqual(20);
      const expected = softmax(ref.logits, T);
      expect(
        maxRelDiff(
          bars.map((b) => b.prob),
          bars.map((b) => expected[b.id]),
        ),
      ).toBeLessThan(5e-3);
      expect(
        maxRelDiff(
          bars.map((b) => b.logit),
          bars.map((b) => ref.logits[b.id]),
        ),
      ).toBeLessThan(2e-3);
    }
    // No new forward pass ran: the trace status still reports the same pass.
    expect(await s.page.locator('.trace-status').innerText()).toBe(traceStatus);
  });

  it('redraws the bars by the next animation frame after the slider changes', async () => {
    const result = await s.page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('input[aria-label="Temperature"]')!;
      const firstProb = () =>
        document.querySelector('[data-testid="probability-bars"] g.bar')!.getAttribute('data-prob');
      const before = firstProb();
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const started = performance.now();
      setValue.call(input, input.value === '0.3' ? '1.7' : '0.3');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return new Promise<{ changed: boolean; ms: number }>((resolve) =>
        requestAnimationFrame(() => resolve({ changed: firstProb() !== before, ms: performance.now() - started })),
      );
    });
    console.log(`temperature change drawn in ${result.ms.toFixed(1)} ms`);
    expect(result.changed).toBe(true);
  });

  it('T = 0 puts all probability on the top logit', async () => {
    const slider = s.page.getByRole('slider', { name: 'Temperature' });
    await slider.focus();
    await s.page.keyboard.press('Home');
    expect(await s.page.getByTestId('temperature-value').innerText()).toBe('0.00');
    const bars = await readBars(s);
    expect(bars[0].prob).toBe(1);
    expect(bars.slice(1).every((b) => b.prob === 0)).toBe(true);
    expect(Number(await s.page.getByTestId('sampled').getAttribute('data-token-id'))).toBe(bars[0].id);
  });

  it('top-k keeps the k most likely tokens and renormalises them', async () => {
    await s.page.getByRole('slider', { name: 'Temperature' }).fill('1');
    await s.page.getByRole('spinbutton', { name: 'Top-k' }).fill('3');
    const finals = await s.page
      .getByTestId('probability-bars')
      .locator('g.bar')
      .evaluateAll((els) =>
        els.map((e) => ({ p: Number(e.getAttribute('data-prob')), f: Number(e.getAttribute('data-final')) })),
      );
    const kept = finals.slice(0, 3);
    const mass = kept.reduce((sum, b) => sum + b.p, 0);
    kept.forEach((b) => expect(b.f).toBeCloseTo(b.p / mass, 6));
    expect(finals.slice(3).every((b) => b.f === 0)).toBe(true);
    const sampled = Number(await s.page.getByTestId('sampled').getAttribute('data-token-id'));
    const ids = await s.page
      .getByTestId('probability-bars')
      .locator('g.bar')
      .evaluateAll((els) => els.slice(0, 3).map((e) => Number(e.getAttribute('data-token-id'))));
    expect(ids).toContain(sampled);
    await s.page.getByRole('spinbutton', { name: 'Top-k' }).fill('0');
  });

  it('generates the same text twice with the same seed, and Stop ends a run', async () => {
    const slider = s.page.getByRole('slider', { name: 'Temperature' });
    await slider.fill('1');
    await gotoStage(s.page, 'generate');
    const generate = s.page.getByRole('button', { name: 'Generate' });
    const status = s.page.getByTestId('generate-status');
    const run = async () => {
      await generate.click();
      await waitFor(
        () => status.getAttribute('data-reason'),
        (r) => r === 'done',
        'generation to finish',
        120_000,
      );
      return s.page.getByTestId('generated-text').getAttribute('data-text');
    };
    const first = await run();
    console.log(`generation: ${await status.innerText()}`);
    const second = await run();
    expect(first).toBeTruthy();
    expect(second).toBe(first);
    const sampled = JSON.parse((await s.page.getByTestId('generated-text').getAttribute('data-ids'))!) as number[];
    expect(sampled.length).toBe(20);

    await s.page.getByRole('spinbutton', { name: 'Tokens to generate' }).fill('200');
    await generate.click();
    await waitFor(
      () => s.page.locator('.step-table tbody tr').count(),
      (n) => n >= 2,
      'two steps',
    );
    await s.page.getByRole('button', { name: 'Stop' }).click();
    await waitFor(
      () => status.getAttribute('data-reason'),
      (r) => r === 'stopped',
      'the run to stop',
    );
    const steps = await s.page.locator('.step-table tbody tr').count();
    expect(steps).toBeLessThan(200);
    expectNoPageErrors(s);
  });
});
