using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Caching;
using PatCode.Caching.Chat;
using PatCode.Chat;
using PatCode.Core;
using PatCode.Core.Configuration;
using PatCode.Core.Plugins.Chain;
using PatCode.Telemetry;
using PatCode.Testing;
using PatCode.Testing.Ollama;

namespace PatCode.Benchmarks.Chat;

/// <summary>
/// <c>chat.host_overhead_ms</c>: the p50 of the host's own time per chat turn, i.e. the whole turn (from the
/// user's line to the answer being done) minus the emulator's time (from the request arriving to its final
/// line being flushed). What is left is the chain call, prompt assembly, OllamaSharp and the MEAI pipeline with
/// the response cache (a miss and a store per turn) and telemetry middleware, HTTP on loopback, streaming to
/// the output and saving the history. Target ≤ 2 ms. The chain is the real
/// <see cref="PluginChain"/> over the real built-in plugins (see <see cref="BuiltinPluginChain"/>); each
/// message asks to explain a pasted snippet, so CodeExplainer does its work and adds its section while
/// GitHelper and FileAnalyzer check the message and pass.
/// </summary>
internal sealed class ChatHostOverheadFigure : IFigureSource
{
    private const int WarmupTurns = 40;
    private const int MeasuredTurns = 300;
    private static readonly string[] ExpectedSections = ["(from CodeExplainer)"];

    public IReadOnlyList<string> Names => ["chat.host_overhead_ms"];

    public IEnumerable<Figure> Measure() => [MeasureAsync().GetAwaiter().GetResult()];

    private static async Task<Figure> MeasureAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "patcode-bench-chat", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            await using var plugins = await BuiltinPluginChain.LoadAsync();
            await using var emulator = await OllamaEmulator.StartAsync([new EmulatedModel("llama3.2", 8192)]);
            emulator.DefaultAnswer = static _ => "Use a readonly struct here; it avoids the copy.";
            // The production pipeline: response cache (SQLite, every question new, so each turn is a miss and
            // a store) and telemetry middleware around the model, as patcode wires them.
            var paths = new PatCodePaths(Path.Combine(root, "home"));
            await using var cache = ResponseCacheFactory.Create(PatCodeConfiguration.FromValues(CacheConfigKeys.All), paths, NullLoggerFactory.Instance, TimeProvider.System);
            using var host = ChatHost.Create(new ChatHostOptions
            {
                ConfigureChatClient = (builder, models) => builder.UseResponseCache(cache, models.TrackDigests()).UsePatCodeTelemetry(),
                RecordModelCallSpan = false,
                CacheHitOf = CachedAnswerMarker.HitKindOf,
                Settings = new ChatSettings { OllamaUri = emulator.BaseUri, Model = "llama3.2", Retries = 0 },
                Chain = plugins.Chain,
                Output = new DiscardingOutput(),
                Paths = paths,
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
                var result = await host.Session.SendAsync($"explain this function:\n```csharp\npublic int Total{turn}(int[] values) => values.Where(v => v > {turn}).Sum();\n```", CancellationToken.None);
                var ended = Stopwatch.GetTimestamp();
                if (result.Status != TurnStatus.Completed)
                {
                    throw new InvalidOperationException($"Turn {turn} did not complete: {result.Error}");
                }

                var call = emulator.ChatRequests.Single();
                if (turn == 0 && !ExpectedSections.All(call.PromptText.Contains))
                {
                    throw new InvalidOperationException("The plugins' sections did not reach the model: " + call.PromptText);
                }

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
