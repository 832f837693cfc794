#!/usr/bin/env python3
"""Checks that a NIR file written by `snn4j export --format nir` has the layout NIR's nir.read expects.

Usage: /usr/bin/python3 tests/interop/check_nir.py FILE.nir   (needs h5py: Debian's python3-h5py)
Exit 0 and one summary line when the structure is right; exit 1 naming the first problem otherwise.
NirRoundTripTest runs it when h5py is installed.
"""
import sys

import h5py
import numpy as np

# The datasets nir.read takes from each node type (NIR 1.0 layout).
FIELDS = {
    "Input": ["shape"], "Output": ["shape"],
    "Affine": ["weight", "bias"], "Linear": ["weight"],
    "Conv2d": ["weight", "bias", "stride", "padding", "dilation", "groups"],
    "AvgPool2d": ["kernel_size", "stride", "padding"], "SumPool2d": ["kernel_size", "stride", "padding"],
    "Flatten": ["start_dim", "end_dim"],
    "IF": ["r", "v_threshold"], "LIF": ["tau", "r", "v_leak", "v_threshold"],
    "LI": ["tau", "r", "v_leak"], "I": ["r"], "Scale": ["scale"],
}


def fail(problem):
    print(f"check_nir: {problem}")
    sys.exit(1)


def text(value):
    return value.decode("utf8") if isinstance(value, bytes) else str(value)


def main(path):
    with h5py.File(path, "r") as f:
        if "version" not in f:
            fail("no 'version' dataset")
        version = text(f["version"][()])
        if "node" not in f or not isinstance(f["node"], h5py.Group):
            fail("no group 'node'")
        graph = f["node"]
        if text(graph["type"][()]) != "NIRGraph":
            fail(f"node/type is {graph['type'][()]!r}, expected NIRGraph")
        nodes = graph["nodes"]
        edges = [(text(a), text(b)) for a, b in graph["edges"][()]]
        for name, node in nodes.items():
            kind = text(node["type"][()])
            if kind not in FIELDS:
                fail(f"node {name} has unknown type {kind}")
            for field in FIELDS[kind]:
                if field not in node:
                    fail(f"{kind} node {name} lacks '{field}'")
            if kind in ("IF", "LIF", "LI", "I"):
                shapes = {node[k][()].shape for k in FIELDS[kind]}
                if len(shapes) != 1:
                    fail(f"{kind} node {name} has parameters of different shapes {shapes}")
            if kind in ("Conv2d", "Affine", "Linear") and node["weight"][()].dtype != np.float32:
                fail(f"{kind} node {name} weight is {node['weight'][()].dtype}, expected float32")
        for a, b in edges:
            if a not in nodes or b not in nodes:
                fail(f"edge ({a}, {b}) names a missing node")
        kinds = [text(n["type"][()]) for n in nodes.values()]
        if kinds.count("Input") != 1 or kinds.count("Output") != 1:
            fail("expected one Input and one Output node")
        print(f"check_nir: {path}: NIR {version}, {len(nodes)} nodes ({', '.join(sorted(set(kinds)))}), {len(edges)} edges: OK")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1])
