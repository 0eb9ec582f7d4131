#!/usr/bin/env python3
"""Generates engine/src/unicode_tables.inc, the Unicode tables of engine/src/python.cpp.

Run it with CPython 3.11 (Unicode 14.0, the reference's version) from the repository root:

    python3 scripts/gen_unicode_tables.py            # rewrites engine/src/unicode_tables.inc
    python3 scripts/gen_unicode_tables.py --check    # exits 1 when the file is out of date

The tables are asked of Python itself (str.isspace(), str.lower(), ...), so they
hold exactly what the reference's interpreter does. They cover code points from
U+0080 up: python.cpp answers ASCII in code, and this script checks that the
ASCII facts that code relies on still hold.
"""

import argparse
import pathlib
import string
import sys
import unicodedata

EXPECTED_UNICODE = "14.0.0"
OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "engine" / "src" / "unicode_tables.inc"
ALL = range(0x80, 0x110000)
CAPITAL_SIGMA = 0x3A3


def ranges(predicate):
    """Sorted [first, last] runs of the code points >= U+0080 where predicate holds."""
    out = []
    for c in ALL:
        if predicate(c):
            if out and out[-1][1] == c - 1:
                out[-1][1] = c
            else:
                out.append([c, c])
    return out


def decimal_runs():
    """[first, last, value of first] runs where unicodedata.decimal rises by one per code point."""
    out = []
    for c in ALL:
        d = unicodedata.decimal(chr(c), -1)
        if d < 0:
            continue
        if out and out[-1][1] == c - 1 and out[-1][2] + (c - out[-1][0]) == d:
            out[-1][1] = c
        else:
            out.append([c, c, d])
    return out


def lower_runs():
    """[first, last, delta, stride] runs of single-code-point lowercase mappings.

    A run maps first, first+stride, ..., last to c + delta. Upper/lower pairs in
    Latin Extended alternate, hence stride 2. Code points lowering to more than
    one code point are left out (python.cpp handles them; the script checks
    there is only U+0130).
    """
    pairs = []
    for c in ALL:
        low = chr(c).lower()
        if low == chr(c):
            continue
        if len(low) != 1:
            assert c == 0x130 and low == "i\u0307", (hex(c), low)
            continue
        pairs.append((c, ord(low) - c))
    out = []
    for c, delta in pairs:
        if out and out[-1][2] == delta:
            run = out[-1]
            step = c - run[1]
            if run[0] == run[1] and step in (1, 2):
                run[1], run[3] = c, step
                continue
            if step == run[3]:
                run[1] = c
                continue
        out.append([c, c, delta, 1])
    return out


def final_sigma(text):
    return text.lower().endswith("\u03c2")


def is_cased(c):
    # Cased = Lowercase | Uppercase | Titlecase letter; for one character these
    # are exactly str.islower(), str.isupper() and str.istitle().
    s = chr(c)
    return s.islower() or s.isupper() or s.istitle()


def is_case_ignorable(c):
    # Python does not expose Case_Ignorable, but str.lower() uses it to decide
    # whether a capital sigma ends a word: the sigma is final when, skipping
    # case-ignorable characters, a cased one precedes it and none follows.
    # Before "A" + c + sigma the sigma is final iff c is skipped or cased; before
    # "1" + c + sigma it is final iff c is cased and not skipped.
    s = chr(c)
    return final_sigma("A" + s + "\u03a3") and not final_sigma("1" + s + "\u03a3")


def check_ascii_assumptions():
    """What python.cpp computes for ASCII without tables must match Python."""
    for c in range(0x80):
        s = chr(c)
        assert s.isspace() == (9 <= c <= 13 or 0x1C <= c <= 0x20), c
        assert s.isprintable() == (0x20 <= c < 0x7F), c
        assert s.isalnum() == (s in string.ascii_letters + string.digits), c
        assert unicodedata.decimal(s, -1) == (c - 0x30 if "0" <= s <= "9" else -1), c
        assert s.lower() == (chr(c + 32) if "A" <= s <= "Z" else s), c
        assert is_cased(c) == (s in string.ascii_letters), c
        assert is_case_ignorable(c) == (s in "'.:^`"), c
    # The capital sigma rule in python.cpp assumes sigma is the only context-dependent mapping.
    assert "\u03a3".lower() == "\u03c3" and "A\u03a3".lower() == "a\u03c2"


def emit_ranges(name, rows, comment):
    lines = [f"// {comment} ({len(rows)} ranges)", f"constexpr CodePointRange {name}[] = {{"]
    lines += wrap([f"{{0x{a:04X}, 0x{b:04X}}}" for a, b in rows])
    lines.append("};")
    return lines


def wrap(items, width=96):
    lines, line = [], "   "
    for item in items:
        piece = " " + item + ","
        if len(line) + len(piece) > width:
            lines.append(line)
            line = "   "
        line += piece
    if line.strip():
        lines.append(line)
    return lines


def render():
    if unicodedata.unidata_version != EXPECTED_UNICODE:
        sys.exit(f"need Unicode {EXPECTED_UNICODE} (CPython 3.11), this Python has {unicodedata.unidata_version}")
    check_ascii_assumptions()
    out = [
        "// Generated by scripts/gen_unicode_tables.py from CPython "
        f"{sys.version_info.major}.{sys.version_info.minor} (Unicode {unicodedata.unidata_version}). Do not edit.",
        "// Code points from U+0080 up; python.cpp handles ASCII itself.",
        "",
    ]
    out += emit_ranges("kSpaceRanges", ranges(lambda c: chr(c).isspace()), "str.isspace()")
    out.append("")
    out += emit_ranges("kPrintableRanges", ranges(lambda c: chr(c).isprintable()), "str.isprintable()")
    out.append("")
    out += emit_ranges("kAlnumRanges", ranges(lambda c: chr(c).isalnum()), "str.isalnum()")
    out.append("")
    rows = decimal_runs()
    out += [f"// unicodedata.decimal(): first, last, value of first ({len(rows)} runs)",
            "constexpr DecimalRun kDecimalRuns[] = {"]
    out += wrap([f"{{0x{a:04X}, 0x{b:04X}, {v}}}" for a, b, v in rows])
    out.append("};")
    out.append("")
    rows = lower_runs()
    out += [f"// str.lower() of one code point: first, last, delta, stride ({len(rows)} runs)",
            "constexpr LowerRun kLowerRuns[] = {"]
    out += wrap([f"{{0x{a:04X}, 0x{b:04X}, {d}, {s}}}" for a, b, d, s in rows])
    out.append("};")
    out.append("")
    out += emit_ranges("kCasedRanges", ranges(is_cased), "Cased, for the final sigma rule of str.lower()")
    out.append("")
    out += emit_ranges("kCaseIgnorableRanges", ranges(is_case_ignorable),
                       "Case_Ignorable, for the final sigma rule of str.lower()")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the file is up to date")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            sys.exit(f"{OUTPUT} is out of date; run {sys.argv[0]}")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
