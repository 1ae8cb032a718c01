"""Scores every attention head of a trained checkpoint on two behaviours that are easy to see in
the page's attention view:

- previous-token score: mean attention from position t to position t-1, over validation text;
- first-token score: mean attention from position t >= 1 to position 0 over validation text
  (a head that parks its attention on the first token when nothing else is relevant);
- favourite token: the token that receives the largest share of the head's attention over
  validation text, next to that token's share of the text (a content head gives a token several
  times its share);
- induction score: on a random token sequence repeated twice, mean attention from a token in the
  second copy to the token right after its earlier occurrence (the head "looks up what came next
  last time").

    python3 tools/train/analyze_heads.py [CHECKPOINT_DIR]     (default: tools/train/out)

Prints a table and writes head-scores.json into the checkpoint folder.
"""
import json
import sys
from pathlib import Path

import torch
from transformers import GPT2LMHeadModel

from data import END_OF_TEXT, VOCAB_SIZE, load_tokens, validation_windows
from sample import tokenizer

SEED = 0
TEXT_WINDOWS = 32  # validation windows used for the previous-token score
REPEAT_LENGTH = 60  # length of the random sequence that is repeated
REPEAT_BATCH = 32
RANDOM_TOKEN_RANGE = (1000, 30000)  # ordinary BPE pieces; avoids control bytes and rare junk


@torch.no_grad()
def attention_patterns(model: GPT2LMHeadModel, input_ids: torch.Tensor) -> torch.Tensor:
    """[layer, batch, head, query, key] attention probabilities. Runs only the transformer body:
    the 50,257-way output layer is not needed here and would dominate the time."""
    return torch.stack(model.transformer(input_ids=input_ids, output_attentions=True).attentions)


def text_scores(model: GPT2LMHeadModel):
    """Over validation windows: previous-token and first-token scores ([layer, head] each), and
    each head's favourite token id with the share of attention it gets ([layer, head] each),
    plus every token's share of the text."""
    inputs, _ = validation_windows(load_tokens("val"), model.config.n_positions)
    inputs = inputs[:TEXT_WINDOWS]
    pattern = attention_patterns(model, inputs)
    previous = pattern.diagonal(offset=-1, dim1=-2, dim2=-1).mean(dim=(1, 3))
    first = pattern[..., 1:, 0].mean(dim=(1, 3))
    layers, _, heads = pattern.shape[:3]
    received = pattern.sum(dim=3).permute(0, 2, 1, 3).reshape(layers * heads, -1)  # per key
    by_token = torch.zeros(layers * heads, VOCAB_SIZE).index_add_(1, inputs.reshape(-1), received)
    share, favourite = (by_token / by_token.sum(dim=1, keepdim=True)).max(dim=1)
    text_share = torch.bincount(inputs.reshape(-1), minlength=VOCAB_SIZE) / inputs.numel()
    return previous, first, favourite.view(layers, heads), share.view(layers, heads), text_share


def induction_scores(model: GPT2LMHeadModel) -> torch.Tensor:
    generator = torch.Generator().manual_seed(SEED)
    low, high = RANDOM_TOKEN_RANGE
    sequence = torch.randint(low, high, (REPEAT_BATCH, REPEAT_LENGTH), generator=generator)
    start = torch.full((REPEAT_BATCH, 1), END_OF_TEXT)
    input_ids = torch.cat([start, sequence, sequence], dim=1)
    pattern = attention_patterns(model, input_ids)
    # Query i in the second copy (i = 1 + L + j) saw the same token at 1 + j; the token after
    # that occurrence sits at 2 + j = i - L + 1.
    second_copy = torch.arange(1 + REPEAT_LENGTH, 1 + 2 * REPEAT_LENGTH)
    scores = pattern[..., second_copy, second_copy - REPEAT_LENGTH + 1]
    return scores.mean(dim=(1, 3))  # [layer, head]


def uniform_reference(model: GPT2LMHeadModel) -> float:
    """Previous-token (and first-token) score of a head that spreads attention evenly over all
    earlier positions."""
    positions = torch.arange(1, model.config.n_positions, dtype=torch.float64)
    return (1 / (positions + 1)).mean().item()


def uniform_reference_induction() -> float:
    """Induction score of a head that spreads attention evenly over all earlier positions."""
    queries = torch.arange(1 + REPEAT_LENGTH, 1 + 2 * REPEAT_LENGTH, dtype=torch.float64)
    return (1 / (queries + 1)).mean().item()


def position_smoothness(model: GPT2LMHeadModel) -> float:
    """Previous-token heads need positions the model can tell apart and relate; learned position
    embeddings that have become useful change smoothly from one position to the next."""
    rows = torch.nn.functional.normalize(model.transformer.wpe.weight.detach(), dim=1)
    return (rows[1:] * rows[:-1]).sum(dim=1).mean().item()


def main() -> None:
    checkpoint = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "out"
    model = GPT2LMHeadModel.from_pretrained(checkpoint, attn_implementation="eager").eval()
    previous, first, favourite, favourite_share, text_share = text_scores(model)
    induction = induction_scores(model)
    favourite_text = tokenizer("decode", [[int(i)] for i in favourite.reshape(-1)])
    rows = []
    print(f"position embeddings: mean cosine similarity of neighbouring positions "
          f"{position_smoothness(model):.2f} (about 0 when random)")
    print(f"uniform causal attention would score {uniform_reference(model):.3f} (previous-token and "
          f"first-token) and {uniform_reference_induction():.3f} (induction)")
    print("head   previous-token   first-token   induction   favourite token (attention share / text share)")
    for layer in range(previous.shape[0]):
        for head in range(previous.shape[1]):
            row = {
                "head": f"L{layer}H{head}",
                "layer": layer,
                "index": head,
                "previous_token": round(previous[layer, head].item(), 3),
                "first_token": round(first[layer, head].item(), 3),
                "induction": round(induction[layer, head].item(), 3),
                "favourite_token": favourite_text[len(rows)],
                "favourite_token_id": int(favourite[layer, head]),
                "favourite_attention_share": round(favourite_share[layer, head].item(), 3),
                "favourite_text_share": round(text_share[favourite[layer, head]].item(), 3),
            }
            rows.append(row)
            print(f"{row['head']:<6} {row['previous_token']:>14.3f} {row['first_token']:>13.3f} "
                  f"{row['induction']:>11.3f}   {json.dumps(row['favourite_token'])} "
                  f"({row['favourite_attention_share']:.3f} / {row['favourite_text_share']:.3f})")
    (checkpoint / "head-scores.json").write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
