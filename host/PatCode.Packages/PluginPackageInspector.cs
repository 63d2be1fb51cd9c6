using System.Security.Cryptography;
using NuGet.Common;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using PatCode.Sdk;

namespace PatCode.Packages;

/// <summary>
/// Checks a plugin package with NuGet.Packaging before it is handed to the installer: the identity the feed
/// promised, the PatCodePlugin package type, the SDK it was built against, its SHA-512, and its author and
/// repository signatures, verified as `dotnet nuget verify` does.
/// </summary>
internal static class PluginPackageInspector
{
    private const string SdkPackageId = "PatCode.Sdk";

    /// <summary>
    /// The SDK a package says it needs in its metadata (its dependency on PatCode.Sdk, which `dotnet pack` of a
    /// plugin writes), checked before anything is downloaded. Null when this PatCode can honour it or the metadata
    /// does not say.
    /// </summary>
    public static string? SdkProblem(string id, NuGetVersion version, IEnumerable<PackageDependencyGroup> dependencySets)
    {
        var sdk = dependencySets.SelectMany(g => g.Packages).FirstOrDefault(d => string.Equals(d.Id, SdkPackageId, StringComparison.OrdinalIgnoreCase));
        if (sdk?.VersionRange.MinVersion is not { } needed)
        {
            return null;
        }

        var required = new Version(needed.Major, needed.Minor, needed.Patch);
        return SdkInfo.CanHonour(required)
            ? null
            : $"{id} {version.ToNormalizedString()} needs PatCode.Sdk {required.ToString(3)}, but this PatCode provides {SdkInfo.Version.ToString(3)}: " +
              (required.Major == SdkInfo.Version.Major ? "update PatCode, or install an older version of the plugin with <id>@<version>" : $"look for a version built for SDK {SdkInfo.Version.Major}.x");
    }

    /// <inheritdoc cref="SdkProblem(string, NuGetVersion, IEnumerable{PackageDependencyGroup})"/>
    public static string? SdkProblem(IPackageSearchMetadata metadata) =>
        SdkProblem(metadata.Identity.Id, metadata.Identity.Version, metadata.DependencySets ?? []);

    public static async Task<PackageInspection> InspectAsync(string path, PackageIdentity expected, ILogger logger, CancellationToken cancellationToken)
    {
        string sha512;
        await using (var stream = File.OpenRead(path))
        {
            sha512 = Convert.ToBase64String(await SHA512.HashDataAsync(stream, cancellationToken));
        }

        using var reader = new PackageArchiveReader(path);
        var nuspec = reader.NuspecReader;
        var identity = nuspec.GetIdentity();
        var authors = nuspec.GetAuthors() ?? "";
        var (signature, signer) = await DescribeSignaturesAsync(reader, logger, cancellationToken);
        return new PackageInspection(identity, authors, sha512, signature, signer, Problem(nuspec, identity, expected));
    }

    private static string? Problem(NuspecReader nuspec, PackageIdentity identity, PackageIdentity expected)
    {
        if (!PackageIdentityComparer.Default.Equals(identity, expected))
        {
            return $"the feed sent {identity.Id} {identity.Version.ToNormalizedString()} when asked for {expected.Id} {expected.Version.ToNormalizedString()}";
        }

        var types = nuspec.GetPackageTypes();
        if (!types.Any(t => string.Equals(t.Name, PluginPackageFeed.PackageType, StringComparison.OrdinalIgnoreCase)))
        {
            return $"{identity.Id} {identity.Version.ToNormalizedString()} is not a PatCode plugin package (its package type is {DescribeTypes(types)}, not {PluginPackageFeed.PackageType}): only plugin packages install";
        }

        return SdkProblem(identity.Id, identity.Version, nuspec.GetDependencyGroups());
    }

    private static string DescribeTypes(IReadOnlyList<PackageType> types) =>
        types.Count == 0 ? "Dependency, the default" : string.Join(", ", types.Select(t => t.Name));

    private static async Task<(string Signature, string? Signer)> DescribeSignaturesAsync(PackageArchiveReader reader, ILogger logger, CancellationToken cancellationToken)
    {
        if (!await reader.IsSignedAsync(cancellationToken))
        {
            return ("unsigned", null);
        }

        var primary = await reader.GetPrimarySignatureAsync(cancellationToken);
        if (primary is null)
        {
            return ("signed, but the signature cannot be read", null);
        }

        var verifier = new PackageSignatureVerifier([new IntegrityVerificationProvider(), new SignatureTrustAndValidityVerificationProvider()]);
        var verified = await verifier.VerifySignaturesAsync(reader, SignedPackageVerifierSettings.GetVerifyCommandDefaultPolicy(), cancellationToken);
        var state = verified.IsValid
            ? "verified"
            : "NOT verified: " + (verified.Results.SelectMany(r => r.Issues).FirstOrDefault(i => i.Level == LogLevel.Error)?.Message ?? "the signature is not valid");
        foreach (var issue in verified.Results.SelectMany(r => r.Issues))
        {
            await logger.LogAsync(issue);
        }

        var parts = new List<string> { $"{Kind(primary.Type)} signature by {primary.SignerInfo.Certificate?.Subject ?? "an unknown signer"}" };
        if (primary.Type == SignatureType.Author && RepositoryCountersignature.GetRepositoryCountersignature(primary) is { } countersignature)
        {
            parts.Add($"repository countersignature by {countersignature.SignerInfo.Certificate?.Subject ?? "an unknown signer"}");
        }

        return ($"{string.Join("; ", parts)} ({state})", primary.SignerInfo.Certificate?.Subject);
    }

    private static string Kind(SignatureType type) => type switch
    {
        SignatureType.Author => "author",
        SignatureType.Repository => "repository",
        _ => "unknown",
    };
}
