#!/usr/bin/env python3
"""Solve a model exported by `jointplan export-model` with HiGHS or CBC and report comparable figures.

    bench_solvers.py stats MODEL.mps [--lp MODEL.lp]
    bench_solvers.py solve MODEL.mps --solver highs|cbc [--time-limit 60] [--gap 0.0001] [--lp MODEL.lp]
                     [--workdir DIR]
    bench_solvers.py selftest

Each command prints one JSON object on stdout.

The objective constant. jointplan's objective has a constant part (the unscheduled weight of every
session; placing a session saves it). GLPK writes it into free MPS as the right-hand side of the objective
row with a plus sign (constant = +RHS), and into LP format only as a comment (`\\* constant term = C *\\`).
HiGHS and CBC read an objective-row RHS the standard way, as minus the offset (objective = c'x - RHS), so
fed GLPK's file as is they would report c'x - C instead of c'x + C. This script therefore takes C from the
MPS (or from the LP comment when --lp is given, which wins; a disagreement is reported), writes a copy of the
MPS whose objective RHS is -C, and solves that: both solvers then report objective and bound of exactly the
sum jointplan reports, constant included, and their relative-gap stopping rules see the same numbers. The
objective is also recomputed from the solution (c'x + C) as a check. The gap in the output is always
(objective - bound) / max(1, |objective|), jointplan's definition.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SECTIONS = {"NAME", "ROWS", "COLUMNS", "RHS", "RANGES", "BOUNDS", "SOS", "ENDATA", "OBJSENSE", "OBJSENSE MAX",
            "OBJSENSE MIN"}


# ---------------------------------------------------------------------------------------------------------
# Free MPS reading (enough for what glp_write_mps writes)
class MpsModel:
    def __init__(self):
        self.objective_row = None
        self.rows = 0
        self.columns = []          # names in order
        self.col_index = {}
        self.integer = set()
        self.cost = {}
        self.nonzeros = 0
        self.lower = {}
        self.upper = {}
        self.rhs_constant = 0.0    # RHS entry of the objective row, as written
        self.has_rhs_constant = False
        self.rhs_name = None


def read_mps(path):
    m = MpsModel()
    section = None
    in_int = False
    with open(path, encoding="ascii", errors="replace") as f:
        for line in f:
            if not line.strip() or line.startswith("*"):
                continue
            if not line[0].isspace():
                section = line.split()[0]
                continue
            tok = line.split()
            if section == "ROWS":
                kind, name = tok[0], tok[1]
                if kind == "N" and m.objective_row is None:
                    m.objective_row = name
                elif kind != "N":
                    m.rows += 1
            elif section == "COLUMNS":
                if len(tok) >= 3 and tok[1] == "'MARKER'":
                    in_int = tok[2] == "'INTORG'"
                    continue
                col = tok[0]
                if col not in m.col_index:
                    m.col_index[col] = len(m.columns)
                    m.columns.append(col)
                    if in_int:
                        m.integer.add(col)
                for i in range(1, len(tok) - 1, 2):
                    row, val = tok[i], float(tok[i + 1])
                    if row == m.objective_row:
                        m.cost[col] = m.cost.get(col, 0.0) + val
                    else:
                        m.nonzeros += 1
            elif section == "RHS":
                if m.rhs_name is None:
                    m.rhs_name = tok[0]
                pairs = tok[1:] if len(tok) % 2 == 1 else tok
                for i in range(0, len(pairs) - 1, 2):
                    if pairs[i] == m.objective_row:
                        m.rhs_constant += float(pairs[i + 1])
                        m.has_rhs_constant = True
            elif section == "BOUNDS":
                kind = tok[0]
                col = tok[2] if len(tok) >= 3 else tok[1]
                val = float(tok[3]) if len(tok) >= 4 else None
                if kind == "UP":
                    m.upper[col] = val
                elif kind == "LO":
                    m.lower[col] = val
                elif kind == "FX":
                    m.lower[col] = m.upper[col] = val
                elif kind == "BV":
                    m.integer.add(col)
                    m.lower[col], m.upper[col] = 0.0, 1.0
                elif kind == "MI":
                    m.lower[col] = -math.inf
                elif kind == "PL":
                    m.upper[col] = math.inf
                elif kind == "FR":
                    m.lower[col], m.upper[col] = -math.inf, math.inf
    return m


def lp_constant(path):
    """The `\\* constant term = C *\\` comment glp_write_lp puts under the objective, or None."""
    pat = re.compile(r"\\\*\s*constant term\s*=\s*([-+0-9.eE]+)\s*\*\\")
    with open(path, encoding="utf-8", errors="replace") as f:
        for i, line in enumerate(f):
            mt = pat.search(line)
            if mt:
                return float(mt.group(1))
            if line.startswith("Subject To") or i > 100000:
                break
    return None


def lp_integer_counts(path):
    """Columns listed in the LP file's `Binary`/`Binaries` and `General(s)` sections."""
    counts = {"binary": 0, "general": 0}
    section = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            s = line.strip()
            low = s.lower()
            if low in ("binary", "binaries", "bin"):
                section = "binary"
                continue
            if low in ("general", "generals", "gen"):
                section = "general"
                continue
            if low in ("end", "bounds", "subject to", "st", "s.t.", "minimize", "maximize", "semi-continuous"):
                section = None
                continue
            if section and s and not s.startswith("\\"):
                counts[section] += len(s.split())
    return counts


def model_stats(mps_path, lp_path=None):
    m = read_mps(mps_path)
    binaries = sum(1 for c in m.integer if m.lower.get(c, 0.0) == 0.0 and m.upper.get(c) == 1.0)
    out = {"rows": m.rows, "columns": len(m.columns), "nonzeros": m.nonzeros, "integers": len(m.integer),
           "binaries": binaries, "constant": m.rhs_constant, "constant_source": "mps" if m.has_rhs_constant else
           "none"}
    if lp_path:
        c = lp_constant(lp_path)
        counts = lp_integer_counts(lp_path)
        out["lp_binary_section"] = counts["binary"]
        out["lp_generals_section"] = counts["general"]
        if c is not None:
            if m.has_rhs_constant and abs(c - m.rhs_constant) > 1e-6 * max(1.0, abs(c)):
                out["warning"] = f"constant differs: MPS objective RHS {m.rhs_constant} vs LP comment {c}"
            out["constant"] = c
            out["constant_source"] = "lp"
    return out, m


def write_standard_mps(src, dst, model, constant):
    """Copy `src` to `dst`, replacing the objective row's RHS by -constant (the standard MPS convention,
    in which the solver adds `constant` to c'x)."""
    obj = model.objective_row
    rhs_name = model.rhs_name or "RHS1"
    entry = f" {rhs_name} {obj} {-constant!r}\n" if constant else None
    section = None
    wrote = False
    with open(src, encoding="ascii", errors="replace") as f, open(dst, "w", encoding="ascii") as g:
        for line in f:
            if line.strip() and not line[0].isspace() and not line.startswith("*"):
                new = line.split()[0]
                if section == "RHS" and entry and not wrote:
                    g.write(entry)
                    wrote = True
                if new in ("RANGES", "BOUNDS", "SOS", "ENDATA") and section != "RHS" and entry and not wrote \
                        and section in ("COLUMNS", None):
                    g.write("RHS\n" + entry)
                    wrote = True
                section = new
                g.write(line)
                continue
            if section == "RHS" and line.strip() and not line.startswith("*"):
                tok = line.split()
                name, pairs = (tok[0], tok[1:]) if len(tok) % 2 == 1 else (rhs_name, tok)
                kept = [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs) - 1, 2) if pairs[i] != obj]
                if kept:
                    g.write(" " + name + " " + " ".join(f"{r} {v}" for r, v in kept) + "\n")
                continue
            g.write(line)


# ---------------------------------------------------------------------------------------------------------
def run_child(cmd, timeout, stdout_path=None):
    """Run cmd, return (returncode, wall seconds, peak RSS MiB of that child, stdout text)."""
    t0 = time.monotonic()
    out = open(stdout_path, "w+") if stdout_path else tempfile.TemporaryFile("w+")
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, text=True)
    deadline = t0 + timeout
    while True:
        pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, ru = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    secs = time.monotonic() - t0
    out.seek(0)
    text = out.read()
    out.close()
    return proc.returncode, secs, ru.ru_maxrss / 1024.0, text


def ensure_highspy():
    try:
        import highspy  # noqa: F401
        return True
    except ImportError:
        print("bench_solvers: installing highspy with pip", file=sys.stderr)
        r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "highspy"])
        if r.returncode != 0:
            return False
        import importlib
        importlib.invalidate_caches()
        try:
            import highspy  # noqa: F401
            return True
        except ImportError:
            return False


def ensure_cbc():
    if shutil.which("cbc"):
        return True
    print("bench_solvers: installing coinor-cbc with apt-get", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    r = subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "coinor-cbc"], env=env,
                       stdout=subprocess.DEVNULL)
    if r.returncode != 0:
        subprocess.run(sudo + ["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "coinor-cbc"], env=env, stdout=subprocess.DEVNULL)
    return shutil.which("cbc") is not None


def highs_child(mps, time_limit, gap, result_path):
    """Runs inside the child process: solve with highspy, write a JSON result."""
    import highspy
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", float(gap))
    h.readModel(mps)
    h.run()
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    res = {"raw_status": status, "version": h.version() if hasattr(h, "version") else None}
    has_sol = info.primal_solution_status == 2   # kSolutionStatusFeasible
    res["objective"] = info.objective_function_value if has_sol else None
    res["bound"] = info.mip_dual_bound if math.isfinite(info.mip_dual_bound) else None
    if has_sol:
        sol = h.getSolution()
        lp = h.getLp()
        names = list(lp.col_names_) if lp.col_names_ else []
        res["values"] = dict(zip(names, sol.col_value)) if names else None
    with open(result_path, "w") as f:
        json.dump(res, f)


def solve_highs(std_mps, time_limit, gap, workdir):
    if not ensure_highspy():
        return {"status": "error", "error": "highspy is not installed and pip could not install it"}
    result_path = os.path.join(workdir, "highs-result.json")
    if os.path.exists(result_path):
        os.remove(result_path)
    cmd = [sys.executable, os.path.abspath(__file__), "_highs", std_mps, str(time_limit), str(gap), result_path]
    rc, secs, peak, text = run_child(cmd, timeout=time_limit * 3 + 120,
                                     stdout_path=os.path.join(workdir, "highs.log"))
    if rc != 0 or not os.path.exists(result_path):
        return {"status": "error", "error": f"highs child exited {rc}: {text[-500:]}", "seconds": secs,
                "peak_mib": peak}
    with open(result_path) as f:
        r = json.load(f)
    raw = r["raw_status"]
    if raw == "Optimal":
        status = "optimal"
    elif raw == "Infeasible":
        status = "infeasible"
    elif r["objective"] is not None:
        status = "feasible"
    else:
        status = "no-solution"
    return {"status": status, "raw_status": raw, "objective": r["objective"], "bound": r["bound"],
            "values": r.get("values"), "seconds": secs, "peak_mib": peak, "version": r.get("version")}


def solve_cbc(std_mps, time_limit, gap, workdir):
    if not ensure_cbc():
        return {"status": "error", "error": "cbc is not installed and apt-get could not install it"}
    sol_path = os.path.join(workdir, "cbc-solution.txt")
    if os.path.exists(sol_path):
        os.remove(sol_path)
    cmd = ["cbc", "-timeMode", "elapsed", "-sec", str(time_limit), "-ratioGap", str(gap), "-import", std_mps,
           "-solve", "-solution", sol_path]
    rc, secs, peak, text = run_child(cmd, timeout=time_limit * 3 + 120, stdout_path=os.path.join(workdir, "cbc.log"))
    res = {"seconds": secs, "peak_mib": peak}
    mt = re.search(r"Version:\s*(\S+)", text)
    res["version"] = mt.group(1) if mt else None
    result = re.search(r"^Result - (.*)$", text, re.M)
    raw = result.group(1).strip() if result else f"exit {rc}"
    res["raw_status"] = raw
    obj = re.search(r"^Objective value:\s*(\S+)", text, re.M)
    low = re.search(r"^Lower bound:\s*(\S+)", text, re.M)
    objective = float(obj.group(1)) if obj else None
    if objective is not None and abs(objective) >= 1e49:
        objective = None
    values = {}
    if os.path.exists(sol_path):
        with open(sol_path) as f:
            first = f.readline()
            # "Stopped on time (no integer solution - continuous used)": an LP point, not a solution
            if "no integer solution" in first or "continuous used" in first:
                objective = None
            elif "objective value" in first and objective is None:
                v = float(first.rsplit(None, 1)[-1])
                objective = v if abs(v) < 1e49 else None
            for line in f:
                tok = line.split()
                if len(tok) >= 3:
                    if tok[0] == "**":
                        tok = tok[1:]
                    values[tok[1]] = float(tok[2])
    res["objective"] = objective
    res["values"] = values if objective is not None else None
    if raw.startswith("Optimal"):
        res["status"] = "optimal"
        # CBC prints no bound for a finished search: the bound is the objective within the gap tolerance
        res["bound"] = float(low.group(1)) if low else objective
        res["bound_note"] = None if low else "cbc prints no bound when optimal; bound = objective"
    elif "infeasible" in raw.lower():
        res["status"] = "infeasible"
        res["bound"] = None
    else:
        res["status"] = "feasible" if objective is not None else "no-solution"
        res["bound"] = float(low.group(1)) if low else None
    return res


def solve(mps_path, solver, time_limit=60.0, gap=1e-4, lp_path=None, workdir=None):
    workdir = workdir or os.path.join(os.path.dirname(os.path.abspath(mps_path)), f"{solver}-run")
    os.makedirs(workdir, exist_ok=True)
    stats, model = model_stats(mps_path, lp_path)
    constant = stats["constant"]
    std_mps = os.path.join(workdir, "model.std.mps")
    write_standard_mps(mps_path, std_mps, model, constant)
    if solver == "highs":
        res = solve_highs(std_mps, time_limit, gap, workdir)
    elif solver == "cbc":
        res = solve_cbc(std_mps, time_limit, gap, workdir)
    else:
        raise SystemExit(f"unknown solver {solver}")
    values = res.pop("values", None)
    res["solver"] = solver
    res["constant"] = constant
    res["constant_source"] = stats["constant_source"]
    if "warning" in stats:
        res["warning"] = stats["warning"]
    # recompute c'x + constant from the solution as a check on the offset handling
    if values and res.get("objective") is not None:
        recomputed = constant + sum(model.cost.get(c, 0.0) * v for c, v in values.items())
        res["objective_recomputed"] = recomputed
        if abs(recomputed - res["objective"]) > 1e-6 * max(1.0, abs(recomputed)):
            res["warning"] = (res.get("warning", "") + f" objective {res['objective']} != c'x + constant "
                              f"{recomputed}; using the recomputed value").strip()
            res["objective"] = recomputed
    obj, bound = res.get("objective"), res.get("bound")
    if obj is not None and bound is not None:
        res["gap"] = (obj - bound) / max(1.0, abs(obj))
        if res["gap"] < -1e-6:
            res["warning"] = (res.get("warning", "") + f" bound {bound} is above objective {obj}").strip()
        elif res["status"] == "feasible" and res["gap"] <= gap:
            res["status"] = "optimal"
        res["gap"] = max(0.0, res["gap"]) if res["gap"] >= -1e-6 else res["gap"]
    else:
        res["gap"] = None
    for k in ("rows", "columns", "nonzeros", "binaries", "integers"):
        res[k] = stats[k]
    return res


# ---------------------------------------------------------------------------------------------------------
# Self-test on a tiny GLPK-style model: min 1000 - 300 x1 - 200 x2 - 250 x3 - 100 x4 + 5 y,
# 3 x1 + 2 x2 + 4 x3 + x4 <= 5 + y, y <= 1.5, x binary, 0 <= y <= 10. Optimum 405 (x1 = x2 = x4 = 1, y = 1).
# The constant 1000 is written the way glp_write_mps writes it: +1000 on the objective row's RHS.
SELFTEST_MPS = """\
* Problem:    selftest
* Format:     Free MPS
NAME selftest
ROWS
 N obj
 L cap
 L lim
COLUMNS
 M0000001 'MARKER' 'INTORG'
 x4 obj -100 cap 1
 x3 obj -250 cap 4
 x2 obj -200 cap 2
 x1 obj -300 cap 3
 M0000002 'MARKER' 'INTEND'
 y obj 5 cap -1
 y lim 1
RHS
 RHS1 obj 1000 cap 5
 RHS1 lim 1.5
BOUNDS
 UP BND1 x4 1
 UP BND1 x3 1
 UP BND1 x2 1
 UP BND1 x1 1
 UP BND1 y 10
ENDATA
"""
SELFTEST_LP = """\
\\* Problem: selftest *\\

Minimize
 obj: - 100 x4 - 250 x3 - 200 x2 - 300 x1 + 5 y
\\* constant term = 1000 *\\

Subject To
 cap: + x4 + 4 x3 + 2 x2 + 3 x1 - y <= 5
 lim: + y <= 1.5

Bounds
 0 <= x4 <= 1
 0 <= x3 <= 1
 0 <= x2 <= 1
 0 <= x1 <= 1
 0 <= y <= 10

Generals
 x4
 x3
 x2
 x1

End
"""


def selftest():
    d = tempfile.mkdtemp(prefix="bench-solvers-selftest-")
    mps, lp = os.path.join(d, "m.mps"), os.path.join(d, "m.lp")
    with open(mps, "w") as f:
        f.write(SELFTEST_MPS)
    with open(lp, "w") as f:
        f.write(SELFTEST_LP)
    ok = True
    report = {}
    stats, _ = model_stats(mps, lp)
    report["stats"] = stats
    ok &= stats["binaries"] == 4 and stats["rows"] == 2 and stats["columns"] == 5 and stats["nonzeros"] == 6
    ok &= stats["constant"] == 1000.0 and "warning" not in stats and stats["lp_generals_section"] == 4
    for solver in ("highs", "cbc"):
        for lp_arg in (None, lp):
            r = solve(mps, solver, 10, 1e-4, lp_arg, os.path.join(d, solver))
            key = f"{solver}{'+lp' if lp_arg else ''}"
            report[key] = {k: r.get(k) for k in ("status", "objective", "bound", "gap", "objective_recomputed",
                                                  "warning", "error")}
            good = r.get("status") == "optimal" and abs((r.get("objective") or 0) - 405) < 1e-6 \
                and r.get("bound") is not None and abs(r["bound"] - 405) < 0.05 and not r.get("warning")
            report[key]["ok"] = good
            ok &= good
    report["ok"] = bool(ok)
    shutil.rmtree(d, ignore_errors=True)
    return report


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_highs":
        highs_child(argv[1], float(argv[2]), float(argv[3]), argv[4])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("stats", help="rows, columns, nonzeros, binaries and the objective constant of an MPS file")
    s.add_argument("mps")
    s.add_argument("--lp")
    s = sub.add_parser("solve", help="solve an MPS file with HiGHS or CBC")
    s.add_argument("mps")
    s.add_argument("--solver", choices=["highs", "cbc"], required=True)
    s.add_argument("--time-limit", type=float, default=60.0)
    s.add_argument("--gap", type=float, default=1e-4)
    s.add_argument("--lp", help="the same model in LP format: its constant-term comment is used and checked")
    s.add_argument("--workdir")
    sub.add_parser("selftest", help="solve a tiny GLPK-style model with a constant on both solvers")
    a = ap.parse_args(argv)
    if a.cmd == "stats":
        print(json.dumps(model_stats(a.mps, a.lp)[0]))
    elif a.cmd == "solve":
        print(json.dumps(solve(a.mps, a.solver, a.time_limit, a.gap, a.lp, a.workdir)))
    else:
        r = selftest()
        print(json.dumps(r, indent=1))
        return 0 if r["ok"] else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
