namespace PatCode.Sdk;

/// <summary>
/// The outcome of <see cref="Plugin.ExecuteAsync"/>. Expected failures are values, not exceptions;
/// the host turns an exception into a failed result anyway.
/// </summary>
public sealed class PluginResult
{
    private PluginResult(bool success, object? data, string? error, bool shouldContinue)
    {
        Success = success;
        Data = data;
        Error = error;
        ShouldContinue = shouldContinue;
    }

    /// <summary>Whether the plugin did what it set out to do.</summary>
    public bool Success { get; }

    /// <summary>Anything the plugin wants to report; the host logs it and shows it in diagnostics.</summary>
    public object? Data { get; }

    /// <summary>Why the plugin failed, in words fit for the user; <see langword="null"/> on success.</summary>
    public string? Error { get; }

    /// <summary>Whether the chain goes on to the next plugin.</summary>
    public bool ShouldContinue { get; }

    /// <summary>A success; the chain goes on.</summary>
    /// <param name="data">Optional data to report.</param>
    /// <returns>The result.</returns>
    public static PluginResult Ok(object? data = null) => new(true, data, null, shouldContinue: true);

    /// <summary>A success that stops the chain: no plugin after this one runs.</summary>
    /// <param name="data">Optional data to report.</param>
    /// <returns>The result.</returns>
    public static PluginResult Stop(object? data = null) => new(true, data, null, shouldContinue: false);

    /// <summary>A failure. By default the chain goes on, because one plugin's failure should not cost the user the others.</summary>
    /// <param name="error">Why, in words fit for the user.</param>
    /// <param name="shouldContinue">Whether the chain goes on.</param>
    /// <returns>The result.</returns>
    public static PluginResult Fail(string error, bool shouldContinue = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new(false, null, error, shouldContinue);
    }
}
