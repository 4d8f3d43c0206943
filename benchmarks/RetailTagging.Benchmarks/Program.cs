using BenchmarkDotNet.Running;
using RetailTagging.Benchmarks.Infrastructure;
using RetailTagging.Benchmarks.Reporting;

// Two modes:
//   dotnet run -c Release -- [--quick] <BenchmarkDotNet arguments, e.g. --filter *SinglePredicate*>
//   dotnet run -c Release -- report [results-dir] [svg-path] [md-path]   (chart and table from the exported results)
//   dotnet run -c Release -- incremental [customers] [results-dir]        (ingest latency distribution, state size)
//   dotnet run -c Release -- identity bulk|incremental [records] ...       (identity CPU time, allocation, GC at million-record sizes)
if (args.Length > 0 && args[0] == "report") return ReportCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "incremental") return RetailTagging.Benchmarks.Suites.IncrementalRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "identity") return RetailTagging.Benchmarks.Identity.IdentityRun.Run(args[1..]);

var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToArray();
// An explicit --job on the command line replaces the mode's job.
var explicitJob = rest.Any(a => a is "--job" or "-j");
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, BenchmarkConfig.Create(quick, addJob: !explicitJob));
return 0;
