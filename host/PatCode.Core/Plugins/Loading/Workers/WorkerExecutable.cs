namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>
/// Finds the worker beside the host and says how to start it. Under <c>dotnet patcode.dll</c> (development and
/// the tests) the worker's .dll runs on the same dotnet; an installed patcode starts the worker's own
/// executable, published with it (ReadyToRun, and self-contained in the container image).
/// </summary>
internal static class WorkerExecutable
{
    public const string Name = "patcode-plugin-worker";

    /// <summary>The program to start and the arguments that come before the worker's own.</summary>
    public static (string FileName, IReadOnlyList<string> Prefix) Resolve(string? configured) => Resolve(configured, Environment.ProcessPath);

    /// <param name="configured">The worker's path from the options, or null for the one beside the host.</param>
    /// <param name="host">The running host's own executable: dotnet itself, or patcode's apphost.</param>
    internal static (string FileName, IReadOnlyList<string> Prefix) Resolve(string? configured, string? host)
    {
        var path = configured ?? Path.Combine(AppContext.BaseDirectory, Name);
        var dll = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? path : path + ".dll";
        var apphost = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? path[..^4] : path;
        var underDotnet = host is not null && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        if (underDotnet && File.Exists(dll))
        {
            return (host!, [dll]);
        }

        // A .NET tool's package carries the apphost without its execute bit (NuGet does not keep modes): then the .dll runs on dotnet.
        if (File.Exists(apphost) && !apphost.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && IsExecutable(apphost))
        {
            return (apphost, []);
        }

        if (File.Exists(dll))
        {
            return ("dotnet", [dll]);
        }

        throw new PluginLoadException($"the plugin worker is missing ({apphost}): reinstall PatCode, or run the plugin in process with /plugins isolate <name> in-process");
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
