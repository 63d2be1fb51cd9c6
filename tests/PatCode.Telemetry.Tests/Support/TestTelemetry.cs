using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Configuration;

namespace PatCode.Telemetry.Tests.Support;

internal static class TestTelemetry
{
    public static TelemetryService Create(params (string Key, string Value)[] overrides) =>
        TelemetryService.Create(
            PatCodeConfiguration.FromValues(TelemetryConfigKeys.All, overrides.ToDictionary(o => o.Key, o => o.Value)),
            NullLoggerFactory.Instance,
            TimeProvider.System);

    /// <summary>A unique plugin name so numbers from other tests in this process never mix in.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
