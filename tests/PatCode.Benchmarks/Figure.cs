namespace PatCode.Benchmarks;

/// <summary>One entry of artifacts/bench/results.json. Names are stable: issues and the README refer to them.</summary>
internal sealed record Figure(string Name, double Value, string Unit);
