#!/bin/sh
# Regenerates the expected `python3 -m tokenize` reports of the lexer fixtures
# (run from the repository root): crates/lexer/tests/tokenize_module/*.out.
set -e
out=crates/lexer/tests/tokenize_module
for f in tests/corpus/valid/lexer/*.py tests/corpus/invalid/lexer/*.py; do
    name=$(echo "${f#tests/corpus/}" | sed 's|/|__|g; s|\.py$||')
    set +e
    python3 -m tokenize "$f" > "$out/$name.out" 2> "$out/$name.err"
    code=$?
    set -e
    { printf -- '--- stderr ---\n'; cat "$out/$name.err"; printf -- '--- exit %s ---\n' "$code"; } >> "$out/$name.out"
    rm "$out/$name.err"
done
