"""Our weights format (a weights/ folder: model.json + float16 shards) read into Hugging
Face's GPT2LMHeadModel, so the Python peers of the benchmark (tools/export_onnx.py,
tools/bench_experiments.py) hold exactly the values our runtime loads: the float16
numbers widened to float32, whatever script made them.
"""

import json
from pathlib import Path

import numpy as np
import torch
from transformers import GPT2Config, GPT2LMHeadModel


def read_weights(folder: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """Our model.json and its tensors as float32 arrays, by Hugging Face name (no "transformer.")."""
    manifest = json.loads((folder / "model.json").read_text())
    tensors: dict[str, np.ndarray] = {}
    for group in manifest["weightsManifest"]:
        raw = b"".join((folder / p).read_bytes() for p in group["paths"])
        halves = np.frombuffer(raw, dtype="<f2")
        offset = 0
        for w in group["weights"]:
            count = int(np.prod(w["shape"]))
            tensors[w["name"]] = halves[offset : offset + count].astype(np.float32).reshape(w["shape"])
            offset += count
        if offset != halves.size:
            raise SystemExit(f"{folder}: group holds {halves.size} values, its tensors need {offset}")
    return manifest["config"], tensors


def build_model(config: dict, tensors: dict[str, np.ndarray], attn_implementation: str | None = None) -> GPT2LMHeadModel:
    """GPT2LMHeadModel holding these weights; attn_implementation as transformers names it (None: its default)."""
    hf_config = GPT2Config(
        attn_implementation=attn_implementation,
        n_layer=config["n_layer"],
        n_head=config["n_head"],
        n_embd=config["n_embd"],
        n_positions=config["n_positions"],
        vocab_size=config["vocab_size"],
        layer_norm_epsilon=config["layer_norm_epsilon"],
    )
    model = GPT2LMHeadModel(hf_config).eval()
    state = {f"transformer.{name}": torch.from_numpy(a.copy()) for name, a in tensors.items()}
    # lm_head is tied to wte: load_state_dict fills it through the shared parameter.
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if m != "lm_head.weight" and not m.endswith(".attn.bias")]
    if missing or unexpected:
        raise SystemExit(f"weights do not fit GPT-2: missing {missing}, unexpected {unexpected}")
    return model
