namespace PatCode.Sdk.Testing;

/// <summary>One event a plugin recorded through <see cref="IPluginTelemetry.RecordEvent"/>.</summary>
public sealed class TelemetryEventRecord
{
    internal TelemetryEventRecord(string name, TelemetryLevel level, IReadOnlyDictionary<string, object?> metadata)
    {
        Name = name;
        Level = level;
        Metadata = metadata;
    }

    /// <summary>The event's name.</summary>
    public string Name { get; }

    /// <summary>How serious it is.</summary>
    public TelemetryLevel Level { get; }

    /// <summary>The details given with it.</summary>
    public IReadOnlyDictionary<string, object?> Metadata { get; }
}
