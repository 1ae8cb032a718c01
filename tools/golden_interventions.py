"""Writes the golden results of edited runs, attributions, head scores, the induction probe
and patching sweeps, made with PyTorch hooks on Hugging Face's GPT2LMHeadModel.

The cases (prompts as token ids, edits, targets) come from
tests/fixtures/golden/interventions-cases.json (tools/golden-intervention-cases.ts). The model
is the tiny fixture with float16-rounded weights and eager attention, as in tools/golden.py.
Every edit is made on the real modules' tensors, in the runtime's layouts:
  hook_resid_pre      forward pre-hook on the block (its input)
  attn.hook_pattern   the eager attention function, wrapped, between softmax and the values
  attn.hook_z         forward pre-hook on attn.c_proj (the merged heads), as [n_head, T, d_head]
  hook_attn_out       forward hook on attn (its first output)
  hook_resid_mid      the same hook: resid_mid = resid_pre + attn_out, edited, and attn_out
                      given back as edited resid_mid - resid_pre
  mlp.hook_post       forward hook on mlp.act
  hook_mlp_out        forward hook on mlp
  hook_resid_post     forward hook on the block (its output)
Edits at one hook apply in the order given. "mean" is the mean over positions of the hook's
value in the same run; "patch" takes the hook's value in the source prompt's unedited run.

Attribution is computed in float64 from the captured activations: each part of the final
residual stream, centred, divided by ln_f's divisor at the position, dotted with
gamma * (W_U[:, target] - W_U[:, against]); plus beta . u.

Output: tests/fixtures/golden/interventions.bin (float32 arrays) and interventions.json
(the results' index and the scalar results).

Usage: python3 tools/golden_interventions.py
"""

import json
from pathlib import Path

import numpy as np
import torch
from transformers.models.gpt2 import modeling_gpt2

from golden import OUT_DIR, ROOT, load_model

CASES = OUT_DIR / "interventions-cases.json"
PER_HEAD = ("attn.hook_z", "attn.hook_pattern")


class Hooks:
    """Calls fn(layer, site, value) at every editable hook; fn returns the value to go on with."""

    def __init__(self, model, fn):
        self.fn = fn
        self.handles = []
        self.stash = {}
        self.pattern_calls = 0
        for l, block in enumerate(model.transformer.h):
            self.handles += [
                block.register_forward_pre_hook(self.resid_pre(l), with_kwargs=True),
                block.attn.c_proj.register_forward_pre_hook(self.z(l)),
                block.attn.register_forward_hook(self.attn_out(l)),
                block.mlp.act.register_forward_hook(self.simple(l, "mlp.hook_post")),
                block.mlp.register_forward_hook(self.simple(l, "hook_mlp_out")),
                block.register_forward_hook(self.resid_post(l)),
            ]
        self.original = modeling_gpt2.eager_attention_forward
        modeling_gpt2.eager_attention_forward = self.attention

    def remove(self):
        for h in self.handles:
            h.remove()
        modeling_gpt2.eager_attention_forward = self.original

    def resid_pre(self, l):
        def hook(_m, args, kwargs):
            x = args[0] if args else kwargs["hidden_states"]
            x = self.fn(l, "hook_resid_pre", x[0])[None]
            self.stash[l] = x
            if args:
                return (x, *args[1:]), kwargs
            return args, {**kwargs, "hidden_states": x}

        return hook

    def z(self, l):
        def hook_z(_m, args):
            x = args[0][0]
            T, E = x.shape
            heads = self.n_head
            z = x.reshape(T, heads, E // heads).transpose(0, 1)
            z = self.fn(l, "attn.hook_z", z)
            return (z.transpose(0, 1).reshape(T, E)[None], *args[1:])

        return hook_z

    def attn_out(self, l):
        def hook(_m, _args, out):
            a = self.fn(l, "hook_attn_out", out[0][0])
            resid_pre = self.stash[l][0]
            mid = self.fn(l, "hook_resid_mid", resid_pre + a)
            return (mid - resid_pre)[None], *out[1:]

        return hook

    def simple(self, l, site):
        return lambda _m, _args, out: self.fn(l, site, out[0])[None]

    def resid_post(self, l):
        def hook(_m, _args, out):
            x = out[0] if isinstance(out, tuple) else out
            x = self.fn(l, "hook_resid_post", x[0])[None]
            return (x, *out[1:]) if isinstance(out, tuple) else x

        return hook

    def attention(self, module, query, key, value, attention_mask, scaling=None, dropout=0.0, **kwargs):
        """eager_attention_forward with the pattern passed through fn between softmax and the values."""
        self.pattern_calls += 1
        weights = torch.matmul(query, key.transpose(-1, -2)) * scaling
        if attention_mask is not None:
            weights = weights + attention_mask
        weights = torch.softmax(weights, dim=-1).type(value.dtype)
        weights = self.fn(module.layer_idx, "attn.hook_pattern", weights[0])[None]
        return torch.matmul(weights, value).transpose(1, 2), weights


def parse_hook(name):
    _, layer, site = name.split(".", 2)
    return int(layer), site


def aligned(source, shape, site):
    """The source's positions 0..min-1 (and keys, for the pattern) in a zero tensor of this run's shape."""
    out = torch.zeros(shape)
    pos = 1 if site in PER_HEAD else 0
    n = min(source.shape[pos], shape[pos])
    if site == "attn.hook_pattern":
        out[:, :n, :n] = source[:, :n, :n]
    elif pos == 1:
        out[:, :n] = source[:, :n]
    else:
        out[:n] = source[:n]
    return out


def apply_edit(edit, site, x, source):
    pos = 1 if site in PER_HEAD else 0
    mask = torch.ones(x.shape, dtype=torch.bool)
    if "positions" in edit:
        keep = torch.zeros(x.shape[pos], dtype=torch.bool)
        keep[edit["positions"]] = True
        mask &= keep.reshape([-1 if a == pos else 1 for a in range(x.dim())])
    units = edit.get("heads", edit.get("neurons"))
    if units is not None:
        axis = 0 if site in PER_HEAD else 1
        keep = torch.zeros(x.shape[axis], dtype=torch.bool)
        keep[units] = True
        mask &= keep.reshape([-1 if a == axis else 1 for a in range(x.dim())])
    kind = edit["kind"]
    if kind == "zero":
        repl = torch.zeros_like(x)
    elif kind == "mean":
        repl = x.mean(pos, keepdim=True).expand_as(x)
    elif kind == "scale":
        repl = x * edit["factor"]
    else:
        repl = aligned(source, x.shape, site)
    return torch.where(mask, repl, x)


def forward(model, ids, fn):
    """Logits [T, vocab] of a run with fn at every hook."""
    hooks = Hooks(model, fn)
    hooks.n_head = model.config.n_head
    try:
        with torch.no_grad():
            logits = model(torch.tensor([ids]), use_cache=False).logits[0]
    finally:
        hooks.remove()
    if hooks.pattern_calls != model.config.n_layer:
        raise SystemExit("the eager attention function was not called: is attn_implementation eager?")
    return logits


def capture(model, ids):
    """Every editable hook's value in the unedited run of ids, by (layer, site)."""
    seen = {}

    def keep(l, site, x):
        seen[(l, site)] = x.clone()
        return x

    logits = forward(model, ids, keep)
    return seen, logits


def edited_logits(model, ids, edits, source_ids):
    sources = capture(model, source_ids)[0] if source_ids is not None else {}
    by_site = {}
    for e in edits:
        by_site.setdefault(parse_hook(e["hook"]), []).append(e)
    seen = {}

    def edit(l, site, x):
        for e in by_site.get((l, site), []):
            x = apply_edit(e, site, x, sources.get((l, site)))
        seen[(l, site)] = x.clone()
        return x

    return forward(model, ids, edit), seen


def next_logprobs(logits, ids):
    logp = torch.log_softmax(logits.double(), -1)
    return logp[torch.arange(len(ids) - 1), torch.tensor(ids[1:])]


def attribution(model, seen, ids, case):
    """Components of the logit (difference) at the position, from the run's activations, float64."""
    cfg = model.config
    tr = model.transformer
    T = len(ids)
    pos = case.get("position", T - 1)
    E, H = cfg.n_embd, cfg.n_head
    D = E // H
    wte = tr.wte.weight.double()
    u = wte[case["target"]] - (wte[case["against"]] if "against" in case else 0)
    final = seen[(cfg.n_layer - 1, "hook_resid_post")][pos].double()
    std = (final.var(unbiased=False) + cfg.layer_norm_epsilon).sqrt()
    g = tr.ln_f.weight.double() * u
    share = lambda part: float(((part - part.mean()) / std) @ g)
    comps = {
        "embed": share(wte[ids[pos]]),
        "pos_embed": share(tr.wpe.weight.double()[pos]),
    }
    for l, block in enumerate(tr.h):
        z = seen[(l, "attn.hook_z")][:, pos].double()
        w_o = block.attn.c_proj.weight.double()
        for h in range(H):
            comps[f"L{l}H{h}"] = share(z[h] @ w_o[h * D : (h + 1) * D])
        comps[f"L{l}.b_O"] = share(block.attn.c_proj.bias.double())
        comps[f"L{l}.mlp"] = share(seen[(l, "hook_mlp_out")][pos].double())
    comps["ln_final.b"] = float(tr.ln_f.bias.double() @ u)
    normed = (final - final.mean()) / std * tr.ln_f.weight.double() + tr.ln_f.bias.double()
    return {"logit": float(normed @ u), "components": comps, "position": pos}


def head_detection(ids):
    """TransformerLens's previous-token, duplicate-token and induction detection patterns."""
    T = len(ids)
    prev = torch.zeros(T, T)
    prev[1:, :-1] = torch.eye(T - 1)
    tok = torch.tensor(ids)
    dup = (tok[None, :] == tok[:, None]).float()
    dup.fill_diagonal_(0)
    dup = torch.tril(dup)
    ind = torch.cat([torch.zeros(T, 1), torch.roll(dup, 1, 1)[:, 1:]], 1)
    return {"previousToken": torch.tril(prev), "duplicateToken": dup, "induction": torch.tril(ind)}


def head_scores(model, ids):
    seen, _ = capture(model, ids)
    out = {}
    for name, det in head_detection(ids).items():
        out[name] = [
            [float((seen[(l, "attn.hook_pattern")][h] * det).sum() / seen[(l, "attn.hook_pattern")][h].sum()) for h in range(model.config.n_head)]
            for l in range(model.config.n_layer)
        ]
    return out


def probe(model, case):
    ids, n = case["ids"], case["length"]
    seen, logits = capture(model, ids)
    lp = next_logprobs(logits, ids)
    scores = [
        [float(sum(seen[(l, "attn.hook_pattern")][h, n + 1 + j, 2 + j] for j in range(n)) / n) for h in range(model.config.n_head)]
        for l in range(model.config.n_layer)
    ]
    # Token i is predicted at position i - 1.
    return {"induction": scores, "lossFirstCopy": float(-lp[0:n].mean()), "lossSecondCopy": float(-lp[n : 2 * n].mean())}


def sweep(model, case, prompts):
    clean, corrupted = prompts[case["clean"]]["ids"], prompts[case["corrupted"]]["ids"]
    diff = lambda logits: float(logits[-1, case["answer"]] - logits[-1, case["against"]])
    clean_diff = diff(capture(model, clean)[1])
    corrupted_diff = diff(capture(model, corrupted)[1])
    hook = case["hook"]
    cols = model.config.n_head if hook == "attn.hook_z" else len(clean)
    values = []
    for l in range(model.config.n_layer):
        row = []
        for c in range(cols):
            sel = {"heads": [c]} if hook == "attn.hook_z" else {"positions": [c]}
            edit = {"hook": f"blocks.{l}.{hook}", "kind": "patch", **sel}
            logits, _ = edited_logits(model, corrupted, [edit], clean)
            row.append((diff(logits) - corrupted_diff) / (clean_diff - corrupted_diff))
        values.append(row)
    return {"hook": hook, "values": values, "cleanDiff": clean_diff, "corruptedDiff": corrupted_diff}


def main():
    torch.set_grad_enabled(False)
    cases = json.loads(CASES.read_text())
    prompts = cases["prompts"]
    model = load_model()
    arrays, results = [], {"edits": {}, "attributions": {}, "headScores": {}, "sweeps": {}}
    offset = 0

    def add(value):
        nonlocal offset
        data = value.detach().double().numpy().astype("<f4").ravel()
        arrays.append(data)
        entry = {"offset": offset, "length": int(data.size)}
        offset += data.size
        return entry

    runs = {}
    for case in cases["edits"]:
        ids = prompts[case["prompt"]]["ids"]
        source = prompts[case["patchFrom"]]["ids"] if "patchFrom" in case else None
        logits, seen = edited_logits(model, ids, case["edits"], source)
        runs[case["name"]] = (ids, seen)
        results["edits"][case["name"]] = {"last_logits": add(logits[-1]), "next_logprobs": add(next_logprobs(logits, ids))}
    for case in cases["attributions"]:
        if "edit" in case:
            ids, seen = runs[case["edit"]]
        else:
            ids = prompts[case["prompt"]]["ids"]
            _, seen = edited_logits(model, ids, [], None)
        results["attributions"][case["name"]] = attribution(model, seen, ids, case)
    for name in cases["headScores"]:
        results["headScores"][name] = head_scores(model, prompts[name]["ids"])
    results["probe"] = probe(model, cases["probe"])
    for case in cases["sweeps"]:
        results["sweeps"][case["hook"]] = sweep(model, case, prompts)

    blob = np.concatenate(arrays).tobytes()
    (OUT_DIR / "interventions.bin").write_bytes(blob)
    results["source"] = "tools/golden_interventions.py on tests/fixtures/tiny-gpt2-hf, weights rounded to float16"
    (OUT_DIR / "interventions.json").write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {len(cases['edits'])} edited runs ({len(blob) / 1e6:.2f} MB), attributions, head scores, probe, sweeps")


if __name__ == "__main__":
    main()
