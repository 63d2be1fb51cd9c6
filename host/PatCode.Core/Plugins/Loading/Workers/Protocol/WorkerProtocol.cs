namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>
/// The JSON-RPC methods between PatCode and a plugin worker. The version changes whenever a method or a
/// message changes shape; host and worker must speak the same one, which the handshake checks.
/// </summary>
internal static class WorkerProtocol
{
    public const int Version = 2;

    // PatCode → worker.
    public const string Initialize = "initialize";
    public const string Load = "load";
    public const string Run = "run";
    public const string Command = "command";
    public const string Unload = "unload";

    // Worker → PatCode: the plugin's services and logger, served by the host.
    public const string CacheGet = "cache/get";
    public const string CacheSet = "cache/set";
    public const string CacheRemove = "cache/remove";
    public const string TelemetryIncrement = "telemetry/increment";
    public const string TelemetryGauge = "telemetry/gauge";
    public const string TelemetryDuration = "telemetry/duration";
    public const string TelemetryEvent = "telemetry/event";
    public const string Log = "log";
}
