"""Writes a small SHD/SSC-layout HDF5 file with h5py, as the published files are laid out.

spikes/times: per sample a variable-length array of spike times in seconds (floating point);
spikes/units: the matching units in [0, 700); labels: one integer per sample; extra/ holds metadata.
Usage: make_spike_audio.py OUT.h5 TIME_DTYPE (float16|float32|float64)
Sample i has spikes at units (7 * j + i) % 700 and times 0.001 * j + 0.0005 * i for j < 5 + i,
except sample 2, whose spikes are listed in reverse time order; labels are 3 * i % 20.
"""
import sys

import h5py
import numpy as np

out, dtype = sys.argv[1], np.dtype(sys.argv[2])
n = 4
with h5py.File(out, "w") as f:
    spikes = f.create_group("spikes")
    times = spikes.create_dataset("times", (n,), dtype=h5py.vlen_dtype(dtype))
    units = spikes.create_dataset("units", (n,), dtype=h5py.vlen_dtype(np.dtype("uint16")))
    for i in range(n):
        j = np.arange(5 + i)
        t = (0.001 * j + 0.0005 * i).astype(dtype)
        u = ((7 * j + i) % 700).astype(np.uint16)
        if i == 2:
            t, u = t[::-1], u[::-1]
        times[i] = t
        units[i] = u
    f.create_dataset("labels", data=np.array([3 * i % 20 for i in range(n)], dtype=np.uint16))
    extra = f.create_group("extra")
    extra.create_dataset("speaker", data=np.arange(n, dtype=np.uint16))
print("wrote", out)
