namespace PatCode.Core.Plugins.Invocation;

/// <summary>A call into a plugin that failed for a reason worth telling the user as it is, such as its worker crashing.</summary>
public sealed class PluginCallException : Exception
{
    public PluginCallException()
    {
    }

    public PluginCallException(string message)
        : base(message)
    {
    }

    public PluginCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
