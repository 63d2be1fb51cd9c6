using PatCode.Core.Commands;

namespace PatCode.Cli.Commands;

/// <summary>
/// A host command whose service is built only when the command first runs, so a run of PatCode that never
/// uses it (such as <c>patcode plugins list</c>) does not pay for starting it.
/// </summary>
internal sealed class DeferredHostCommand(string name, string summary, IReadOnlyList<string> usage, Func<IHostCommand> create) : IHostCommand
{
    private readonly Lazy<IHostCommand> _command = new(create);

    public string Name => name;

    public string Summary => summary;

    public IReadOnlyList<string> Usage => usage;

    public bool AvailableOnCommandLine => true;

    public Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken) => _command.Value.ExecuteAsync(invocation, cancellationToken);
}
