#!/usr/bin/env python3
"""Seeded generator of jointplan/v1 benchmark scenarios (see Tools/README.md).

    python3 Tools/generate.py --size S|M|L --seed N [--tightness 0.5] --output DIR [--check]
    python3 Tools/generate.py --check-only PATH      # check an existing scenario folder or YAML file

S ~ 200 sessions (a city and its 4-6 counties), M ~ 1,500 sessions (a city down to ~100 townships),
L ~ 8,000 sessions (a province, 14 cities, ~86 counties). Everything is synthetic; the same size, seed
and tightness always give the same file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import re
import sys
from collections import defaultdict

import yaml

YEAR = 2025
D = dt.date

# ---------------------------------------------------------------------------------------------------------
# Calendar: cn-official 2025 (国办发明电〔2024〕12号), the same preset the planner ships.
HOLIDAY_RANGES = [(D(2025, 1, 1), D(2025, 1, 1)), (D(2025, 1, 28), D(2025, 2, 4)), (D(2025, 4, 4), D(2025, 4, 6)),
                  (D(2025, 5, 1), D(2025, 5, 5)), (D(2025, 5, 31), D(2025, 6, 2)), (D(2025, 10, 1), D(2025, 10, 8))]
ADJUSTED_WORKDAYS = {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)}
OFFICIAL_HOLIDAYS = {a + dt.timedelta(days=i) for a, b in HOLIDAY_RANGES for i in range((b - a).days + 1)}
OFFICIAL_WORKDAYS = set(ADJUSTED_WORKDAYS)
HOLIDAYS = set(OFFICIAL_HOLIDAYS)
YEAR_START, YEAR_END = D(YEAR, 1, 1), D(YEAR, 12, 31)
SEASON = (D(YEAR, 3, 1), D(YEAR, 11, 30))   # where most windows lie; tightness is measured over it


def use_calendar(calendar):
    """Make is_workday follow a scenario's `calendar` (preset cn-official or none, plus extra dates)."""
    calendar = calendar or {}

    def dates(items):
        out = set()
        for x in items or []:
            if isinstance(x, dict):
                out.update(days(x["from"], x["to"]))
            else:
                out.add(x)
        return out
    official = calendar.get("preset") == "cn-official"
    HOLIDAYS.clear()
    HOLIDAYS.update((OFFICIAL_HOLIDAYS if official else set()) | dates(calendar.get("holidays")))
    ADJUSTED_WORKDAYS.clear()
    ADJUSTED_WORKDAYS.update((OFFICIAL_WORKDAYS if official else set()) | dates(calendar.get("workdays")))


def days(a, b):
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


def is_workday(d):
    if d.year != YEAR:
        return False
    if d in ADJUSTED_WORKDAYS:
        return True
    return d.weekday() < 5 and d not in HOLIDAYS


def workdays(a, b):
    return [d for d in days(a, b) if is_workday(d)]


def week_of(d):
    """Plan week (1-based): week 1 starts on the Monday on or before 1 January."""
    start = YEAR_START - dt.timedelta(days=YEAR_START.weekday())
    return (d - start).days // 7 + 1


def monday_of_week(w):
    start = YEAR_START - dt.timedelta(days=YEAR_START.weekday())
    return start + dt.timedelta(days=7 * (w - 1))


# ---------------------------------------------------------------------------------------------------------
# Vocabulary. Departments: id, name (without the level prefix), participation weight.
DEPARTMENTS = [
    ("scjg", "市场监督管理局", 6), ("sthj", "生态环境局", 3), ("yjgl", "应急管理局", 3), ("gaj", "公安局", 3),
    ("cgzf", "城市管理综合行政执法局", 2), ("xfjy", "消防救援支队", 2), ("jtys", "交通运输局", 2),
    ("nync", "农业农村局", 2), ("wsjk", "卫生健康委员会", 2), ("whsc", "文化市场综合行政执法支队", 1.5),
    ("zjj", "住房和城乡建设局", 1.5), ("zrzy", "自然资源局", 1), ("ycj", "烟草专卖局", 1), ("lcj", "林业和草原局", 1),
    ("sl", "水务局", 1), ("yb", "医疗保障局", 1), ("jyj", "教育局", 1), ("rsj", "人力资源和社会保障局", 1),
    ("sw", "商务局", 1), ("swj", "税务局", 1),
]
CORE_DEPARTMENTS = ["scjg", "sthj", "yjgl", "gaj", "cgzf", "xfjy", "jtys", "nync", "wsjk", "whsc", "zjj"]

# Targets: id, name, base count per county, relevant departments, cap overrides.
HIGH_RISK = {"max_visits_per_year": 6, "max_visits_per_department": 3}
TARGETS = [
    ("gas-station", "加油站", 40, ["scjg", "yjgl", "sthj", "xfjy"], {}),
    ("food-producer", "食品生产企业", 90, ["scjg", "gaj", "wsjk"], {}),
    ("school-canteen", "学校食堂", 120, ["scjg", "jyj", "wsjk"], {"min_revisit_weeks": 8}),
    ("hazchem", "危险化学品企业", 20, ["yjgl", "xfjy", "sthj", "gaj", "jtys"], HIGH_RISK),
    ("internet-cafe", "网吧", 40, ["whsc", "gaj", "xfjy"], {}),
    ("entertainment", "娱乐场所", 50, ["whsc", "gaj", "xfjy"], {}),
    ("vehicle-repair", "机动车维修企业", 130, ["jtys", "sthj", "scjg"], {}),
    ("farm-input", "农资经营店", 180, ["nync", "scjg"], {}),
    ("construction-site", "在建房屋建筑和市政工程工地", 60, ["zjj", "cgzf", "rsj", "sthj"], HIGH_RISK),
    ("medical", "医疗机构", 250, ["wsjk", "yb", "scjg"], {}),
    ("pharmacy", "药品零售企业", 200, ["scjg", "yb"], {}),
    ("tobacco-retail", "烟草零售户", 2000, ["ycj", "scjg", "gaj"], {"max_visits_per_year": 2, "min_revisit_weeks": 12}),
    ("hotel", "宾馆酒店", 100, ["gaj", "xfjy", "wsjk", "whsc"], {}),
    ("seedling", "林草种苗生产经营单位", 20, ["lcj", "nync"], {}),
    ("water-intake", "取水户", 150, ["sl", "zrzy"], {}),
    ("mine", "非煤矿山企业", 12, ["yjgl", "zrzy", "sthj"], HIGH_RISK),
    ("auto-dealer", "汽车销售及报废机动车回收企业", 25, ["sw", "scjg", "gaj"], {}),
    ("key-polluter", "重点排污单位", 25, ["sthj", "gaj"], {}),
    ("livestock-farm", "规模畜禽养殖场", 80, ["nync", "sthj"], {}),
    ("freight-firm", "道路货运及危险货物运输企业", 60, ["jtys", "yjgl", "gaj"], {}),
    ("gas-supplier", "燃气经营企业", 8, ["cgzf", "yjgl", "scjg", "zjj"], HIGH_RISK),
    ("farmers-market", "农贸市场", 18, ["scjg", "cgzf", "nync"], {}),
    ("elevator-user", "电梯使用单位", 120, ["scjg", "zjj"], {}),
    ("vehicle-inspection", "机动车检验机构", 4, ["scjg", "jtys", "sthj"], {}),
    ("fireworks-shop", "烟花爆竹零售点", 50, ["yjgl", "gaj", "xfjy", "scjg"], HIGH_RISK),
    ("industrial-firm", "工贸企业", 60, ["yjgl", "sthj", "rsj"], {}),
    ("travel-agency", "旅行社", 10, ["whsc", "sw"], {}),
    ("restaurant", "餐饮服务单位", 1000, ["scjg", "xfjy", "cgzf", "sthj"], HIGH_RISK),
    ("labour-firm", "用工密集型企业", 70, ["rsj", "swj", "scjg"], {}),
    ("bulk-taxpayer", "重点税源企业", 30, ["swj", "sw", "scjg"], {}),
    ("cold-chain", "冷链食品经营单位", 40, ["scjg", "wsjk", "jtys"], {}),
    ("kindergarten", "幼儿园", 60, ["jyj", "wsjk", "xfjy"], {"min_revisit_weeks": 8}),
    ("logistics-firm", "物流寄递企业", 30, ["jtys", "gaj", "yjgl"], {}),
    ("scrap-recycler", "再生资源回收企业", 25, ["sw", "gaj", "sthj"], {}),
    ("quarry", "砂石料场", 15, ["zrzy", "sthj", "sl"], {}),
    ("slaughterhouse", "生猪屠宰企业", 6, ["nync", "scjg", "sthj"], {}),
]

TITLE_WORDS = ["安全生产", "质量安全", "专项整治", "联合检查", "双随机抽查", "隐患排查", "执法检查", "规范整治"]
SYLLABLES = list("安平和宁泰丰乐康永兴昌盛华阳东西南北青白金石河山川林泉新清远长广源城桥湾峰岭")
TRAINING_REASONS = ["年度执法人员集中轮训", "行政执法资格培训", "专业执法业务培训", "执法规范化岗位练兵"]
DUTY_REASONS = ["专项督察整改", "节日期间安全保障", "防汛值守", "执法案卷集中评查", "重大活动安保", "上级专项行动"]
CLOSURE_REASONS = ["沙尘暴预警", "暴雨红色预警", "县内重大活动", "疫情防控（假设）"]

SIZES = {"S": 200, "M": 1500, "L": 8000}
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def place_name(rng, used, suffix):
    while True:
        n = "".join(rng.choice(SYLLABLES) for _ in range(2)) + suffix
        if n not in used:
            used.add(n)
            return n


# ---------------------------------------------------------------------------------------------------------
# Regions. Each region: dict(id, name, parent, level). `leaves` are where requests run (plus, for L, the
# cities themselves). `pool_levels` lists which levels may hold staff pools.
def build_regions(size, rng):
    used = set()
    regions = []
    if size == "S":
        regions.append({"id": "city", "name": "示例市", "level": 0})
        for k in range(1, rng.randint(4, 6) + 1):
            regions.append({"id": f"k{k:02d}", "name": place_name(rng, used, "县"), "parent": "city", "level": 1})
        eligible = [r["id"] for r in regions if r["level"] == 1]
    elif size == "M":
        regions.append({"id": "city", "name": "示例市", "level": 0})
        counties = 8
        total_towns = rng.randint(96, 104)
        per = [total_towns // counties + (1 if i < total_towns % counties else 0) for i in range(counties)]
        for k in range(1, counties + 1):
            kid = f"k{k:02d}"
            regions.append({"id": kid, "name": place_name(rng, used, "区" if k == 1 else "县"), "parent": "city",
                            "level": 1})
            for t in range(1, per[k - 1] + 1):
                suffix = rng.choice(["镇", "镇", "乡", "街道"])
                regions.append({"id": f"{kid}t{t:02d}", "name": place_name(rng, used, suffix), "parent": kid,
                                "level": 2})
        eligible = [r["id"] for r in regions if r["level"] == 2]
    else:
        regions.append({"id": "prov", "name": "示例省", "level": 0})
        total_counties = rng.randint(84, 88)
        cities = 14
        weights = [rng.uniform(0.5, 1.5) for _ in range(cities)]
        per = [max(2, round(total_counties * w / sum(weights))) for w in weights]
        per[-1] += total_counties - sum(per)
        for c in range(1, cities + 1):
            cid = f"c{c:02d}"
            regions.append({"id": cid, "name": place_name(rng, used, "市"), "parent": "prov", "level": 1})
            for k in range(1, per[c - 1] + 1):
                regions.append({"id": f"{cid}k{k:02d}", "name": place_name(rng, used, rng.choice(["县", "县", "区"])),
                                "parent": cid, "level": 2})
        eligible = [r["id"] for r in regions if r["level"] >= 1]   # city-level actions too
    for r in regions:
        r["size"] = rng.uniform(0.5, 1.6) * (0.12 if size == "M" and r["level"] == 2 else 1.0)
    return regions, eligible


# ---------------------------------------------------------------------------------------------------------
def random_range_workdays(rng, n_workdays, lo, hi):
    """A date range starting on a random Monday in [lo, hi] spanning at least n_workdays working days."""
    while True:
        start = lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
        start -= dt.timedelta(days=start.weekday())
        if start < lo or not is_workday(start):
            continue
        end, count = start, 0
        while True:
            if is_workday(end):
                count += 1
                if count == n_workdays:
                    return start, end
            end += dt.timedelta(days=1)
            if end > YEAR_END:
                break


def build_departments(size, rng, regions):
    n = rng.randint(15, 20)
    others = [d for d in DEPARTMENTS if d[0] not in CORE_DEPARTMENTS]
    chosen = set(CORE_DEPARTMENTS) | {d[0] for d in rng.sample(others, n - len(CORE_DEPARTMENTS))}
    prefix = {"S": "示例市", "M": "示例市", "L": "示例省"}[size]
    by_level = defaultdict(list)
    for r in regions:
        by_level[r["level"]].append(r["id"])
    depts = []
    for did, name, weight in DEPARTMENTS:
        if did not in chosen:
            continue
        # Pools: the top level always; level 1 for most departments (some only in part, so the
        # nearest-ancestor rule matters); for L, county pools for the busiest departments.
        pools = list(by_level[0])
        mode = rng.random()
        if size == "S":   # a small city: only the busiest departments keep county pools
            if weight >= 6 or (weight >= 3 and mode < 0.5):
                pools += by_level[1]
            elif mode < 0.25:
                pools += rng.sample(by_level[1], max(1, len(by_level[1]) // 2))
        elif size == "M":
            if weight >= 2 or mode < 0.6:
                pools += by_level[1]
            elif mode < 0.8:
                pools += rng.sample(by_level[1], max(1, len(by_level[1]) // 2))
        else:
            pools += [c for c in by_level[1] if rng.random() < 0.9]
            if weight >= 3:
                pools += by_level[2]
            elif weight >= 2 and mode < 0.3:
                pools += [k for k in by_level[2] if rng.random() < 0.5]
        share = round(rng.uniform(0.2, 0.4), 2)
        unavailable = []
        # training: 8 working days at fraction 1.0 (64 h) or 16 at 0.5 (64 h)
        if rng.random() < 0.7:
            a, b = random_range_workdays(rng, 8, D(YEAR, 1, 6), D(YEAR, 11, 20))
            frac = 1.0
        else:
            a, b = random_range_workdays(rng, 16, D(YEAR, 1, 6), D(YEAR, 11, 10))
            frac = 0.5
        unavailable.append({"from": a, "to": b, "fraction": frac, "training": True,
                            "reason": rng.choice(TRAINING_REASONS)})
        for _ in range(rng.randint(0, 2)):
            a, b = random_range_workdays(rng, rng.randint(5, 30), D(YEAR, 1, 6), D(YEAR, 11, 1))
            unavailable.append({"from": a, "to": b, "fraction": rng.choice([0.2, 0.2, 0.3, 0.3, 0.5]),
                                "reason": rng.choice(DUTY_REASONS)})
        depts.append({"id": did, "name": prefix + name, "weight": weight, "pools": pools, "share": share,
                      "unavailable": unavailable})
    return depts


def build_targets(size, rng, dept_ids, regions, eligible):
    n_want = {"S": rng.randint(20, 24), "M": rng.randint(20, 26), "L": 30}[size]
    usable = [t for t in TARGETS if len([d for d in t[3] if d in dept_ids]) >= 2]
    chosen = {t[0] for t in rng.sample(usable, min(n_want, len(usable)))}
    region_by_id = {r["id"]: r for r in regions}
    targets = []
    for tid, name, base, rel, caps in TARGETS:
        if tid not in chosen:
            continue
        rel = [d for d in rel if d in dept_ids]
        count = {}
        for rid in eligible:
            if rng.random() < (0.97 if size == "L" else 0.9):
                count[rid] = max(1, round(base * region_by_id[rid]["size"] * rng.uniform(0.7, 1.3)))
        if not count:
            count[eligible[0]] = 1
        targets.append({"id": tid, "name": name, "relevant": rel, "caps": dict(caps), "count": count})
    return targets


def weighted_choice(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def build_requests(size, rng, regions, eligible, depts, targets, policy):
    goal = SIZES[size]
    dept_w = {d["id"]: d["weight"] for d in depts}
    dept_ids = list(dept_w)
    children = defaultdict(list)
    for r in regions:
        if "parent" in r:
            children[r["parent"]].append(r["id"])
    eligible_set = set(eligible)
    # clusters requests are drawn from: a county's townships (M), a city's counties (L), all counties (S)
    if size == "S":
        clusters = [eligible]
    elif size == "M":
        clusters = [children[k] for k in children["city"]]
    else:
        clusters = [[c] + children[c] for c in children["prov"]]

    def cap(t, key):
        return t["caps"].get(key, policy[key])

    used_total = defaultdict(int)   # (t, r) -> sessions listing t in r
    used_dept = defaultdict(int)    # (t, r, d) -> sessions listing t in r that d takes part in

    requests, sessions, attempts, seq = [], 0, 0, 0
    while sessions < goal and attempts < goal * 40:
        attempts += 1
        t1 = rng.choice(targets)
        tlist = [t1]
        extra = rng.random()
        if extra < (0.10 if size == "L" else 0.30):
            k = 1 if extra < (0.09 if size == "L" else 0.25) else 2
            related = [t for t in targets if t is not t1 and set(t["relevant"]) & set(t1["relevant"])]
            tlist += rng.sample(related, min(k, len(related)))
        lead = weighted_choice(rng, t1["relevant"], [dept_w[d] for d in t1["relevant"]])
        n_partners = weighted_choice(rng, [0, 1, 2, 3], [0.15, 0.4, 0.3, 0.15])
        pool = sorted({d for t in tlist for d in t["relevant"]} - {lead})
        partners = []
        for _ in range(n_partners):
            if pool and rng.random() < 0.85:
                p = weighted_choice(rng, pool, [dept_w[d] for d in pool])
            else:
                cand = [d for d in dept_ids if d != lead and d not in partners]
                p = rng.choice(cand)
            if p not in partners and p != lead:
                partners.append(p)
            pool = [d for d in pool if d not in partners]
        team = [lead] + partners
        priority = weighted_choice(rng, ["mandatory", "high", "normal", "low"], [0.10, 0.25, 0.45, 0.20])
        rounds = weighted_choice(rng, [1, 2, 3], [0.55, 0.35, 0.10])
        n_regions = rng.randint(1, min(8, len(eligible)))
        # regions where every target exists and the visit caps still leave room for `rounds` more sessions
        def room(rid, rnds):
            for t in tlist:
                if rid not in t["count"]:
                    return False
                if used_total[(t["id"], rid)] + rnds > cap(t, "max_visits_per_year"):
                    return False
                for d in team:
                    if used_dept[(t["id"], rid, d)] + rnds > cap(t, "max_visits_per_department"):
                        return False
            return True
        cluster = rng.choice(clusters)
        ok = [r for r in cluster if r in eligible_set and room(r, rounds)]
        while not ok and rounds > 1:
            rounds -= 1
            ok = [r for r in cluster if r in eligible_set and room(r, rounds)]
        if not ok:
            continue
        if len(ok) < n_regions and size != "S":
            more = [r for r in eligible if r not in cluster and room(r, rounds)]
            rng.shuffle(more)
            ok += more[: n_regions - len(ok)] if rng.random() < 0.3 else []
        chosen = rng.sample(ok, min(n_regions, len(ok)))
        # do not overshoot the size by much: trim the last request
        left = goal - sessions
        if rounds * len(chosen) > left:
            keep = max(1, math.ceil(left / rounds))
            chosen = chosen[:keep]
        chosen.sort(key=eligible.index)
        for rid in chosen:
            for t in tlist:
                used_total[(t["id"], rid)] += rounds
                for d in team:
                    used_dept[(t["id"], rid, d)] += rounds
        seq += 1
        mandatory = priority == "mandatory"
        duration = weighted_choice(rng, [1, 2, 3, 4, 5], [0.15, 0.35, 0.3, 0.12, 0.08])
        if mandatory:
            duration = min(duration, 3)
        officers = {lead: weighted_choice(rng, [2, 3, 4, 5, 6], [0.2, 0.35, 0.25, 0.12, 0.08])}
        for p in partners:
            officers[p] = weighted_choice(rng, [2, 3, 4], [0.6, 0.3, 0.1])
        if mandatory:
            officers = {d: min(v, 4) for d, v in officers.items()}
        revisit = max(t["caps"].get("min_revisit_weeks", policy["min_revisit_weeks"]) for t in tlist)
        # window: mostly inside March-November, some the whole year, some half-years
        kind = rng.random()
        min_weeks = 20 if mandatory else 10
        if rounds > 1:
            min_weeks = max(min_weeks, (rounds - 1) * revisit + 6)
        if kind < 0.15:
            window = None
            wa, wb = YEAR_START, YEAR_END
        else:
            if kind < 0.25:
                lo, hi = (D(YEAR, 1, 6), D(YEAR, 6, 30)) if rng.random() < 0.5 else (D(YEAR, 7, 1), D(YEAR, 12, 19))
            else:
                lo, hi = SEASON
            span = (hi - lo).days // 7
            weeks = rng.randint(min(min_weeks, span), span)
            start_off = rng.randint(0, span - weeks)
            wa = lo + dt.timedelta(days=7 * start_off)
            wb = min(hi, wa + dt.timedelta(days=7 * weeks - 1))
            window = {"from": wa, "to": wb}
        win_weeks = (wb - wa).days // 7
        gap = 0
        if rounds > 1:
            max_gap = max(revisit, (win_weeks - 3) // (rounds - 1))
            gap = rng.randint(revisit, max(revisit, min(max_gap, 20)))
        req = {"id": f"R{seq:04d}",
               "title": f"{t1['name']}{rng.choice(TITLE_WORDS)}",
               "lead": lead}
        if partners:
            req["partners"] = partners
        req["targets"] = [t["id"] for t in tlist]
        req["regions"] = chosen
        if rounds > 1:
            req["rounds"] = rounds
            req["min_gap_weeks"] = gap
        req["duration_days"] = duration
        req["officers"] = officers
        if window:
            req["window"] = window
        if rng.random() < 0.35 and win_weeks >= 6:
            pw = rng.randint(3, min(10, win_weeks - 1))
            off = rng.randint(0, win_weeks - pw)
            pa = wa + dt.timedelta(days=7 * off)
            req["preferred"] = {"from": pa, "to": min(wb, pa + dt.timedelta(days=7 * pw - 1))}
        if priority != "normal":
            req["priority"] = priority
        if not mandatory and len(chosen) >= 2 and len(chosen) <= 6 and rng.random() < 0.08:
            req["sync_regions"] = True
        requests.append(req)
        sessions += rounds * len(chosen)
    return requests, sessions


# ---------------------------------------------------------------------------------------------------------
def ancestors(region_parent, rid):
    out = []
    while rid is not None:
        out.append(rid)
        rid = region_parent.get(rid)
    return out


def resolve_pool(region_parent, staff, rid):
    for a in ancestors(region_parent, rid):
        if a in staff:
            return a
    return None


def day_availability(dept):
    """Per working day of the year: 1 - unavailable fraction (overlaps add up, capped at 1)."""
    avail = {}
    for d in workdays(YEAR_START, YEAR_END):
        f = sum(u.get("fraction", 1.0) for u in dept.get("unavailable", []) if u["from"] <= d <= u["to"])
        avail[d] = 1.0 - min(1.0, f)
    return avail


def pool_demand(scenario):
    """(dept, pool) -> season demand in officer-days, mandatory season demand, largest single-week demand
    of one session or one synchronised round, and of one mandatory session."""
    parent = {r["id"]: r.get("parent") for r in scenario["regions"]}
    staff = {d["id"]: d.get("staff", {}) for d in scenario["departments"]}
    demand = defaultdict(float)
    mandatory = defaultdict(float)
    week_peak = defaultdict(float)
    mand_peak = defaultdict(float)
    for q in scenario["requests"]:
        rounds = q.get("rounds", 1)
        dur = q["duration_days"]
        for d, n in q["officers"].items():
            per_pool = defaultdict(float)
            for rid in q["regions"]:
                p = resolve_pool(parent, staff[d], rid)
                demand[(d, p)] += rounds * n * dur
                if q.get("priority") == "mandatory":
                    mandatory[(d, p)] += rounds * n * dur
                per_pool[p] += n * dur
                week_peak[(d, p)] = max(week_peak[(d, p)], n * dur)
                if q.get("priority") == "mandatory":
                    mand_peak[(d, p)] = max(mand_peak[(d, p)], n * dur)
            if q.get("sync_regions"):
                for p, v in per_pool.items():
                    week_peak[(d, p)] = max(week_peak[(d, p)], v)
    return demand, mandatory, week_peak, mand_peak


def season_days(dept_avail):
    return sum(v for d, v in dept_avail.items() if SEASON[0] <= d <= SEASON[1])


def size_staff(scenario, depts, rng, tightness):
    """Staff per pool so that season demand / season capacity ~ tightness for the busiest pools."""
    # provisional staff so pools resolve; demand does not depend on the numbers
    for d, sd in zip(scenario["departments"], depts):
        sd_staff = {p: 1 for p in sd["pools"]}
        d["staff"] = sd_staff
    demand, mandatory, week_peak, mand_peak = pool_demand(scenario)
    for d in scenario["departments"]:
        avail = day_availability(d)
        cap_days = season_days(avail)
        share = d["share"]
        staff = {}
        for p in d["staff"]:
            dem = demand.get((d["id"], p), 0.0)
            top_level = p in ("city", "prov")
            if dem == 0:
                staff[p] = rng.randint(10, 40) if top_level else rng.randint(4, 12)
                continue
            factor = 1.0 if rng.random() < 0.35 else rng.uniform(0.5, 1.0)
            target = max(0.02, tightness * factor)
            need = math.ceil(dem / (target * share * cap_days))
            # any session (or synchronised round) fits a full free week; a mandatory one a week at 70%
            fit = max(math.ceil(week_peak[(d["id"], p)] / (share * 5) - 1e-9),
                      math.ceil(mand_peak.get((d["id"], p), 0.0) / (share * 5 * 0.7) - 1e-9))
            # mandatory work stays well below capacity
            mand = math.ceil(mandatory.get((d["id"], p), 0.0) / (0.35 * share * cap_days))
            staff[p] = max(need, fit, mand, 4)
        d["staff"] = staff


def build_scenario(size, seed, tightness):
    use_calendar({"preset": "cn-official"})
    rng = random.Random(f"jointplan-bench/{size}/{seed}")
    policy = {"min_revisit_weeks": 4, "max_visits_per_year": 4, "max_visits_per_department": 2}
    regions, eligible = build_regions(size, rng)
    depts = build_departments(size, rng, regions)
    targets = build_targets(size, rng, {d["id"] for d in depts}, regions, eligible)
    requests, sessions = build_requests(size, rng, regions, eligible, depts, targets, policy)
    # closures: a few regions closed for a few days
    out_regions = []
    closable = [r for r in regions if r["id"] in set(eligible)]
    closed = {r["id"] for r in rng.sample(closable, min(len(closable), max(1, len(closable) // 12)))}
    for r in regions:
        o = {"id": r["id"], "name": r["name"]}
        if "parent" in r:
            o["parent"] = r["parent"]
        if r["id"] in closed:
            a, b = random_range_workdays(rng, rng.randint(1, 5), SEASON[0], SEASON[1])
            o["closed"] = [{"from": a, "to": b, "reason": rng.choice(CLOSURE_REASONS)}]
        out_regions.append(o)
    scenario = {
        "format": "jointplan/v1",
        "name": f"基准算例 {size}（种子 {seed}，紧张度 {tightness:g}）",
        "year": YEAR,
        "calendar": {"preset": "cn-official"},
        "policy": dict(policy),
        "regions": out_regions,
        "departments": [{"id": d["id"], "name": d["name"], "staff": {}, "share": d["share"],
                         "unavailable": d["unavailable"]} for d in depts],
        "targets": [],
        "requests": requests,
    }
    # only regions some request lists, plus a few others, keep counts (smaller files, still > 0 where used)
    used = defaultdict(set)
    for q in requests:
        for t in q["targets"]:
            used[t].update(q["regions"])
    for t in targets:
        count = {r: c for r, c in t["count"].items() if r in used[t["id"]] or rng.random() < 0.2}
        if not count:
            continue   # a target no request lists is left out
        o = {"id": t["id"], "name": t["name"], "count": count}
        o.update(t["caps"])
        scenario["targets"].append(o)
    size_staff(scenario, depts, rng, tightness)
    return scenario, sessions


# ---------------------------------------------------------------------------------------------------------
class Dumper(yaml.SafeDumper):
    """No anchors or aliases (jointplan rejects them): shared objects are written out each time."""

    def ignore_aliases(self, data):
        return True


def _repr_float(dumper, v):
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{v:g}" if v != int(v) else f"{v:.1f}")


Dumper.add_representer(float, _repr_float)


def write_scenario(scenario, out_dir, header):
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "scenario.yaml")
    text = yaml.dump(scenario, Dumper=Dumper, allow_unicode=True, sort_keys=False, default_flow_style=None,
                     width=160)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(header + text)
    os.replace(tmp, path)
    return path


def summary(scenario):
    sessions = sum(q.get("rounds", 1) * len(q["regions"]) for q in scenario["requests"])
    return {"regions": len(scenario["regions"]), "departments": len(scenario["departments"]),
            "targets": len(scenario["targets"]), "requests": len(scenario["requests"]), "sessions": sessions,
            "mandatory": sum(1 for q in scenario["requests"] if q.get("priority") == "mandatory")}


# ---------------------------------------------------------------------------------------------------------
# Self-check: the validation rules of DESIGN.md §4 plus the generator's own promises.
KEYS = {
    "top": {"format", "name", "year", "calendar", "policy", "regions", "departments", "targets", "requests",
            "request_files", "objective"},
    "calendar": {"preset", "holidays", "workdays"},
    "policy": {"min_revisit_weeks", "max_visits_per_year", "max_visits_per_department"},
    "region": {"id", "name", "parent", "closed"},
    "range": {"from", "to", "reason"},
    "department": {"id", "name", "staff", "share", "unavailable"},
    "unavailable": {"from", "to", "fraction", "reason", "training"},
    "target": {"id", "name", "count", "min_revisit_weeks", "max_visits_per_year", "max_visits_per_department"},
    "request": {"id", "title", "lead", "partners", "targets", "regions", "rounds", "min_gap_weeks",
                "duration_days", "officers", "window", "preferred", "priority", "sync_regions", "note"},
}


def check_scenario(scenario, strict_generated=True):
    """Return (errors, notes). `strict_generated` adds the generator's own promises (visit caps by design,
    mandatory demand below capacity, sessions fit a week)."""
    errs, notes = [], []
    E = errs.append
    # the generator's promises: errors for generated files, notes (warnings) for any other scenario
    P = errs.append if strict_generated else (lambda m: notes.append("not as generated: " + m))

    def keys(obj, kind, where):
        if not isinstance(obj, dict):
            E(f"{where}: not a mapping")
            return False
        for k in obj:
            if k not in KEYS[kind]:
                E(f"{where}.{k}: unknown key")
        return True

    def date_ok(v, where):
        if not isinstance(v, dt.date) or v.year != YEAR:
            E(f"{where}: {v!r} is not a date in {YEAR}")
            return False
        return True

    def rng_ok(r, where, kind="range"):
        if keys(r, kind, where):
            a, b = r.get("from"), r.get("to")
            if date_ok(a, where + ".from") and date_ok(b, where + ".to") and a > b:
                E(f"{where}: from > to")

    keys(scenario, "top", "scenario")
    if scenario.get("format") != "jointplan/v1":
        E("format: not jointplan/v1")
    if scenario.get("year") != YEAR:
        E(f"year: the checker knows only {YEAR}")
    keys(scenario.get("calendar", {}), "calendar", "calendar")
    use_calendar(scenario.get("calendar"))
    policy = {"min_revisit_weeks": 4, "max_visits_per_year": None, "max_visits_per_department": None}
    policy.update(scenario.get("policy") or {})
    keys(scenario.get("policy") or {}, "policy", "policy")

    def unique(lst, what):
        ids = set()
        for i, o in enumerate(lst):
            oid = o.get("id")
            if not isinstance(oid, str) or not ID_RE.match(oid):
                E(f"{what}[{i}].id: {oid!r} is not a valid id")
            if oid in ids:
                E(f"{what}[{i}].id: duplicate {oid}")
            ids.add(oid)
        return ids

    regions = scenario.get("regions", [])
    region_ids = unique(regions, "regions")
    parent = {}
    for i, r in enumerate(regions):
        keys(r, "region", f"regions[{i}]")
        if "parent" in r:
            if r["parent"] not in region_ids:
                E(f"regions[{i}].parent: {r['parent']} is not defined")
            parent[r["id"]] = r["parent"]
        for j, c in enumerate(r.get("closed", [])):
            rng_ok(c, f"regions[{i}].closed[{j}]")
    for rid in region_ids:  # tree: no cycles
        seen, cur = set(), rid
        while cur in parent:
            if cur in seen:
                E(f"regions: cycle through {rid}")
                break
            seen.add(cur)
            cur = parent[cur]
    if sum(1 for r in regions if "parent" not in r) != 1:
        notes.append("regions: more than one root")

    depts = scenario.get("departments", [])
    dept_ids = unique(depts, "departments")
    staff = {}
    for i, d in enumerate(depts):
        keys(d, "department", f"departments[{i}]")
        st = d.get("staff", {})
        staff[d["id"]] = st
        for k, v in st.items():
            if k not in region_ids:
                E(f"departments[{i}].staff.{k}: region not defined")
            if not isinstance(v, int) or v < 0:
                E(f"departments[{i}].staff.{k}: {v!r} is not a non-negative integer")
        share = d.get("share", 0.3)
        if not (0 <= share <= 1):
            E(f"departments[{i}].share: {share} outside 0..1")
        training_hours = 0.0
        has_training = False
        for j, u in enumerate(d.get("unavailable", [])):
            rng_ok(u, f"departments[{i}].unavailable[{j}]", "unavailable")
            f = u.get("fraction", 1.0)
            if not (0 <= f <= 1):
                E(f"departments[{i}].unavailable[{j}].fraction: {f} outside 0..1")
            if u.get("training"):
                has_training = True
                training_hours += 8 * f * len(workdays(u["from"], u["to"]))
        if has_training and training_hours < 60:
            E(f"departments[{i}]: training {training_hours:g} h < 60 h per officer")

    targets = scenario.get("targets", [])
    target_ids = unique(targets, "targets")
    tmap = {}
    for i, t in enumerate(targets):
        keys(t, "target", f"targets[{i}]")
        tmap[t["id"]] = t
        for k, v in t.get("count", {}).items():
            if k not in region_ids:
                E(f"targets[{i}].count.{k}: region not defined")
            if not isinstance(v, int) or v < 0:
                E(f"targets[{i}].count.{k}: {v!r} is not a non-negative integer")

    reqs = scenario.get("requests", [])
    unique(reqs, "requests")
    sessions = 0
    listed_total = defaultdict(int)
    listed_dept = defaultdict(int)
    for i, q in enumerate(reqs):
        w = f"requests[{i}]"
        keys(q, "request", w)
        lead, partners = q.get("lead"), q.get("partners", [])
        for d in [lead] + list(partners):
            if d not in dept_ids:
                E(f"{w}: department {d!r} is not defined")
        team = [lead] + list(partners)
        if len(set(team)) != len(team):
            E(f"{w}.partners: repeats a department or the lead")
        officers = q.get("officers", {})
        if set(officers) != set(team):
            E(f"{w}.officers: keys {sorted(officers)} are not lead+partners {sorted(team)}")
        for d, n in officers.items():
            if not isinstance(n, int) or n < 2:
                E(f"{w}.officers.{d}: {n!r} < 2")
        dur = q.get("duration_days")
        if not isinstance(dur, int) or not 1 <= dur <= 5:
            E(f"{w}.duration_days: {dur!r} outside 1..5")
            dur = 1
        rounds = q.get("rounds", 1)
        if not isinstance(rounds, int) or rounds < 1:
            E(f"{w}.rounds: {rounds!r} < 1")
            rounds = 1
        for r in q.get("regions", []):
            if r not in region_ids:
                E(f"{w}.regions: {r} is not defined")
                continue
            for d in officers:
                if d in staff and resolve_pool(parent, staff[d], r) is None:
                    E(f"{w}.officers.{d}: no staff pool covers region {r}")
            for t in q.get("targets", []):
                if t not in target_ids:
                    E(f"{w}.targets: {t} is not defined")
                    continue
                if tmap[t].get("count", {}).get(r, 0) <= 0:
                    E(f"{w}.targets: {t} has no count > 0 in region {r}")
                listed_total[(t, r)] += rounds
                for d in team:
                    listed_dept[(t, r, d)] += rounds
        if not q.get("regions"):
            E(f"{w}.regions: empty")
        wa, wb = YEAR_START, YEAR_END
        if "window" in q:
            rng_ok(q["window"], f"{w}.window")
            wa, wb = q["window"]["from"], q["window"]["to"]
        if "preferred" in q:
            rng_ok(q["preferred"], f"{w}.preferred")
        if q.get("priority", "normal") not in ("mandatory", "high", "normal", "low"):
            E(f"{w}.priority: {q.get('priority')!r}")
        # some week of the window has duration_days working days inside the window
        fits = [wk for wk in range(week_of(wa), week_of(wb) + 1)
                if len(workdays(max(wa, monday_of_week(wk)), min(wb, monday_of_week(wk) + dt.timedelta(6)))) >= dur]
        if not fits:
            P(f"{w}.window: no week can hold {dur} working days")
        elif rounds > 1 and fits[-1] - fits[0] < (rounds - 1) * q.get("min_gap_weeks", 0):
            P(f"{w}: {rounds} rounds {q.get('min_gap_weeks')} weeks apart do not fit the window")
        sessions += rounds * len(q.get("regions", []))

    for (t, r), n in listed_total.items():
        cap = tmap[t].get("max_visits_per_year", policy["max_visits_per_year"])
        if cap is not None and n > cap:
            P(f"visit cap by design: target {t} in {r} listed by {n} sessions > max_visits_per_year {cap}")
    for (t, r, d), n in listed_dept.items():
        cap = tmap[t].get("max_visits_per_department", policy["max_visits_per_department"])
        if cap is not None and n > cap:
            P(f"visit cap by design: target {t} in {r}, department {d}: {n} sessions > "
              f"max_visits_per_department {cap}")
    if errs:   # the capacity figures need a valid scenario
        notes.append(f"sessions {sessions}")
        return errs, notes
    demand, mandatory, week_peak, mand_peak = pool_demand(scenario)
    ratios = []
    for d in depts:
        if not isinstance(d.get("staff"), dict):
            continue
        avail = day_availability(d)
        cap_days = season_days(avail)
        best_week = max(sum(avail[x] for x in workdays(monday_of_week(w), monday_of_week(w) + dt.timedelta(6)))
                        for w in range(1, 54))
        for p, n in d["staff"].items():
            cap = n * d.get("share", 0.3) * cap_days
            dem = demand.get((d["id"], p), 0.0)
            if dem:
                ratios.append(dem / cap if cap else math.inf)
            if week_peak.get((d["id"], p), 0) > n * d.get("share", 0.3) * best_week:
                P(f"departments {d['id']} pool {p}: one session needs {week_peak[(d['id'], p)]:g} officer-days, "
                  f"more than any week offers")
            if mandatory.get((d["id"], p), 0) > 0.5 * cap:
                P(f"departments {d['id']} pool {p}: mandatory demand {mandatory[(d['id'], p)]:g} > 50% "
                  f"of season capacity {cap:.0f}")
    ratios.sort()
    if ratios:
        q75 = ratios[int(0.75 * (len(ratios) - 1))]
        notes.append(f"season demand/capacity over {len(ratios)} pools with demand: max {ratios[-1]:.2f}, "
                     f"p75 {q75:.2f}, median {ratios[len(ratios) // 2]:.2f}")
    notes.append(f"sessions {sessions}")
    return errs, notes


def load_scenario(path):
    if os.path.isdir(path):
        path = os.path.join(path, "scenario.yaml")
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def has_aliases(path):
    """jointplan rejects YAML anchors and aliases."""
    if os.path.isdir(path):
        path = os.path.join(path, "scenario.yaml")
    with open(path, encoding="utf-8") as f:
        for ev in yaml.parse(f):
            if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
                return True
    return False


def run_check(path, strict):
    scenario = load_scenario(path)
    if scenario.get("request_files"):
        print(f"check: note: request_files are not read by this checker ({scenario['request_files']})",
              file=sys.stderr)
    errs, notes = check_scenario(scenario, strict)
    if has_aliases(path):
        errs.append("YAML anchors or aliases (jointplan rejects them)")
    for n in notes:
        print(f"check: {n}", file=sys.stderr)
    for e in errs[:50]:
        print(f"check: ERROR {e}", file=sys.stderr)
    if len(errs) > 50:
        print(f"check: … and {len(errs) - 50} more errors", file=sys.stderr)
    print(f"check: {'OK' if not errs else f'{len(errs)} error(s)'}", file=sys.stderr)
    return not errs


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate a seeded jointplan/v1 benchmark scenario.")
    ap.add_argument("--size", choices=sorted(SIZES))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tightness", type=float, default=0.5,
                    help="season demand / capacity of the busiest staff pools, 0 < t <= 1 (default 0.5)")
    ap.add_argument("--output", help="scenario folder to write (DIR/scenario.yaml)")
    ap.add_argument("--check", action="store_true", help="self-check the written scenario")
    ap.add_argument("--check-only", metavar="PATH", help="only check an existing scenario folder or YAML file")
    a = ap.parse_args(argv)
    if a.check_only:
        return 0 if run_check(a.check_only, strict=False) else 1
    if not a.size or not a.output:
        ap.error("--size and --output are required (or --check-only PATH)")
    if not 0 < a.tightness <= 1:
        ap.error("--tightness must be in (0, 1]")
    scenario, _ = build_scenario(a.size, a.seed, a.tightness)
    header = (f"# Generated by Tools/generate.py --size {a.size} --seed {a.seed} --tightness {a.tightness:g}\n"
              f"# Synthetic benchmark scenario: every region, count, staff number and request is made up.\n")
    path = write_scenario(scenario, a.output, header)
    s = summary(scenario)
    print(f"{path}: size {a.size} seed {a.seed}: {s['regions']} regions, {s['departments']} departments, "
          f"{s['targets']} targets, {s['requests']} requests ({s['mandatory']} mandatory), "
          f"{s['sessions']} sessions")
    if a.check:
        return 0 if run_check(a.output, strict=True) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
