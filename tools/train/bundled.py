"""Reads a model in the project's weights format (model.json + float16 shards, src/weights/FORMAT.md)
into a Hugging Face GPT2LMHeadModel, so the Python tools can train on from a bundled model and
measure exactly the weights the page runs.

    model = load_bundled("weights/gpt2-mini-circuits")
"""
import hashlib
import json
from pathlib import Path

import numpy as np
import torch
from transformers import GPT2Config, GPT2LMHeadModel

from data import END_OF_TEXT


def _shard_bytes(folder: Path, manifest: dict) -> bytes:
    expected = {s["path"]: s for s in manifest["shards"]}
    chunks = []
    for group in manifest["weightsManifest"]:
        for name in group["paths"]:
            data = (folder / name).read_bytes()
            if len(data) != expected[name]["bytes"] or hashlib.sha256(data).hexdigest() != expected[name]["sha256"]:
                raise SystemExit(f"{folder / name} does not match the length and SHA-256 in model.json")
            chunks.append(data)
    return b"".join(chunks)


def load_bundled(folder: str | Path, dropout: float = 0.0, attention_dropout: float | None = None) -> GPT2LMHeadModel:
    """The float16 weights widened (exactly) to float32 in a GPT2LMHeadModel with tied W_U."""
    folder = Path(folder)
    manifest = json.loads((folder / "model.json").read_text())
    c = manifest["config"]
    config = GPT2Config(
        vocab_size=c["vocab_size"],
        n_positions=c["n_positions"],
        n_embd=c["n_embd"],
        n_layer=c["n_layer"],
        n_head=c["n_head"],
        layer_norm_epsilon=c["layer_norm_epsilon"],
        resid_pdrop=dropout,
        embd_pdrop=dropout,
        attn_pdrop=dropout if attention_dropout is None else attention_dropout,
        bos_token_id=END_OF_TEXT,
        eos_token_id=END_OF_TEXT,
        tie_word_embeddings=True,
    )
    model = GPT2LMHeadModel(config)
    values = np.frombuffer(_shard_bytes(folder, manifest), dtype="<f2")
    state = {}
    offset = 0
    for group in manifest["weightsManifest"]:
        for spec in group["weights"]:
            count = int(np.prod(spec["shape"]))
            chunk = values[offset : offset + count].astype(np.float32).reshape(spec["shape"])
            state["transformer." + spec["name"]] = torch.from_numpy(chunk.copy())
            offset += count
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or [k for k in missing if k != "lm_head.weight"]:
        raise SystemExit(f"{folder}: tensors do not match GPT-2's ({missing}, {unexpected})")
    model.tie_weights()
    return model


def load_any(path: str | Path, **kwargs) -> GPT2LMHeadModel:
    """A bundled weights folder (model.json) or a Hugging Face checkpoint folder (config.json)."""
    path = Path(path)
    if (path / "model.json").exists():
        return load_bundled(path, **kwargs)
    return GPT2LMHeadModel.from_pretrained(path, attn_implementation="eager")
