"""Writes the linear layers of a GPT-2 shape alone as an ONNX graph, for
scripts/bench-linears.ts: per block x . W_qkv + b (an output of its own), x . W_proj + b,
x . W_fc + b, then . W_fc_proj + b, and the sum of the two as the next block's input. That
is every matMul of the forward pass with the same shapes, without attention, LayerNorm or
GELU, so the two runtimes' matMul kernels can be timed against each other. The weights are
random (speed does not depend on their values); no model file is needed, only the shape.

Usage: python3 tools/export_linears_onnx.py OUT.onnx [--n-layer 12] [--n-embd 768]
"""

import argparse

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def build(n_layer: int, n_embd: int) -> onnx.ModelProto:
    rng = np.random.default_rng(0)
    nodes, weights, outputs = [], [], []

    def linear(x: str, n_in: int, n_out: int, name: str) -> str:
        w = numpy_helper.from_array((rng.standard_normal((n_in, n_out)) * 0.02).astype(np.float32), f"{name}.w")
        b = numpy_helper.from_array(np.zeros(n_out, np.float32), f"{name}.b")
        weights.extend([w, b])
        nodes.append(helper.make_node("MatMul", [x, w.name], [f"{name}.xw"]))
        nodes.append(helper.make_node("Add", [f"{name}.xw", b.name], [name]))
        return name

    x = "x"
    for layer in range(n_layer):
        qkv = linear(x, n_embd, 3 * n_embd, f"h{layer}.qkv")
        outputs.append(helper.make_tensor_value_info(qkv, TensorProto.FLOAT, ["T", 3 * n_embd]))
        proj = linear(x, n_embd, n_embd, f"h{layer}.proj")
        up = linear(x, n_embd, 4 * n_embd, f"h{layer}.fc")
        down = linear(up, 4 * n_embd, n_embd, f"h{layer}.fc_proj")
        nodes.append(helper.make_node("Add", [proj, down], [f"h{layer}.out"]))
        x = f"h{layer}.out"
    outputs.append(helper.make_tensor_value_info(x, TensorProto.FLOAT, ["T", n_embd]))
    graph = helper.make_graph(nodes, "linears", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["T", n_embd])], outputs, weights)
    # IR version 9: onnxruntime-web 1.30 reads up to 13, and onnx 1.23 would write 14.
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)], ir_version=9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--n-layer", type=int, default=12)
    parser.add_argument("--n-embd", type=int, default=768)
    args = parser.parse_args()
    model = build(args.n_layer, args.n_embd)
    onnx.checker.check_model(model)
    onnx.save(model, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
