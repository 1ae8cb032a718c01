"""Samples from a trained checkpoint for its model card: greedy (T = 0) and T = 0.7 with a fixed
seed, plain softmax over the whole vocabulary (no top-k or top-p). The prompt and its continuation are
printed separated by "|", with newlines shown as \\n.

    python3 tools/train/sample.py [CHECKPOINT_DIR]      (default: tools/train/out)

Python has no GPT-2 tokenizer files offline, so the prompts are encoded and the samples decoded
by tokenize.ts (gpt-tokenizer) through `npx tsx`.
"""
import json
import subprocess
import sys
from pathlib import Path

import torch
from transformers import GPT2LMHeadModel

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PROMPTS = ["The jury said", "She looked at the", "In the morning, the"]
NEW_TOKENS = 40
TEMPERATURES = [0.0, 0.7]
SEED = 42


def tokenizer(mode: str, payload):
    result = subprocess.run(
        ["npx", "tsx", str(HERE / "tokenize.ts"), mode],
        input=json.dumps(payload), capture_output=True, text=True, cwd=REPO, check=True,
    )
    return json.loads(result.stdout)


@torch.no_grad()
def continue_prompt(model: GPT2LMHeadModel, ids: list[int], temperature: float, generator: torch.Generator) -> list[int]:
    tokens = list(ids)
    for _ in range(NEW_TOKENS):
        context = torch.tensor([tokens[-model.config.n_positions :]])
        logits = model(input_ids=context).logits[0, -1]
        if temperature == 0:
            next_id = int(logits.argmax())
        else:
            probs = torch.softmax(logits / temperature, dim=-1)
            next_id = int(torch.multinomial(probs, 1, generator=generator))
        tokens.append(next_id)
    return tokens[len(ids) :]


def main() -> None:
    checkpoint = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "out"
    model = GPT2LMHeadModel.from_pretrained(checkpoint).eval()
    encoded = tokenizer("encode", PROMPTS)
    # One random stream for all samples, so different prompts do not reuse the same draws.
    generator = torch.Generator().manual_seed(SEED)
    continuations = []
    for prompt, ids in zip(PROMPTS, encoded):
        for temperature in TEMPERATURES:
            continuations.append((prompt, temperature, continue_prompt(model, ids, temperature, generator)))
    decoded = tokenizer("decode", [ids for _, _, ids in continuations])
    for (prompt, temperature, _), text in zip(continuations, decoded):
        shown = text.replace("\n", "\\n")  # keep each sample on one line
        print(f"T = {temperature:g}: {prompt}|{shown}")


if __name__ == "__main__":
    main()
