# Synthetic CIFAR-10-shaped data in the CIFAR-10 binary layout (1 label byte + 3072 pixel bytes per record):
# random pixels, labels cycling 0..9. Only for timing the W5 workload; there are no CIFAR files on this machine.
import random, sys, pathlib
out = pathlib.Path(sys.argv[1]); per = int(sys.argv[2]); test = int(sys.argv[3])
rng = random.Random(27)
def batch(path, n, start):
    with open(path, "wb") as f:
        for i in range(n):
            f.write(bytes([(start + i) % 10]) + bytes(rng.getrandbits(8) for _ in range(3072)))
for b in range(1, 6): batch(out / f"data_batch_{b}.bin", per, b * per)
batch(out / "test_batch.bin", test, 0)
