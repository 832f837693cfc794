#!/usr/bin/env python3
"""Writes a recurrent CubaLIF NIR graph with h5py, laid out as NIR's reference library (nir.write) lays it out.

Usage: /usr/bin/python3 tests/interop/make_recurrent_nir.py OUT.nir WEIGHTS_JSON
WEIGHTS_JSON is {"fc": [[...]], "rec": [[...]], "fc2": [[...]]}. The graph is the NIR paper's recurrent
layout: input -> fc (Affine) -> lif (CubaLIF) with lif -> w_rec (Linear) -> lif, then lif -> fc2 (Linear)
-> li (LI) -> output; parameters as in NirFiles.recurrentCubaLif. Strings are variable-length UTF-8 as
h5py writes Python str, the edges a fixed-length byte-string array, numbers float32 (torch's default).
NirRecurrentTest runs it when Debian's python3-h5py is installed.
"""
import json
import sys

import h5py
import numpy as np


def node(nodes, name, kind, **fields):
    group = nodes.create_group(name)
    group.create_dataset("type", data=kind)
    for key, value in fields.items():
        group.create_dataset(key, data=np.asarray(value, dtype=np.float32) if not isinstance(value, np.ndarray) else value)
    return group


def main(path, weights):
    fc = np.asarray(weights["fc"], dtype=np.float32)
    rec = np.asarray(weights["rec"], dtype=np.float32)
    fc2 = np.asarray(weights["fc2"], dtype=np.float32)
    h, k = rec.shape[0], fc2.shape[0]
    full = lambda n, v: np.full(n, v, dtype=np.float32)
    with h5py.File(path, "w") as f:
        f.create_dataset("version", data="1.0.0")
        graph = f.create_group("node")
        graph.create_dataset("type", data="NIRGraph")
        nodes = graph.create_group("nodes")
        node(nodes, "input", "Input", shape=np.array([fc.shape[1]], dtype=np.int64))
        node(nodes, "fc", "Affine", weight=fc, bias=np.zeros(h, dtype=np.float32))
        node(nodes, "lif", "CubaLIF", tau_syn=full(h, 2e-4), tau_mem=full(h, 4e-4), r=full(h, 2.0), w_in=full(h, 1.0),
             v_leak=full(h, 0.0), v_threshold=full(h, 0.3), v_reset=full(h, 0.0))
        node(nodes, "w_rec", "Linear", weight=rec)
        node(nodes, "fc2", "Linear", weight=fc2)
        node(nodes, "li", "LI", tau=full(k, 2e-4), r=full(k, 1.0), v_leak=full(k, 0.0))
        node(nodes, "output", "Output", shape=np.array([k], dtype=np.int64))
        edges = [("input", "fc"), ("fc", "lif"), ("lif", "w_rec"), ("w_rec", "lif"), ("lif", "fc2"), ("fc2", "li"),
                 ("li", "output")]
        graph.create_dataset("edges", data=np.array(edges, dtype="S"))
    print(f"make_recurrent_nir: wrote {path}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2])
        sys.exit(2)
    main(sys.argv[1], json.loads(sys.argv[2]))
