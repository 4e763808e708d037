#!/usr/bin/env python3
"""Regenerates the bad-input corpus: one folder per case, each with the input and `expected.txt`
(the exact diagnostic lines `jointplan validate` must print, paths relative to this folder).
Run from this folder: python3 make-corpus.py"""
import os, shutil, subprocess

BASE = """format: jointplan/v1
name: 测试
year: 2025
calendar:
  preset: cn-official
regions:
  - {id: city, name: 市}
  - {id: east, name: 东区, parent: city}
  - {id: west, name: 西区, parent: city}
departments:
  - id: scjg
    name: 市场监管局
    staff: {city: 40, east: 10}
  - id: yjgl
    name: 应急管理局
    staff: {city: 12}
targets:
  - id: shop
    name: 商店
    count: {east: 50, west: 20}
requests:
  - id: R01
    title: 商店联合检查
    lead: scjg
    partners: [yjgl]
    targets: [shop]
    regions: [east, west]
    duration_days: 2
    officers: {scjg: 4, yjgl: 2}
    window: {from: 2025-03-01, to: 2025-11-30}
"""
HEADER_EN = "id,title,lead,partners,targets,regions,rounds,min_gap_weeks,duration_days,officers,window_from,window_to,preferred_from,preferred_to,priority,sync_regions,note\n"
HEADER_ZH = "编号,事项名称,牵头部门,配合部门,执法对象,执法区域,轮次,间隔周数,天数,人员,开始日期,截止日期,优先开始,优先截止,优先级,区域同步,备注\n"

def sub(old, new, text=BASE):
    assert old in text, old
    return text.replace(old, new, 1)

def after(line_no, added, text=BASE):
    lines = text.split("\n")
    lines.insert(line_no, added)
    return "\n".join(lines)

BOMB = "format: jointplan/v1\nname: bomb\nyear: 2025\nregions:\n  - a: &a [x, x, x, x, x, x, x, x, x, x]\n  - b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  - c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  - d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"

# (case, scenario.yaml text or bytes, extra files {name: bytes}, expected lines with {f} = case/scenario.yaml)
CASES = [
    ("unknown-key", sub("    title:", "    titel:"), {}, ["{f}:23: requests[0].titel: unknown key 'titel' (did you mean 'title'?)"]),
    ("wrong-type", sub("duration_days: 2", "duration_days: two"), {}, ["{f}:28: requests[0].duration_days: expected an integer, found 'two'"]),
    ("wrong-type-list", sub("regions: [east, west]", "regions: east"), {}, ["{f}:27: requests[0].regions: expected a list, found 'east'"]),
    ("duplicate-key", after(23, "    title: again"), {}, ["{f}:24: duplicate key 'title'"]),
    ("duplicate-id", sub("{id: west, name: 西区", "{id: east, name: 西区"), {}, ["{f}:9: regions[2].id: duplicate id 'east'"]),
    ("dangling-parent", sub("name: 东区, parent: city", "name: 东区, parent: nowhere"), {}, ["{f}:8: regions[1].parent: region 'nowhere' is not defined"]),
    ("dangling-lead", sub("lead: scjg", "lead: xxgl"), {}, ["{f}:24: requests[0].lead: department 'xxgl' is not defined"]),
    ("dangling-partner", sub("partners: [yjgl]", "partners: [yjgl, fire]"), {}, ["{f}:25: requests[0].partners[1]: department 'fire' is not defined"]),
    ("dangling-officers-key", sub("officers: {scjg: 4, yjgl: 2}", "officers: {scjg: 4, yjgl: 2, yjgI: 2}"), {}, ["{f}:29: requests[0].officers.yjgI: department 'yjgI' is not defined"]),
    ("dangling-target", sub("targets: [shop]", "targets: [shop, bar]"), {}, ["{f}:26: requests[0].targets[1]: target 'bar' is not defined"]),
    ("dangling-request-region", sub("regions: [east, west]", "regions: [east, north]"), {}, ["{f}:27: requests[0].regions[1]: region 'north' is not defined"]),
    ("dangling-staff-key", sub("staff: {city: 40, east: 10}", "staff: {city: 40, east: 10, south: 3}"), {}, ["{f}:13: departments[0].staff.south: region 'south' is not defined"]),
    ("dangling-count-key", sub("count: {east: 50, west: 20}", "count: {east: 50, west: 20, north: 1}"), {}, ["{f}:20: targets[0].count.north: region 'north' is not defined"]),
    ("parent-cycle", sub("{id: city, name: 市}", "{id: city, name: 市, parent: west}"), {}, ["{f}:7: regions[0].parent: region parents form a cycle: city → west → city"]),
    ("officers-mismatch", sub("officers: {scjg: 4, yjgl: 2}", "officers: {scjg: 4}"), {}, ["{f}:29: requests[0].officers: officers for department 'yjgl' are missing (officers must list exactly the lead and the partners)"]),
    ("officers-below-two", sub("officers: {scjg: 4, yjgl: 2}", "officers: {scjg: 4, yjgl: 1}"), {}, ["{f}:29: requests[0].officers.yjgl: at least 2 officers are required per action (found 1)"]),
    ("duration-zero", sub("duration_days: 2", "duration_days: 0"), {}, ["{f}:28: requests[0].duration_days: must be between 1 and 5 working days (found 0)"]),
    ("duration-six", sub("duration_days: 2", "duration_days: 6"), {}, ["{f}:28: requests[0].duration_days: must be between 1 and 5 working days (found 6)"]),
    ("rounds-zero", BASE + "    rounds: 0\n", {}, ["{f}:31: requests[0].rounds: must be at least 1 (found 0)"]),
    ("negative-staff", sub("staff: {city: 40, east: 10}", "staff: {city: -5, east: 10}"), {}, ["{f}:13: departments[0].staff.city: must be a non-negative number (found -5)"]),
    ("share-above-one", after(13, "    share: 1.5"), {}, ["{f}:14: departments[0].share: must be between 0 and 1 (found 1.5)"]),
    ("fraction-two", after(13, "    unavailable: [{from: 2025-03-10, to: 2025-03-14, fraction: 2}]"), {}, ["{f}:14: departments[0].unavailable[0].fraction: must be between 0 and 1 (found 2)"]),
    ("date-outside-year", sub("from: 2025-03-01", "from: 2024-12-01"), {}, ["{f}:30: requests[0].window.from: date 2024-12-01 is outside the plan year 2025"]),
    ("from-after-to", sub("{from: 2025-03-01, to: 2025-11-30}", "{from: 2025-11-30, to: 2025-03-01}"), {}, ["{f}:30: requests[0].window: 'from' 2025-11-30 is after 'to' 2025-03-01"]),
    ("invalid-date", sub("from: 2025-03-01", "from: 2025-02-30"), {}, ["{f}:30: requests[0].window.from: '2025-02-30' is not a valid date (expected YYYY-MM-DD)"]),
    ("unknown-preset", sub("preset: cn-official", "preset: us-federal"), {}, ["{f}:5: calendar.preset: unknown calendar preset 'us-federal' (known: cn-official)"]),
    ("unknown-preset-year", sub("window: {from: 2025-03-01, to: 2025-11-30}", "window: {from: 2031-03-01, to: 2031-11-30}", sub("year: 2025", "year: 2031")), {}, ["{f}:5: calendar.preset: preset 'cn-official' does not know the year 2031 (known: 2024, 2025, 2026)"]),
    ("pool-not-covering", sub("staff: {city: 12}", "staff: {east: 12}"), {}, ["{f}:29: requests[0].officers.yjgl: department 'yjgl' has no staff pool covering region 'west' (neither it nor an ancestor is listed in its staff)"]),
    ("target-count-zero", sub("count: {east: 50, west: 20}", "count: {east: 50, west: 0}"), {}, ["{f}:26: requests[0].targets[0]: target 'shop' has no enterprises in region 'west' (count must be > 0)"]),
    ("empty-file", "", {}, ["{f}: the file is empty"]),
    ("comments-only", "# nothing here yet\n\n", {}, ["{f}: the file is empty"]),
    ("binary-file", b"format: jointplan/v1\n\x00\x01\x02\x03PK\x03\x04", {}, ["{f}:2: binary file (contains NUL bytes); expected text"]),
    ("invalid-utf8", sub("name: 测试", "name: \udcff\udcfe").encode("utf-8", "surrogateescape"), {}, ["{f}:2: the file is not valid UTF-8 text"]),
    ("alias-bomb", BOMB, {}, ["{f}:5: YAML anchors and aliases are not supported (found '&a')"]),
    ("syntax-error", sub("regions: [east, west]", "regions: [east, west"), {}, ["{f}:28: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence started at line 27)"]),
    ("wrong-format", sub("format: jointplan/v1", "format: jointplan/v2"), {}, ["{f}:1: format: unsupported format 'jointplan/v2' (expected 'jointplan/v1')"]),
    ("top-level-list", "- format: jointplan/v1\n", {}, ["{f}:1: expected a mapping, found a list"]),
    ("no-scenario-yaml", None, {}, ["{c}: the folder holds no scenario.yaml"]),
    ("request-files-no-match", BASE + "request_files: [requests/*.csv]\n", {}, ["{f}:31: request_files[0]: pattern 'requests/*.csv' matches no file"]),
    ("csv-missing-column", BASE + "request_files: [requests.csv]\n",
     {"requests.csv": ("编号,事项名称,牵头部门,配合部门,执法对象,执法区域,天数\nR02,检查,scjg,yjgl,shop,east,2\n").encode()},
     ["{c}/requests.csv:1: missing required column 'officers' (人员)"]),
    ("csv-bad-priority", BASE + "request_files: [requests.csv]\n",
     {"requests.csv": (HEADER_ZH + "R02,检查,scjg,yjgl,shop,east,,,2,scjg:4;yjgl:2,,,,,紧急,,\n").encode()},
     ["{c}/requests.csv:2: column 优先级: unknown priority '紧急' (expected 必须/高/中/低 or mandatory/high/normal/low)"]),
    ("csv-unknown-department", BASE + "request_files: [requests.csv]\n",
     {"requests.csv": (HEADER_ZH + "R02,检查,scjg,yjgl,shop,east,,,2,scjg:4;yjgl:2,,,,,高,,\nR03,检查,scjg,yjgl,shop,east,,,2,scjg:4、yjgl:2、fire:2,,,,,高,,\n").encode()},
     ["{c}/requests.csv:3: column 人员: department 'fire' is not defined"]),
    ("csv-gb18030-bad-officers", BASE + "request_files: [requests/*.csv]\n",
     {"requests/市场监管局.csv": (HEADER_ZH + "R02,检查,scjg,yjgl,shop,east,,,2,scjg：4；yjgl：1,,,,,高,是,\n").encode("gb18030")},
     ["{c}/requests/市场监管局.csv:2: column 人员: at least 2 officers are required per action (found 1)"]),
    ("csv-id-collision", BASE + "request_files: [requests.csv]\n",
     {"requests.csv": (HEADER_EN + "R01,again,scjg,yjgl,shop,east,,,2,scjg:4;yjgl:2,,,,,high,,\n").encode()},
     ["{c}/requests.csv:2: column id: duplicate id 'R01'"]),
    ("csv-garbage-encoding", BASE + "request_files: [requests.csv]\n",
     {"requests.csv": HEADER_EN.encode() + b"R02,\xff\xfe\xff\x80,scjg\n"},
     ["{c}/requests.csv:2: the file is not valid UTF-8 or GB18030 text"]),
    ("csv-unclosed-quote", BASE + "request_files: [requests.csv]\n",
     {"requests.csv": (HEADER_EN + "R02,\"检查,scjg,yjgl,shop,east,,,2,scjg:4;yjgl:2,,,,,high,,\n").encode()},
     ["{c}/requests.csv:2: CSV: a quoted field is not closed"]),
    ("csv-officers-twice", BASE + "request_files: [requests.csv]\n",
     {"requests.csv": (HEADER_ZH + "R02,检查,scjg,yjgl,shop,east,,,2,scjg:2;scjg:9;yjgl:2,,,,,高,,\n").encode()},
     ["{c}/requests.csv:2: column 人员: department 'scjg' is listed twice"]),
]

here = os.path.dirname(os.path.abspath(__file__))
for entry in sorted(os.listdir(here)):
    if os.path.isdir(os.path.join(here, entry)):
        shutil.rmtree(os.path.join(here, entry))
for number, (name, yaml, files, expected) in enumerate(CASES, 1):
    case = f"{number:02d}-{name}"
    folder = os.path.join(here, case)
    os.makedirs(folder)
    if yaml is not None:
        with open(os.path.join(folder, "scenario.yaml"), "wb") as out:
            out.write(yaml if isinstance(yaml, bytes) else yaml.encode())
    for relative, data in files.items():
        os.makedirs(os.path.dirname(os.path.join(folder, relative)), exist_ok=True)
        with open(os.path.join(folder, relative), "wb") as out:
            out.write(data)
    with open(os.path.join(folder, "expected.txt"), "w") as out:
        for line in expected:
            out.write(line.format(f=f"{case}/scenario.yaml", c=case) + "\n")
print(len(CASES), "cases")
