using PatCode.Sdk;

namespace PatCode.Plugins.Builtin.Tests.Support;

/// <summary>In-memory cache and recording telemetry, the two services a plugin sees.</summary>
internal sealed class TestPluginServices : IPluginServices
{
    public InMemoryResponseCache MemoryCache { get; } = new();

    public RecordingTelemetry RecordedTelemetry { get; } = new();

    public IResponseCache Cache => MemoryCache;

    public IPluginTelemetry Telemetry => RecordedTelemetry;
}
