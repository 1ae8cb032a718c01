"""Builds the tiny random GPT-2 test fixture.

1. A 2-layer, 2-head, 64-wide GPT-2 with the full 50,257-token vocabulary and random
   weights (fixed seed), saved with transformers' save_pretrained (safetensors) to
   tests/fixtures/tiny-gpt2-hf/. tools/golden.py reads this folder as the reference model.
2. That checkpoint converted with `npm run convert` into weights/tiny-random/ (our format).

Running it again gives the same files byte for byte (same torch and transformers versions).

Usage: python3 tools/make_tiny_fixture.py [--hf-only]
"""

import argparse
import subprocess
import sys
from pathlib import Path

import torch
from transformers import GPT2Config, GPT2LMHeadModel

ROOT = Path(__file__).resolve().parent.parent
HF_DIR = ROOT / "tests" / "fixtures" / "tiny-gpt2-hf"
OUT_DIR = ROOT / "weights" / "tiny-random"
SEED = 20240501


def build_model() -> GPT2LMHeadModel:
    torch.manual_seed(SEED)
    config = GPT2Config(
        n_layer=2,
        n_head=2,
        n_embd=64,
        n_positions=128,
        vocab_size=50257,
        layer_norm_epsilon=1e-5,
        # GPT-2's own 0.02 would give a 64-wide model near-uniform attention (scores
        # q.k / sqrt(d_head) spread by about 0.1); 0.2 spreads them by about 2.5, so
        # attention patterns, GELU and the logits are far from trivial.
        initializer_range=0.2,
    )
    model = GPT2LMHeadModel(config).eval()
    # The default init sets every bias to 0 and every LayerNorm to gamma 1, beta 0:
    # a runtime that forgot a bias or a gamma would still match. Randomise them.
    with torch.no_grad():
        for name, param in model.named_parameters():
            if name.endswith(".bias"):
                param.normal_(0.0, 0.05)
            elif ".ln_" in name or name.startswith("transformer.ln_f"):
                param.normal_(1.0, 0.1)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hf-only", action="store_true", help="only write the Hugging Face folder")
    args = parser.parse_args()

    model = build_model()
    HF_DIR.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(HF_DIR, safe_serialization=True)
    params = sum(p.numel() for p in model.parameters())
    print(f"wrote {HF_DIR.relative_to(ROOT)} ({params:,} parameters)")
    if args.hf_only:
        return

    result = subprocess.run(
        ["npm", "run", "--silent", "convert", "--", str(HF_DIR.relative_to(ROOT)), str(OUT_DIR.relative_to(ROOT))],
        cwd=ROOT,
    )
    if result.returncode != 0:
        sys.exit(f"conversion failed (exit {result.returncode})")


if __name__ == "__main__":
    main()
