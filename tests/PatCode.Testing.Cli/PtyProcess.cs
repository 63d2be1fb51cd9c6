using System.Diagnostics;
using System.Text;

namespace PatCode.Testing.Cli;

/// <summary>
/// Runs the real <c>patcode</c> on a pseudo-terminal (through <c>pty_host.py</c>, Python's pty support), so a
/// test can type keys, paste, press Ctrl+C and read exactly what a terminal would receive.
/// </summary>
public sealed class PtyProcess : IDisposable
{
    public const int Columns = 100;
    public const int Rows = 30;

    private readonly Process _host;
    private readonly object _gate = new();
    private readonly MemoryStream _output = new();
    private readonly List<string> _replies = [];
    private readonly Task _pump;

    private PtyProcess(Process host)
    {
        _host = host;
        _pump = Task.Run(PumpAsync);
        _host.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_gate)
                {
                    _replies.Add(e.Data);
                }
            }
        };
        _host.BeginErrorReadLine();
    }

    /// <summary>Everything written to the terminal so far, decoded as UTF-8.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return Encoding.UTF8.GetString(_output.GetBuffer(), 0, (int)_output.Length);
            }
        }
    }

    /// <summary>The terminal's modes when patcode exited (see <see cref="ModesAsync"/>), once it has.</summary>
    public string? FinalModes => Replies().LastOrDefault(r => r.StartsWith("final modes ", StringComparison.Ordinal))?["final ".Length..];

    /// <summary>Starts patcode with a private environment (like <see cref="PatCodeProcess"/>), TERM=xterm-256color and colours allowed.</summary>
    public static PtyProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "pty_host.py");
        var entry = Path.Combine(PatCodeProcess.CliDirectory, "patcode.dll");
        var info = new ProcessStartInfo("python3")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in (string[])[script, Columns.ToString(System.Globalization.CultureInfo.InvariantCulture), Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--", "dotnet", entry, .. arguments])
        {
            info.ArgumentList.Add(word);
        }

        PatCodeProcess.IsolateEnvironment(info.Environment);
        info.Environment.Remove("NO_COLOR");
        info.Environment["TERM"] = "xterm-256color";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var host = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        return new PtyProcess(host);
    }

    /// <summary>Types <paramref name="keys"/> (raw bytes as a terminal sends them: "\r" for Enter, "\u001b[A" for Up…).</summary>
    public Task SendAsync(string keys) => CommandAsync("send " + Convert.ToBase64String(Encoding.UTF8.GetBytes(keys)));

    /// <summary>Pastes <paramref name="text"/> the way a terminal does when the program asked for bracketed paste.</summary>
    public Task PasteAsync(string text) => SendAsync("\u001b[200~" + text.Replace("\n", "\r", StringComparison.Ordinal) + "\u001b[201~");

    /// <summary>The terminal's line-discipline modes now, e.g. "modes icanon=1 echo=1 isig=1".</summary>
    public async Task<string> ModesAsync()
    {
        var before = Replies().Count(r => r.StartsWith("modes ", StringComparison.Ordinal));
        await CommandAsync("modes");
        await WaitUntilAsync(() => Replies().Count(r => r.StartsWith("modes ", StringComparison.Ordinal)) > before, TimeSpan.FromSeconds(10), "a modes reply");
        return Replies().Last(r => r.StartsWith("modes ", StringComparison.Ordinal));
    }

    /// <summary>Waits until the output, from <paramref name="from"/> on, contains <paramref name="text"/>; returns where it ends.</summary>
    public async Task<int> WaitForAsync(string text, int from = 0, TimeSpan? timeout = null)
    {
        var end = -1;
        await WaitUntilAsync(
            () =>
            {
                var output = Output;
                var at = from <= output.Length ? output.IndexOf(text, from, StringComparison.Ordinal) : -1;
                end = at < 0 ? -1 : at + text.Length;
                return at >= 0;
            },
            timeout ?? TimeSpan.FromSeconds(60),
            $"'{text}' in the terminal output");
        return end;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await WaitUntilAsync(() => Replies().Any(r => r.StartsWith("exit ", StringComparison.Ordinal)), timeout, "patcode to exit");
        await _pump;
        return int.Parse(Replies().Last(r => r.StartsWith("exit ", StringComparison.Ordinal))[5..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        if (!_host.HasExited)
        {
            _host.Kill(entireProcessTree: true);
        }

        _host.Dispose();
    }

    private IReadOnlyList<string> Replies()
    {
        lock (_gate)
        {
            return _replies.ToList();
        }
    }

    private async Task CommandAsync(string command)
    {
        await _host.StandardInput.WriteLineAsync(command);
        await _host.StandardInput.FlushAsync();
    }

    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}. Terminal output so far:\n{Output}\nHost: {string.Join(" | ", Replies())}");
            }

            await Task.Delay(20);
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[65536];
        var stream = _host.StandardOutput.BaseStream;
        while (true)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            lock (_gate)
            {
                _output.Write(buffer, 0, read);
            }
        }
    }
}
