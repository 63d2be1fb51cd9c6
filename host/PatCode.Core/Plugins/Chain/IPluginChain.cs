namespace PatCode.Core.Plugins.Chain;

/// <summary>Runs one user message through the active plugins, in order, each call isolated.</summary>
public interface IPluginChain
{
    Task<ChainResult> RunAsync(ChainRequest request, CancellationToken cancellationToken);
}
