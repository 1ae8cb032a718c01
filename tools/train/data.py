"""Token data shared by the training, baseline and analysis scripts.

train.bin / val.bin are written by tools/train/prepare-corpus.ts: little-endian uint16 GPT-2
token ids with <|endoftext|> (50256) before every document.
"""
from pathlib import Path

import numpy as np
import torch

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCAB_SIZE = 50257
END_OF_TEXT = 50256


def load_tokens(split: str) -> torch.Tensor:
    """All token ids of one split ("train" or "val") as a 1-D int64 tensor."""
    path = DATA_DIR / f"{split}.bin"
    if not path.exists():
        raise SystemExit(f"{path} is missing: run `npx tsx tools/train/prepare-corpus.ts` first")
    return torch.from_numpy(np.fromfile(path, dtype="<u2").astype(np.int64))


def random_batch(tokens: torch.Tensor, batch: int, context: int, generator: torch.Generator):
    """`batch` random windows: inputs of `context` tokens and the same windows shifted by one."""
    starts = torch.randint(0, len(tokens) - context - 1, (batch,), generator=generator)
    windows = torch.stack([tokens[s : s + context + 1] for s in starts.tolist()])
    return windows[:, :-1], windows[:, 1:]


def validation_windows(tokens: torch.Tensor, context: int):
    """The validation split cut into consecutive, non-overlapping windows (the tail that does not
    fill a window is left out). Every score on the split -- model and unigram baseline -- is
    measured on exactly these target tokens."""
    count = (len(tokens) - 1) // context
    inputs = tokens[: count * context].view(count, context)
    targets = tokens[1 : count * context + 1].view(count, context)
    return inputs, targets
