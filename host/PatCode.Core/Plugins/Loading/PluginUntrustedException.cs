namespace PatCode.Core.Plugins.Loading;

/// <summary>A pinned plugin's files no longer hash to what the user trusted at the moment of loading: nothing of it is loaded.</summary>
public sealed class PluginUntrustedException : Exception
{
    public PluginUntrustedException()
    {
    }

    public PluginUntrustedException(string message)
        : base(message)
    {
    }

    public PluginUntrustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
