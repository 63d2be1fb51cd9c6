namespace PatCode.Core.Diagnostics;

/// <summary>Names of the host's built-in metrics and spans, shared by the code that records and the code that reads them.</summary>
public static class InstrumentNames
{
    // Plugin chain (tags: plugin, outcome = success|failure|timeout|skipped).
    public const string PluginExecutions = "patcode.plugin.executions";
    public const string PluginDuration = "patcode.plugin.duration";
    public const string ChainDuration = "patcode.chain.duration";
    public const string ChainSpan = "patcode.chain";
    public const string PluginSpan = "patcode.plugin";

    // Chat (tags: model; tokens also direction = input|output).
    public const string ChatTurns = "patcode.chat.turns";
    public const string ChatTokens = "patcode.chat.tokens";
    public const string ChatTimeToFirstToken = "patcode.chat.time_to_first_token";
    public const string ChatTokensPerSecond = "patcode.chat.tokens_per_second";
    public const string ChatTurnSpan = "patcode.chat.turn";
    public const string ModelCallSpan = "patcode.model.call";

    // Cache (tag: result = exact|near|miss).
    public const string CacheLookups = "patcode.cache.lookups";
    public const string CacheLookupSpan = "patcode.cache.lookup";
}
