"""Trains gpt2-mini-brown on for a fixed number of steps on a mix of Brown text and text with
repeated spans, aiming at previous-token and induction heads (the circuit that copies what
followed an earlier occurrence of the current token). Measure the result with measure_circuits.py.

    npx tsx tools/train/prepare-corpus.ts                              # tools/train/data/
    TRAIN_THREADS=1 taskset -c 0 python3 tools/train/train_circuits.py # tools/train/out/circuits/
    python3 tools/train/train_circuits.py --probe 20                   # only times 20 steps

It starts from the bundled weights/gpt2-mini-brown (float16, widened exactly to float32), so the
3,400 Brown steps behind that model are not repeated, and adds sine waves to its position
embeddings (add_position_sinusoids says why). Every step is 5 windows of 256 tokens:

- 2 windows of plain Brown text (the language the page shows);
- 1 window of Brown text with one span of 10-60 tokens copied later into the same window;
- 2 windows of a random run of 8-100 common tokens repeated to fill the window (first copy not scored).

Why repeats: in plain Brown text exact repeats of long spans are rare, and after 3,400 steps no
head of gpt2-mini-brown did induction. A repeated span can only be predicted by finding the
earlier occurrence and copying what followed it, which rewards exactly that circuit. The random
runs use only the even frequency ranks of synthetic.py; the probes in measure_circuits.py use the
odd ranks and other seeds.

Not enough yet: one run of this recipe (2,400 steps, 1,776 s on one core) ended with Brown
validation loss 6.208 (bfloat16, as logged) but still no induction head (best score 0.014, even
attention scores 0.011) and a best previous-token score of 0.052; see measure_circuits.py's output.
Measured in float32 by measure_circuits.py, the result has Brown validation loss 6.2155 (the start:
6.2159), copies little (second copy of 30 random words 0.42 nats/token below the first; the start:
0.12) and loops more when greedy (distinct-4-gram ratio 0.264; the start: 0.313). A diagnostic run
with every window a repeated random run (5 per step, learning rate 2e-3) from the same start had no
induction head after 1,300 steps either (best 0.012; loss on the repeats still about 9.2 nats), so
the mix alone is not what holds the circuit back.
"""
import argparse
import math
import os
import time
from pathlib import Path

import torch

from bundled import load_bundled
from data import load_tokens, random_batch, validation_windows
from synthetic import copied_span_window, frequency_ranked, repeated_random_window, training_pool
from train import log_row, loss_of, optimizer_for, validation_loss

REPO = Path(__file__).resolve().parent.parent.parent
BASE = REPO / "weights" / "gpt2-mini-brown"
OUT_DIR = Path(__file__).resolve().parent / "out" / "circuits"

SEED = 20261
CONTEXT = 256
BROWN_WINDOWS = 2
REPEAT_WINDOWS = 2
STEPS = 2400
WARMUP_STEPS = 100
PEAK_LR = 2e-3
MIN_LR = 1e-4
DROPOUT = 0.1  # embeddings and residual, as in the base run
ATTENTION_DROPOUT = 0.0  # a head that looks at one position should not be trained to hedge
POSITION_SINUSOID_NORM = 0.8  # learned rows have norm 0.41; common tokens' rows about 1.6
LOG_EVERY = 25
EVAL_EVERY = 400
SAVE_EVERY = 200


def learning_rate(step: int) -> float:
    if step < WARMUP_STEPS:
        return PEAK_LR * (step + 1) / WARMUP_STEPS
    progress = (step - WARMUP_STEPS) / max(1, STEPS - WARMUP_STEPS)
    return MIN_LR + 0.5 * (PEAK_LR - MIN_LR) * (1 + math.cos(math.pi * progress))


@torch.no_grad()
def add_position_sinusoids(model) -> None:
    """Adds sine and cosine waves (Vaswani et al., 2017) of row norm POSITION_SINUSOID_NORM to the
    learned position embeddings. After 3,400 steps those rows still share one direction and have no
    local structure (the cosine of two rows is 0.52 whether they are 1, 2 or 10 positions apart), so
    no head can single out position t-1. With waves, attending to the previous position is a
    fixed linear map of the query's position, which W_Q and W_K can learn."""
    wpe = model.transformer.wpe.weight
    positions, width = wpe.shape
    position = torch.arange(positions, dtype=torch.float32)[:, None]
    frequency = 10000 ** (-torch.arange(0, width, 2, dtype=torch.float32) / width)
    waves = torch.zeros(positions, width)
    waves[:, 0::2] = torch.sin(position * frequency)
    waves[:, 1::2] = torch.cos(position * frequency)
    wpe += waves * (POSITION_SINUSOID_NORM / waves.norm(dim=1, keepdim=True))


def mixed_batch(tokens: torch.Tensor, pool: torch.Tensor, generator: torch.Generator):
    inputs, targets = random_batch(tokens, BROWN_WINDOWS, CONTEXT, generator)
    span = copied_span_window(tokens, CONTEXT, generator)
    repeats = [repeated_random_window(pool, CONTEXT, generator) for _ in range(REPEAT_WINDOWS)]
    return (
        torch.cat([inputs, span[0][None], *[x[None] for x, _ in repeats]]),
        torch.cat([targets, span[1][None], *[y[None] for _, y in repeats]]),
    )


def train(probe_steps: int | None) -> None:
    torch.set_num_threads(int(os.environ.get("TRAIN_THREADS", "2")))
    torch.manual_seed(SEED)
    generator = torch.Generator().manual_seed(SEED)
    train_tokens = load_tokens("train")
    pool = training_pool(frequency_ranked(train_tokens, 50257))
    val_inputs, val_targets = validation_windows(load_tokens("val"), CONTEXT)

    model = load_bundled(BASE, dropout=DROPOUT, attention_dropout=ATTENTION_DROPOUT)
    model.config.name_or_path = "gpt2-mini-circuits"
    add_position_sinusoids(model)
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
            log_row(log_path, log_rows, done, mean_loss, val, learning_rate(step), started)
            running = 0.0
            if evaluate or done % SAVE_EVERY == 0:
                model.save_pretrained(OUT_DIR)  # a usable checkpoint even if the run is stopped early
    if not probe_steps:
        print(f"done: {steps} steps in {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--probe", type=int, metavar="STEPS", help="time this many steps and exit")
    train(parser.parse_args().probe)
