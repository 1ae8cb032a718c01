"""Stage 4 of gpt2-mini-circuits (train_circuits.py runs it after stage 3): gives the rows of rare
tokens something the induction head can tell apart, and teaches that a repeat does not go on
repeating.

After stage 3, L1H0 gave the token after an earlier occurrence 0.86 of its attention on runs of
the 2,000 most common probe tokens but 0.07 on probe-pool ranks 10,001 to 20,000, tokens seen 4
to 11 times in the Brown train split (measure_circuits.induction_by_rank). Their rows had
collapsed: language modelling moves every rare row by nearly the same gradient (each is pushed
down as a wrong guess far more often than up as a right one). For ranks 10,001 to 20,000, what
set a row apart from the band's mean row was 8% of its squared length, and even that lay mostly
along about 2 shared directions (the participation ratio of those differences). No head can find
a token among 60 by a row that looks like every other.

So before the first step every token row gets a random vector of its own, of length
IDENTITY_NORM / (1 + count / IDENTITY_HALF_COUNT) for a token seen `count` times in the train
split: 0.11 at frequency rank 1,000, 0.35 at rank 5,000, 0.52 at rank 10,000 (where a row is about
3.6 long), 0.67 at rank 20,000 and 0.8 for the 17,513 tokens the split never has. The rule is the
same for all 50,257 tokens and depends only on that count; it knows nothing of the probes.

The vectors lie in the IDENTITY_DIRECTIONS directions the final hidden state uses least (the
smallest eigenvectors of its second moment over Brown train windows). W_U is tied to W_E, so a
vector along a direction the final state uses shifts that token's logit in every prediction. On
the first 64 validation windows, before any training, with directions estimated there: vectors
of length 1 across all 128 dimensions cost 0.38 nats, in these directions 0.06, and at length 0.8
0.035.

The repeated windows also change (synthetic.paired_runs_window): each run is given twice, then a
new one starts, and half the windows open without <|endoftext|>. Stage 3 repeated one run until the
window was full and always after <|endoftext|>, which taught that a repeat goes on forever (greedy
continuations looped) and left copying weaker after a typed prompt, which has no <|endoftext|>.

Everything else is stage 3's step (train_copying.py), on a shorter, lower schedule.

    TRAIN_THREADS=2 python3 tools/train/train_rare_rows.py [--probe STEPS]

Starts from tools/train/out/circuits-copying (stage 3); writes tools/train/out/circuits-rare-rows.
"""
import torch

from data import VOCAB_SIZE, random_batch
from synthetic import paired_runs_window
from train import CONTEXT, EVAL_BATCH
from train_copying import OUT, STAGE3, Stage, command_line

IDENTITY_NORM = 0.8
IDENTITY_HALF_COUNT = 20  # a token seen this often gets half of IDENTITY_NORM
IDENTITY_DIRECTIONS = 80  # of 128: all but the 48 the final hidden state uses most
HIDDEN_WINDOWS = 32  # Brown train windows that estimate the final hidden state's second moment


@torch.no_grad()
def least_used_directions(model, tokens: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """[n_embd, IDENTITY_DIRECTIONS]: orthonormal directions along which the final hidden state
    (after ln_f, what W_U reads) has the smallest mean square on Brown train windows."""
    model.eval()
    inputs, _ = random_batch(tokens, HIDDEN_WINDOWS, CONTEXT, generator)
    width = model.config.n_embd
    moment = torch.zeros(width, width)
    for start in range(0, HIDDEN_WINDOWS, EVAL_BATCH):
        hidden = model.transformer(input_ids=inputs[start : start + EVAL_BATCH]).last_hidden_state.reshape(-1, width)
        moment += hidden.T @ hidden
    _, vectors = torch.linalg.eigh(moment)  # ascending eigenvalues
    return vectors[:, :IDENTITY_DIRECTIONS]


@torch.no_grad()
def give_rows_identity(model, tokens: torch.Tensor, seed: int) -> None:
    """Adds to every token row its own random vector, longer the rarer the token (see above)."""
    generator = torch.Generator().manual_seed(seed)
    directions = least_used_directions(model, tokens, generator)
    counts = torch.bincount(tokens, minlength=VOCAB_SIZE).float()
    wte = model.transformer.wte.weight
    own = torch.randn(len(wte), IDENTITY_DIRECTIONS, generator=generator) @ directions.T
    lengths = IDENTITY_NORM / (1 + counts / IDENTITY_HALF_COUNT)
    wte += lengths[:, None] * own / own.norm(dim=1, keepdim=True)


STAGE4_SEED = 20266
STAGE4 = Stage(
    4, STAGE3.out_dir, OUT / "circuits-rare-rows", seed=STAGE4_SEED, steps=1500, warmup_steps=20,
    peak_lr=3e-4, min_lr=3e-5, repeated_window=paired_runs_window,
    prepare=lambda model, tokens: give_rows_identity(model, tokens, STAGE4_SEED),
)


if __name__ == "__main__":
    command_line(STAGE4, __doc__)
