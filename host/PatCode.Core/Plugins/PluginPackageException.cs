namespace PatCode.Core.Plugins;

/// <summary>A plugin folder that cannot be used as it is; the message is the reason shown in listings.</summary>
public sealed class PluginPackageException : Exception
{
    public PluginPackageException(string message)
        : base(message)
    {
    }

    public PluginPackageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PluginPackageException()
    {
    }
}
