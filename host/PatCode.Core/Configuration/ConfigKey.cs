using PatCode.Core.Security;

namespace PatCode.Core.Configuration;

/// <summary>
/// One configuration setting: its name in config.json (dotted, e.g. <c>ollama.host</c>), its default, the
/// environment variables that set it (first one set wins) and a validator that explains a bad value.
/// </summary>
public sealed record ConfigKey(string Name, string Description, string? DefaultValue)
{
    public IReadOnlyList<string> EnvironmentVariables { get; init; } = [];

    /// <summary>The command-line flag that sets it, such as <c>--model</c>; <see langword="null"/> when there is none.</summary>
    public string? Flag { get; init; }

    /// <summary>Returns why <c>value</c> is not acceptable, or <see langword="null"/> when it is.</summary>
    public Func<string, string?> Validate { get; init; } = static _ => null;

    /// <summary>Whether the value is a secret, shown as <c>***</c> by <c>patcode config</c>.</summary>
    public bool IsSecret { get; init; }

    /// <summary>
    /// Whether the value is a connection that may carry credentials (a URL's <c>user:password@</c>, a Redis
    /// <c>password=</c>): they are shown as <c>***</c> wherever the value is shown, where it points is not.
    /// </summary>
    public bool HoldsCredentials { get; init; }

    /// <summary>A value of this key as the user may see it: <c>patcode config</c> and error messages.</summary>
    public string Display(string? value) =>
        string.IsNullOrEmpty(value) ? value ?? ""
        : IsSecret ? SecretRedactor.ConnectionMask
        : HoldsCredentials ? SecretRedactor.MaskConnection(value)
        : value;
}
