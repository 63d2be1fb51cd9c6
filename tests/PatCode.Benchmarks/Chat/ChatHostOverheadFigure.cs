using System.Diagnostics;
using PatCode.Chat;
using PatCode.Core;
using PatCode.Core.Plugins;
using PatCode.Testing.Ollama;

namespace PatCode.Benchmarks.Chat;

/// <summary>
/// <c>chat.host_overhead_ms</c>: the p50 of the host's own time per chat turn, i.e. the whole turn (from the
/// user's line to the answer being done) minus the emulator's time (from the request arriving to its final
/// line being flushed). What is left is the chain call, prompt assembly, OllamaSharp and the MEAI pipeline,
/// HTTP on loopback, streaming to the output and saving the history. Target ≤ 2 ms.
/// </summary>
internal sealed class ChatHostOverheadFigure : IFigureSource
{
    private const int WarmupTurns = 40;
    private const int MeasuredTurns = 300;

    public IReadOnlyList<string> Names => ["chat.host_overhead_ms"];

    /// <summary>The chain used; the fixed-sections fake until the real built-in chain is wired in.</summary>
    internal static Func<IPluginChain> CreateChain { get; set; } = () => new FixedSectionsChain();

    public IEnumerable<Figure> Measure() => [MeasureAsync().GetAwaiter().GetResult()];

    private static async Task<Figure> MeasureAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "patcode-bench-chat", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            await using var emulator = await OllamaEmulator.StartAsync([new EmulatedModel("llama3.2", 8192)]);
            emulator.DefaultAnswer = static _ => "Use a readonly struct here; it avoids the copy.";
            using var host = ChatHost.Create(new ChatHostOptions
            {
                Settings = new ChatSettings { OllamaUri = emulator.BaseUri, Model = "llama3.2", Retries = 0 },
                Chain = CreateChain(),
                Output = new DiscardingOutput(),
                Paths = new PatCodePaths(Path.Combine(root, "home")),
                WorkingDirectory = root,
            });

            var overheads = new List<double>(MeasuredTurns);
            for (var turn = 0; turn < WarmupTurns + MeasuredTurns; turn++)
            {
                if (turn % 20 == 0)
                {
                    // Keep a realistic, bounded history: a few earlier exchanges, as in a real session.
                    host.Session.ClearHistory();
                }

                emulator.ClearRequests();
                var started = Stopwatch.GetTimestamp();
                var result = await host.Session.SendAsync($"How should I store value {turn} in the handler?", CancellationToken.None);
                var ended = Stopwatch.GetTimestamp();
                if (result.Status != TurnStatus.Completed)
                {
                    throw new InvalidOperationException($"Turn {turn} did not complete: {result.Error}");
                }

                var call = emulator.ChatRequests.Single();
                var total = Stopwatch.GetElapsedTime(started, ended);
                if (turn >= WarmupTurns)
                {
                    overheads.Add((total - call.EmulatorTime).TotalMilliseconds);
                }
            }

            overheads.Sort();
            return new Figure("chat.host_overhead_ms", Math.Round(overheads[overheads.Count / 2], 3), "ms");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
