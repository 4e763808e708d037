#!/usr/bin/env python3
"""Which cuts does HiGHS add at the root of an exported jointplan model? A guide to missing row families.

    Tools/cutpool.py MODEL.lp [--time-limit 60] [--presolve] [--top 20]

Solves the model's root node with HiGHS 1.16 (one thread, one node; presolve off by default, so the cuts
are in the model's own columns and their names), reads HiGHS's cut pool through its callback
(kCallbackMipGetCutPool), and prints the root bound, then the cuts grouped by the column families they
touch (x_, v_, over_, …: the prefixes of the model's names) with the most violated examples of each,
scaled so the largest coefficient is 1. A family of cuts that recurs names the rows the model lacks:
jointplan's overload-cardinality rows and the merge-savings rows over shared sites were found this way
(Wuwei 2025, 2026-12-02: 160 of 250 root cuts were merge-savings rows with a site left out, 82 were
"any two of these sessions overload the pool").

Needs `pip install highspy`. Prints text; writes nothing.
"""
from __future__ import annotations

import argparse
import collections
import re
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="an LP or MPS file written by `jointplan export-model`")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--presolve", action="store_true", help="let HiGHS presolve (cuts then use its columns)")
    parser.add_argument("--top", type=int, default=20, help="families to show")
    parser.add_argument("--examples", type=int, default=2, help="examples per family")
    args = parser.parse_args()
    try:
        import highspy
    except ImportError:
        print("cutpool: needs highspy (pip install highspy)", file=sys.stderr)
        return 2

    constant = 0.0
    if args.model.endswith(".lp"):
        # GLPK writes the constant as a comment after the objective, which can be long: read up to the rows.
        with open(args.model, encoding="ascii", errors="replace") as handle:
            for line in handle:
                match = re.search(r"constant term = ([-0-9.e+]+)", line)
                if match or line.strip().lower().startswith("subject to"):
                    constant = float(match.group(1)) if match else 0.0
                    break

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    if highs.readModel(args.model) != highspy.HighsStatus.kOk:
        print(f"cutpool: HiGHS cannot read {args.model}", file=sys.stderr)
        return 2
    for key, value in [("presolve", "on" if args.presolve else "off"), ("threads", 1),
                       ("time_limit", args.time_limit), ("mip_max_nodes", 1), ("mip_rel_gap", 0.0)]:
        highs.setOptionValue(key, value)
    pools = []

    def on_cut_pool(event):
        data = event.data_out
        count = data.cutpool_num_cut
        starts = list(data.cutpool_start[:count + 1])
        pools.append((count, starts, list(data.cutpool_index[:starts[-1]]), list(data.cutpool_value[:starts[-1]]),
                      list(data.cutpool_upper[:count])))

    highs.cbMipGetCutPool.subscribe(on_cut_pool)
    highs.run()
    names = [highs.getColName(j)[1] for j in range(highs.getLp().num_col_)]
    print(f"root bound {highs.getInfo().mip_dual_bound + constant:.3f} (objective constant {constant:g} added)")
    if not pools:
        print("HiGHS reported no cut pool (the root was solved without cuts)")
        return 0
    count, starts, index, value, upper = pools[-1]
    families = collections.defaultdict(list)
    for cut in range(count):
        terms = [(names[index[k]], value[k]) for k in range(starts[cut], starts[cut + 1])]
        scale = max(abs(v) for _, v in terms) or 1.0
        key = tuple(sorted({name.split("_")[0] for name, _ in terms}))
        families[key].append((upper[cut] / scale, sorted((name, v / scale) for name, v in terms)))
    print(f"{count} cuts in the pool")
    for key, cuts in sorted(families.items(), key=lambda item: -len(item[1]))[:args.top]:
        print(f"\n{len(cuts)} cuts on {', '.join(key)}")
        for bound, terms in cuts[:args.examples]:
            shown = " ".join(f"{v:+.3f} {name}" for name, v in terms[:16])
            more = f" … ({len(terms) - 16} more)" if len(terms) > 16 else ""
            print(f"  {shown}{more} <= {bound:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
