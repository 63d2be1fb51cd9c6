namespace PatCode.Cli.Tests.Support;

/// <summary>A throw-away PATCODE_HOME with a plugins folder, and a way to run patcode in it.</summary>
internal sealed class TempHome : IDisposable
{
    private readonly TemporaryDirectory _directory = new("patcode-cli-");

    public TempHome()
    {
        Directory.CreateDirectory(Plugins);
    }

    public string Path => _directory.Path;

    public string Plugins => _directory.Combine("plugins");

    public string Combine(params string[] parts) => _directory.Combine(parts);

    /// <summary>Runs patcode in this home (also its working directory), optionally through a launcher such as setpriv.</summary>
    public Task<ProcessResult> RunAsync(string[] args, string? stdin = null, IDictionary<string, string>? environment = null, string[]? launcher = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["PATCODE_HOME"] = Path };
        return PatCodeProcess.RunAsync(Path, variables, launcher ?? [], stdin, args);
    }

    public void Dispose() => _directory.Dispose();
}
