using System.Globalization;
using PatCode.Core.Commands;
using PatCode.Core.Console;

namespace PatCode.Caching.Commands;

/// <summary><c>/cache [stats|clear|cleanup]</c> and <c>patcode cache …</c>: shows and manages the response cache.</summary>
public sealed class CacheCommand(ResponseCache cache) : IHostCommand
{
    private static readonly string[] Subcommands = ["stats", "clear", "cleanup"];

    public string Name => "cache";

    public string Summary => "Show the response cache's statistics, clear it, or remove expired entries";

    public IReadOnlyList<string> Usage { get; } =
    [
        "cache            same as cache stats",
        "cache stats      entries, hits, misses, evictions, size and what the cache saved",
        "cache clear      remove every cached answer",
        "cache cleanup    remove expired entries",
    ];

    public bool AvailableOnCommandLine => true;

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var output = invocation.Output;
        var subcommand = invocation.Arguments.Count == 0 ? "stats" : invocation.Arguments[0].ToLowerInvariant();
        if (invocation.Arguments.Count > 1 || !Subcommands.Contains(subcommand))
        {
            var typed = string.Join(' ', invocation.Arguments);
            var prefix = invocation.InRepl ? "/" : "patcode ";
            output.WriteError($"Unknown cache command '{typed}'.{NameSuggestions.Hint(invocation.Arguments[0], Subcommands)} Usage: {prefix}cache [stats|clear|cleanup]");
            return ExitCodes.Usage;
        }

        try
        {
            switch (subcommand)
            {
                case "clear":
                    var cleared = await cache.ClearAsync(cancellationToken);
                    output.WriteLine($"Cleared the cache: removed {Count(cleared, "entry", "entries")}.");
                    break;
                case "cleanup":
                    var removed = await cache.RemoveExpiredAsync(cancellationToken);
                    output.WriteLine($"Removed {Count(removed, "expired entry", "expired entries")}.");
                    break;
                default:
                    output.WriteTable(StatisticsTable(await cache.GetStatisticsAsync(cancellationToken)));
                    break;
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            output.WriteError($"The cache could not run '{subcommand}': {e.Message.Split('\n')[0].Trim()}. Check the cache settings (patcode config) or the log.");
            return ExitCodes.Failure;
        }
    }

    internal static TextTable StatisticsTable(CacheStatistics stats)
    {
        var table = new TextTable("metric", "value") { Title = "Response cache" };
        table.AddRow("backend", $"{stats.Backend} ({stats.Location})");
        table.AddRow("entries", N(stats.Entries));
        table.AddRow("exact hits", N(stats.ExactHits));
        table.AddRow("near hits", N(stats.NearHits));
        table.AddRow("misses", N(stats.Misses));
        table.AddRow("hit rate", stats.HitRate.ToString("P1", CultureInfo.InvariantCulture));
        table.AddRow("evicted (expired)", N(stats.EvictedExpired));
        table.AddRow("evicted (entry limit)", N(stats.EvictedOverEntryLimit));
        table.AddRow("evicted (byte limit)", N(stats.EvictedOverByteLimit));
        table.AddRow("removed by cleanup", N(stats.RemovedByCleanup));
        table.AddRow("not stored (secrets)", N(stats.RefusedSecrets));
        table.AddRow("size of answers", Megabytes(stats.ValueBytes));
        table.AddRow(stats.Backend == "redis" ? "redis memory" : "bytes on disk", Megabytes(stats.BytesOnDisk));
        table.AddRow("tokens saved", N(stats.TokensSaved));
        table.AddRow("model time saved", stats.ModelTimeSaved.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture));
        return table;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.00 MB", CultureInfo.InvariantCulture);

    private static string Count(long n, string one, string many) => $"{N(n)} {(n == 1 ? one : many)}";
}
