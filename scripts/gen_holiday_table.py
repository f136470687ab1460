#!/usr/bin/env python3
"""Write the independent holiday oracle for the KasaneCore tests.

Lists every Japanese national holiday of 2000-2099 as computed by the PyPI package jpholiday
(`pip install jpholiday`), one `YYYY-MM-DD<TAB>name` line each, sorted, into
Tests/KasaneCoreTests/Fixtures/jpholiday-2000-2099.tsv. HolidayTests compares
JapaneseHolidays.holidays(in:) with it. Run from anywhere: python3 scripts/gen_holiday_table.py
"""

import sys
from importlib import metadata
from pathlib import Path

try:
    import jpholiday
except ImportError:
    sys.exit("jpholiday is missing; please install it with `pip install jpholiday` and run again.")

FIRST_YEAR, LAST_YEAR = 2000, 2099
OUTPUT = (Path(__file__).resolve().parent.parent
          / "Tests" / "KasaneCoreTests" / "Fixtures" / f"jpholiday-{FIRST_YEAR}-{LAST_YEAR}.tsv")


def main() -> None:
    rows = sorted(
        (day.isoformat(), name)
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        for day, name in jpholiday.year_holidays(year)
    )
    header = (f"# Japanese national holidays {FIRST_YEAR}-{LAST_YEAR}, written by "
              f"scripts/gen_holiday_table.py with jpholiday {metadata.version('jpholiday')}.")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join([header] + [f"{day}\t{name}" for day, name in rows]) + "\n",
                      encoding="utf-8")
    print(f"wrote {len(rows)} holidays to {OUTPUT}")


if __name__ == "__main__":
    main()
