"""Measures the circuits of a model on held-out text and probes, for its model card:

- per head: previous-token, first-token, induction and duplicate-token scores (mean attention),
  and the best induction head's score by band of the probe tokens' frequency rank;
- in-context copying: loss on the first and second copy of random common words repeated twice;
- causal check: that second-copy loss with the induction heads' hook_z zero-ablated (each head's
  slice of the input to attn.c_proj, through a PyTorch forward pre-hook), and with each head alone;
  copying and the causal check again without the leading <|endoftext|>, as a typed prompt has it;
- why copying is weak or strong: the induction heads' attention on the copying probe, how much
  the best induction head's OV circuit alone copies a word (its rank among the vocabulary's
  logits through W_V, W_O, ln_final and W_U), how alike the words' embedding rows are, and how
  well a map of the head's width, fitted alone on those rows, could copy them;
- the page's "Test for induction heads" (src/model/interventions/induction-probe.ts) on many seeds:
  random tokens from GPT-2's 5,000 most common (ids 256..5255, its first BPE merges) and from the
  whole vocabulary; these overlap the training pool, so they are the page's figures, not held out;
- Brown validation loss (float32, the validation windows of train.py);
- how much greedy continuations loop: distinct-4-gram ratio of 64-token greedy continuations of
  the first 8 tokens of every validation document.

    python3 tools/train/measure_circuits.py [MODEL_DIR] [--json FILE]

MODEL_DIR is a bundled weights folder (model.json, as the page runs it) or a Hugging Face
checkpoint; default weights/gpt2-mini-circuits. The probes use the odd frequency ranks of
synthetic.py (training used the even ones) and seeds of their own, so they never occur in training.
"""
import argparse
import functools
import json
from pathlib import Path

import torch
import torch.nn.functional as F

from bundled import load_any
from data import END_OF_TEXT, VOCAB_SIZE, load_tokens, validation_windows
from sample import tokenizer
from synthetic import frequency_ranked, probe_pool, training_pool

REPO = Path(__file__).resolve().parent.parent.parent
PROBE_SEED = 424242
REPEAT_LENGTH = 60  # random tokens, repeated twice (induction and duplicate-token scores)
WORDS_LENGTH = 30  # random common words, repeated twice (copying and ablation)
PROBE_BATCH = 64
COMMON_WORDS = 1000  # the most frequent probe-pool tokens that are a space and a lowercase word
INDUCTION_HEAD_SCORE = 0.3  # heads at or above this induction score are ablated together;
# with none that high, the best-scoring head stands in, so every card has a causal check
PAGE_PROBE_LENGTH = 20  # the page's probe length (INDUCTION_PROBE in src/store/experiment-examples.ts)
RANK_BANDS = [(0, 2000), (2000, 5000), (5000, 10000), (10000, 20000)]  # frequency ranks, 0-based, end excluded
PAGE_PROBE_SETS = {"common": (256, 256 + 5000), "any": (0, END_OF_TEXT)}  # as induction-probe.ts draws
COPY_POSITION = 40  # the position row added to a word's embedding in direct_copy
PROMPT_TOKENS = 8
GREEDY_TOKENS = 64
TEXT_BATCH = 16
LINEAR_COPY_STEPS = 600  # Adam steps of best_linear_copy's fit
LINEAR_COPY_BATCH = 256


@torch.no_grad()
def attention(model, input_ids: torch.Tensor) -> torch.Tensor:
    """[layer, batch, head, query, key]; runs the body only (the output layer is not needed)."""
    return torch.stack(model.transformer(input_ids=input_ids, output_attentions=True).attentions)


def text_scores(model, windows: torch.Tensor):
    previous = first = 0
    for start in range(0, len(windows), TEXT_BATCH):
        pattern = attention(model, windows[start : start + TEXT_BATCH])
        previous = previous + pattern.diagonal(offset=-1, dim1=-2, dim2=-1).sum(dim=(1, 3))
        first = first + pattern[..., 1:, 0].sum(dim=(1, 3))
    count = len(windows) * (windows.shape[1] - 1)
    return previous / count, first / count


def repeated(pool: torch.Tensor, length: int, generator: torch.Generator) -> torch.Tensor:
    """PROBE_BATCH rows of <|endoftext|> and a random run of pool tokens, twice."""
    run = pool[torch.randint(0, len(pool), (PROBE_BATCH, length), generator=generator)]
    return torch.cat([torch.full((PROBE_BATCH, 1), END_OF_TEXT), run, run], dim=1)


def repeat_scores(model, sequences: torch.Tensor, length: int):
    """Induction: from a second-copy token to the token after its first occurrence.
    Duplicate-token: from a second-copy token to its first occurrence."""
    pattern = attention(model, sequences)
    query = torch.arange(1 + length, 1 + 2 * length)
    induction = pattern[..., query[:-1], query[:-1] - length + 1].mean(dim=(1, 3))
    duplicate = pattern[..., query, query - length].mean(dim=(1, 3))
    return induction, duplicate


def ablate(model, heads):
    """Zero hook_z of the given (layer, head) pairs: their slice of the input to attn.c_proj."""
    width = model.config.n_embd // model.config.n_head
    handles = []
    for layer in sorted({l for l, _ in heads}):
        chosen = [h for l, h in heads if l == layer]

        def zero(_module, args, chosen=chosen):
            z = args[0].clone()
            for h in chosen:
                z[..., h * width : (h + 1) * width] = 0
            return (z,)

        handles.append(model.transformer.h[layer].attn.c_proj.register_forward_pre_hook(zero))
    return handles


@torch.no_grad()
def token_losses(model, sequences: torch.Tensor, heads=()) -> torch.Tensor:
    """[batch, position - 1]: the loss (nats) on each next token, with the given heads zero-ablated."""
    handles = ablate(model, heads)
    try:
        logits = model(input_ids=sequences[:, :-1]).logits
    finally:
        for h in handles:
            h.remove()
    return F.cross_entropy(logits.transpose(1, 2), sequences[:, 1:], reduction="none")


def copy_losses(model, sequences: torch.Tensor, length: int, heads=()):
    """Mean loss per token (nats) on the first copy and on the second copy."""
    losses = token_losses(model, sequences, heads)
    return losses[:, :length].mean().item(), losses[:, length:].mean().item()


def copy_losses_without_start(model, sequences: torch.Tensor, length: int, heads=()):
    """copy_losses with the leading <|endoftext|> dropped, as a typed prompt has it: the first
    copy's first token then has nothing before it and is not scored."""
    return copy_losses(model, sequences[:, 1:], length - 1, heads)


@torch.no_grad()
def brown_loss(model) -> float:
    inputs, targets = validation_windows(load_tokens("val"), model.config.n_positions)
    total = 0.0
    for start in range(0, len(inputs), TEXT_BATCH):
        logits = model(input_ids=inputs[start : start + TEXT_BATCH]).logits
        total += F.cross_entropy(logits.transpose(1, 2), targets[start : start + TEXT_BATCH], reduction="sum").item()
    return total / targets.numel()


@torch.no_grad()
def greedy_continuations(model, prompts: torch.Tensor, tokens: int) -> torch.Tensor:
    """[batch, prompt + tokens]: the prompts and their greedy continuations, dropout off, never
    <|endoftext|> (as generate() with min_new_tokens gives them, at about 0.6 of its time: a plain
    loop over the key/value cache)."""
    was_training = model.training
    model.eval()
    sequence, past, step_input = [prompts], None, prompts
    for _ in range(tokens):
        out = model(input_ids=step_input, past_key_values=past, use_cache=True)
        logits = out.logits[:, -1]
        logits[:, END_OF_TEXT] = float("-inf")
        step_input = logits.argmax(dim=-1, keepdim=True)
        past = out.past_key_values
        sequence.append(step_input)
    model.train(was_training)
    return torch.cat(sequence, dim=1)


def distinct_4grams(continuations: list[list[int]]) -> float:
    """The mean over continuations of their distinct 4-grams' share of all their 4-grams (1 = no repeat)."""
    ratios = []
    for ids in continuations:
        grams = [tuple(ids[i : i + 4]) for i in range(len(ids) - 3)]
        ratios.append(len(set(grams)) / len(grams))
    return sum(ratios) / len(ratios)


def document_openings(tokens: torch.Tensor) -> torch.Tensor:
    """[documents, 1 + PROMPT_TOKENS]: <|endoftext|> and the first PROMPT_TOKENS tokens of each document."""
    starts = (tokens == END_OF_TEXT).nonzero().flatten().tolist()
    return torch.stack([tokens[s : s + 1 + PROMPT_TOKENS] for s in starts])


@torch.no_grad()
def greedy_loops(model):
    """Prompts: the openings of every validation document. Returns the mean distinct-4-gram ratio
    of the continuations, the prompts (without <|endoftext|>) and the continuations."""
    prompts = document_openings(load_tokens("val"))
    continuations = greedy_continuations(model, prompts, GREEDY_TOKENS)[:, prompts.shape[1] :].tolist()
    return distinct_4grams(continuations), prompts[:, 1:].tolist(), continuations


@torch.no_grad()
def direct_copy(model, words: torch.Tensor, layer: int, head: int) -> dict:
    """The head's OV circuit alone on each word: the word's embedding plus a mid-context position
    row, through the layer's ln_1, the head's W_V and W_O, ln_final and W_U (ignoring everything
    else the stream holds). Returns the median rank of the word itself among the 50,257 logits
    (0 = top) and the mean of its logit minus the mean logit of the other words."""
    width = model.config.n_embd
    d = width // model.config.n_head
    block = model.transformer.h[layer]
    wte = model.transformer.wte.weight
    x = block.ln_1(wte[words] + model.transformer.wpe.weight[COPY_POSITION])
    columns = slice(2 * width + head * d, 2 * width + (head + 1) * d)
    v = x @ block.attn.c_attn.weight[:, columns] + block.attn.c_attn.bias[columns]
    logits = model.transformer.ln_f(v @ block.attn.c_proj.weight[head * d : (head + 1) * d]) @ wte.T
    own = logits.gather(1, words[:, None])[:, 0]
    rank = (logits > own[:, None]).sum(dim=1).float()
    among = logits[:, words]
    others = (among.sum(dim=1) - own) / (len(words) - 1)
    return {"median_rank": rank.median().item(), "logit_over_other_words": (own - others).mean().item()}


def best_linear_copy(model, words: torch.Tensor, layer: int, pool: torch.Tensor) -> dict:
    """What a head's OV circuit could copy on these token rows: a map of the head's width (W_V then
    W_O, fresh), fitted alone to copy training-pool tokens through the layer's ln_1 (at
    COPY_POSITION), ln_final and W_U, every other weight held; scored on the held-out words. Tells
    whether the token rows stand in the way of copying or the training does."""
    width = model.config.n_embd
    d = width // model.config.n_head
    wte = model.transformer.wte.weight.detach()
    ln_1, ln_f = model.transformer.h[layer].ln_1, model.transformer.ln_f
    generator = torch.Generator().manual_seed(PROBE_SEED + 2)
    value = (torch.randn(width, d, generator=generator) * 0.1).requires_grad_()
    output = (torch.randn(d, width, generator=generator) * 0.1).requires_grad_()
    optimizer = torch.optim.Adam([value, output], lr=1e-2)

    def logits(tokens):
        with torch.no_grad():
            x = ln_1(wte[tokens] + model.transformer.wpe.weight[COPY_POSITION])
        return ln_f(x @ value @ output) @ wte.T

    with torch.enable_grad():
        for _ in range(LINEAR_COPY_STEPS):
            tokens = pool[torch.randint(0, len(pool), (LINEAR_COPY_BATCH,), generator=generator)]
            loss = F.cross_entropy(logits(tokens), tokens)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    held = logits(words)
    own = held.gather(1, words[:, None])[:, 0]
    rank = (held > own[:, None]).sum(dim=1)
    return {"loss": F.cross_entropy(held, words).item(), "top1": (rank == 0).float().mean().item()}


def mean_cosine(rows: torch.Tensor) -> float:
    unit = F.normalize(rows, dim=1)
    cos = unit @ unit.T
    return cos[~torch.eye(len(rows), dtype=torch.bool)].mean().item()


def common_words(pool: torch.Tensor) -> torch.Tensor:
    texts = tokenizer("decode", [[int(i)] for i in pool])
    words = [int(i) for i, t in zip(pool, texts) if t.startswith(" ") and t[1:].isalpha() and t[1:].islower()]
    return torch.tensor(words[:COMMON_WORDS])


@torch.no_grad()
def page_probes(model) -> dict:
    """Per token set: the best induction head, its score, and the loss on each copy, with the
    leading <|endoftext|> and without it, as the page runs the test."""
    generator = torch.Generator().manual_seed(PROBE_SEED + 1)
    heads = model.config.n_head
    out = {}
    for name, (first, last) in PAGE_PROBE_SETS.items():
        sequences = repeated(torch.arange(first, last), PAGE_PROBE_LENGTH, generator)
        induction, _ = repeat_scores(model, sequences, PAGE_PROBE_LENGTH)
        first_copy, second_copy = copy_losses(model, sequences, PAGE_PROBE_LENGTH)
        bare_first, bare_second = copy_losses_without_start(model, sequences, PAGE_PROBE_LENGTH)
        l, h = divmod(int(induction.argmax()), heads)
        out[name] = {"best_head": f"L{l}H{h}", "induction": induction[l, h].item(),
                     "first_copy": first_copy, "second_copy": second_copy,
                     "first_copy_without_start": bare_first, "second_copy_without_start": bare_second}
    return out


@torch.no_grad()
def induction_by_rank(model, layer: int, head: int) -> list[dict]:
    """One head's induction score on runs drawn from one band of probe-pool frequency ranks at a
    time (RANK_BANDS, its own seed): where in the frequency range the head works. Also how often
    the band's tokens occur in the train split."""
    ranked = ranked_train_tokens()
    counts = torch.bincount(train_tokens(), minlength=VOCAB_SIZE)
    generator = torch.Generator().manual_seed(PROBE_SEED + 3)
    out = []
    for first, last in RANK_BANDS:
        band = probe_pool(ranked)[first // 2 : last // 2]
        induction, _ = repeat_scores(model, repeated(band, REPEAT_LENGTH, generator), REPEAT_LENGTH)
        seen = counts[band]
        out.append({"ranks": [first + 1, last], "train_count": [int(seen.min()), int(seen.max())],
                    "induction": induction[layer, head].item()})
    return out


@functools.cache
def train_tokens() -> torch.Tensor:
    """The train split, read once (the ranking and the rank bands' counts both need it)."""
    return load_tokens("train")


@functools.cache
def ranked_train_tokens() -> torch.Tensor:
    """synthetic.py's frequency ranking of the train split, made once: the probes take its odd
    ranks, best_linear_copy its even ones (the training pool)."""
    return frequency_ranked(train_tokens(), VOCAB_SIZE)


def probes() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The random-token sequences (head scores), the common-word sequences (copying, ablation)
    and the common words themselves."""
    pool = probe_pool(ranked_train_tokens())
    generator = torch.Generator().manual_seed(PROBE_SEED)
    random_tokens = repeated(pool, REPEAT_LENGTH, generator)
    words = common_words(pool)
    return random_tokens, repeated(words, WORDS_LENGTH, generator), words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", nargs="?", default=str(REPO / "weights" / "gpt2-mini-circuits"))
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args()
    torch.manual_seed(0)
    model = load_any(args.model)
    model.config._attn_implementation = "eager"  # attention probabilities are returned only by eager
    model.eval()
    model.requires_grad_(False)  # nothing here trains the model; best_linear_copy fits maps of its own
    layers, heads = model.config.n_layer, model.config.n_head

    random_tokens, word_sequences, words = probes()

    windows, _ = validation_windows(load_tokens("val"), model.config.n_positions)
    previous, first = text_scores(model, windows)
    induction, duplicate = repeat_scores(model, random_tokens, REPEAT_LENGTH)
    table = []
    print(f"{args.model}\n\nhead   previous-token  first-token  induction  duplicate-token")
    for l in range(layers):
        for h in range(heads):
            row = {"head": f"L{l}H{h}", "previous_token": previous[l, h].item(), "first_token": first[l, h].item(),
                   "induction": induction[l, h].item(), "duplicate_token": duplicate[l, h].item()}
            table.append(row)
            print(f"{row['head']:<6} {row['previous_token']:>14.3f} {row['first_token']:>12.3f} "
                  f"{row['induction']:>10.3f} {row['duplicate_token']:>16.3f}")
    best_previous = max(table, key=lambda r: r["previous_token"])
    best_induction = max(table, key=lambda r: r["induction"])
    best_l, best_h = divmod(int(induction.argmax()), heads)  # best_induction's head as (layer, head)
    print(f"\nbest previous-token head {best_previous['head']} {best_previous['previous_token']:.3f}; "
          f"best induction head {best_induction['head']} {best_induction['induction']:.3f}")

    by_rank = induction_by_rank(model, best_l, best_h)
    print(f"{best_induction['head']} by probe-pool frequency rank ({PROBE_BATCH} x {REPEAT_LENGTH} tokens per band): "
          + "; ".join(f"ranks {r['ranks'][0]}-{r['ranks'][1]} (seen {r['train_count'][0]}-{r['train_count'][1]} times) "
                      f"{r['induction']:.3f}" for r in by_rank))

    page = page_probes(model)
    for name, r in page.items():
        print(f"the page's induction test, {PROBE_BATCH} x {PAGE_PROBE_LENGTH} tokens from '{name}': best head "
              f"{r['best_head']} {r['induction']:.3f}; loss {r['first_copy']:.3f} then {r['second_copy']:.3f}; "
              f"without <|endoftext|> {r['first_copy_without_start']:.3f} then {r['second_copy_without_start']:.3f}")

    first_copy, second_copy = copy_losses(model, word_sequences, WORDS_LENGTH)
    print(f"\ncopying ({PROBE_BATCH} x {WORDS_LENGTH} random common words, twice): first copy {first_copy:.3f}, "
          f"second copy {second_copy:.3f} nats/token, difference {first_copy - second_copy:.3f}")
    chosen = [(l, h) for l in range(layers) for h in range(heads) if induction[l, h] >= INDUCTION_HEAD_SCORE]
    rule = f"score >= {INDUCTION_HEAD_SCORE}"
    if not chosen:
        chosen = [(best_l, best_h)]
        rule = f"none >= {INDUCTION_HEAD_SCORE}, so the best-scoring head"
    _, ablated = copy_losses(model, word_sequences, WORDS_LENGTH, chosen)
    names = ", ".join(f"L{l}H{h}" for l, h in chosen)
    ablation = {"heads": names, "second_copy": ablated, "increase": ablated - second_copy}
    print(f"induction heads ({rule}) {names} zero-ablated: second copy {ablated:.3f} "
          f"nats/token, up {ablated - second_copy:.3f}")
    print("each head zero-ablated alone, second-copy loss (increase):")
    single = {}
    for l in range(layers):
        cells = []
        for h in range(heads):
            _, ablated = copy_losses(model, word_sequences, WORDS_LENGTH, [(l, h)])
            single[f"L{l}H{h}"] = ablated
            cells.append(f"L{l}H{h} {ablated:.3f} ({ablated - second_copy:+.3f})")
        print("  " + "   ".join(cells))

    bare_first, bare_second = copy_losses_without_start(model, word_sequences, WORDS_LENGTH)
    _, bare_ablated = copy_losses_without_start(model, word_sequences, WORDS_LENGTH, chosen)
    without_start = {"first_copy": bare_first, "second_copy": bare_second, "ablated_second_copy": bare_ablated}
    print(f"the same without <|endoftext|>: first copy {bare_first:.3f}, second copy {bare_second:.3f} "
          f"(difference {bare_first - bare_second:.3f}); {names} zero-ablated: second copy {bare_ablated:.3f}")

    word_induction, _ = repeat_scores(model, word_sequences, WORDS_LENGTH)
    copy_circuit = {
        "head": f"L{best_l}H{best_h}",
        "induction_on_words": word_induction[best_l, best_h].item(),
        **direct_copy(model, words, best_l, best_h),
        "word_embedding_mean_cosine": mean_cosine(model.transformer.wte.weight[words]),
        "fitted_copy": best_linear_copy(model, words, best_l, training_pool(ranked_train_tokens())),
    }
    print(f"\nwhy copying is as strong as it is, for {copy_circuit['head']} (the best induction head): induction "
          f"score {copy_circuit['induction_on_words']:.3f} on the copying probe; its OV circuit alone ranks the "
          f"word it reads at a median {copy_circuit['median_rank']:.0f} of {VOCAB_SIZE} and lifts it "
          f"{copy_circuit['logit_over_other_words']:.3f} logits over the other words; the words' embedding rows "
          f"have a mean cosine of {copy_circuit['word_embedding_mean_cosine']:.3f}")
    fitted = copy_circuit["fitted_copy"]
    print(f"a map of that head's width fitted alone to copy training-pool tokens on these rows copies the held-out "
          f"words with a loss of {fitted['loss']:.3f} nats, the word itself first for {fitted['top1']:.3f} of them")

    val_loss = brown_loss(model)
    print(f"\nBrown validation loss {val_loss:.4f} nats/token (float32)")
    distinct, prompts, continuations = greedy_loops(model)
    print(f"greedy continuations ({len(prompts)} prompts, {GREEDY_TOKENS} tokens): distinct-4-gram ratio {distinct:.3f}")

    if args.json:
        figures = {
            "model": args.model, "heads": table, "copying": {"first_copy": first_copy, "second_copy": second_copy},
            "ablation": ablation, "single_head_ablation": single, "page_induction_test": page,
            "induction_by_rank": by_rank, "copying_without_start": without_start,
            "copy_circuit": copy_circuit,
            "brown_validation_loss": val_loss,
            "greedy_distinct_4gram": distinct,
        }
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
