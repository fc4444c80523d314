"""Captures python3's stderr for every file of tests/corpus/invalid/{lexer,syntax,compile}.

Run from the workspace root: `python3 crates/driver/tests/syntax_errors/capture.py`.
Writes crates/driver/tests/syntax_errors/<dir>/<name>.stderr, read by
crates/driver/tests/syntax_errors.rs (tests never run python3 themselves).
Every file must fail to compile, so python3 exits with status 1. python3 shows the
script's absolute path; the workspace root is cut from it so the files do not depend
on where the repository lives.
"""
import os
import subprocess
import sys

ROOT = "tests/corpus/invalid"
OUT = "crates/driver/tests/syntax_errors"
for sub in ("lexer", "syntax", "compile"):
    os.makedirs(os.path.join(OUT, sub), exist_ok=True)
    for name in sorted(os.listdir(os.path.join(ROOT, sub))):
        if not name.endswith(".py"):
            continue
        path = f"{ROOT}/{sub}/{name}"
        p = subprocess.run([sys.executable, path], capture_output=True)
        if p.returncode != 1:
            sys.exit(f"{path}: python3 exited with {p.returncode}")
        with open(os.path.join(OUT, sub, name[:-3] + ".stderr"), "wb") as f:
            f.write(p.stderr.replace(os.getcwd().encode() + b"/", b""))
