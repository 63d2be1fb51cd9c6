using System.Globalization;

namespace PatCode.Core.Configuration;

/// <summary>Reusable <see cref="ConfigKey.Validate"/> functions; each returns the reason a value is wrong.</summary>
public static class Validators
{
    public static string? Boolean(string value) =>
        ConfigBooleans.TryParse(value, out _) ? null : $"'{value}' is not true or false";

    public static Func<string, string?> WholeNumber(long min, long max) => value =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? null
            : $"'{value}' is not a whole number from {min} to {max}";

    public static Func<string, string?> Number(double min, double max) => value =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? null
            : $"'{value}' is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";

    public static string? HttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : $"'{value}' is not an http:// or https:// URL";

    /// <summary>A list of folders (see <see cref="PatCodeConfiguration.GetList"/>) that must all be absolute paths.</summary>
    public static string? AbsolutePaths(string value) =>
        value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(p => !Path.IsPathFullyQualified(p)) is { } relative
            ? $"'{relative}' is a relative path; give the folder as an absolute path, such as /home/you/src/MyPlugin/bin/Debug"
            : null;

    public static Func<string, string?> OneOf(params string[] allowed) => value =>
        allowed.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : $"'{value}' is not one of {string.Join(", ", allowed)}";
}
