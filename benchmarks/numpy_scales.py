#!/usr/bin/env python3
"""`ssi scales` in numpy: the baseline the command is held against end to end (docs/benchmarks.md).

The same job on IDX images and labels (gzipped or not): read both files, scale the pixels to [0, 1]
in float32 as ssi does ((b & 0xFF) / 255f), then per class in label order the volume in float64 (as
numpy_volume.py: centre, Gram on the smaller side, slogdet) and the class centre, and from those the
semantic scales and loss weights of SemanticScales (alpha 2, sum-to-one, beta 0.9999). Prints the CSV
`ssi scales --output csv` prints; --compare checks another such CSV against it (1e-6 relative).
"""
import argparse
import csv
import gzip
import math
import sys

import numpy as np

from numpy_volume import centred_volume

FIELDS = ("label", "n", "volume", "volumeNormalized", "distanceWeight", "scale", "weight", "classBalancedWeight")


def read_idx(path, magic):
    """The payload of an IDX file after its header, and the header's dimensions."""
    with open(path, "rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    data = gzip.open(path).read() if gzipped else open(path, "rb").read()
    if int.from_bytes(data[0:4], "big") != magic:
        sys.exit("%s: not an IDX file with magic 0x%08x" % (path, magic))
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def scales(images, labels, alpha=2.0, beta=0.9999):
    """Rows of FIELDS, one per class in label order."""
    x = images.reshape(images.shape[0], -1).astype(np.float32) / np.float32(255)
    classes = sorted(set(labels.tolist()))
    counts, volumes, centres = [], [], []
    for c in classes:
        rows = x[labels == c].astype(np.float64)
        centre = rows.mean(axis=0)
        counts.append(rows.shape[0])
        volumes.append(centred_volume(rows - centre))
        centres.append(centre)
    k = len(classes)
    volumes = np.array(volumes)
    centres = np.array(centres)
    distances = np.sqrt(((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
    mean_distance = distances.sum(axis=1) / (k - 1)
    normalized = volumes / volumes.max()
    distance_weight = np.log2(alpha + mean_distance / mean_distance.max())
    scale = normalized * distance_weight
    weight = (1 / scale) / (1 / scale).sum()
    counts = np.array(counts, dtype=np.float64)
    cb = (1 - beta) / -np.expm1(counts * math.log(beta))
    cb = cb * k / cb.sum()
    return [(str(c), int(n), *map(float, values)) for c, n, *values in
            zip(classes, counts, volumes, normalized, distance_weight, scale, weight, cb)]


def compare(rows, path, tolerance=1e-6):
    """Differences beyond `tolerance` relative between our rows and the CSV at `path`."""
    with open(path) as f:
        other = list(csv.reader(f))[1:]
    problems = [] if len(other) == len(rows) else ["%d rows against %d" % (len(other), len(rows))]
    worst = 0.0
    for ours, theirs in zip(rows, other):
        for name, a, b in zip(FIELDS[2:], ours[2:], theirs[2:]):
            relative = abs(a - float(b)) / max(abs(a), 1e-300)
            worst = max(worst, relative)
            if relative > tolerance:
                problems.append("class %s %s: numpy %r, other %s" % (ours[0], name, a, b))
    return problems, worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("images")
    parser.add_argument("labels")
    parser.add_argument("--compare", help="a CSV of `ssi scales --output csv` to check against these numbers")
    args = parser.parse_args()
    rows = scales(read_idx(args.images, 0x00000803), read_idx(args.labels, 0x00000801))
    print(",".join(FIELDS))
    for row in rows:
        print(",".join(map(str, row)))
    if args.compare:
        problems, worst = compare(rows, args.compare)
        print("compared with %s: largest relative difference %.1e" % (args.compare, worst), file=sys.stderr)
        if problems:
            sys.exit("\n".join(problems))


if __name__ == "__main__":
    main()
