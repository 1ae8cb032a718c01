"""Exports one of our models (a weights/ folder: model.json + float16 shards) to ONNX,
for the benchmark's peer runtime (onnxruntime-web).

The Hugging Face GPT2LMHeadModel is rebuilt from our own files, so the ONNX graphs hold
exactly the weights our runtime loads (the float16 values widened to float32), whatever
script made them. Two graphs are written, both taking input_ids [1, T] (int64) with T
dynamic:

  <out>/logits-all.onnx   logits [1, T, vocab]: every position
  <out>/logits-last.onnx  logits [1, vocab]: the last position only (the next-token
                          logits, without the T x vocab unembedding of the other rows)

Each graph stores its float32 weights in a data file beside it (<name>.onnx.data), the
layout onnxruntime-web loads through its externalData option. Generated, never committed.

Usage: python3 tools/export_onnx.py weights/gpt2-random bench-results/onnx/gpt2-random
"""

import argparse
from pathlib import Path

import torch
from transformers import GPT2LMHeadModel

from our_model import build_model, read_weights

OPSET = 18


class AllLogits(torch.nn.Module):
    def __init__(self, model: GPT2LMHeadModel):
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, use_cache=False).logits


class LastLogits(torch.nn.Module):
    """The blocks over every position, the unembedding at the last one only."""

    def __init__(self, model: GPT2LMHeadModel):
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        hidden = self.model.transformer(input_ids=input_ids, use_cache=False).last_hidden_state
        return self.model.lm_head(hidden[:, -1, :])


def export(module: torch.nn.Module, path: Path, n_positions: int) -> None:
    example = torch.zeros((1, min(8, n_positions)), dtype=torch.int64)
    tokens = torch.export.Dim("tokens", min=1, max=n_positions)
    program = torch.onnx.export(
        module,
        (example,),
        dynamo=True,
        opset_version=OPSET,
        input_names=["input_ids"],
        output_names=["logits"],
        dynamic_shapes={"input_ids": {1: tokens}},
        external_data=True,
    )
    program.save(str(path), external_data=True)
    print(f"wrote {path} ({sum(f.stat().st_size for f in path.parent.glob(path.name + '*')) / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weights", type=Path, help="a folder of ours holding model.json")
    parser.add_argument("out", type=Path, help="folder to write logits-all.onnx and logits-last.onnx into")
    args = parser.parse_args()

    config, tensors = read_weights(args.weights)
    model = build_model(config, tensors)
    args.out.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        export(AllLogits(model).eval(), args.out / "logits-all.onnx", config["n_positions"])
        export(LastLogits(model).eval(), args.out / "logits-last.onnx", config["n_positions"])


if __name__ == "__main__":
    main()
