"""Randomized differential test of Waterfall's CSV reader against Python's csv module.

Generates N random CSV inputs, has Fuzz/'s csv-driver read them all in one process (framed on
stdin, one JSON line of records per input), and compares each with what csv.reader makes of the
same input under the rules below. Where Waterfall's reader intentionally differs from Python's
defaults, the generator writes a second text (`python_text`): the same records spelled the way
csv.reader reads them, and the script counts every input that exercised each rule and checks
that plain csv.reader really differs on a sample of them (so a rule that no longer differs is
noticed). Usage: csv_differential.py DRIVER [--inputs N] [--seed S] [--chunk BYTES]

The rules (SPEC section 1; RFC 4180 leaves these cases open or invalid):
  bom         a leading UTF-8 BOM is dropped (csv.reader keeps U+FEFF in the first field);
  bare-cr     a CR not followed by LF is data, records end at LF or CRLF (csv.reader with
              newline='' ends a record at a bare CR too); a CR at the very end of the file
              ends it on both sides;
  trim        spaces and tabs around every value are removed, quoted or not (csv.reader keeps
              them);
  space-quote a quote after leading spaces or tabs still opens a quoted field (csv.reader,
              without skipinitialspace, reads `  "a,b"` as two unquoted fields);
  reopen      inside a field that began quoted, every later quote toggles quoting again:
              `"a"b"c,d"` is the one value `abc,d` (csv.reader makes `ab"c` and `d"`);
  blank       a line of only spaces and tabs is skipped like an empty one (csv.reader makes a
              record of one field of spaces).
Agreed without rewriting (checked as is): quotes inside an unquoted field are text (`5" pipe`),
text after a closing quote is appended (`"a"b` is `ab`), an unterminated quote runs to the end
of the file, doubled quotes, ragged rows, CRLF and LF mixed, a last line without line end,
line numbers (the physical line a record starts on).
"""
import argparse
import csv
import io
import json
import random
import struct
import subprocess
import sys

PLACEHOLDER = "\ue000"  # stands for a bare CR in python_text; never generated otherwise
PLAIN = "abcxyz019 \t\u00e9\u00df\u4e2d\U0001F600;|'"
QUOTED = PLAIN + ",\n\n\r\n\"\r"
RULES = ["bom", "bare-cr", "trim", "space-quote", "reopen", "blank"]


class Generator:
    def __init__(self, rng):
        self.rng = rng

    def text(self, alphabet, most):
        return "".join(self.rng.choice(alphabet) for _ in range(self.rng.randint(0, most)))

    def spaces(self):
        return self.rng.choice(["", "", "", " ", "\t", "  ", " \t"])

    def field(self, used):
        """One field as (waterfall_text, python_text, quoted)."""
        rng = self.rng
        kind = rng.random()
        if kind < 0.35:  # unquoted; a quote may appear inside, never first
            value = self.text(PLAIN, 6)
            if rng.random() < 0.15 and value.strip(" \t"):
                cut = rng.randint(1, len(value))
                value = value[:cut] + '"' + value[cut:]
                if not value.lstrip(" \t").startswith('"'):
                    return value, value, False
                value = value.replace('"', "")
            if rng.random() < 0.1:
                value += "\r" + self.text(PLAIN, 2)
                used.add("bare-cr")
            if value != value.strip(" \t"):
                used.add("trim")
            return value, value, False
        if kind < 0.45:
            return "", "", False
        content = self.text(QUOTED, 8)
        escaped = '"' + content.replace('"', '""') + '"'
        lead, trail = self.spaces(), self.spaces()
        if content != content.strip(" \t") or lead or trail:
            used.add("trim")
        if lead:
            used.add("space-quote")
        if kind < 0.85:
            after = self.text(PLAIN.replace('"', ""), 2) if rng.random() < 0.1 else ""
            return lead + escaped + after + trail, escaped + after + trail, True
        # Reopened quoting: "a"b"c" is one value, written for csv.reader as one quoted field.
        between = rng.choice("xyz \t") + self.text(PLAIN, 2)  # at least one character, or it is `""`
        more = self.text(QUOTED, 4)
        value = content + between + more
        used.add("reopen")
        waterfall = lead + escaped + between + '"' + more.replace('"', '""') + '"' + trail
        return waterfall, '"' + value.replace('"', '""') + '"' + trail, True

    def document(self):
        """A whole input: (waterfall_text, python_text, rules used)."""
        rng = self.rng
        used = set()
        w, p = [], []
        style = rng.choice(["\n", "\r\n", "mixed"])
        records = rng.randint(0, 5)
        # An unterminated quote running to the end of the file, on a line of its own.
        tail = '\n,"' + self.text(QUOTED.replace('"', ""), 6) if records and rng.random() < 0.05 else ""
        for index in range(records):
            if rng.random() < 0.15:  # blank lines
                blank = rng.choice(["", " ", "\t ", "   "])
                end = "\n" if style == "\n" else "\r\n"
                w.append(blank + end)
                p.append(end)
                if blank:
                    used.add("blank")
            fields = [self.field(used) for _ in range(rng.randint(1, 4))]
            wtext = ",".join(f[0] for f in fields)
            ptext = ",".join(f[1] for f in fields)
            end = style if style != "mixed" else rng.choice(["\n", "\r\n"])
            last = index == records - 1
            if last and rng.random() < 0.3:
                end = ""
            # A CR just before the LF, or the end of the file, is part of the line end.
            body = wtext[:-1] if wtext.endswith("\r") and end != "\r\n" else wtext
            if len(fields) == 1 and not fields[0][2] and not body.strip(" \t"):
                ptext = ""  # one unquoted field of spaces: a blank line
                if wtext:
                    used.add("blank")
            w.append(wtext + end)
            p.append(ptext + end)
        w.append(tail)
        p.append(tail)
        wtext, ptext = "".join(w), "".join(p)
        if rng.random() < 0.1:
            wtext = "\ufeff" + wtext
            used.add("bom")
        ptext = mark_bare_crs(ptext)
        if PLACEHOLDER in ptext:
            used.add("bare-cr")
        return wtext, ptext, used


def mark_bare_crs(text):
    """Every CR that is neither followed by LF nor the last character becomes the placeholder."""
    out = []
    for index, char in enumerate(text):
        if char == "\r" and index + 1 < len(text) and text[index + 1] != "\n":
            out.append(PLACEHOLDER)
        else:
            out.append(char)
    return "".join(out)


def python_records(text, rewritten=True):
    """csv.reader's records with their first lines; with `rewritten`, under the rules above."""
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream)
    records = []
    while True:
        first = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        if rewritten:
            if not fields:
                continue
            fields = [f.replace(PLACEHOLDER, "\r").strip(" \t") for f in fields]
        records.append([first, fields])
    return records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("driver")
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=1 << 20)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    generator = Generator(rng)
    csv.field_size_limit(1 << 30)

    cases = [generator.document() for _ in range(args.inputs)]
    frames = bytearray()
    for wtext, _, _ in cases:
        data = wtext.encode("utf-8")
        frames += struct.pack("<I", len(data)) + data
    result = subprocess.run([args.driver, str(args.chunk)], input=bytes(frames), stdout=subprocess.PIPE, check=True)
    lines = result.stdout.decode("utf-8").split("\n")
    if len(lines) != len(cases) + 1:
        sys.exit(f"csv-differential: the driver answered {len(lines) - 1} inputs of {len(cases)}")

    mismatches = 0
    exercised = {rule: 0 for rule in RULES}
    differs = {rule: 0 for rule in RULES}
    checked = {rule: 0 for rule in RULES}
    for (wtext, ptext, used), line in zip(cases, lines):
        expected = python_records(ptext)
        got = json.loads(line)
        if got != expected:
            mismatches += 1
            if mismatches <= 10:
                print(f"MISMATCH on {wtext!r}\n  waterfall: {got}\n  python:    {expected}")
        for rule in used:
            exercised[rule] += 1
        # Where a rule was used alone (besides trim), csv.reader on Waterfall's own text must read
        # differently: trimmed and without empty records for every rule but trim, as it is for trim.
        alone = used - {"trim"} or used
        if len(alone) == 1:
            (rule,) = alone
            if checked[rule] < 2000:
                checked[rule] += 1
                if python_records(wtext, rewritten=rule != "trim") != got:
                    differs[rule] += 1
    for rule in RULES:
        print(f"  rule {rule:<12} exercised by {exercised[rule]:>7} inputs; csv.reader differs on "
              f"{differs[rule]} of {checked[rule]} inputs that used it alone")
    silent = [rule for rule in RULES if exercised[rule] == 0 or (checked[rule] and differs[rule] == 0)]
    failed = mismatches + len(silent)
    if silent:
        print(f"rules never exercised or never differing from plain csv.reader: {', '.join(silent)}")
    print(f"csv-differential: {len(cases) - mismatches} passed, {mismatches} failed "
          f"({len(cases)} inputs, seed {args.seed}, chunk {args.chunk} bytes)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
