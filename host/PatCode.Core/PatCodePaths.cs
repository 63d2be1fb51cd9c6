using PatCode.Core.IO;

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

    /// <summary>
    /// Makes sure the state folders that exist (the home, plugins, history, logs) cannot be written by anyone
    /// but the user: one that is group- or world-writable is set to 0700.
    /// </summary>
    /// <returns>One line for each folder that had to be fixed, or could not be.</returns>
    public IReadOnlyList<string> SecureStateFolders() =>
        [.. new[] { Home, UserPlugins, History, Logs }.Select(FixWritableByOthers).OfType<string>()];

    /// <summary>Creates <paramref name="directory"/> if needed, readable by the user only; an existing one open to others for writing is closed.</summary>
    /// <returns>A warning when an existing folder had to be fixed, else <see langword="null"/>.</returns>
    public static string? EnsurePrivateDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return FixWritableByOthers(directory);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UserOnly.Folder);
        }

        return null;
    }

    private static string? FixWritableByOthers(string directory)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(directory))
        {
            return null;
        }

        var mode = File.GetUnixFileMode(directory);
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0)
        {
            return null;
        }

        var octal = Convert.ToString((int)mode & 0xFFF, 8);
        if ((mode & UnixFileMode.StickyBit) != 0)
        {
            // A shared folder such as /tmp is meant to be writable by all; closing it would break the system.
            return $"{directory} is a shared folder (mode {octal}, sticky): keep PatCode's state in a folder of your own (set PATCODE_HOME)";
        }

        try
        {
            File.SetUnixFileMode(directory, UserOnly.Folder);
            return $"{directory} was writable by other users (mode {octal}); it is now 0700, yours only";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{directory} is writable by other users (mode {octal}) and could not be fixed ({e.Message}): run chmod 700 {directory}";
        }
    }
}
