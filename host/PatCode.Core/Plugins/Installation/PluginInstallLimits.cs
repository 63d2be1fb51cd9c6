namespace PatCode.Core.Plugins.Installation;

/// <summary>
/// What one plugin package may hold. Counted while unpacking or copying, never taken from an archive's own
/// headers, so a zip bomb or a huge file is refused before it fills the disk.
/// </summary>
public sealed record PluginInstallLimits
{
    public const long DefaultMaxUnpackedBytes = 256L * 1024 * 1024;

    /// <summary>The most bytes the installed files may add up to (<c>plugins.maxUnpackedBytes</c>).</summary>
    public long MaxUnpackedBytes { get; init; } = DefaultMaxUnpackedBytes;

    /// <summary>The most files and folders a package may hold.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>How many times larger than its compressed size a file in an archive may become.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Files up to this size are not held to the ratio: small files of repeated text compress very well.</summary>
    public long RatioExemptBytes { get; init; } = 1024 * 1024;
}
