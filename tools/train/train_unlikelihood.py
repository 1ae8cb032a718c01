"""Stage 5 of gpt2-mini-circuits (train_circuits.py runs it after stage 4): greedy decoding loops
less, and the copy the induction head makes stays.

After stage 4 greedy continuations still looped ("The first year, the first year, the first
year, ..."): only 0.226 of their 4-grams were distinct, against 0.313 for gpt2-mini-brown, which
has no induction head. Brown text has almost no loops to learn from, so maximum likelihood never
says "not a third time"; stage 4's paired windows say it for one token per run.

So every step also decodes the model's own greedy continuations and pushes down the tokens that
repeat (unlikelihood training at the sequence level, Welleck et al., 2019, "Neural text
generation with unlikelihood training"): UL_PROMPTS prompts of <|endoftext|> and PROMPT_TOKENS
tokens from random places in the Brown *train* split, continued for GREEDY_TOKENS tokens
with the dropout off; then, with the dropout on, each continuation token whose 4-gram (it and the
3 before it) already occurred at least MIN_EARLIER times earlier in the sequence adds
-log(1 - p(token)) to the loss, summed and divided by the number of continuation tokens, so the
term fades as the loops go. Only UL_ROWS of the marked tokens, a random choice, go through the
output layer (its 50,257 logits a row are most of the cost), scaled up to stand for all of them.
The prompts and continuations are as long as measure_circuits.greedy_loops', which measures on
validation documents instead.

MIN_EARLIER = 2 marks a third copy and not a second: a phrase given twice is what the copying probe
and stage 4's paired windows ask for, and the induction head exists to make it. Marking second
copies too would train against the circuit this model is for.

Everything else is stage 4's step (train_copying.py, synthetic.paired_runs_window), on a short,
low schedule from stage 4's checkpoint. The log's dev_greedy_distinct is the distinct-4-gram share
of greedy continuations of train-split document openings (DEV_SEED); the card's figure comes from
measure_circuits.py on the validation documents.

    TRAIN_THREADS=2 python3 tools/train/train_unlikelihood.py [--probe STEPS]

Starts from tools/train/out/circuits-rare-rows (stage 4); writes tools/train/out/circuits-unlooped.
"""
import torch

from data import END_OF_TEXT
from measure_circuits import GREEDY_TOKENS, PROMPT_TOKENS, greedy_continuations
from synthetic import paired_runs_window
from train_copying import OUT, Stage, command_line
from train_rare_rows import STAGE4

UL_PROMPTS = 12
NGRAM = 4
MIN_EARLIER = 2
UL_WEIGHT = 1.0
UL_ROWS = 192


def repeat_marks(sequences: torch.Tensor, first: int) -> torch.Tensor:
    """[batch, length] bool: positions from `first` on whose NGRAM-gram (ending there) occurred at
    least MIN_EARLIER times earlier in the same sequence."""
    marks = torch.zeros_like(sequences, dtype=torch.bool)
    for row, ids in enumerate(sequences.tolist()):
        seen: dict[tuple, int] = {}
        for end in range(NGRAM - 1, len(ids)):
            gram = tuple(ids[end - NGRAM + 1 : end + 1])
            earlier = seen.get(gram, 0)
            if end >= first and earlier >= MIN_EARLIER:
                marks[row, end] = True
            seen[gram] = earlier + 1
    return marks


def unlikelihood_loss(model, sequences: torch.Tensor, first: int, generator: torch.Generator) -> torch.Tensor:
    """Sum over marked tokens of -log(1 - p(token | before)), over the count of continuation tokens.
    At most UL_ROWS marked tokens (a random choice) go through the output layer, scaled up to stand
    for all of them: the layer's 50,257 logits per row are most of the term's cost."""
    marks = repeat_marks(sequences, first)
    continuation = sequences.shape[0] * (sequences.shape[1] - first)
    batch, position = marks[:, 1:].nonzero(as_tuple=True)  # hidden at t - 1 predicts token t
    if len(batch) == 0:
        return torch.zeros(())
    chosen = torch.randperm(len(batch), generator=generator)[:UL_ROWS]
    scale = len(batch) / len(chosen)
    batch, position = batch[chosen], position[chosen]
    with torch.autocast("cpu", dtype=torch.bfloat16):
        hidden = model.transformer(input_ids=sequences).last_hidden_state
    rows = hidden[batch, position].to(torch.bfloat16)
    logits = (rows @ model.transformer.wte.weight.to(torch.bfloat16).T).float()
    log_p = logits.gather(1, sequences[batch, position + 1][:, None])[:, 0] - torch.logsumexp(logits, dim=-1)
    return -torch.log1p(-log_p.exp().clamp(max=1 - 1e-5)).sum() * scale / continuation


def prompts_from(tokens: torch.Tensor, count: int, generator: torch.Generator) -> torch.Tensor:
    """[count, 1 + PROMPT_TOKENS]: <|endoftext|> and PROMPT_TOKENS tokens from random places."""
    starts = torch.randint(0, len(tokens) - PROMPT_TOKENS, (count,), generator=generator).tolist()
    rows = [torch.cat([torch.tensor([END_OF_TEXT]), tokens[s : s + PROMPT_TOKENS]]) for s in starts]
    return torch.stack(rows)


def unlikelihood_step(model, tokens: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """The weighted unlikelihood term on fresh greedy continuations of train-split prompts."""
    prompts = prompts_from(tokens, UL_PROMPTS, generator)
    sequences = greedy_continuations(model, prompts, GREEDY_TOKENS)
    return UL_WEIGHT * unlikelihood_loss(model, sequences, prompts.shape[1], generator)


STAGE5_SEED = 20267
STAGE5 = Stage(
    5, STAGE4.out_dir, OUT / "circuits-unlooped", seed=STAGE5_SEED, steps=600, warmup_steps=20,
    peak_lr=1e-4, min_lr=1e-5, repeated_window=paired_runs_window, extra_loss=unlikelihood_step,
)


if __name__ == "__main__":
    command_line(STAGE5, __doc__)
