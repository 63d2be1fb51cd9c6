namespace PatCode.Core.Plugins.Trust;

/// <summary>
/// Where an installed plugin came from when it was installed from a NuGet feed: the package, the feed, the
/// package's SHA-512 (base64, as NuGet records it) and what its signatures said when it was downloaded.
/// </summary>
/// <param name="PackageId">The NuGet package id.</param>
/// <param name="Version">The package version, normalised (1.2.0, 2.0.0-beta.1).</param>
/// <param name="Feed">The feed's URL or folder.</param>
/// <param name="Sha512">SHA-512 of the .nupkg file, base64.</param>
/// <param name="Signature">One line: unsigned, or each signature's kind, signer and verification state.</param>
/// <param name="Signer">The author signer's certificate subject (else the repository's), or null when unsigned.</param>
public sealed record PluginProvenance(string PackageId, string Version, string Feed, string Sha512, string Signature, string? Signer);
