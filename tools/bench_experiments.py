"""The experiments' PyTorch peer for `npm run bench`: what a practitioner runs today.

Hugging Face's GPT2LMHeadModel on our weights (tools/our_model.py, the same float16
values our runtime loads), edited with forward hooks the way TransformerLens patches and
ablates: one hooked forward per cell of a sweep, on the CPU with a fixed thread count.

Reads a job (JSON) from the file named on the command line and prints the result (JSON) on
stdout; progress goes to stderr. Without "rows" in the job it serves them instead: one line
(the versions) once the model is loaded, then for each row read as one line of stdin, its
result as one line, until stdin ends; the bench uses this to alternate the peer's rows with
its own. The job:

  {"weights": "weights/gpt2-random", "threads": 2, "runs": 5, "warmup_seconds": 3,
   "rows": [{"experiment": "forward", "ids": [...]},
            {"experiment": "resid_pre_sweep" | "resid_pre_one_token" | "z_sweep",
             "clean": [...], "corrupted": [...], "answer": id, "against": id},
            {"experiment": "head_ablation", "ids": [...], "layer": l, "head": h},
            {"experiment": "attribution", "ids": [...], "target": id},
            {"experiment": "induction_probe", "ids": [...], "length": n}]}

Each row of the answer gives the experiment, its token count, its cell count (forwards
for a sweep), ms (median, quartiles, min, max over the timed runs; a sweep is timed
once, whole) and what it computed, so the bench can check that both sides agree.
Sweeps: values[layer][position or head] = (patched - corrupted) / (clean - corrupted)
of the logit difference answer - against at the last position.
"""

import argparse
import base64
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
import transformers
from transformers import GPT2LMHeadModel

from our_model import build_model, read_weights


def log(line: str) -> None:
    print(f"  [pytorch] {line}", file=sys.stderr, flush=True)


def summarize(samples: list[float]) -> dict:
    """Median, quartiles (linear interpolation, as scripts/bench/stats.ts), min and max."""
    a = np.array(sorted(samples))
    q = lambda p: float(np.quantile(a, p))
    return {"median": q(0.5), "q1": q(0.25), "q3": q(0.75), "min": float(a[0]), "max": float(a[-1]), "runs": len(a)}


def timed(fn, runs: int, warmup_seconds: float) -> tuple[dict, object]:
    """Warm-up for `warmup_seconds` (at least one call), then `runs` timed calls; the last call's value."""
    until = time.perf_counter() + warmup_seconds
    value = fn()
    while time.perf_counter() < until:
        value = fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return summarize(samples), value


def once(fn) -> tuple[dict, object]:
    start = time.perf_counter()
    value = fn()
    return summarize([(time.perf_counter() - start) * 1000]), value


def as_ids(ids: list[int]) -> torch.Tensor:
    return torch.tensor([ids], dtype=torch.int64)


def f32_base64(values: torch.Tensor) -> str:
    return base64.b64encode(values.detach().to(torch.float32).contiguous().numpy().tobytes()).decode("ascii")


class Hooks:
    """Forward hooks that are removed together."""

    def __init__(self):
        self.handles = []

    def pre(self, module, fn):
        self.handles.append(module.register_forward_pre_hook(fn, with_kwargs=True))

    def post(self, module, fn):
        self.handles.append(module.register_forward_hook(fn))

    def __enter__(self):
        return self

    def __exit__(self, *_):
        for h in self.handles:
            h.remove()


def first_arg(args, kwargs):
    return args[0] if args else kwargs["hidden_states"]


def with_first_arg(args, kwargs, value):
    if args:
        return (value, *args[1:]), kwargs
    return args, {**kwargs, "hidden_states": value}


def last_diff(model: GPT2LMHeadModel, ids: torch.Tensor, answer: int, against: int) -> float:
    logits = model(ids).logits[0, -1]
    return float(logits[answer] - logits[against])


def resid_pre_cache(model: GPT2LMHeadModel, ids: torch.Tensor) -> list[torch.Tensor]:
    """hook_resid_pre of every block: each block's input."""
    cache = []
    with Hooks() as hooks:
        for block in model.transformer.h:
            hooks.pre(block, lambda _m, a, k: cache.append(first_arg(a, k).detach().clone()))
        model(ids)
    return cache


def z_cache(model: GPT2LMHeadModel, ids: torch.Tensor) -> list[torch.Tensor]:
    """attn.hook_z of every block, heads merged: the input of the attention's output projection c_proj."""
    cache = []
    with Hooks() as hooks:
        for block in model.transformer.h:
            hooks.pre(block.attn.c_proj, lambda _m, a, k: cache.append(first_arg(a, k).detach().clone()))
        model(ids)
    return cache


def sweep(model: GPT2LMHeadModel, row: dict) -> tuple[int, object]:
    """The tutorials' loop: the clean run cached, then one hooked forward of the corrupted prompt per cell."""
    clean, corrupted = as_ids(row["clean"]), as_ids(row["corrupted"])
    answer, against = row["answer"], row["against"]
    n_layer, n_head = model.config.n_layer, model.config.n_head
    d_head = model.config.n_embd // n_head

    def run():
        clean_diff = last_diff(model, clean, answer, against)
        corrupted_diff = last_diff(model, corrupted, answer, against)
        by_resid = row["experiment"] != "z_sweep"
        cache = resid_pre_cache(model, clean) if by_resid else z_cache(model, clean)
        columns = corrupted.shape[1] if by_resid else n_head
        values = []
        for layer in range(n_layer):
            out = []
            for c in range(columns):

                def patch(_m, args, kwargs, layer=layer, c=c):
                    x = first_arg(args, kwargs).clone()
                    if by_resid:
                        x[:, c] = cache[layer][:, c]
                    else:
                        x[..., c * d_head : (c + 1) * d_head] = cache[layer][..., c * d_head : (c + 1) * d_head]
                    return with_first_arg(args, kwargs, x)

                site = model.transformer.h[layer] if by_resid else model.transformer.h[layer].attn.c_proj
                with Hooks() as hooks:
                    hooks.pre(site, patch)
                    patched = last_diff(model, corrupted, answer, against)
                out.append((patched - corrupted_diff) / (clean_diff - corrupted_diff))
            values.append(out)
        return {"values": values, "cleanDiff": clean_diff, "corruptedDiff": corrupted_diff}

    cells = n_layer * (len(row["clean"]) if row["experiment"] != "z_sweep" else n_head)
    return cells, run


def head_ablation(model: GPT2LMHeadModel, row: dict):
    """Zero ablation of one head's z (attn.hook_z), the edited run's next-token logits."""
    ids = as_ids(row["ids"])
    d_head = model.config.n_embd // model.config.n_head
    h = row["head"]

    def zero(_m, args, kwargs):
        x = first_arg(args, kwargs).clone()
        x[..., h * d_head : (h + 1) * d_head] = 0
        return with_first_arg(args, kwargs, x)

    def run():
        with Hooks() as hooks:
            hooks.pre(model.transformer.h[row["layer"]].attn.c_proj, zero)
            logits = model(ids).logits[0, -1]
        return {"logits": f32_base64(logits)}

    return 1, run


def attribution(model: GPT2LMHeadModel, row: dict):
    """Direct logit attribution of one token's logit at the last position, ln_final's scale frozen: a run with a
    cache, then every head's z through its rows of W_O, each b_O, each MLP's output and the embeddings, centred,
    divided by ln_final's divisor and read along gamma * W_U[:, target]."""
    ids = as_ids(row["ids"])
    target = row["target"]
    t = model.transformer
    n_head, d_head = model.config.n_head, model.config.n_embd // model.config.n_head
    eps = model.config.layer_norm_epsilon

    def run():
        z, mlp, final = [], [], []
        with Hooks() as hooks:
            for block in t.h:
                hooks.pre(block.attn.c_proj, lambda _m, a, k: z.append(first_arg(a, k)[0, -1]))
                hooks.post(block.mlp, lambda _m, _i, out: mlp.append(out[0, -1]))
            hooks.pre(t.ln_f, lambda _m, a, k: final.append(first_arg(a, k)[0, -1]))
            logits = model(ids).logits[0, -1]
        P = ids.shape[1] - 1
        std = torch.sqrt(final[0].var(unbiased=False) + eps)
        gu = t.ln_f.weight * t.wte.weight[target]
        share = lambda part: float(((part - part.mean()) / std) @ gu)
        components = {"embed": share(t.wte.weight[ids[0, -1]]), "pos_embed": share(t.wpe.weight[P])}
        for layer, block in enumerate(t.h):
            w_o = block.attn.c_proj.weight
            for h in range(n_head):
                rows = slice(h * d_head, (h + 1) * d_head)
                components[f"L{layer}H{h}"] = share(z[layer][rows] @ w_o[rows])
            components[f"L{layer}.b_O"] = share(block.attn.c_proj.bias)
            components[f"L{layer}.mlp"] = share(mlp[layer])
        components["ln_final.b"] = float(t.ln_f.bias @ t.wte.weight[target])
        logit = float(logits[target])
        return {"logit": logit, "components": components, "residualError": logit - sum(components.values())}

    return 1, run


def induction_probe(model: GPT2LMHeadModel, row: dict):
    """Every head's mean attention from each second-copy token to the token after its first occurrence, and the
    mean loss on each copy (TransformerLens's induction tutorial, with <|endoftext|> first)."""
    ids = as_ids(row["ids"])
    n = row["length"]
    queries = torch.arange(n) + n + 1
    keys = torch.arange(n) + 2

    def run():
        out = model(ids, output_attentions=True)
        induction = [a[0][:, queries, keys].mean(dim=-1).tolist() for a in out.attentions]
        logp = torch.log_softmax(out.logits[0], dim=-1)
        nll = -logp[:-1].gather(1, ids[0, 1:, None])[:, 0]
        return {
            "induction": induction,
            "lossFirstCopy": float(nll[:n].mean()),
            "lossSecondCopy": float(nll[n:].mean()),
        }

    return 1, run


def forward(model: GPT2LMHeadModel, row: dict):
    """One plain forward, the reference for the rest."""
    ids = as_ids(row["ids"])
    return 1, lambda: {"top": int(model(ids).logits[0, -1].argmax())}


EXPERIMENTS = {
    "forward": forward,
    "resid_pre_sweep": sweep,
    "resid_pre_one_token": sweep,
    "z_sweep": sweep,
    "head_ablation": head_ablation,
    "attribution": attribution,
    "induction_probe": induction_probe,
}


def run_row(models: dict, row: dict, job: dict) -> dict:
    kind = row.get("experiment")
    if kind not in EXPERIMENTS:
        raise SystemExit(f"unknown experiment {kind!r}: expected one of {', '.join(EXPERIMENTS)}")
    attention = "eager" if kind == "induction_probe" else "sdpa"
    cells, run = EXPERIMENTS[kind](models[attention], row)
    tokens = len(row.get("ids") or row["clean"])
    log(f"{kind} at {tokens} tokens ({cells} forward(s))")
    ms, result = once(run) if EXPERIMENTS[kind] is sweep else timed(run, job["runs"], job["warmup_seconds"])
    log(f"  {ms['median']:.0f} ms")
    return {"experiment": kind, "tokens": tokens, "cells": cells, "attention": attention, "ms": ms, "result": result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("job", type=Path, help="the job, a JSON file (see above)")
    args = parser.parse_args()
    job = json.loads(args.job.read_text())
    torch.set_num_threads(job["threads"])
    config, tensors = read_weights(Path(job["weights"]))
    # The default attention (scaled_dot_product_attention) for the edits; the induction probe reads the
    # attention pattern, which only the eager implementation returns.
    models = {"sdpa": build_model(config, tensors), "eager": build_model(config, tensors, "eager")}
    versions = {"torch": torch.__version__, "transformers": transformers.__version__, "threads": torch.get_num_threads()}
    with torch.no_grad():
        if "rows" in job:
            print(json.dumps({**versions, "rows": [run_row(models, row, job) for row in job["rows"]]}))
            return
        # Serving: one line out when ready, then one row in and one row out per line, so the bench can
        # alternate these rows with its own.
        print(json.dumps(versions), flush=True)
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(run_row(models, json.loads(line), job)), flush=True)


if __name__ == "__main__":
    main()
