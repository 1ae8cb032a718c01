"""Trains gpt2-mini-circuits, the page's default model: gpt2-mini-brown's shape (4 layers, 4 heads,
128 wide, GPT-2's tokenizer and vocabulary) trained from scratch on Brown text mixed with text that
repeats itself, so that it grows previous-token and induction heads. Measure the result with
measure_circuits.py.

    npx tsx tools/train/prepare-corpus.ts                              # tools/train/data/
    TRAIN_THREADS=1 taskset -c 0 python3 tools/train/train_circuits.py # tools/train/out/circuits/
    python3 tools/train/train_circuits.py --probe 20                   # only times 20 steps

Every step is 5 windows of 256 tokens:

- 3 windows of plain Brown text (the language the page shows);
- 1 window of Brown text with one span of 10-60 tokens copied later into the same window;
- 1 window of <|endoftext|> and a random run of 8-100 common tokens repeated to fill the window
  (the first copy is not scored: nothing predicts it).

Why repeats: exact repeats of long spans are rare in Brown, and gpt2-mini-brown, trained on Brown
alone, grew no induction head. A repeated span can only be predicted by finding the earlier
occurrence and copying what followed it, which rewards exactly that circuit. The random runs use
only the even frequency ranks of synthetic.py; the probes in measure_circuits.py use the odd ranks
and other seeds. The training log's `induction` and `previous` columns are the best head's score on
a few repeated runs of training-pool tokens, to watch the circuit form; they are not the card's
figures.

Why from scratch, and why sine-wave positions: fine-tuning gpt2-mini-brown on this mix for 2,400
steps left it with no induction head (best score 0.014). Its learned position rows share one
direction (the cosine of two rows is 0.52 whether they are 1 or 10 positions apart), so no head can
single out position t-1. Here the position rows start as sine and cosine waves (Vaswani et al.,
2017), on which "the previous position" is a fixed rotation that W_Q and W_K can learn, and they are
kept out of weight decay so that the signal is not shrunk away. They stay learnable.

Not enough yet (measured 2026-12-03, torch 2.13 CPU, one pinned thread, 0.85 s/step): a run of this
recipe stopped at step 3,725 had Brown validation loss 6.240 (step 3,500, bfloat16 evaluation) and
no circuit: the monitor's best induction score was 0.026 and its best previous-token score 0.05,
both what even attention gives. A 600-step diagnostic with 4 of 5 windows repeated also stayed
flat (induction 0.018). A 300-step diagnostic that started layer 0 head 0 as a previous-position
detector (positions scaled to 3x the token rows' norm so that the head can read them) began at a
previous-token score of 0.44, which training wore down to 0.12, with no induction head forming.
The repeats seen per step (one window) look too few for the plateau before induction to end
within a CPU session.
"""
import argparse
import math
import os
import time
from pathlib import Path

import torch

from data import END_OF_TEXT, load_tokens, random_batch, validation_windows
from synthetic import copied_span_window, frequency_ranked, repeated_random_window, training_pool
from train import BETAS, build_model, log_row, loss_of, validation_loss

OUT_DIR = Path(__file__).resolve().parent / "out" / "circuits"

SEED = 20262
CONTEXT = 256
BROWN_WINDOWS = 3
STEPS = 5000
WARMUP_STEPS = 150
PEAK_LR = 3e-3
MIN_LR = 3e-4
WEIGHT_DECAY = 0.1
ATTENTION_DROPOUT = 0.0  # a head that looks at one position should not be trained to hedge
LOG_EVERY = 25
EVAL_EVERY = 250
MONITOR_RUN = 40  # tokens per copy in the log's induction monitor
MONITOR_SEQUENCES = 8


def learning_rate(step: int) -> float:
    if step < WARMUP_STEPS:
        return PEAK_LR * (step + 1) / WARMUP_STEPS
    progress = (step - WARMUP_STEPS) / max(1, STEPS - WARMUP_STEPS)
    return MIN_LR + 0.5 * (PEAK_LR - MIN_LR) * (1 + math.cos(math.pi * progress))


@torch.no_grad()
def sine_positions(model) -> None:
    """Sets every position row to sine and cosine waves with the mean row norm of the token rows."""
    wpe, wte = model.transformer.wpe.weight, model.transformer.wte.weight
    positions, width = wpe.shape
    position = torch.arange(positions, dtype=torch.float32)[:, None]
    frequency = 10000 ** (-torch.arange(0, width, 2, dtype=torch.float32) / width)
    waves = torch.zeros(positions, width)
    waves[:, 0::2] = torch.sin(position * frequency)
    waves[:, 1::2] = torch.cos(position * frequency)
    wpe.copy_(waves * (wte.norm(dim=1).mean() / waves.norm(dim=1, keepdim=True)))


def optimizer_for(model) -> torch.optim.AdamW:
    """Weight decay on the matrices except the position rows; biases and gains are left alone."""
    wpe = model.transformer.wpe.weight
    decay = [p for p in model.parameters() if p.dim() >= 2 and p is not wpe]
    no_decay = [p for p in model.parameters() if p.dim() < 2 or p is wpe]
    groups = [{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=PEAK_LR, betas=BETAS)


def mixed_batch(tokens: torch.Tensor, pool: torch.Tensor, generator: torch.Generator):
    inputs, targets = random_batch(tokens, BROWN_WINDOWS, CONTEXT, generator)
    span_inputs, span_targets = copied_span_window(tokens, CONTEXT, generator)
    repeat_inputs, repeat_targets = repeated_random_window(pool, CONTEXT, generator)
    return (
        torch.cat([inputs, span_inputs[None], repeat_inputs[None]]),
        torch.cat([targets, span_targets[None], repeat_targets[None]]),
    )


@torch.no_grad()
def monitor(model, sequences: torch.Tensor) -> tuple[float, float]:
    """The best head's induction and previous-token attention on repeated training-pool runs."""
    model.eval()
    pattern = torch.stack(model.transformer(input_ids=sequences, output_attentions=True).attentions)
    model.train()
    query = torch.arange(1 + MONITOR_RUN, 1 + 2 * MONITOR_RUN - 1)
    induction = pattern[..., query, query - MONITOR_RUN + 1].mean(dim=(1, 3))
    previous = pattern.diagonal(offset=-1, dim1=-2, dim2=-1).mean(dim=(1, 3))
    return induction.max().item(), previous.max().item()


def train(probe_steps: int | None) -> None:
    torch.set_num_threads(int(os.environ.get("TRAIN_THREADS", "2")))
    torch.manual_seed(SEED)
    generator = torch.Generator().manual_seed(SEED)
    train_tokens = load_tokens("train")
    pool = training_pool(frequency_ranked(train_tokens, 50257))
    val_inputs, val_targets = validation_windows(load_tokens("val"), CONTEXT)
    monitor_generator = torch.Generator().manual_seed(SEED + 1)
    run = pool[torch.randint(0, len(pool), (MONITOR_SEQUENCES, MONITOR_RUN), generator=monitor_generator)]
    monitor_sequences = torch.cat([torch.full((MONITOR_SEQUENCES, 1), END_OF_TEXT), run, run], dim=1)

    model = build_model(attention_dropout=ATTENTION_DROPOUT)
    model.config.name_or_path = "gpt2-mini-circuits"
    model.config._attn_implementation = "eager"  # the monitor reads attention probabilities
    sine_positions(model)
    model.train()
    optimizer = optimizer_for(model)
    steps = probe_steps or STEPS
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    log_path = OUT_DIR / "training-log.csv"
    log_rows = []
    started = time.time()
    running = 0.0
    for step in range(steps):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step)
        inputs, targets = mixed_batch(train_tokens, pool, generator)
        loss = loss_of(model, inputs, targets)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        running += loss.item()

        done = step + 1
        if probe_steps:
            print(f"step {done}: loss {loss.item():.3f}, {(time.time() - started) / done:.2f} s/step", flush=True)
            continue
        if done % LOG_EVERY == 0 or done == steps:
            evaluate = done % EVAL_EVERY == 0 or done == steps
            val = validation_loss(model, val_inputs, val_targets) if evaluate else None
            mean_loss = running / (LOG_EVERY if done % LOG_EVERY == 0 else done % LOG_EVERY)
            induction, previous = monitor(model, monitor_sequences)
            extra = {"induction": round(induction, 3), "previous": round(previous, 3)}
            log_row(log_path, log_rows, done, mean_loss, val, learning_rate(step), started, extra)
            running = 0.0
            if evaluate:
                model.save_pretrained(OUT_DIR)  # a usable checkpoint even if the run is stopped early
    if not probe_steps:
        print(f"done: {steps} steps in {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--probe", type=int, metavar="STEPS", help="time this many steps and exit")
    train(parser.parse_args().probe)
