namespace PatCode.Caching;

/// <summary>How a cached answer matched the request.</summary>
public enum CacheHitKind
{
    /// <summary>The same model, options and messages.</summary>
    Exact,

    /// <summary>The same model, options and context, and a prompt whose word pairs are nearly the same.</summary>
    Near,
}
