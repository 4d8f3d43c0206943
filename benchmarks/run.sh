#!/usr/bin/env bash
# The engine suites (issue 4, suites 1-7) in one go, then the chart and table from their exports.
#   bash benchmarks/run.sh quick   # BenchmarkDotNet's short job: under 10 minutes on 2 cores
#   bash benchmarks/run.sh full    # BenchmarkDotNet's default job: until the error settles (about an hour)
# Results: benchmarks/RetailTagging.Benchmarks/BenchmarkDotNet.Artifacts/results, results.md and
# docs/images/benchmarks-engine.svg. The adapter suites (identity, RFM, lifecycle, persistence) run
# separately: docs/performance.md gives their commands.
set -euo pipefail
mode="${1:-quick}"
case "$mode" in
  quick) flag=(--quick); customers=2000 ;;
  full) flag=(); customers=20000 ;;
  *) echo "usage: bash benchmarks/run.sh quick|full" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/RetailTagging.Benchmarks"
start=$(date +%s)
dotnet build -c Release -nologo -v q
rm -rf BenchmarkDotNet.Artifacts/results
dll=bin/Release/net10.0/RetailTagging.Benchmarks.dll
dotnet "$dll" "${flag[@]}" --filter '*SinglePredicate*' '*WindowedAggregate*' '*ReferenceCatalogBenchmarks*' \
  '*BatchThroughput*' '*CatalogCompileBenchmarks*'
dotnet "$dll" incremental "$customers"
dotnet "$dll" report BenchmarkDotNet.Artifacts/results ../../docs/images/benchmarks-engine.svg results.md
echo "benchmarks/run.sh $mode: $(( $(date +%s) - start )) s"
