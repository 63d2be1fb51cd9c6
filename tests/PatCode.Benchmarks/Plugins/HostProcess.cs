using System.Diagnostics;

namespace PatCode.Benchmarks.Plugins;

/// <summary>Runs the host as users get it (the ReadyToRun publish of scripts/bench.sh) and times whole processes.</summary>
internal static class HostProcess
{
    /// <summary>$PATCODE_BENCH_HOST, else a fresh publish into artifacts/bench/patcode.</summary>
    public static string Locate() => Environment.GetEnvironmentVariable("PATCODE_BENCH_HOST") ?? Publish();

    /// <summary>Runs patcode to the end with output piped; the wall-clock time and stdout. Throws when it fails.</summary>
    public static (double Milliseconds, string Output) Time(string host, string home, string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATCODE_HOME"] = home;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        return process.ExitCode == 0
            ? (watch.Elapsed.TotalMilliseconds, output)
            : throw new InvalidOperationException($"patcode {string.Join(' ', args)} failed ({process.ExitCode}): {output}{error.Result}");
    }

    private static string Publish()
    {
        var output = Path.Combine(BenchPaths.RepoRoot, "artifacts", "bench", "patcode");
        using var process = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(BenchPaths.RepoRoot, "host", "PatCode.Cli"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet"]))!;
        process.WaitForExit();
        return process.ExitCode == 0 ? Path.Combine(output, "patcode") : throw new InvalidOperationException("dotnet publish of the host failed");
    }
}
