"""Trains gpt2-mini-circuits, the page's default model: 4 layers, 4 heads, 128 wide, GPT-2's
tokenizer and vocabulary, trained from scratch on Brown text mixed with text that repeats itself,
in five stages, so that layer 0 head 0 becomes a previous-token head and layer 1 head 0 an
induction head that copies tokens it was never trained on. Measure the result with
measure_circuits.py; its model card is weights/gpt2-mini-circuits/MODEL_CARD.md.

    npx tsx tools/train/prepare-corpus.ts                                        # tools/train/data/
    TRAIN_THREADS=1 taskset -c 0 python3 tools/train/train_circuits.py           # all five stages
    TRAIN_THREADS=1 taskset -c 0 python3 tools/train/train_circuits.py --stage 2 # stage 2 only
    python3 tools/train/train_circuits.py --probe 20                             # times 20 steps
    python3 tools/train/train_circuits.py --join-logs weights/gpt2-mini-circuits/training-log.csv

Every step of both stages is 5 windows of 256 tokens:

- 3 windows of plain Brown text (the language the page shows);
- 1 window of Brown text with one span of 10-60 tokens copied later into the same window;
- 1 window of <|endoftext|> and a random run of 8-100 common tokens repeated to fill the window
  (the first copy is not scored: nothing predicts it).

Stage 1 (tools/train/out/circuits-stage1/): language modelling alone on that mix, on a cosine
schedule of STEPS steps that stops at STAGE1_STOP, the checkpoint stage 2 starts from. The
position rows start as sine and cosine waves (Vaswani et al., 2017), on which "the previous
position" is a fixed rotation that W_Q and W_K can learn, and stay out of weight decay; they are
learnable.

Stage 2 (tools/train/out/circuits/): STAGE2_STEPS more steps on a fresh schedule, adding
head_supervision.py's attention loss on PREVIOUS_HEAD and INDUCTION_HEAD at full weight for
SUPERVISED_STEPS steps, then fading to FINAL_WEIGHT. Only where those two heads look is
supervised; what they write, and whether anything downstream uses it, is left to the language
loss, and measure_circuits.py's ablations check that the model does rely on them.

Stage 3 (tools/train/out/circuits-copying/, train_copying.py): stage 2's model trained on so that
the circuit works on held-out tokens; its docstring says how.

Stage 4 (tools/train/out/circuits-rare-rows/, train_rare_rows.py): rare tokens' rows get a random
direction of their own, so the circuit can find them too, and the repeated windows stop teaching
that a repeat goes on forever; its docstring says why.

Stage 5 (tools/train/out/circuits-unlooped/, train_unlikelihood.py): greedy decoding loops less:
each step also decodes the model's own greedy continuations and pushes down every token that
would make a phrase's third copy (unlikelihood training); its docstring says why a third and not a
second.

Why the supervision: language modelling alone never started either circuit here. Stage 1 ends
with the monitor's best induction score at 0.024 and its best previous-token score at 0.052, what
even attention gives; so did a fine-tune of the earlier gpt2-mini-brown for 2,400 steps (best
induction 0.014), a 600-step run with 4 of 5 windows repeated (0.018), and a run whose layer 0
head 0 started as a previous-position detector (its previous-token score fell from 0.44 to 0.12).
On a CPU budget the plateau before induction heads appear does not end on its own.

The random runs use only the even frequency ranks of synthetic.py; the probes in
measure_circuits.py use the odd ranks and other seeds. The training log's `induction` and
`previous` columns are scores on a few repeated runs of training-pool tokens, to watch the
circuits form (in stage 2, of the two supervised heads); they are not the card's figures.

Cost (torch 2.13 CPU): stage 1 1.08 s/step, 86 min, and stage 2 1.68 s/step (attention
probabilities are materialised for the loss), 45 min, on one pinned thread; stage 3 1.03 s/step
with its evaluations, 51 min, stage 4 1.17 s/step, 29 min, and stage 5 1.92 s/step (it also
decodes), 19 min, on two threads.
"""
import argparse
import csv
import os
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from transformers import GPT2LMHeadModel

import train_copying
import train_rare_rows
import train_unlikelihood

from data import END_OF_TEXT, VOCAB_SIZE, load_tokens, random_batch, validation_windows
from head_supervision import (
    INDUCTION_HEAD, PREVIOUS_HEAD, induction_loss, induction_targets, previous_token_loss,
)
from synthetic import copied_span_window, frequency_ranked, repeated_random_window, training_pool
from train import BETAS, build_model, log_row, loss_of, validation_loss, warmup_cosine

STAGE1_DIR = Path(__file__).resolve().parent / "out" / "circuits-stage1"
OUT_DIR = Path(__file__).resolve().parent / "out" / "circuits"

SEED = 20262
CONTEXT = 256
BROWN_WINDOWS = 3
STEPS = 5000  # the length of stage 1's learning-rate schedule
STAGE1_STOP = 4750  # stage 1 stops here; the shipped model started stage 2 from this checkpoint
WARMUP_STEPS = 150
PEAK_LR = 3e-3
MIN_LR = 3e-4
WEIGHT_DECAY = 0.1
ATTENTION_DROPOUT = 0.0  # a head that looks at one position should not be trained to hedge
LOG_EVERY = 25
EVAL_EVERY = 250
MONITOR_RUN = 40  # tokens per copy in the log's induction monitor
MONITOR_SEQUENCES = 8

# Stage 2: the head supervision of head_supervision.py, from stage 1's checkpoint.
STAGE2_SEED = 20263
STAGE2_STEPS = 1600
STAGE2_WARMUP = 50
STAGE2_PEAK_LR = 3e-3
STAGE2_MIN_LR = 3e-4
SUPERVISED_STEPS = 1000  # full weight this long, then down linearly to FINAL_WEIGHT at the end
FINAL_WEIGHT = 0.1


def learning_rate(step: int) -> float:
    return warmup_cosine(step, STEPS, WARMUP_STEPS, PEAK_LR, MIN_LR)


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


def stage2_learning_rate(step: int) -> float:
    return warmup_cosine(step, STAGE2_STEPS, STAGE2_WARMUP, STAGE2_PEAK_LR, STAGE2_MIN_LR)


def supervision_weight(step: int) -> float:
    if step < SUPERVISED_STEPS:
        return 1.0
    return 1.0 - (1.0 - FINAL_WEIGHT) * (step - SUPERVISED_STEPS) / max(1, STAGE2_STEPS - SUPERVISED_STEPS)


def supervised_loss(model, inputs: torch.Tensor, targets: torch.Tensor, weight: float):
    """Language loss plus `weight` times the two heads' attention losses; returns all three."""
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out = model(input_ids=inputs, output_attentions=True)
    language = F.cross_entropy(out.logits.float().reshape(-1, VOCAB_SIZE), targets.reshape(-1))
    previous = previous_token_loss(out.attentions[PREVIOUS_HEAD[0]][:, PREVIOUS_HEAD[1]].float())
    pattern = out.attentions[INDUCTION_HEAD[0]][:, INDUCTION_HEAD[1]].float()
    induction = induction_loss(pattern, induction_targets(inputs))
    return language + weight * (previous + induction), language, previous, induction


def optimizer_for(model) -> torch.optim.AdamW:
    """Weight decay on the matrices except the position rows; biases and gains are left alone."""
    wpe = model.transformer.wpe.weight
    decay = [p for p in model.parameters() if p.dim() >= 2 and p is not wpe]
    no_decay = [p for p in model.parameters() if p.dim() < 2 or p is wpe]
    groups = [{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=PEAK_LR, betas=BETAS)


def start_stage(model, out_dir: Path) -> tuple[torch.optim.AdamW, Path]:
    """Puts the model in training mode; returns its optimizer and the stage's log path."""
    model.train()
    out_dir.mkdir(parents=True, exist_ok=True)
    return optimizer_for(model), out_dir / "training-log.csv"


def mixed_batch(tokens: torch.Tensor, pool: torch.Tensor, generator: torch.Generator):
    inputs, targets = random_batch(tokens, BROWN_WINDOWS, CONTEXT, generator)
    span_inputs, span_targets = copied_span_window(tokens, CONTEXT, generator)
    repeat_inputs, repeat_targets = repeated_random_window(pool, CONTEXT, generator)
    return (
        torch.cat([inputs, span_inputs[None], repeat_inputs[None]]),
        torch.cat([targets, span_targets[None], repeat_targets[None]]),
    )


@torch.no_grad()
def monitor_scores(model, sequences: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """[layer, head] induction and previous-token attention on repeated training-pool runs."""
    model.eval()
    pattern = torch.stack(model.transformer(input_ids=sequences, output_attentions=True).attentions)
    model.train()
    query = torch.arange(1 + MONITOR_RUN, 1 + 2 * MONITOR_RUN - 1)
    induction = pattern[..., query, query - MONITOR_RUN + 1].mean(dim=(1, 3))
    previous = pattern.diagonal(offset=-1, dim1=-2, dim2=-1).mean(dim=(1, 3))
    return induction, previous


def monitor(model, sequences: torch.Tensor) -> tuple[float, float]:
    """The best head's induction and previous-token attention on repeated training-pool runs."""
    induction, previous = monitor_scores(model, sequences)
    return induction.max().item(), previous.max().item()


def monitor_sequences_for(pool: torch.Tensor) -> torch.Tensor:
    generator = torch.Generator().manual_seed(SEED + 1)
    run = pool[torch.randint(0, len(pool), (MONITOR_SEQUENCES, MONITOR_RUN), generator=generator)]
    return torch.cat([torch.full((MONITOR_SEQUENCES, 1), END_OF_TEXT), run, run], dim=1)


def stage_data(seed: int):
    """Seeds torch, and returns the batch generator, the train tokens, the synthetic runs' token
    pool, the validation windows and the monitor's sequences."""
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    train_tokens = load_tokens("train")
    pool = training_pool(frequency_ranked(train_tokens, VOCAB_SIZE))
    validation = validation_windows(load_tokens("val"), CONTEXT)
    return generator, train_tokens, pool, validation, monitor_sequences_for(pool)


def stage1(probe_steps: int | None) -> None:
    """Language and repeats from scratch, as described at the top; writes STAGE1_DIR."""
    generator, train_tokens, pool, (val_inputs, val_targets), monitor_sequences = stage_data(SEED)

    model = build_model(attention_dropout=ATTENTION_DROPOUT)
    model.config.name_or_path = "gpt2-mini-circuits"
    model.config._attn_implementation = "eager"  # the monitor reads attention probabilities
    sine_positions(model)
    optimizer, log_path = start_stage(model, STAGE1_DIR)
    steps = probe_steps or STAGE1_STOP
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
                model.save_pretrained(STAGE1_DIR)  # a usable checkpoint even if the run is stopped early
    if not probe_steps:
        print(f"stage 1 done: {steps} steps in {time.time() - started:.0f} s", flush=True)


def stage2(probe_steps: int | None) -> None:
    """Stage 1's model with the two heads supervised (head_supervision.py); writes OUT_DIR."""
    if not (STAGE1_DIR / "model.safetensors").exists():
        raise SystemExit(f"{STAGE1_DIR} has no checkpoint: run stage 1 first (no --stage argument)")
    generator, train_tokens, pool, (val_inputs, val_targets), monitor_sequences = stage_data(STAGE2_SEED)

    model = GPT2LMHeadModel.from_pretrained(STAGE1_DIR, attn_implementation="eager")
    optimizer, log_path = start_stage(model, OUT_DIR)
    steps = probe_steps or STAGE2_STEPS
    log_rows = []
    started = time.time()
    sums = torch.zeros(3)
    for step in range(steps):
        for group in optimizer.param_groups:
            group["lr"] = stage2_learning_rate(step)
        inputs, targets = mixed_batch(train_tokens, pool, generator)
        loss, language, previous, induction = supervised_loss(model, inputs, targets, supervision_weight(step))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        sums += torch.tensor([language.item(), previous.item(), induction.item()])

        done = step + 1
        if probe_steps and done % 10 == 0:
            scores = monitor_scores(model, monitor_sequences)
            print(f"step {done}: language {language.item():.3f}, previous {previous.item():.3f}, "
                  f"induction {induction.item():.3f}, monitor L{INDUCTION_HEAD[0]}H{INDUCTION_HEAD[1]} "
                  f"{scores[0][INDUCTION_HEAD].item():.3f}, L{PREVIOUS_HEAD[0]}H{PREVIOUS_HEAD[1]} "
                  f"{scores[1][PREVIOUS_HEAD].item():.3f}, {(time.time() - started) / done:.2f} s/step", flush=True)
        if probe_steps:
            continue
        if done % LOG_EVERY == 0 or done == steps:
            evaluate = done % EVAL_EVERY == 0 or done == steps
            val = validation_loss(model, val_inputs, val_targets) if evaluate else None
            count = LOG_EVERY if done % LOG_EVERY == 0 else done % LOG_EVERY
            language_mean, previous_mean, induction_mean = (sums / count).tolist()
            scores = monitor_scores(model, monitor_sequences)
            extra = {
                "weight": round(supervision_weight(step), 3),
                "previous_loss": round(previous_mean, 4),
                "induction_loss": round(induction_mean, 4),
                "induction": round(scores[0][INDUCTION_HEAD].item(), 3),
                "previous": round(scores[1][PREVIOUS_HEAD].item(), 3),
            }
            log_row(log_path, log_rows, done, language_mean, val, stage2_learning_rate(step), started, extra)
            sums.zero_()
            if evaluate:
                model.save_pretrained(OUT_DIR)
    if not probe_steps:
        print(f"stage 2 done: {steps} steps in {time.time() - started:.0f} s", flush=True)


def join_logs(path: Path) -> None:
    """Writes the five stages' training logs as one CSV (the model card's training-log.csv) with a
    `stage` column: each stage's steps and elapsed time counted on from the stage before."""
    stages = [
        [r for r in csv.DictReader((STAGE1_DIR / "training-log.csv").open()) if int(r["step"]) <= STAGE1_STOP],
        list(csv.DictReader((OUT_DIR / "training-log.csv").open())),
        list(csv.DictReader((train_copying.STAGE3.out_dir / "training-log.csv").open())),
        list(csv.DictReader((train_rare_rows.STAGE4.out_dir / "training-log.csv").open())),
        list(csv.DictReader((train_unlikelihood.STAGE5.out_dir / "training-log.csv").open())),
    ]
    rows, columns = [], ["step", "stage"]
    step_offset = time_offset = 0.0
    for stage, log in enumerate(stages, start=1):
        for r in log:
            rows.append({**r, "stage": stage, "step": int(r["step"]) + int(step_offset),
                         "elapsed_s": round(float(r["elapsed_s"]) + time_offset, 1)})
        columns += [c for c in log[0] if c not in columns]
        step_offset, time_offset = rows[-1]["step"], rows[-1]["elapsed_s"]
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path}: {len(rows)} rows")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--probe", type=int, metavar="STEPS", help="time this many steps and exit")
    parser.add_argument("--stage", type=int, choices=[1, 2, 3, 4, 5], help="run one stage only (default: all five)")
    parser.add_argument("--join-logs", metavar="CSV", help="only write the five stages' logs as one CSV")
    args = parser.parse_args()
    if args.join_logs:
        join_logs(Path(args.join_logs))
        raise SystemExit(0)
    torch.set_num_threads(int(os.environ.get("TRAIN_THREADS", "2")))
    if args.stage in (None, 1):
        stage1(args.probe)
    if args.stage in (None, 2):
        stage2(args.probe)
    if args.stage in (None, 3):
        train_copying.train(train_copying.STAGE3, args.probe)
    if args.stage in (None, 4):
        train_copying.train(train_rare_rows.STAGE4, args.probe)
    if args.stage in (None, 5):
        train_copying.train(train_unlikelihood.STAGE5, args.probe)
