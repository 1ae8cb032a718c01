"""Stage 3 of gpt2-mini-circuits (train_circuits.py runs it after stages 1 and 2): makes the
induction circuit work on tokens it was not trained to copy.

After stage 2, L1H0 put 0.69 of its attention in the right place on repeated runs of
training-pool tokens but 0.27 on held-out ones, and a second copy of held-out words was only
2.3 nats per token easier than the first. The synthetic windows trained the token rows of the
training pool along with the circuit, so the circuit leaned on rows shaped for it; held-out rows
are shaped by language alone. Here the synthetic windows see the token rows (W_E, and W_U, tied
to it) detached: their loss trains only the blocks, which must then find and copy tokens from
rows as language leaves them, the same kind of rows the probes draw. Brown text still trains
everything.

Every step is 6 windows of 256 tokens:

- 3 windows of plain Brown text and 1 with a copied span (synthetic.copied_span_window), whose
  language loss trains every weight;
- 1 window of a random run of training-pool tokens repeated, and 1 of a random run of
  training-pool common words repeated (first copies unscored), whose language loss, weighted by
  SYNTHETIC_WEIGHT, trains the blocks only;
- the attention losses of head_supervision.py on L0H0 and L1H0 over all 6, weighted by
  PREVIOUS_WEIGHT and INDUCTION_WEIGHT.

Weight decay stays on W_E and the MLPs but not on the attention weights: decay shrinks what the
induction head writes, and its write has to stand out against the rest of the stream for the
final LayerNorm to pass it on.

    TRAIN_THREADS=2 python3 tools/train/train_copying.py [--probe STEPS]

Starts from tools/train/out/circuits (stage 2); writes tools/train/out/circuits-copying. The log
has, every EVAL_EVERY steps, validation loss and two development figures on probe-pool tokens drawn
with DEV_SEED, a seed that measure_circuits.py never uses: the best head's induction score and
the copy gap on common words. They watch the run; the card's figures come from measure_circuits.py.
"""
import argparse
import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path

import torch

from bundled import load_any
from chunked_loss import chunked_cross_entropy
from data import VOCAB_SIZE, load_tokens, random_batch, validation_windows
from head_supervision import (
    INDUCTION_HEAD, PREVIOUS_HEAD, induction_loss, induction_targets, previous_token_loss,
)
from measure_circuits import (
    GREEDY_TOKENS, REPEAT_LENGTH, WORDS_LENGTH, common_words, copy_losses, distinct_4grams, document_openings,
    greedy_continuations, repeat_scores, repeated,
)
from synthetic import copied_span_window, frequency_ranked, probe_pool, repeated_random_window, training_pool
from train import BETAS, CONTEXT, EVAL_BATCH, log_row, warmup_cosine

OUT = Path(__file__).resolve().parent / "out"

DEV_SEED = 31337
DEV_RUNS = 16
DEV_OPENINGS = 25  # as many as the validation split has documents
BROWN_WINDOWS = 3
WEIGHT_DECAY = 0.1
DROPOUT = 0.1
SYNTHETIC_WEIGHT = 1.0
PREVIOUS_WEIGHT = 0.1
INDUCTION_WEIGHT = 0.5
LOG_EVERY = 25
EVAL_EVERY = 250
COMMON_TRAINING_WORDS = 1000


@dataclasses.dataclass(frozen=True)
class Stage:
    """A run of this file's training step: where it starts and writes, its seed and schedule, how
    its two repeated windows are drawn, what is done to the model before the first step, and a
    loss term of the stage's own (model, train tokens, generator -> weighted loss), if any."""

    number: int
    start_dir: Path
    out_dir: Path
    seed: int
    steps: int
    warmup_steps: int
    peak_lr: float
    min_lr: float
    repeated_window: Callable = repeated_random_window
    prepare: Callable | None = None
    extra_loss: Callable | None = None

    def learning_rate(self, step: int) -> float:
        return warmup_cosine(step, self.steps, self.warmup_steps, self.peak_lr, self.min_lr)


STAGE3 = Stage(3, OUT / "circuits", OUT / "circuits-copying", seed=20265, steps=3000, warmup_steps=50,
               peak_lr=1e-3, min_lr=1e-4)


def optimizer_for(model, lr: float) -> torch.optim.AdamW:
    """Decay on W_E and the MLP matrices; none on attention, positions, biases and gains."""
    decayed = {model.transformer.wte.weight}
    for block in model.transformer.h:
        decayed |= {block.mlp.c_fc.weight, block.mlp.c_proj.weight}
    decay = [p for p in model.parameters() if p in decayed]
    rest = [p for p in model.parameters() if p not in decayed]
    groups = [{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": rest, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=lr, betas=BETAS, fused=True)


def batch(tokens, pool, words, generator, repeated_window=repeated_random_window):
    """Language windows (inputs, targets), then synthetic windows (inputs, targets)."""
    inputs, targets = random_batch(tokens, BROWN_WINDOWS, CONTEXT, generator)
    span_inputs, span_targets = copied_span_window(tokens, CONTEXT, generator)
    run_inputs, run_targets = repeated_window(pool, CONTEXT, generator)
    word_inputs, word_targets = repeated_window(words, CONTEXT, generator)
    language = (torch.cat([inputs, span_inputs[None]]), torch.cat([targets, span_targets[None]]))
    synthetic = (torch.stack([run_inputs, word_inputs]), torch.stack([run_targets, word_targets]))
    return language, synthetic


def step_loss(model, language, synthetic):
    """The weighted total and its four parts (language, synthetic, previous, induction)."""
    wte = model.transformer.wte.weight
    inputs = torch.cat([language[0], synthetic[0]])
    embeddings = torch.cat([wte[language[0]], wte.detach()[synthetic[0]]])
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out = model.transformer(inputs_embeds=embeddings, output_attentions=True)
    hidden = out.last_hidden_state.float()
    rows = len(language[0])
    language_loss = chunked_cross_entropy(hidden[:rows].reshape(-1, hidden.shape[-1]), wte, language[1].reshape(-1))
    synthetic_loss = chunked_cross_entropy(
        hidden[rows:].reshape(-1, hidden.shape[-1]), wte.detach(), synthetic[1].reshape(-1)
    )
    previous = previous_token_loss(out.attentions[PREVIOUS_HEAD[0]][:, PREVIOUS_HEAD[1]].float())
    pattern = out.attentions[INDUCTION_HEAD[0]][:, INDUCTION_HEAD[1]].float()
    induction = induction_loss(pattern, induction_targets(inputs))
    total = language_loss + SYNTHETIC_WEIGHT * synthetic_loss + PREVIOUS_WEIGHT * previous + INDUCTION_WEIGHT * induction
    return total, torch.stack([language_loss, synthetic_loss, previous, induction]).detach()


@torch.no_grad()
def validation_loss(model, inputs: torch.Tensor, targets: torch.Tensor) -> float:
    """Mean cross-entropy over every target of the validation windows: the blocks under bfloat16
    autocast, the output layer through chunked_cross_entropy (measure_circuits.py gives the
    float32 figure)."""
    model.eval()
    total = 0.0
    for start in range(0, len(inputs), EVAL_BATCH):
        with torch.autocast("cpu", dtype=torch.bfloat16):
            hidden = model.transformer(input_ids=inputs[start : start + EVAL_BATCH]).last_hidden_state.float()
        y = targets[start : start + EVAL_BATCH].reshape(-1)
        total += chunked_cross_entropy(hidden.reshape(-1, hidden.shape[-1]), model.transformer.wte.weight, y).item() * len(y)
    model.train()
    return total / targets.numel()


def development_probes(ranked: torch.Tensor, tokens: torch.Tensor):
    """Held-out tokens (the probe pool) with a seed of their own: DEV_RUNS runs of random tokens and
    DEV_RUNS runs of common words, each repeated twice, as long as measure_circuits.py's; and
    DEV_OPENINGS train-split document openings for greedy continuations."""
    pool = probe_pool(ranked)
    generator = torch.Generator().manual_seed(DEV_SEED)
    runs = repeated(pool, REPEAT_LENGTH, generator)[:DEV_RUNS]
    words = repeated(common_words(pool), WORDS_LENGTH, generator)[:DEV_RUNS]
    openings = document_openings(tokens)
    chosen = torch.randperm(len(openings), generator=generator)[:DEV_OPENINGS]
    return runs, words, openings[chosen]


@torch.no_grad()
def development_figures(model, probes) -> dict:
    model.eval()
    runs, words, openings = probes
    induction, _ = repeat_scores(model, runs, REPEAT_LENGTH)
    first, second = copy_losses(model, words, WORDS_LENGTH)
    continuations = greedy_continuations(model, openings, GREEDY_TOKENS)[:, openings.shape[1] :].tolist()
    model.train()
    return {"dev_induction": round(induction.max().item(), 3), "dev_copy_gap": round(first - second, 3),
            "dev_greedy_distinct": round(distinct_4grams(continuations), 3)}


def train(stage: Stage, probe_steps: int | None) -> None:
    torch.manual_seed(stage.seed)
    generator = torch.Generator().manual_seed(stage.seed)
    tokens = load_tokens("train")
    ranked = frequency_ranked(tokens, VOCAB_SIZE)
    pool = training_pool(ranked)
    words = common_words(pool)[:COMMON_TRAINING_WORDS]
    val_inputs, val_targets = validation_windows(load_tokens("val"), CONTEXT)
    probes = development_probes(ranked, tokens)

    # The dropout settings apply to a bundled folder, which carries none; stage 2's checkpoint
    # keeps its own, which are the same.
    model = load_any(stage.start_dir, dropout=DROPOUT, attention_dropout=0.0)
    model.config._attn_implementation = "eager"  # the attention losses read attention probabilities
    if stage.prepare:
        stage.prepare(model, tokens)
    model.train()
    optimizer = optimizer_for(model, stage.peak_lr)
    stage.out_dir.mkdir(parents=True, exist_ok=True)
    log_path = stage.out_dir / "training-log.csv"
    print({"start": str(stage.start_dir), **development_figures(model, probes)}, flush=True)

    steps = probe_steps or stage.steps
    rows = []
    sums = torch.zeros(5)
    started = time.time()
    for step in range(steps):
        for group in optimizer.param_groups:
            group["lr"] = stage.learning_rate(step)
        language, synthetic = batch(tokens, pool, words, generator, stage.repeated_window)
        loss, parts = step_loss(model, language, synthetic)
        own = stage.extra_loss(model, tokens, generator) if stage.extra_loss else torch.zeros(())
        loss = loss + own
        parts = torch.cat([parts, own.detach()[None]])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        sums += parts
        done = step + 1
        if probe_steps:  # a timing run: no log, no checkpoint over a real run's
            print(f"step {done}: loss {loss.item():.3f}, {(time.time() - started) / done:.2f} s/step", flush=True)
            continue
        if done % LOG_EVERY == 0 or done == steps:
            evaluate = done % EVAL_EVERY == 0 or done == steps
            count = LOG_EVERY if done % LOG_EVERY == 0 else done % LOG_EVERY
            mean = (sums / count).tolist()
            extra = {"synthetic_loss": round(mean[1], 4), "previous_loss": round(mean[2], 4),
                     "induction_loss": round(mean[3], 4)}
            if stage.extra_loss:
                extra["stage_loss"] = round(mean[4], 4)
            blank = {"dev_induction": "", "dev_copy_gap": "", "dev_greedy_distinct": ""}
            extra.update(development_figures(model, probes) if evaluate else blank)
            val = validation_loss(model, val_inputs, val_targets) if evaluate else None
            log_row(log_path, rows, done, mean[0], val, stage.learning_rate(step), started, extra)
            sums.zero_()
            if evaluate:
                model.save_pretrained(stage.out_dir)
    print(f"stage {stage.number} done: {steps} steps in {time.time() - started:.0f} s", flush=True)


def command_line(stage: Stage, description: str) -> None:
    """Runs a stage as its script's command: --probe times steps, --start picks another start."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--probe", type=int, metavar="STEPS", help="time this many steps and exit")
    parser.add_argument("--start", help=f"start from this model folder instead of {stage.start_dir}")
    args = parser.parse_args()
    if args.start:
        stage = dataclasses.replace(stage, start_dir=Path(args.start))
    torch.set_num_threads(int(os.environ.get("TRAIN_THREADS", "2")))
    train(stage, args.probe)


if __name__ == "__main__":
    command_line(STAGE3, __doc__)
