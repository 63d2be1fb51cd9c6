namespace PatCode.Core.Commands;

/// <summary>Process exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed (model missing, Ollama down, plugin faulted…).</summary>
    public const int Failure = 1;

    /// <summary>The command line or configuration was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The user cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
