namespace PatCode.Chat.Commands;

/// <summary>Adds lines to <c>/stats</c>, such as the cache's hit rate or the plugins' timings.</summary>
public interface IChatStatsContributor
{
    /// <summary>Label and value pairs, shown in order after the chat's own.</summary>
    Task<IReadOnlyList<KeyValuePair<string, string>>> DescribeAsync(CancellationToken cancellationToken);
}
