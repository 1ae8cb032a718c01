/** The fixed parts of BENCHMARKS.md: how the figures are measured and how to reproduce them. */

export const METHOD = `## How it is measured

- **Where**: headless Chromium (/usr/bin/chromium, driven by playwright-core) on a page built by Vite from scripts/bench/page/ (not part of the app's bundle), served by a small local server with COOP/COEP headers so the page is cross-origin isolated and SharedArrayBuffer exists. The app page is measured separately on its own production build.
- **Our runtime**: the real one (\`selectBackend\`, \`loadWeights\` over HTTP with \`httpSource\`, \`createRuntime\`), every call through the \`GPT2Runtime\` API, each backend in a fresh page.
- **The peer**: onnxruntime-web's own dist files (wasm execution provider, graph optimisation "all"), running the same weights exported by tools/export_onnx.py (\`torch.onnx.export(..., dynamo=True)\`, opset 18) from our files, so both hold identical values. Two graphs: logits at the last position only, and at every position.
- **Threads**: the same count for both. TF.js's wasm backend caps its thread pool at navigator.hardwareConcurrency / 2, which is 1 on a 2-core machine whatever \`setThreadsCount\` asks; the bench page lifts that cap while the backend starts (src/model/wasm-threads.ts) and reports the count the backend really used (\`getThreadsCount\`). The peer's count is \`ort.env.wasm.numThreads\`.
- **A busy machine**: the load average in the header counts runnable processes; above the core count, every figure is inflated, and multithreaded wasm more than the rest, because both runtimes' thread pools wait at every barrier for their slowest thread, which another process may have pre-empted. Compare ratios from one run, not figures across runs.
- **Timing**: for each prompt length, a warm-up of several seconds (wasm code keeps being re-optimised for a while after it loads), then N timed runs one after another; median, min and max. Prompts are English text encoded with the GPT-2 tokenizer (scripts/bench/prompts.ts), the same ids for both runtimes.
- **Weights size**: float16 shards (GPT-2 small: 124.4 M parameters, about 249 MB, against the peer's 498 MB of float32 per graph). Int8 per-channel weights are not offered: float16 already fits the 250 MB budget, and int8's fidelity (top-1 agreement, KL divergence on a prompt set) has not been measured, so it is left out rather than shipped unmeasured.
- **Grid**: every backend that starts in this browser (webgl needs a GPU context; with --disable-gpu Chromium may offer none), the bundled model and GPT-2-small-shaped random weights (npm run make-random-gpt2, not committed), prompts of 16, 64, 256 and 1,024 tokens. The cpu backend is slow, so it runs only the bundled model up to 256 tokens and GPT-2 shape at 16 and 64 tokens.`;

export const REPRODUCE = `## Reproduce

\`\`\`
npm run bench                                   # the full grid: well over 25 minutes on 2 cores (GPT-2 shape on software WebGL alone took 15 min in a loaded run)
npm run bench -- --backends wasm --models gpt2-random --lengths 64,256 --runs 5   # the comparison only
npm run bench -- --backends wasm --models tiny-random --lengths 16 --runs 2 --warmup 1 --skip-peer --skip-ui   # a smoke test
\`\`\`

The first run makes weights/gpt2-random (npm run make-random-gpt2) and the ONNX graphs (bench-results/onnx/, about 1 GB, by \`python3 tools/export_onnx.py\`; needs \`python3 -m pip install onnx onnxscript\`). Results go to bench-results/ (git-ignored); the full default grid, or --publish, also writes BENCHMARKS.md and benchmarks.json here. Run it on a quiet machine: the load average is recorded above.

Options: --backends webgl,wasm,cpu · --models (folders under weights/) · --lengths 16,64,256,1024 · --runs 5 · --warmup 3 (seconds per length) · --threads (default: CPU cores) · --skip-peer · --skip-ui · --publish.`;

export const ANALYSIS = `## Reading (a) and (b): what each side computes, and where the remaining gap is

Per token of GPT-2 small the blocks cost about 85 M multiply-adds (c_attn 1.77 M, c_proj 0.59 M, c_fc and its projection 2.36 M each, times 12 layers; attention adds T x 1,536 per layer), and one unembedding row costs 768 x 50,257 = 38.6 M. The peer's last-position graph is the blocks plus one row; its all-position graph is the blocks plus one row per token.

(a) Our explainer's run, \`trace(ids, { predictions: false })\`, is what the page asks the worker for on every prompt: the blocks at every position, the last position's logits, and the embeddings, every residual stream and the final LayerNorm read back to JS in one read. It does the peer's last-position arithmetic plus the read-back. (b) \`trace(ids)\` adds every position's prediction (top 10, log p of the next token, entropy), read out of all-position logits on the backend: the peer's all-position arithmetic. The logit lens (n_layer more readouts per token, about 12 times the blocks' work at GPT-2 small) and block internals are on request, timed separately ("lens" below). Before this run's code, \`trace()\` computed the lens every time, which put (a) at 20x at 64 tokens and 42x at 256.

What is left of the ratios is the runtime's own speed, the same gap as the like-for-like \`nextLogits()\` pair: in the profile below, _FusedMatMul (the linear layers, XNNPACK) is the only kernel doing the peer's work; measured alone in Node (one thread, SIMD) it ran the 10.9 GFLOP of GPT-2's 64-token forward matMuls at about 21 GFLOP/s, while the peer's whole one-thread graph (378 ms for the same work) implies at least 29 GFLOP/s for onnxruntime's MLAS kernels, and no TF.js flag changes that kernel. The rest is per-op overhead the peer's fused graph does not pay: per-head attention matMuls (each re-packs its operands), Unpack/Pack around them, and the element-wise passes of LayerNorm and gelu_new, which TF.js's wasm backend runs single-threaded. Since the last run gelu_new is computed as x sigmoid(2z) (vectorised) instead of with tanh (scalar), 4x faster on the MLP's activation. Closing the rest needs either a faster matMul kernel than TF.js ships or a graph compiler; both are outside TF.js.`;
