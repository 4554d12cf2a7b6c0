"""resnet-tck's Python side, checked by real PyTorch (Debian's python3-torch, independent of DJL's
libtorch). Run with /usr/bin/python3. Every comparison uses the suite's certifying rule:
|a - b| <= 1e-5 + 1e-5 |b| elementwise, or |a - b| <= 8 x the tensor's float32 noise
(the largest |float32 run - float64 run| over the tensor, measured here in PyTorch).

  export-torchvision OUT PHOTO...   torchvision ResNets, seeded, with calibrated batch norms: .pth by torch.save,
                                    and their float64/float32 logits on the photos (tensor preprocessing)
  check-project DIR PHOTO...        the project's .pth and .safetensors load into torchvision (strict) and give the
                                    project's logits
  recompute-golden GOLDEN WEIGHTS   every golden layer, block, loss and model case recomputed in float64
  check-checkpoint CKPT FASHION PREDICTIONS   a learner checkpoint in torchvision's resnet18 (1-channel stem) gives
                                    the project's test-set predictions
"""
import gzip
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
import torchvision
from PIL import Image
from torchvision.transforms import functional as TF

import safetensors_reader

DEPTHS = (18, 34, 50, 101, 152)
FACTOR = 8.0
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
FASHION_MEAN, FASHION_STD = 0.2860, 0.3530


def certify(what, actual, expected, noise):
    """The certifying rule; returns a result dict (what, passed, strict, max_abs, bound, outside)."""
    a = np.asarray(actual, dtype=np.float64).ravel()
    b = np.asarray(expected, dtype=np.float64).ravel()
    if a.shape != b.shape:
        return {"what": what, "passed": False, "problem": f"{a.size} values, expected {b.size}"}
    err = np.abs(a - b)
    outside = err > 1e-5 + 1e-5 * np.abs(b)
    bound = FACTOR * float(noise)
    passed = bool(np.all(~outside | (err <= bound))) and bool(np.all(np.isfinite(a)))
    return {"what": what, "passed": passed, "strict": not bool(outside.any()), "max_abs": float(err.max(initial=0)),
            "bound": bound, "outside_strict": int(outside.sum()), "count": int(a.size)}


def report(results):
    failed = [r for r in results if not r["passed"]]
    for r in results:
        if "problem" in r:
            print(f"  {r['what']}: FAILED: {r['problem']}")
        else:
            print(f"  {r['what']}: {'ok' if r['passed'] else 'FAILED'}{'' if r['strict'] else ' (within the float32 bound)'}"
                  f" max abs {r['max_abs']:.3e}, bound {r['bound']:.3e}, {r['outside_strict']}/{r['count']} outside strict")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def resnet(depth, in_channels=3, classes=1000):
    m = getattr(torchvision.models, f"resnet{depth}")(weights=None, num_classes=classes)
    if in_channels != 3:
        m.conv1 = torch.nn.Conv2d(in_channels, 64, kernel_size=7, stride=2, padding=3, bias=False)
    return m


def photos_batch(paths):
    """torchvision's ImageNet preprocessing on tensors: ToTensor, Resize(256, antialias), CenterCrop(224), Normalize."""
    out = []
    for p in paths:
        x = TF.to_tensor(Image.open(p).convert("RGB"))
        x = TF.resize(x, 256, interpolation=TF.InterpolationMode.BILINEAR, antialias=True)
        x = TF.center_crop(x, 224)
        out.append(TF.normalize(x, MEAN, STD))
    return torch.stack(out)


def logits(model, x):
    """(float64 logits, float32 logits) in evaluation mode."""
    with torch.no_grad():
        l64 = model.double().eval()(x.double()).numpy()
        l32 = model.float().eval()(x.float()).double().numpy()
    return l64, l32


def top5(l):
    return [list(map(int, np.argsort(-row, kind="stable")[:5])) for row in l]


def top5_agree(ours, reference_logits, bound):
    """The same top-5, position by position, except where two classes' reference logits are within the
    float32 bound of each other (a near-tie float32 may order either way)."""
    theirs = top5(reference_logits)
    for row, (a, b) in enumerate(zip(ours, theirs)):
        for x, y in zip(a, b):
            if x != y and abs(reference_logits[row][x] - reference_logits[row][y]) > bound:
                return False
    return True


def export_torchvision(out, photos):
    os.makedirs(out, exist_ok=True)
    x = photos_batch(photos)
    for depth in DEPTHS:
        torch.manual_seed(depth)
        m = resnet(depth)
        bns = [b for b in m.modules() if isinstance(b, torch.nn.BatchNorm2d)]
        with torch.no_grad():
            for b in bns:  # non-trivial affine parameters, then statistics calibrated on the (mirrored) photos
                b.weight.mul_(1 + 0.1 * torch.randn_like(b.weight))
                b.bias.add_(0.1 * torch.randn_like(b.bias))
                b.reset_running_stats()
                b.momentum = None
            m.train()(torch.cat([x, torch.flip(x, [3])]))
        for b in bns:
            b.momentum = 0.1
        torch.save(m.state_dict(), os.path.join(out, f"resnet{depth}.pth"))
        l64, l32 = logits(m, x)
        with open(os.path.join(out, f"resnet{depth}.logits.json"), "w") as f:
            json.dump({"depth": depth, "photos": photos, "shape": list(l64.shape), "float64": l64.ravel().tolist(),
                       "float32": l32.ravel().tolist(), "noise": float(np.abs(l32 - l64).max()),
                       "top5": top5(l64)}, f)
        print(f"resnet{depth}: {sum(p.numel() for p in m.parameters()):,} parameters, top-5 {top5(l64)}, "
              f"float32 noise {np.abs(l32 - l64).max():.2e}")
    return 0


def check_project(directory, photos):
    x = photos_batch(photos)
    results = []
    for depth in DEPTHS:
        with open(os.path.join(directory, f"resnet{depth}.project.json")) as f:
            project = json.load(f)
        from_pth = torch.load(os.path.join(directory, f"resnet{depth}.pth"), weights_only=True)
        arrays, _ = safetensors_reader.read(os.path.join(directory, f"resnet{depth}.safetensors"))
        from_safetensors = {k: torch.from_numpy(v) for k, v in arrays.items()}
        same = list(from_pth) == list(from_safetensors) and all(
            torch.equal(from_pth[k].double(), from_safetensors[k].double()) for k in from_pth)
        results.append({"what": f"resnet{depth}: .pth (torch.load, weights_only) and .safetensors hold the same tensors",
                        "passed": same, "strict": True, "max_abs": 0.0, "bound": 0.0, "outside_strict": 0,
                        "count": len(from_pth)})
        for kind, state in (("pth", from_pth), ("safetensors", from_safetensors)):
            m = resnet(depth)
            m.load_state_dict({k: (v.long() if k.endswith("num_batches_tracked") else v) for k, v in state.items()},
                              strict=True)
            if kind == "safetensors":
                continue  # the same tensors, loaded strictly: the logits below are theirs too
            l64, l32 = logits(m, x)
            noise = np.abs(l32 - l64).max()
            r = certify(f"resnet{depth} from the project's weights: logits", project["logits"], l64, noise)
            r["passed"] = r["passed"] and top5_agree(project["top5"], l64, FACTOR * noise)
            results.append(r)
    return report(results)


# ---- golden data, recomputed -------------------------------------------------------------------

def sample(v):
    """ModelGolden.sample: every k-th element, k chosen so at most 2048 remain."""
    flat = v.ravel()
    stride = max(1, flat.size // 2048)
    return flat[::stride][: (flat.size + stride - 1) // stride]


def layer_module(set_name, args, state):
    o = args.get("o", {})
    if set_name == "LAYER-CONV2D":
        return torch.nn.Conv2d(o["inChannels"], o["outChannels"], (o["kernelSize"]["h"], o["kernelSize"]["w"]),
                               (o["stride"]["h"], o["stride"]["w"]), (o["padding"]["h"], o["padding"]["w"]),
                               bias=o["bias"])
    if set_name == "LAYER-BATCHNORM2D":
        return torch.nn.BatchNorm2d(o["numFeatures"], eps=o["eps"], momentum=o["momentum"])
    if set_name == "LAYER-RELU":
        return torch.nn.ReLU()
    if set_name == "LAYER-MAXPOOL2D":
        return torch.nn.MaxPool2d((o["kernelSize"]["h"], o["kernelSize"]["w"]), (o["stride"]["h"], o["stride"]["w"]),
                                  (o["padding"]["h"], o["padding"]["w"]))
    if set_name == "LAYER-GLOBALAVGPOOL2D":
        return torch.nn.AdaptiveAvgPool2d((1, 1))
    if set_name == "LAYER-FLATTEN":
        return torch.nn.Flatten(o["startDim"], o["endDim"])
    if set_name == "LAYER-LINEAR":
        return torch.nn.Linear(o["inFeatures"], o["outFeatures"], bias=o["bias"])
    if set_name == "LAYER-IDENTITY":
        return torch.nn.Identity()
    if set_name == "LAYER-SEQUENTIAL":
        return torch.nn.Sequential(torch.nn.Linear(args["in"], args["hidden"]), torch.nn.ReLU(),
                                   torch.nn.Linear(args["hidden"], args["out"]))
    if set_name == "BLOCK-CONVLAYER":
        c = args["conv"]
        layers = {"conv1": torch.nn.Conv2d(c["inChannels"], c["outChannels"], (c["kernelSize"]["h"], c["kernelSize"]["w"]),
                                           (c["stride"]["h"], c["stride"]["w"]), (c["padding"]["h"], c["padding"]["w"]),
                                           bias=c["bias"]),
                  "bn1": torch.nn.BatchNorm2d(c["outChannels"])}
        if args["relu"]:
            layers["relu1"] = torch.nn.ReLU()
        return torch.nn.Sequential(__import__("collections").OrderedDict(layers))
    if set_name.startswith("BLOCK-"):
        return block_group(args, grouped=set_name.startswith("BLOCK-GROUP"))
    raise ValueError(f"no recomputation for golden set {set_name}")


def block_group(args, grouped):
    """torchvision's _make_layer (or one block of it): BasicBlock or Bottleneck, a projection where needed."""
    from torchvision.models.resnet import BasicBlock, Bottleneck
    kind = BasicBlock if args["kind"] == "BASIC" else Bottleneck
    inplanes, planes, stride = args["in"], args["planes"], args["stride"]
    blocks = []
    for i in range(args["blocks"] if grouped else 1):
        s = stride if i == 0 else 1
        downsample = None
        if s != 1 or inplanes != planes * kind.expansion:
            downsample = torch.nn.Sequential(torch.nn.Conv2d(inplanes, planes * kind.expansion, 1, s, bias=False),
                                             torch.nn.BatchNorm2d(planes * kind.expansion))
        blocks.append(kind(inplanes, planes, s, downsample))
        inplanes = planes * kind.expansion
    return torch.nn.Sequential(*blocks) if grouped else blocks[0]


def recompute_layer_set(path_json):
    with open(path_json) as f:
        manifest = json.load(f)
    tensors, _ = safetensors_reader.read(os.path.join(os.path.dirname(path_json), manifest["file"]))
    set_name = manifest["set"]
    results = []
    for case in manifest["cases"]:
        name = case["name"]
        t = {k[len(name) + 1:]: v for k, v in tensors.items() if k.startswith(name + "/")}
        state = {k[len("state/"):]: torch.from_numpy(v.astype(np.float64)) for k, v in t.items() if k.startswith("state/")}
        m = layer_module(set_name, case["args"], state).double()
        load = {k: (v.long() if k.endswith("num_batches_tracked") else v) for k, v in state.items()}
        m.load_state_dict(load, strict=True)
        m.train(case["training"])
        x = torch.from_numpy(t["input"].astype(np.float64)).requires_grad_(True)
        y = m(x)
        got = {"output": y.detach().numpy()}
        for k, v in m.state_dict().items():
            if f"expected/buffer/{k}" in t:
                got[f"buffer/{k}"] = v.double().numpy()
        if case["backward"]:
            y.backward(torch.from_numpy(t["cotangent"].astype(np.float64)).reshape(y.shape))
            got["grad/input"] = x.grad.numpy()
            for k, p in m.named_parameters():
                got[f"grad/{k}"] = p.grad.numpy()
        for q, value in got.items():
            if f"expected/{q}" not in t:
                continue
            results.append(certify(f"{set_name} {name} {q}", t[f"expected/{q}"], value, t[f"float32-noise/{q}"][0]))
        missing = [k[len("expected/"):] for k in t if k.startswith("expected/") and k[len("expected/"):] not in got]
        for q in missing:
            results.append({"what": f"{set_name} {name} {q}", "passed": False, "problem": "not recomputed"})
    return results


def recompute_loss_set(path_json):
    with open(path_json) as f:
        manifest = json.load(f)
    tensors, _ = safetensors_reader.read(os.path.join(os.path.dirname(path_json), manifest["file"]))
    results = []
    for case in manifest["cases"]:
        name = case["name"]
        z = torch.from_numpy(tensors[f"{name}/logits"].astype(np.float64)).requires_grad_(True)
        targets = torch.from_numpy(tensors[f"{name}/targets"].astype(np.int64))
        loss = F.cross_entropy(z, targets)
        loss.backward()
        results.append(certify(f"LOSS {name} loss", tensors[f"{name}/expected/loss"], loss.detach().numpy(),
                               tensors[f"{name}/float32-noise/loss"][0]))
        results.append(certify(f"LOSS {name} grad", tensors[f"{name}/expected/grad"], z.grad.numpy(),
                               tensors[f"{name}/float32-noise/grad"][0]))
    return results


def recompute_model_set(path_json, weights_dir):
    with open(path_json) as f:
        manifest = json.load(f)
    tensors, _ = safetensors_reader.read(os.path.join(os.path.dirname(path_json), manifest["file"]))
    model_name = manifest["cases"][0]["args"]["model"]
    arrays, _ = safetensors_reader.read(os.path.join(weights_dir, f"{model_name}.safetensors"))
    x = torch.from_numpy(arrays.pop("input").astype(np.float64))
    m = getattr(torchvision.models, model_name)(weights=None)
    m.load_state_dict({k: (torch.from_numpy(v).long() if k.endswith("num_batches_tracked")
                           else torch.from_numpy(v.astype(np.float64))) for k, v in arrays.items()}, strict=True)
    m = m.double().eval()
    stages = {}
    with torch.no_grad():
        y = m.maxpool(m.relu(m.bn1(m.conv1(x))))
        stages["stem"] = y
        for i in range(1, 5):
            y = getattr(m, f"layer{i}")(y)
            stages[f"layer{i}"] = y
        stages["logits"] = m.fc(torch.flatten(m.avgpool(y), 1))
    results = []
    for stage, value in stages.items():
        key = "logits" if stage == "logits" else f"sample/{stage}"
        v = value.numpy() if stage == "logits" else sample(value.numpy())
        results.append(certify(f"{manifest['set']} {key}", tensors[f"case-00/expected/{key}"], v,
                               tensors[f"case-00/float32-noise/{key}"][0]))
    return results


def verified(path_json):
    """The manifest, after checking that its data file has the SHA-256 it pins."""
    import hashlib
    with open(path_json) as f:
        manifest = json.load(f)
    data = os.path.join(os.path.dirname(path_json), manifest["file"])
    with open(data, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != manifest["sha256"]:
        raise ValueError(f"{data}: SHA-256 {digest} but the manifest pins {manifest['sha256']}")
    return manifest


def recompute_golden(golden, weights_dir):
    results = []
    for group in ("layers", "blocks", "loss", "models"):
        folder = os.path.join(golden, group)
        if not os.path.isdir(folder):
            continue
        for file in sorted(os.listdir(folder)):
            if not file.endswith(".json"):
                continue
            path = os.path.join(folder, file)
            verified(path)
            if group == "loss":
                results += recompute_loss_set(path)
            elif group == "models":
                results += recompute_model_set(path, weights_dir)
            else:
                results += recompute_layer_set(path)
    by_set = {}
    for r in results:
        by_set.setdefault(r["what"].split(" ")[0], []).append(r)
    for key, rs in by_set.items():
        strict = sum(1 for r in rs if r.get("strict"))
        worst = max((r.get("max_abs", math.inf) for r in rs), default=0)
        print(f"{key}: {sum(r['passed'] for r in rs)}/{len(rs)} tensors agree ({strict} within the strict rule), "
              f"max abs {worst:.2e}")
    failed = [r for r in results if not r["passed"]]
    for r in failed:
        print(f"  {r['what']}: FAILED: " + (r["problem"] if "problem" in r else
              f"max abs {r['max_abs']:.3e}, bound {r['bound']:.3e}, {r['outside_strict']}/{r['count']} outside strict"))
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


# ---- the gate's checkpoint ---------------------------------------------------------------------

def idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n, h, w = np.frombuffer(data[:16], dtype=">i4")
    if magic != 2051:
        raise ValueError(f"{path}: magic {magic:#x}, expected 0x803")
    return np.frombuffer(data[16:16 + n * h * w], dtype=np.uint8).reshape(n, 1, h, w)


def check_checkpoint(checkpoint, fashion_dir, predictions_json):
    arrays, metadata = safetensors_reader.read(checkpoint)
    state = {k: torch.from_numpy(v) for k, v in arrays.items() if not k.startswith(("optimizer.", "history."))}
    state = {k: (v.long() if k.endswith("num_batches_tracked") else v) for k, v in state.items()}
    m = resnet(18, in_channels=1, classes=10)
    m.load_state_dict(state, strict=True)
    images = idx_images(os.path.join(fashion_dir, "t10k-images-idx3-ubyte.gz"))
    x = (torch.from_numpy(images.astype(np.float32)) / 255.0 - FASHION_MEAN) / FASHION_STD
    with open(predictions_json) as f:
        project = json.load(f)
    predicted, margins = [], []
    with torch.no_grad():  # float32, as the model was trained: 10,000 images in float64 take minutes
        m = m.float().eval()
        for i in range(0, x.shape[0], 500):
            l = m(x[i:i + 500])
            top = torch.topk(l, 2, dim=1)
            predicted += top.indices[:, 0].tolist()
            margins += (top.values[:, 0] - top.values[:, 1]).tolist()
    differ = [i for i, (a, b) in enumerate(zip(predicted, project["predictions"])) if a != b]
    near_ties = [i for i in differ if margins[i] < 1e-3]
    print(f"{checkpoint} (recipe {metadata.get('recipe')}): {len(predicted) - len(differ)} of {len(predicted)} test "
          f"predictions equal; {len(differ)} differ, {len(near_ties)} of them near-ties (top-2 margin below 1e-3)")
    ok = len(predicted) == len(project["predictions"]) and len(differ) == len(near_ties)
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    command, args = argv[1], argv[2:]
    torch.set_num_threads(int(os.environ.get("INTEROP_THREADS", "2")))
    if command == "export-torchvision":
        return export_torchvision(args[0], args[1:])
    if command == "check-project":
        return check_project(args[0], args[1:])
    if command == "recompute-golden":
        return recompute_golden(args[0], args[1])
    if command == "check-checkpoint":
        return check_checkpoint(args[0], args[1], args[2])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
