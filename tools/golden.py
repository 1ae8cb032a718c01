"""Writes the golden activations the TF.js runtime is tested against.

Reference: Hugging Face transformers' GPT2LMHeadModel on the tiny fixture
(tests/fixtures/tiny-gpt2-hf, made by tools/make_tiny_fixture.py), eager attention,
every weight rounded to float16 and back first, because the runtime reads the float16
weights of weights/tiny-random/. Token ids come from tests/fixtures/golden/prompts.json
(written by tools/golden-prompts.ts with our tokenizer: the Hugging Face tokenizer files
are not available offline).

Activations are captured with forward hooks on the real modules, so they are what
transformers computes, not a re-implementation. Output, in tests/fixtures/golden/:
  <prompt>.bin   float32 little-endian arrays, one after another
  index.json     per prompt: ids and, per array, its offset (in floats) and shape

Usage: python3 tools/golden.py
"""

import json
from pathlib import Path

import numpy as np
import torch
from transformers import GPT2LMHeadModel

ROOT = Path(__file__).resolve().parent.parent
HF_DIR = ROOT / "tests" / "fixtures" / "tiny-gpt2-hf"
OUT_DIR = ROOT / "tests" / "fixtures" / "golden"
TOP_PREDICTIONS = 10
TOP_LENS = 5


def load_model() -> GPT2LMHeadModel:
    model = GPT2LMHeadModel.from_pretrained(HF_DIR, attn_implementation="eager").eval()
    with torch.no_grad():
        for param in model.parameters():
            param.copy_(param.half().float())
    return model


class Recorder:
    """Forward hooks that keep the first batch row of what each module sees or returns."""

    def __init__(self, model: GPT2LMHeadModel):
        self.seen: dict[str, torch.Tensor] = {}
        self.handles = []
        tr = model.transformer
        self.output(tr.wte, "embed")
        self.output(tr.wpe, "pos_embed")
        for l, block in enumerate(tr.h):
            p = f"blocks.{l}."
            self.input(block, p + "resid_pre")
            self.output(block.ln_1, p + "ln1.out")
            self.output(block.attn.c_attn, p + "qkv")
            self.attention(block.attn, p)
            self.input(block.attn.c_proj, p + "z_merged")
            self.input(block.ln_2, p + "resid_mid")
            self.output(block.ln_2, p + "ln2.out")
            self.output(block.mlp.c_fc, p + "mlp_pre")
            self.output(block.mlp.act, p + "mlp_post")
            self.output(block.mlp, p + "mlp_out")
            self.output(block, p + "resid_post")
        self.output(tr.ln_f, "ln_final")
        self.output(model.lm_head, "logits")

    def keep(self, name: str, value) -> None:
        if isinstance(value, tuple):
            value = value[0]
        self.seen[name] = value.detach()[0].clone()

    def output(self, module, name: str) -> None:
        self.handles.append(module.register_forward_hook(lambda _m, _i, out: self.keep(name, out)))

    def input(self, module, name: str) -> None:
        def hook(_m, args, kwargs):
            self.keep(name, args[0] if args else kwargs["hidden_states"])

        self.handles.append(module.register_forward_pre_hook(hook, with_kwargs=True))

    def attention(self, module, prefix: str) -> None:
        def hook(_m, _i, out):
            self.keep(prefix + "attn_out", out[0])
            if out[1] is None:
                raise SystemExit("attention weights missing: eager attention is required")
            self.keep(prefix + "pattern", out[1])

        self.handles.append(module.register_forward_hook(hook))


def split_heads(x: torch.Tensor, n_head: int) -> torch.Tensor:
    """[T, n_embd] -> [n_head, T, d_head], head h being columns h*d_head.. (as GPT-2 splits them)."""
    T, E = x.shape
    return x.reshape(T, n_head, E // n_head).transpose(0, 1)


def ln_stats(x: torch.Tensor, eps: float) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Mean, std = sqrt(biased var + eps) and (x - mean) / std, computed in float64."""
    x = x.double()
    mean = x.mean(-1, keepdim=True)
    std = (x.var(-1, unbiased=False, keepdim=True) + eps).sqrt()
    return mean[:, 0], std[:, 0], (x - mean) / std


def readout(logits: torch.Tensor, ids: list[int], k: int) -> dict[str, torch.Tensor]:
    """Top k per position, ln p of each actual next token, and the entropy, from [T, vocab] logits."""
    logp = torch.log_softmax(logits.double(), -1)
    top = logits.topk(k, -1)
    nxt = torch.tensor(ids[1:], dtype=torch.long)
    return {
        "top_logits": top.values,
        "top_ids": top.indices.float(),
        "next_logprob": logp[torch.arange(len(ids) - 1), nxt],
        "entropy": -(logp.exp() * logp).sum(-1),
    }


def trace(model: GPT2LMHeadModel, ids: list[int]) -> dict[str, torch.Tensor]:
    cfg = model.config
    rec = Recorder(model)
    with torch.no_grad():
        model(torch.tensor([ids]), use_cache=False)
        for h in rec.handles:
            h.remove()
        s = rec.seen
        out: dict[str, torch.Tensor] = {"embed": s["embed"], "pos_embed": s["pos_embed"][: len(ids)]}
        for l in range(cfg.n_layer):
            p = f"blocks.{l}."
            q, k, v = s[p + "qkv"].split(cfg.n_embd, dim=-1)
            for site, x in (("ln1", s[p + "resid_pre"]), ("ln2", s[p + "resid_mid"])):
                mean, std, normalized = ln_stats(x, cfg.layer_norm_epsilon)
                out[p + site + ".mean"], out[p + site + ".std"], out[p + site + ".normalized"] = mean, std, normalized
            out[p + "resid_pre"] = s[p + "resid_pre"]
            out[p + "ln1.out"] = s[p + "ln1.out"]
            out[p + "q"], out[p + "k"], out[p + "v"] = (split_heads(t, cfg.n_head) for t in (q, k, v))
            out[p + "pattern"] = s[p + "pattern"]
            out[p + "z"] = split_heads(s[p + "z_merged"], cfg.n_head)
            for name in ("attn_out", "resid_mid", "ln2.out", "mlp_pre", "mlp_post", "mlp_out", "resid_post"):
                out[p + name] = s[p + name]
        out["ln_final"] = s["ln_final"]
        logits = s["logits"]
        out["last_logits"] = logits[-1]
        for key, value in readout(logits, ids, TOP_PREDICTIONS).items():
            out["predictions." + key] = value
        # The logit lens: each block's input (and the last block's output) through ln_f and W_U.
        resid = [out[f"blocks.{l}.resid_pre"] for l in range(cfg.n_layer)] + [out[f"blocks.{cfg.n_layer - 1}.resid_post"]]
        for l, r in enumerate(resid):
            lens = readout(model.lm_head(model.transformer.ln_f(r)), ids, TOP_LENS)
            out[f"lens.{l}.top_ids"] = lens["top_ids"]
            out[f"lens.{l}.next_logprob"] = lens["next_logprob"]
    return out


def main() -> None:
    prompts = json.loads((OUT_DIR / "prompts.json").read_text())["prompts"]
    model = load_model()
    cfg = model.config
    index = {
        "source": "tools/golden.py on tests/fixtures/tiny-gpt2-hf, weights rounded to float16",
        "config": {k: getattr(cfg, k) for k in ("n_layer", "n_head", "n_embd", "n_positions", "vocab_size")},
        "prompts": [],
    }
    total = 0
    for prompt in prompts:
        arrays = trace(model, prompt["ids"])
        entries, offset, chunks = {}, 0, []
        for name, value in arrays.items():
            data = value.detach().float().contiguous().numpy().astype("<f4")
            entries[name] = {"offset": offset, "shape": list(data.shape)}
            offset += data.size
            chunks.append(data.ravel())
        file = f"{prompt['name']}.bin"
        blob = np.concatenate(chunks).tobytes()
        (OUT_DIR / file).write_bytes(blob)
        total += len(blob)
        index["prompts"].append({"name": prompt["name"], "ids": prompt["ids"], "file": file, "arrays": entries})
        print(f"{prompt['name']}: {len(prompt['ids'])} tokens, {len(blob) / 1e6:.2f} MB")
    (OUT_DIR / "index.json").write_text(json.dumps(index, indent=1) + "\n")
    print(f"wrote {OUT_DIR.relative_to(ROOT)} ({total / 1e6:.2f} MB of arrays)")


if __name__ == "__main__":
    main()
