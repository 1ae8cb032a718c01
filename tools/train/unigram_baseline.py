"""Unigram baseline for the models trained on Brown: the score a model gets by knowing only how often each
token occurs, ignoring all context. The trained model has to beat it clearly to have learned
anything about word order.

    python3 tools/train/unigram_baseline.py

Token frequencies come from the train split with add-one (Laplace) smoothing over the full
50,257-token vocabulary, so unseen tokens keep a small probability. The score is measured on the
same validation target tokens as the model's validation loss (data.validation_windows).
"""
import json
import math

import torch

from data import VOCAB_SIZE, load_tokens, validation_windows
from train import CONTEXT


def unigram_cross_entropy() -> dict:
    counts = torch.bincount(load_tokens("train"), minlength=VOCAB_SIZE).double()
    log_probs = torch.log((counts + 1) / (counts.sum() + VOCAB_SIZE))
    _, targets = validation_windows(load_tokens("val"), CONTEXT)
    nats = -log_probs[targets.reshape(-1)].mean().item()
    return {
        "cross_entropy_nats": round(nats, 4),
        "bits_per_token": round(nats / math.log(2), 4),
        "perplexity": round(math.exp(nats), 1),
        "validation_targets": targets.numel(),
        "unseen_in_train": int((counts[targets.reshape(-1)] == 0).sum().item()),
    }


if __name__ == "__main__":
    print(json.dumps(unigram_cross_entropy(), indent=2))
