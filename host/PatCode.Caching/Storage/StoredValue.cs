namespace PatCode.Caching.Storage;

/// <summary>A value to store, with what it cost to produce (for the "saved" statistics).</summary>
internal sealed record StoredValue(string Value, TimeSpan TimeToLive, long OutputTokens, long ModelMs);
