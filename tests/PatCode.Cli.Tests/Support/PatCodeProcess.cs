using System.Diagnostics;
using System.Reflection;

namespace PatCode.Cli.Tests.Support;

/// <summary>Runs the real patcode executable with its own PATCODE_HOME and captures what it prints.</summary>
internal static class PatCodeProcess
{
    public static string Dll { get; } = Metadata("PatCodeDll");

    public static string TestPluginsDirectory { get; } = Metadata("TestPluginsDirectory");

    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static async Task<ProcessResult> RunAsync(string home, IEnumerable<string> args, string? stdin = null, IDictionary<string, string>? environment = null, string[]? prefix = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(prefix?[0] ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        foreach (var word in (prefix?.Skip(1) ?? []).Concat(prefix is null ? [Dll] : ["dotnet", Dll]).Concat(args))
        {
            start.ArgumentList.Add(word);
        }

        start.Environment["PATCODE_HOME"] = home;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"patcode {string.Join(' ', args)} did not exit in time. Output so far: {await stdout}{await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    public static string InstallTestPlugin(string project, string root, string? folder = null)
    {
        var source = Path.Combine(TestPluginsDirectory, project);
        var target = Path.Combine(root, folder ?? project);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    private static string Metadata(string key) =>
        typeof(PatCodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
