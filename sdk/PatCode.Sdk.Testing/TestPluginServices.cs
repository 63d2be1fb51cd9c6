namespace PatCode.Sdk.Testing;

/// <summary>The services a plugin sees, in memory and recording: a cache, telemetry and a logger.</summary>
public sealed class TestPluginServices : IPluginServices
{
    /// <summary>Creates services on the system clock.</summary>
    public TestPluginServices()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates services whose cache expires entries by <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock, such as a fake one for time-to-live tests.</param>
    public TestPluginServices(TimeProvider timeProvider)
    {
        Cache = new InMemoryResponseCache(timeProvider);
    }

    /// <summary>The cache, with its entries and counts of reads and writes.</summary>
    public InMemoryResponseCache Cache { get; }

    /// <summary>The telemetry, with every counter, gauge, duration and event reported.</summary>
    public RecordingTelemetry Telemetry { get; } = new();

    /// <summary>A logger that keeps every entry.</summary>
    public RecordingLogger Log { get; } = new();

    IResponseCache IPluginServices.Cache => Cache;

    IPluginTelemetry IPluginServices.Telemetry => Telemetry;
}
