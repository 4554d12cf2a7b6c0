"""A safetensors reader written from the format's specification, with nothing but the standard
library and numpy: 8 bytes little-endian header length N, N bytes of JSON header
({name: {"dtype", "shape", "data_offsets": [begin, end]}, optional "__metadata__"}), then the data,
offsets relative to the first byte after the header. Every inconsistency is refused by name."""
import json
import struct

import numpy as np

DTYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32,
          "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_}


class SafetensorsError(ValueError):
    pass


def read(path):
    """Returns ({name: numpy array}, metadata dict)."""
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise SafetensorsError(f"{path}: {len(blob)} bytes, shorter than the 8-byte header length")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > len(blob) - 8:
        raise SafetensorsError(f"{path}: header length {n} runs past the end of the file ({len(blob)} bytes)")
    try:
        header = json.loads(blob[8:8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SafetensorsError(f"{path}: the header is not JSON: {e}") from e
    data = memoryview(blob)[8 + n:]
    metadata = header.pop("__metadata__", {}) or {}
    tensors, spans = {}, []
    for name, info in header.items():
        dtype = DTYPES.get(info.get("dtype"))
        if dtype is None:
            raise SafetensorsError(f"{path}: tensor '{name}' has dtype {info.get('dtype')!r}, not one of {sorted(DTYPES)}")
        shape = [int(s) for s in info["shape"]]
        begin, end = (int(x) for x in info["data_offsets"])
        size = int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize
        if not 0 <= begin <= end <= len(data) or end - begin != size:
            raise SafetensorsError(f"{path}: tensor '{name}' data_offsets [{begin}, {end}] do not hold shape {shape} "
                                   f"of {info['dtype']} ({size} bytes) inside {len(data)} data bytes")
        spans.append((begin, end, name))
        tensors[name] = np.frombuffer(data[begin:end], dtype=np.dtype(dtype).newbyteorder("<")).reshape(shape).copy()
    spans.sort()
    for (b0, e0, a), (b1, e1, b) in zip(spans, spans[1:]):
        if b1 < e0:
            raise SafetensorsError(f"{path}: tensors '{a}' and '{b}' overlap ([{b0}, {e0}] and [{b1}, {e1}])")
    return tensors, metadata
