"""Synthetic sequences with repeated spans, for training induction heads and for the probes that
measure them. Training and probes draw from disjoint token sets: tokens are ranked by how often
they occur in the Brown train split, training uses the even ranks and the probes the odd ranks,
each with its own seeds (see measure_circuits.py), so no probe sequence can occur in training.
"""
import torch

from data import END_OF_TEXT

POOL_RANKS = 20000  # the 20,000 most frequent Brown tokens; 10,000 for training, 10,000 for probes
IGNORE = -100  # cross-entropy's ignore_index: targets that cannot be predicted from context


def frequency_ranked(train_tokens: torch.Tensor, vocab_size: int) -> torch.Tensor:
    """Token ids from most to least frequent in the train split (ties by id), <|endoftext|> left out."""
    counts = torch.bincount(train_tokens, minlength=vocab_size).double()
    counts[END_OF_TEXT] = -1
    # Sorting by (-count, id) keeps the order the same on every machine.
    order = sorted(range(vocab_size), key=lambda i: (-counts[i].item(), i))
    return torch.tensor(order[:POOL_RANKS])


def training_pool(ranked: torch.Tensor) -> torch.Tensor:
    return ranked[0::2]


def probe_pool(ranked: torch.Tensor) -> torch.Tensor:
    return ranked[1::2]


def repeated_random_window(pool: torch.Tensor, context: int, generator: torch.Generator):
    """<|endoftext|>, then a random run of pool tokens (8 to 100 long) repeated until the window is
    full. Targets in the first copy are ignored: nothing in the context predicts them, and learning
    them would only teach the pool's flat distribution."""
    length = int(torch.randint(8, 101, (1,), generator=generator))
    run = pool[torch.randint(0, len(pool), (length,), generator=generator)]
    repeats = context // length + 1
    window = torch.cat([torch.tensor([END_OF_TEXT]), run.repeat(repeats)])[: context + 1]
    inputs, targets = window[:-1], window[1:].clone()
    targets[: length] = IGNORE
    return inputs, targets


def copied_span_window(tokens: torch.Tensor, context: int, generator: torch.Generator):
    """A random window of Brown text in which a span of 10 to 60 tokens is copied, later in the
    same window, over the text that was there: natural text with one repeat to look back at."""
    start = int(torch.randint(0, len(tokens) - context - 1, (1,), generator=generator))
    window = tokens[start : start + context + 1].clone()
    span = int(torch.randint(10, 61, (1,), generator=generator))
    source = int(torch.randint(0, context + 1 - 2 * span, (1,), generator=generator))
    target = int(torch.randint(source + span, context + 2 - span, (1,), generator=generator))
    window[target : target + span] = window[source : source + span].clone()
    return window[:-1], window[1:]


def paired_runs_window(pool: torch.Tensor, context: int, generator: torch.Generator):
    """Random runs of pool tokens (8 to 100 long), each given twice before the next begins; half the
    windows open with <|endoftext|>, half with the first run, as a typed prompt does. Scored: every
    second copy, and the first token of each run after the first, where a model that had learned
    "a repeat goes on repeating" would predict a third copy. The rest of a first copy is
    unpredictable and unscored, as in repeated_random_window."""
    parts = [torch.tensor([END_OF_TEXT])] if torch.rand((), generator=generator) < 0.5 else []
    scored = [torch.zeros(len(parts), dtype=torch.bool)]
    runs = 0
    while sum(len(p) for p in parts) < context + 1:
        length = int(torch.randint(8, 101, (1,), generator=generator))
        run = pool[torch.randint(0, len(pool), (length,), generator=generator)]
        first_copy = torch.zeros(length, dtype=torch.bool)
        first_copy[0] = runs > 0
        runs += 1
        parts += [run, run]
        scored += [first_copy, torch.ones(length, dtype=torch.bool)]
    window = torch.cat(parts)[: context + 1]
    keep = torch.cat(scored)[: context + 1]
    inputs, targets = window[:-1], window[1:].clone()
    targets[~keep[1:]] = IGNORE
    return inputs, targets
