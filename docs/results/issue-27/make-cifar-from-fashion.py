# Fashion-MNIST in the CIFAR-10 binary layout (1 label byte + 3 x 32 x 32 pixel bytes, channel-major), so that W5 (a
# 3x32x32 network) trains on real images: each 28x28 image padded by 2 pixels of 0 on every side and repeated on
# the three channels. Usage: make-cifar-from-fashion.py OUT_DIR TRAIN_PER_BATCH TEST [FASHION_DIR]
# (five data_batch_N.bin of TRAIN_PER_BATCH images each, then test_batch.bin of TEST images).
import gzip, pathlib, sys
out = pathlib.Path(sys.argv[1]); per = int(sys.argv[2]); test = int(sys.argv[3])
src = pathlib.Path(sys.argv[4] if len(sys.argv) > 4 else "/usr/share/datasets/fashion-mnist")
def idx(name, header):
    data = gzip.open(src / name).read()
    return data[header:]
def records(images, labels, start, n):
    for i in range(start, start + n):
        img = images[i * 784:(i + 1) * 784]
        plane = bytearray(1024)
        for y in range(28):
            plane[(y + 2) * 32 + 2:(y + 2) * 32 + 30] = img[y * 28:(y + 1) * 28]
        yield bytes([labels[i]]) + bytes(plane) * 3
out.mkdir(parents=True, exist_ok=True)
train_x, train_y = idx("train-images-idx3-ubyte.gz", 16), idx("train-labels-idx1-ubyte.gz", 8)
test_x, test_y = idx("t10k-images-idx3-ubyte.gz", 16), idx("t10k-labels-idx1-ubyte.gz", 8)
for b in range(5):
    (out / f"data_batch_{b + 1}.bin").write_bytes(b"".join(records(train_x, train_y, b * per, per)))
(out / "test_batch.bin").write_bytes(b"".join(records(test_x, test_y, 0, test)))
