#!/usr/bin/env bash
# Checks the published outputs that `jointplan plan --out DIR` writes beside plan.json:
#   1. every calendar/*.ics parses with Python's icalendar (pip install icalendar): all-day events with
#      DTSTART < DTEND (exclusive end), unique UIDs; the event count and date ranges are printed;
#   2. report.html is well-formed XML with no network reference, and renders in headless Chromium
#      (apt-get install -y chromium) to a screenshot you should look at.
# Usage: Tools/check-published.sh OUTPUT_DIR [SCREENSHOT.png]   (default screenshot: /tmp/jointplan-report.png)
# Exits non-zero when a check fails.
set -euo pipefail

dir=${1:?usage: Tools/check-published.sh OUTPUT_DIR [SCREENSHOT.png]}
shot=${2:-/tmp/jointplan-report.png}
dir=$(cd "$dir" && pwd)

echo "== calendars"
python3 - "$dir" <<'PY'
import datetime, glob, os, sys
try:
    import icalendar
except ImportError:
    sys.exit("icalendar is not installed: pip install icalendar")

out = sys.argv[1]
paths = sorted(glob.glob(os.path.join(out, "calendar", "*.ics")))
if not paths:
    sys.exit(f"no calendar/*.ics in {out}")
failed = False
for path in paths:
    raw = open(path, "rb").read()
    if b"\n" in raw.replace(b"\r\n", b""):
        print(f"{path}: bare LF"); failed = True
    if any(len(line) > 75 for line in raw.split(b"\r\n")):
        print(f"{path}: a line longer than 75 octets"); failed = True
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    if len(set(uids)) != len(uids):
        print(f"{path}: duplicate UIDs"); failed = True
    if not events:
        print(f"{path}: no events"); failed = True
    spans = []
    for e in events:
        start, end = e["DTSTART"].dt, e["DTEND"].dt
        if isinstance(start, datetime.datetime) or isinstance(end, datetime.datetime):
            print(f"{path}: {e['UID']}: not an all-day event"); failed = True
        if not start < end:
            print(f"{path}: {e['UID']}: DTEND {end} is not after DTSTART {start}"); failed = True
        days = (end - start).days
        spans.append(f"{start.isoformat()}+{days}d")
    print(f"{os.path.basename(path)}: {len(events)} events: {', '.join(spans)}")
sys.exit(1 if failed else 0)
PY

echo "== report.html"
python3 - "$dir/report.html" <<'PY'
import sys, xml.etree.ElementTree as ET
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
if "http://" in text or "https://" in text:
    sys.exit(f"{path}: contains a network reference")
root = ET.fromstring(text.replace("<!DOCTYPE html>", "", 1))
svgs = root.findall(".//svg")
print(f"well-formed; {len(svgs)} inline SVG charts; {len(root.findall('.//tr'))} table rows")
PY

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" > /dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
    echo "no Chromium found: apt-get install -y chromium" >&2
    exit 1
fi
rm -f "$shot"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$shot" --window-size=1400,2000 "file://$dir/report.html" > /dev/null 2>&1 || true
if [ ! -s "$shot" ]; then
    echo "Chromium wrote no screenshot to $shot" >&2
    exit 1
fi
echo "screenshot: $shot ($(stat -c %s "$shot") bytes); look at it"
