"""An auxiliary loss on two attention patterns, used by train_circuits.py's second stage to start
a previous-token head and an induction head that plain language modelling on this corpus never
started (see train_circuits.py for the runs that failed without it).

Only where the two heads look is supervised, never what they write: the model still has to learn
to pass the previous token along and to copy what the induction head finds, and the language
loss is what rewards that. measure_circuits.py then checks that the heads matter by ablating them.
"""
import torch

EPSILON = 1e-6
PREVIOUS_HEAD = (0, 0)  # (layer, head) pulled toward the previous token
INDUCTION_HEAD = (1, 0)  # pulled toward the token after the last occurrence of the current bigram


def previous_token_loss(pattern: torch.Tensor) -> torch.Tensor:
    """pattern: [batch, query, key] of one head. Mean -log of the attention from t to t-1."""
    return -(pattern.diagonal(offset=-1, dim1=-2, dim2=-1) + EPSILON).log().mean()


def induction_targets(inputs: torch.Tensor) -> torch.Tensor:
    """[batch, query]: for a query whose last two tokens (t-1, t) occurred earlier as (j-1, j),
    the position j + 1 that followed the latest such occurrence; -1 where there is none. Matching
    two tokens, not one, keeps common single words ("the", ",") from counting as a repeat."""
    batch, length = inputs.shape
    same = inputs[:, :, None] == inputs[:, None, :]
    bigram = torch.zeros_like(same)
    bigram[:, 1:, 1:] = same[:, 1:, 1:] & same[:, :-1, :-1]
    earlier = torch.ones(length, length, dtype=torch.bool).tril(diagonal=-2)  # j < t - 1: the target is before t
    found = bigram & earlier
    positions = torch.arange(length).expand(batch, length, length)
    latest = torch.where(found, positions, torch.full_like(positions, -2)).amax(dim=-1)
    return torch.where(latest >= 0, latest + 1, torch.full_like(latest, -1))


def induction_loss(pattern: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """pattern: [batch, query, key] of one head; targets from induction_targets. Mean -log of the
    attention to each target, over the queries that have one (0 when none has)."""
    has = targets >= 0
    if not has.any():
        return pattern.sum() * 0
    picked = pattern.gather(-1, targets.clamp(min=0)[..., None])[..., 0]
    return -(picked[has] + EPSILON).log().mean()
