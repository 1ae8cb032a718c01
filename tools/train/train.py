"""Trains a 4-layer GPT-2 with GPT-2's tokenizer and full 50,257-token vocabulary on the cleaned
Brown corpus alone, on CPU, for a fixed number of steps. This recipe made gpt2-mini-brown, the
page's first default model, which grew no previous-token or induction head and has been replaced
by gpt2-mini-circuits (train_circuits.py, which shares this file's model shape, optimizer
settings and helpers).

    npx tsx tools/train/prepare-corpus.ts          # writes tools/train/data/{train,val}.bin
    python3 tools/train/train.py                   # writes tools/train/out/ (HF checkpoint + log)
    python3 tools/train/train.py --probe 20        # only times 20 steps, writes nothing

The step count is fixed (not time-based) so a rerun with the same seed repeats the run. It was
sized to the 2-core build machine while other jobs shared it: two threads slowed from 1.5-3.5 s to
5-17 s per 2,048-token step as the machine filled up, while one thread pinned to one core ran at
about 1.8 s. A first 900-step run at batch 8 reached validation loss 6.30 but no attention head
had learned a positional pattern, so gpt2-mini-brown was this longer run of smaller steps
(3,400 x 1,024 tokens, about 1 s each, peak learning rate 3e-3):

    TRAIN_THREADS=1 taskset -c 0 python3 tools/train/train.py
"""
import argparse
import csv
import math
import os
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from transformers import GPT2Config, GPT2LMHeadModel

from data import END_OF_TEXT, VOCAB_SIZE, load_tokens, random_batch, validation_windows

OUT_DIR = Path(__file__).resolve().parent / "out"

SEED = 1234
N_LAYER = 4
N_HEAD = 4
N_EMBD = 128
CONTEXT = 256  # n_positions
BATCH = 4  # 4 x 256 = 1,024 tokens per step
STEPS = 3400
WARMUP_STEPS = 150
PEAK_LR = 3e-3
MIN_LR = 3e-4
WEIGHT_DECAY = 0.1
BETAS = (0.9, 0.95)
GRAD_CLIP = 1.0
DROPOUT = 0.1
LOG_EVERY = 25
EVAL_EVERY = 250
EVAL_BATCH = 16


def warmup_cosine(step: int, steps: int, warmup: int, peak: float, floor: float) -> float:
    """Linear warmup to `peak` over `warmup` steps, then cosine decay to `floor` at step `steps`."""
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return floor + 0.5 * (peak - floor) * (1 + math.cos(math.pi * progress))


def learning_rate(step: int) -> float:
    return warmup_cosine(step, STEPS, WARMUP_STEPS, PEAK_LR, MIN_LR)


def build_model(attention_dropout: float = DROPOUT) -> GPT2LMHeadModel:
    config = GPT2Config(
        vocab_size=VOCAB_SIZE,
        n_positions=CONTEXT,
        n_embd=N_EMBD,
        n_layer=N_LAYER,
        n_head=N_HEAD,
        resid_pdrop=DROPOUT,
        embd_pdrop=DROPOUT,
        attn_pdrop=attention_dropout,
        bos_token_id=END_OF_TEXT,
        eos_token_id=END_OF_TEXT,
        tie_word_embeddings=True,
    )
    return GPT2LMHeadModel(config)


def optimizer_for(model: GPT2LMHeadModel) -> torch.optim.AdamW:
    """Weight decay on matrices only; biases and LayerNorm gains are left alone, as in GPT-2."""
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    groups = [{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=PEAK_LR, betas=BETAS)


def loss_of(model: GPT2LMHeadModel, inputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    # bfloat16 matmuls (the 50,257-way output layer dominates) cut step time by about a quarter
    # on this CPU; weights, optimizer state and the cross-entropy itself stay float32.
    with torch.autocast("cpu", dtype=torch.bfloat16):
        logits = model(input_ids=inputs).logits
    return F.cross_entropy(logits.reshape(-1, VOCAB_SIZE), targets.reshape(-1))


@torch.no_grad()
def validation_loss(model: GPT2LMHeadModel, inputs: torch.Tensor, targets: torch.Tensor) -> float:
    """Mean cross-entropy (nats per token) over every target token of the validation windows."""
    model.eval()
    total = 0.0
    for start in range(0, len(inputs), EVAL_BATCH):
        x, y = inputs[start : start + EVAL_BATCH], targets[start : start + EVAL_BATCH]
        total += loss_of(model, x, y).item() * y.numel()
    model.train()
    return total / targets.numel()


def log_row(
    path: Path, rows: list, step: int, train_loss: float, val: float | None, lr: float, started: float, extra=None
):
    """Appends one row to the training log, rewrites the CSV (so a stopped run keeps its log) and prints it."""
    row = {
        "step": step,
        "train_loss": round(train_loss, 4),
        "val_loss": "" if val is None else round(val, 4),
        "lr": f"{lr:.6g}",
        "elapsed_s": round(time.time() - started, 1),
        **(extra or {}),
    }
    rows.append(row)
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(row))
        writer.writeheader()
        writer.writerows(rows)
    print(", ".join(f"{k} {v}" for k, v in row.items()), flush=True)


def train(probe_steps: int | None) -> None:
    # Two threads by default; one pinned thread is faster when other jobs hold the other core.
    torch.set_num_threads(int(os.environ.get("TRAIN_THREADS", "2")))
    torch.manual_seed(SEED)
    generator = torch.Generator().manual_seed(SEED)
    train_tokens = load_tokens("train")
    val_inputs, val_targets = validation_windows(load_tokens("val"), CONTEXT)

    model = build_model()
    model.train()
    optimizer = optimizer_for(model)
    print(f"{sum(p.numel() for p in model.parameters()):,} parameters; "
          f"{len(train_tokens):,} train tokens; {val_targets.numel():,} validation targets", flush=True)

    steps = probe_steps or STEPS
    log_rows = []
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    log_path = OUT_DIR / "training-log.csv"
    started = time.time()
    running = 0.0
    for step in range(steps):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step)
        inputs, targets = random_batch(train_tokens, BATCH, CONTEXT, generator)
        loss = loss_of(model, inputs, targets)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), GRAD_CLIP)
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
            if evaluate:
                model.save_pretrained(OUT_DIR)  # a usable checkpoint even if the run is stopped early

    if not probe_steps:
        print(f"done: {steps} steps in {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--probe", type=int, metavar="STEPS", help="time this many steps and exit")
    train(parser.parse_args().probe)
