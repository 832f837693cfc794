#!/usr/bin/env python3
"""Reads a safetensors file with nothing but the format's description, json and numpy, and prints
one line per tensor: name, dtype, shape and the sum of its values (SafeTensorsTest compares them).

Usage: python3 tests/interop/check_safetensors.py FILE.safetensors
Checks what the Python library checks: header length in bounds, JSON object, offsets that cover the
data section exactly in order, each tensor's byte count equal to shape x dtype size.
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1",
          "U64": "<u8", "U32": "<u4", "U16": "<u2", "U8": "u1", "BOOL": "?"}


def main(path):
    data = open(path, "rb").read()
    (n,) = struct.unpack("<Q", data[:8])
    if 8 + n > len(data):
        sys.exit(f"header length {n} beyond the file size {len(data)}")
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    metadata = header.pop("__metadata__", {})
    end = 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        begin, stop = info["data_offsets"]
        if begin != end:
            sys.exit(f"{name}: data starts at {begin}, expected {end}")
        dtype = np.dtype(DTYPES[info["dtype"]])
        values = np.frombuffer(body[begin:stop], dtype=dtype).reshape(info["shape"])
        print(f"{name} {info['dtype']} {list(values.shape)} {float(values.astype(np.float64).sum()):.6f}")
        end = stop
    if end != len(body):
        sys.exit(f"tensors cover {end} of {len(body)} data bytes")
    print(f"metadata {json.dumps(metadata, sort_keys=True)}")


if __name__ == "__main__":
    main(sys.argv[1])
