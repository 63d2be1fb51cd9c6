namespace PatCode.Core.Configuration;

/// <summary>The effective value of a key, and where it came from (e.g. "env OLLAMA_HOST").</summary>
public sealed record ConfigValue(ConfigKey Key, string? Value, ConfigSource Source, string Origin);
