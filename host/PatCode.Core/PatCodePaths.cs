namespace PatCode.Core;

/// <summary>
/// Where PatCode keeps its state: <c>$PATCODE_HOME</c>, or <c>~/.patcode</c>. Every state file lives
/// below it, so one variable moves all of them (tests and containers rely on that).
/// </summary>
public sealed class PatCodePaths
{
    public PatCodePaths(string home)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        Home = Path.GetFullPath(home);
    }

    public string Home { get; }

    public string UserPlugins => Path.Combine(Home, "plugins");

    public string PluginState => Path.Combine(Home, "plugins.json");

    public string ConfigFile => Path.Combine(Home, "config.json");

    public string Logs => Path.Combine(Home, "logs");

    public string History => Path.Combine(Home, "history");

    /// <summary>What was typed in the REPL, for Up and Ctrl+R (secrets redacted).</summary>
    public string InputHistory => Path.Combine(Home, "input-history.jsonl");

    public string CacheDatabase => Path.Combine(Home, "cache.db");

    /// <summary>The folder of built-in plugins shipped next to the host's executable.</summary>
    public static string BuiltinPlugins => Path.Combine(AppContext.BaseDirectory, "plugins");

    public static PatCodePaths FromEnvironment()
    {
        var home = Environment.GetEnvironmentVariable("PATCODE_HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".patcode");
        }

        return new PatCodePaths(home);
    }

    /// <summary>Creates <paramref name="directory"/> if needed, readable by the user only.</summary>
    public static void EnsurePrivateDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
