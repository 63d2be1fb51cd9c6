using System.Globalization;

namespace PatCode.Testing.Ollama;

/// <summary>
/// Runs the emulator on its own, for manual tries of <c>patcode</c> without Ollama:
/// <c>dotnet run --project tests/PatCode.Testing.Ollama -- [--port 11434] [--delay-ms 30] [--models llama3.2,qwen2.5-coder:7b]</c>.
/// </summary>
internal static class EmulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        var port = int.Parse(Value(args, "--port") ?? "0", CultureInfo.InvariantCulture);
        var delay = int.Parse(Value(args, "--delay-ms") ?? "30", CultureInfo.InvariantCulture);
        var models = Value(args, "--models")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => new EmulatedModel(name, 131072)).ToList();
        await using var emulator = await OllamaEmulator.StartAsync(models, port);
        emulator.TokenDelay = TimeSpan.FromMilliseconds(delay);
        Console.WriteLine($"Ollama emulator listening on {emulator.BaseUri} (models: {string.Join(", ", emulator.Models.Select(m => m.FullName))}); Ctrl+C stops it.");
        Console.WriteLine($"Try: OLLAMA_HOST={emulator.BaseUri.Authority} patcode");
        using var stop = new CancellationTokenSource();
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;

        void Stop(System.Runtime.InteropServices.PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static string? Value(string[] args, string flag)
    {
        var index = Array.IndexOf(args, flag);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
