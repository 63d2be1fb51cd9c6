using System.Globalization;
using PatCode.Chat.Commands;
using PatCode.Core.Plugins;

namespace PatCode.Cli.Composition;

/// <summary>The plugin lines of <c>/stats</c>: which plugins are active, and which are not and why.</summary>
internal sealed class PluginStatsContributor(PluginHost plugins) : IChatStatsContributor
{
    public Task<IReadOnlyList<KeyValuePair<string, string>>> DescribeAsync(CancellationToken cancellationToken)
    {
        var active = plugins.Entries.Where(e => e.Status == PluginStatus.Active).Select(e => e.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var inactive = plugins.Entries.Where(e => e.Status != PluginStatus.Active)
            .Select(e => $"{e.Name} ({e.Status.ToString().ToLowerInvariant()})")
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        IReadOnlyList<KeyValuePair<string, string>> lines =
        [
            new("plugins active", active.Count == 0 ? "none" : $"{active.Count.ToString(CultureInfo.InvariantCulture)}: {string.Join(", ", active)}"),
            new("plugins not active", inactive.Count == 0 ? "none" : string.Join(", ", inactive)),
        ];
        return Task.FromResult(lines);
    }
}
