using PatCode.Core.Plugins;
using PatCode.Sdk;

namespace PatCode.Benchmarks.Chat;

/// <summary>
/// Stands in for the built-in plugins (not on this branch yet): returns sections of the size the git,
/// project and file plugins produce. The lead swaps in the real chain once it is merged.
/// </summary>
internal sealed class FixedSectionsChain : IPluginChain
{
    private static readonly ChainResult Result = new(
        [
            new ContextSection("git-context", "Git status", "branch: main\n" + string.Join('\n', Enumerable.Range(1, 20).Select(i => $" M src/Feature{i}/Handler.cs"))),
            new ContextSection("project-info", "Project", "Solution: PatCode.sln (net10.0); projects: PatCode.Core, PatCode.Chat, PatCode.Cli, PatCode.Sdk; test framework NUnit."),
            new ContextSection("file-context", "Mentioned files", string.Join('\n', Enumerable.Range(1, 60).Select(i => $"    public int Value{i} {{ get; set; }}"))),
        ],
        [
            new PluginRun("git-context", PluginRunOutcome.Succeeded, TimeSpan.Zero),
            new PluginRun("project-info", PluginRunOutcome.Succeeded, TimeSpan.Zero),
            new PluginRun("file-context", PluginRunOutcome.Succeeded, TimeSpan.Zero),
        ],
        null);

    public Task<ChainResult> RunAsync(ChainRequest request, CancellationToken cancellationToken) => Task.FromResult(Result);
}
