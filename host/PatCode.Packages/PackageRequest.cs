using NuGet.Versioning;

namespace PatCode.Packages;

/// <summary>What <c>plugins install</c> was asked for: a package id, and a version when written as id@version.</summary>
internal sealed record PackageRequest(string Id, NuGetVersion? Version)
{
    /// <summary>Parses id or id@version; returns null with <paramref name="error"/> set when the version is not one.</summary>
    public static PackageRequest? Parse(string text, out string? error)
    {
        error = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return new PackageRequest(text, null);
        }

        var versionText = text[(at + 1)..];
        if (!NuGetVersion.TryParse(versionText, out var version))
        {
            error = $"'{versionText}' is not a package version (such as 1.2.0 or 2.0.0-beta.1): write {text[..at]}@<version>";
            return null;
        }

        return new PackageRequest(text[..at], version);
    }

    public override string ToString() => Version is null ? Id : $"{Id} {Version.ToNormalizedString()}";
}
