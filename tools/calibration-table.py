"""Tabulates a calibration sweep: per implementation, the verdicts over seeds and the largest needed factor."""
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
for impl in sorted(p for p in out.iterdir() if p.is_dir()):
    certs = sorted(impl.glob("seed-*/certificate.json"))
    worst = {}
    results = []
    for c in certs:
        j = json.load(open(c))
        results.append(j["result"])
        for r in j["rules"]:
            f = r.get("neededFactor", 0.0)
            if r["verdict"] in ("FAIL", "ERROR") and "neededFactor" not in r:
                f = float("inf")
            if f >= worst.get(r["id"], (0.0, ""))[0]:
                worst[r["id"]] = (f, c.parent.name)
    certified = sum(1 for r in results if r == "CERTIFIED")
    top = sorted(worst.items(), key=lambda kv: -kv[1][0])[:8]
    print(f"{impl.name}: CERTIFIED {certified} of {len(results)} seeds; largest needed factors: "
          + ", ".join(f"{k} {v[0]:.2f} ({v[1]})" for k, v in top if v[0] > 0))
