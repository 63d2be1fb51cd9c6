namespace PatCode.Core.Configuration;

/// <summary>A configuration problem the user can fix; the message is one line naming the key and its source.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigurationException()
    {
    }
}
