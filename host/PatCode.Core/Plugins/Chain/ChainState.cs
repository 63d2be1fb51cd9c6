using PatCode.Sdk;

namespace PatCode.Core.Plugins.Chain;

/// <summary>What one run of the chain accumulates: the request, the sections added and the shared items.</summary>
internal sealed class ChainState
{
    private Dictionary<string, object?>? _items;

    public ChainState(ChainRequest request) => Request = request;

    public ChainRequest Request { get; }

    public List<ContextSection> Sections { get; } = [];

    public IDictionary<string, object?> Items => _items ??= new(StringComparer.Ordinal);

    /// <summary>Whether any plugin left an item, without creating the dictionary to find out.</summary>
    public bool HasItems => _items is { Count: > 0 };
}
