"""What the benchmark scripts report about the process they run in."""


def blas_name():
    """The BLAS libraries this process has loaded, as folder/file names (from /proc/self/maps)."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line}
        return ", ".join(sorted(l.rsplit("/", 2)[-2] + "/" + l.rsplit("/", 1)[-1] for l in libs)) or "none loaded"
    except OSError:
        return "unknown"
