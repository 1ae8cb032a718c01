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
npm run bench                                   # the full grid (about 25 minutes on 2 cores)
npm run bench -- --backends wasm --models gpt2-random --lengths 64,256 --runs 5   # the comparison only
npm run bench -- --backends wasm --models tiny-random --lengths 16 --runs 2 --warmup 1 --skip-peer --skip-ui   # a smoke test
\`\`\`

The first run makes weights/gpt2-random (npm run make-random-gpt2) and the ONNX graphs (bench-results/onnx/, about 1 GB, by \`python3 tools/export_onnx.py\`; needs \`python3 -m pip install onnx onnxscript\`). Results go to bench-results/ (git-ignored); the full default grid, or --publish, also writes BENCHMARKS.md and benchmarks.json here. Run it on a quiet machine: the load average is recorded above.

Options: --backends webgl,wasm,cpu · --models (folders under weights/) · --lengths 16,64,256,1024 · --runs 5 · --warmup 3 (seconds per length) · --threads (default: CPU cores) · --skip-peer · --skip-ui · --publish.`;

export const ANALYSIS = `## Why (a) and (b) are above 1.0, and what would change it

The two runtimes do the same arithmetic per matrix; they do not do the same amount of it. Per token of GPT-2 small, the blocks cost about 85 M multiply-adds (c_attn 1.77 M, c_proj 0.59 M, c_fc and its projection 2.36 M each, times 12 layers; attention adds T x 1,536 per layer), and one unembedding row costs 768 x 50,257 = 38.6 M. The peer's last-position graph is the blocks plus one row in total; its all-position graph is the blocks plus one row per token, 124 M per token. Our \`trace()\` reads every position out through ln_f and W_U once for the predictions and once per earlier residual for the logit lens: 13 rows per token, 502 M multiply-adds on top of the blocks, about 6.9 times the blocks' work. The kernel profile above shows exactly that: the readout matMuls with W_U take most of a trace, and everything else in it is the same work as \`nextLogits()\`.

So the like-for-like pair is our \`nextLogits()\` against the peer's last-position graph (both: the blocks at every position, logits at the last), and that ratio is the one to watch for runtime speed. (a) and (b) stay well above 1.0 as long as the trace computes the whole logit lens eagerly: no kernel tuning removes a 5-7x difference in arithmetic. Meeting them needs the lens on request, like \`block()\`: the trace would keep the stream, the last logits and the per-position predictions (blocks + 1 row per token, the same work as the peer's all-position graph), and the lens panel would ask for the rows it shows. That is a change to the \`TraceSummary\` contract (src/model/types.ts), so it is proposed here rather than made by the bench.

The like-for-like ratio is a runtime-efficiency gap of its own, largest at short prompts, where fixed per-call costs dominate. In the \`nextLogits()\` profile, _FusedMatMul (the linear layers) is the only kernel doing the peer's work at a comparable rate; the rest is overhead the peer's fused graph does not pay: per-head attention matMuls (hundreds of small calls, each re-packing its operands in XNNPACK), Unpack (splitting q, k and v into heads), Tanh and the other element-wise kernels of LayerNorm and gelu_new, each a separate single-threaded pass over a T x 3,072 or T x 768 tensor. The runtime's next steps are there: q, k and v from three column slices of c_attn instead of a transpose and unstack, fewer and larger attention matMuls, and fewer element-wise passes. On a loaded machine the gap also widens because the threaded wasm pool stalls more than onnxruntime's.`;
