#!/usr/bin/env bash
# The calibration measurement: certify implementations over a range of seeds on the layer, block,
# loss, model and training-step rules, and tabulate each rule's largest needed float32 factor
# (the error outside the strict rule in units of torch float32's own error on the same case).
# Usage: tools/calibration-sweep.sh "fast plain example-torch-layers-float32 fast-float32" 1 20 [out-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
impls="$1"; first="$2"; last="$3"; out="${4:-$root/reports/calibration}"
mkdir -p "$out"
example="$(ls "$root"/examples/torch-layers/target/resnet-tck-example-torch-layers-*.jar 2>/dev/null | grep -v -E 'sources|tests' | head -1 || true)"
[ -n "$example" ] && cp "$example" "$root/conformance/target/lib/"
for seed in $(seq "$first" "$last"); do
  for impl in $impls; do
    dir="$out/$impl/seed-$seed"
    "$root/tck" certify -i "$impl" --seed "$seed" --quiet --out "$dir" \
      --rules "${SWEEP_RULES:-(LAYER|BLOCK|LOSS|MODEL|GOLDEN|TRAIN-(SGD|ADAM|ACCUMULATION|FREEZE))-.*}" 2>/dev/null | head -2 || true
  done
done
/usr/bin/python3 "$root/tools/calibration-table.py" "$out"
