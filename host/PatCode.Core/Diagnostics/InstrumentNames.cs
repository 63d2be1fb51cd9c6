namespace PatCode.Core.Diagnostics;

/// <summary>
/// Names of the host's built-in metrics and spans, shared by the code that records and the code that reads them.
/// Durations are in seconds (unit "s"), as OpenTelemetry's semantic conventions have them; Prometheus shows
/// them with the unit and type suffixes (patcode_chain_duration_seconds, patcode_chat_turns_total).
/// </summary>
public static class InstrumentNames
{
    /// <summary>Plugin metrics are named <c>patcode.plugin.&lt;plugin&gt;.&lt;metric&gt;</c>; see <see cref="PluginMetricNames"/>.</summary>
    public const string PluginMetricPrefix = "patcode.plugin.";

    // Plugin chain (tags: plugin, outcome = success|failure|timeout). Single words after the plugin prefix,
    // so no plugin metric (two words at least) can take these names.
    public const string PluginExecutions = PluginMetricPrefix + "executions";
    public const string PluginDuration = PluginMetricPrefix + "duration";
    public const string ChainDuration = "patcode.chain.duration";
    public const string ChainSpan = "patcode.chain";
    public const string PluginSpan = "patcode.plugin";

    // Chat (tags: model; turns also outcome; tokens also direction = input|output).
    public const string ChatTurns = "patcode.chat.turns";
    public const string ChatTokens = "patcode.chat.tokens";
    public const string ChatTimeToFirstToken = "patcode.chat.time_to_first_token";
    public const string ChatTokensPerSecond = "patcode.chat.tokens_per_second";
    public const string ChatTurnSpan = "patcode.chat.turn";
    public const string ModelCallSpan = "patcode.model.call";

    // Cache (tags: result = exact|near|miss, partition = chat|plugin).
    public const string CacheLookups = "patcode.cache.lookups";
    public const string CacheLookupSpan = "patcode.cache.lookup";
}
