using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/CrossMargin.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(CrossMargin.Benchmarks.SignBenchmarks).Assembly).Run(args);
