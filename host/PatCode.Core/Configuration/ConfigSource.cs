namespace PatCode.Core.Configuration;

/// <summary>Where a configuration value came from; later sources override earlier ones.</summary>
public enum ConfigSource
{
    Default,
    File,
    Environment,
    CommandLine,
}
