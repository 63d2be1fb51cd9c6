namespace PatCode.Core.Plugins;

/// <summary>A plugin failed to load; the message completes "Faulted: …" in listings.</summary>
public sealed class PluginLoadException : Exception
{
    public PluginLoadException(string message)
        : base(message)
    {
    }

    public PluginLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PluginLoadException()
    {
    }
}
