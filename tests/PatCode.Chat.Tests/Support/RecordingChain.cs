using System.Collections.Concurrent;
using PatCode.Core.Plugins.Chain;
using PatCode.Sdk;

namespace PatCode.Chat.Tests.Support;

/// <summary>A plugin chain that returns fixed sections and remembers what it was asked.</summary>
internal sealed class RecordingChain : IPluginChain
{
    private readonly ConcurrentQueue<ChainRequest> _requests = new();

    public List<ContextSection> Sections { get; } = [];

    /// <summary>Runs that went wrong, reported after the succeeded ones.</summary>
    public List<PluginRun> FailedRuns { get; } = [];

    public IReadOnlyList<ChainRequest> Requests => _requests.ToArray();

    public Task<ChainResult> RunAsync(ChainRequest request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        var runs = Sections.Select(s => s.Plugin).Distinct().Select(p => new PluginRun(p, PluginRunOutcome.Succeeded, TimeSpan.FromMilliseconds(1))).Concat(FailedRuns).ToList();
        return Task.FromResult(new ChainResult(Sections.ToList(), runs, null));
    }
}
