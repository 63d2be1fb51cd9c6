using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace PatCode.Testing.Cli;

/// <summary>Runs the real <c>patcode</c> executable with a private PATCODE_HOME, a chosen OLLAMA_HOST and redirected standard streams.</summary>
public sealed class PatCodeProcess : IDisposable
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();

    private PatCodeProcess(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    /// <summary>The folder the build put patcode.dll in, with the built-in plugins beside it.</summary>
    public static string CliDirectory { get; } = Metadata("PatCodeCliDirectory");

    public static string TestPluginsDirectory { get; } = Metadata("TestPluginsDirectory");

    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    public static PatCodeProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start(workingDirectory, environment, launcher: [], arguments);

    /// <summary>Starts patcode through <paramref name="launcher"/>, e.g. <c>setpriv --reuid=65534 …</c> to run as another user.</summary>
    public static PatCodeProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> launcher, params string[] arguments)
    {
        var entry = Path.Combine(CliDirectory, "patcode.dll");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException($"patcode is not built at {entry}; build the test project first.");
        }

        var info = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var word in launcher.Skip(1).Concat(launcher.Count > 0 ? ["dotnet"] : []))
        {
            info.ArgumentList.Add(word);
        }

        info.ArgumentList.Add(entry);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        IsolateEnvironment(info.Environment);
        info.Environment["NO_COLOR"] = "1";

        // A shared, noisy machine can stall a process for seconds (a plugin's first call in a fresh worker compiles a
        // lot); tests of the plugin deadlines set their own.
        info.Environment["PATCODE_PLUGIN_CANHANDLE_DEADLINE_MS"] = "5000";
        info.Environment["PATCODE_PLUGIN_TIMEOUT"] = "15";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var wrapper = new PatCodeProcess(process);
        process.OutputDataReceived += (_, e) => wrapper.Append(wrapper._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.Append(wrapper._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Runs to the end with <paramref name="stdin"/> as its whole input; kills it after 60 s.</summary>
    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string? stdin, params string[] arguments) =>
        RunAsync(workingDirectory, environment, launcher: [], stdin, arguments);

    /// <summary>Like <see cref="RunAsync(string, IReadOnlyDictionary{string, string}, string?, string[])"/>, started through <paramref name="launcher"/>.</summary>
    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> launcher, string? stdin, params string[] arguments)
    {
        using var process = Start(workingDirectory, environment, launcher, arguments);
        if (stdin is not null)
        {
            await process.Process.StandardInput.WriteAsync(stdin);
        }

        process.Process.StandardInput.Close();
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return new ProcessResult(exit, process.Stdout, process.Stderr);
    }

    /// <summary>Waits (up to 60 s) for <paramref name="condition"/>, e.g. a line in the output; fails if patcode exits first.</summary>
    public async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 50)
        {
            if (waited > 60_000 || Process.HasExited)
            {
                throw new TimeoutException($"patcode did not get there. stdout: {Stdout} stderr: {Stderr}");
            }

            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            throw new TimeoutException($"patcode did not exit within {timeout.TotalSeconds} s. stdout: {Stdout} stderr: {Stderr}");
        }

        // WaitForExit without a timeout also drains the redirected output.
        await Process.WaitForExitAsync();
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    /// <summary>Removes whatever of the developer's own setup could leak into a test run.</summary>
    internal static void IsolateEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(k => k.StartsWith("PATCODE_", StringComparison.Ordinal) || k.StartsWith("OLLAMA_", StringComparison.Ordinal) || k.StartsWith("PLUGINS_", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(name);
        }
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.Append(line).Append('\n');
        }
    }

    /// <summary>Copies a built test plugin (tests/TestPlugins) into <paramref name="root"/>.</summary>
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

    private static string Metadata(string key) => typeof(PatCodeProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}
