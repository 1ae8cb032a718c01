"""Checks measure_circuits.py's ablation figure with the project's own CLI: the copying probe's
first and second copy loss, with and without the given heads zero-ablated, from
`npm run trace -- --ablate blocks.L.attn.hook_z:head=H --json FILE` (TF.js, the page's runtime),
next to the same figures from PyTorch hooks on the same sequences and weights.

    python3 tools/train/cli_ablation.py weights/gpt2-mini-circuits L2H1 [L3H0 ...] [--sequences 8]

A prompt cannot hold <|endoftext|> (the page's tokenizer reads it as text), so these sequences
drop the leading <|endoftext|> of measure_circuits.py's probes, and the first copy's first token
is not scored. The figures are therefore close to, not equal to, the card's.
"""
import argparse
import json
import subprocess
import tempfile
from pathlib import Path

import torch

from bundled import load_any
from measure_circuits import REPO, WORDS_LENGTH, probes, token_losses
from sample import tokenizer


def parse_head(name: str) -> tuple[int, int]:
    layer, head = name.upper().removeprefix("L").split("H")
    return int(layer), int(head)


def cli_losses(model_dir: str, ids: list[int], heads: list[tuple[int, int]]) -> tuple[float, float]:
    """First- and second-copy loss of one sequence from the CLI's next_token_logprobs."""
    text = tokenizer("decode", [ids])[0]
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "trace.json"
        model_dir = str(Path(model_dir).resolve())
        command = ["npx", "tsx", "scripts/trace.ts", "--model", model_dir, "--text", text, "--json", str(out)]
        for layer, head in heads:
            command += ["--ablate", f"blocks.{layer}.attn.hook_z:head={head}"]
        subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True)
        trace = json.loads(out.read_text())
    if [t["id"] for t in trace["tokens"]] != ids:
        raise SystemExit(f"the CLI tokenized {text!r} differently from the probe's ids")
    return split_copies([-x for x in trace["next_token_logprobs"][:-1]])


def split_copies(losses: list[float]) -> tuple[float, float]:
    """losses[i] scores token i + 1: tokens 1 .. L-1 are the first copy, L .. 2L-1 the second."""
    first, second = losses[: WORDS_LENGTH - 1], losses[WORDS_LENGTH - 1 :]
    return sum(first) / len(first), sum(second) / len(second)


def torch_losses(model, sequences: torch.Tensor, heads) -> tuple[float, float]:
    """The same figures from PyTorch hooks, averaged over the sequences."""
    return split_copies(token_losses(model, sequences, heads).mean(dim=0).tolist())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("heads", nargs="+", help="heads to zero-ablate together, e.g. L2H1")
    parser.add_argument("--sequences", type=int, default=8)
    args = parser.parse_args()
    heads = [parse_head(h) for h in args.heads]
    _, word_sequences, _ = probes()
    sequences = word_sequences[: args.sequences, 1:]
    model = load_any(args.model)
    model.eval()

    rows = []
    for label, edit in (("plain", []), ("ablated " + " ".join(args.heads), heads)):
        cli = [cli_losses(args.model, s.tolist(), edit) for s in sequences]
        first = sum(c[0] for c in cli) / len(cli)
        second = sum(c[1] for c in cli) / len(cli)
        rows.append((label, first, second, *torch_losses(model, sequences, edit)))
    print(f"{args.model}, {len(sequences)} sequences of {WORDS_LENGTH} common words twice, no <|endoftext|>")
    print(f"{'run':<24} {'CLI first':>10} {'CLI second':>11} {'PyTorch first':>14} {'PyTorch second':>15}")
    for label, first, second, torch_first, torch_second in rows:
        print(f"{label:<24} {first:>10.3f} {second:>11.3f} {torch_first:>14.3f} {torch_second:>15.3f}")
    print(f"ablation raises the CLI's second-copy loss by {rows[1][2] - rows[0][2]:.3f} nats/token")


if __name__ == "__main__":
    main()
