#!/usr/bin/env python3
"""Paired comparison of a penalized model against its unpenalized twin from `eval --json --logits` outputs.

usage: paired.py SPLIT DENSE_PREFIX SPARSE_PREFIX
  SPLIT: test (the first N test images) or heldout:FROM (training images FROM..FROM+N-1)
  PREFIX: PREFIX.npy holds the logits (eval --logits) and PREFIX.log the eval's stdout (its last line the --json line)
Prints one JSON line: accuracy difference in pp, spike reduction in %, b (only the dense twin right), c (only the
penalized right), the paired standard error sqrt(b + c)/N in pp, and both runs' spikes per neuron per step by layer.
"""
import gzip, json, sys
import numpy as np

def labels(train):
    name = "train" if train else "t10k"
    with gzip.open(f"/usr/share/datasets/fashion-mnist/{name}-labels-idx1-ubyte.gz") as f:
        return np.frombuffer(f.read()[8:], dtype=np.uint8)

def logits(path):
    with open(path, "rb") as f:
        raw = f.read()
    header = 10 + int.from_bytes(raw[8:10], "little")
    return np.frombuffer(raw[header:], dtype="<f4").reshape(-1, 10)

def last_json(path):
    return json.loads([l for l in open(path) if l.startswith("{")][-1])

split, dense, sparse = sys.argv[1:4]
ld, ls = logits(dense + ".npy"), logits(sparse + ".npy")
n = len(ld)
y = labels(False)[:n] if split == "test" else labels(True)[int(split.split(":")[1]):][:n]
rd, rs = ld.argmax(1) == y, ls.argmax(1) == y
jd, js = last_json(dense + ".log"), last_json(sparse + ".log")
b, c = int((rd & ~rs).sum()), int((~rd & rs).sum())
print(json.dumps({"n": n, "accuracy_dense": round(float(rd.mean()), 4), "accuracy": round(float(rs.mean()), 4),
                  "accuracy_pp": round(100 * (rs.mean() - rd.mean()), 2),
                  "spike_reduction_percent": round(100 * (js["spikes_per_sample"] / jd["spikes_per_sample"] - 1), 1),
                  "only_dense_right": b, "only_sparse_right": c, "paired_standard_error_pp": round(100 * np.sqrt(b + c) / n, 2),
                  "rates_dense": {k: round(v, 4) for k, v in jd["spikes_per_neuron_per_step"].items()},
                  "rates": {k: round(v, 4) for k, v in js["spikes_per_neuron_per_step"].items()},
                  "spikes_per_sample": round(js["spikes_per_sample"], 1), "energy_snn_joules": js["energy_snn_joules"]}))
