namespace PatCode.Caching;

/// <summary>One message of a request, as the cache keys it: its role (system, user, assistant, tool) and its text.</summary>
public readonly record struct CacheMessage(string Role, string Text);
