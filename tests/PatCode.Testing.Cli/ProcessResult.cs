namespace PatCode.Testing.Cli;

/// <summary>How a run of patcode ended; deconstructs to (exit code, stdout, stderr).</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>What a user must never see: a .NET stack trace.</summary>
    public bool HasStackTrace => (Stdout + Stderr).Contains("   at ", StringComparison.Ordinal) || (Stdout + Stderr).Contains("Exception:", StringComparison.Ordinal);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
