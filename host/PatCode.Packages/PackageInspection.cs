using NuGet.Packaging.Core;

namespace PatCode.Packages;

/// <summary>What a downloaded plugin package is: its identity, authors, SHA-512 and signature state, or why it is refused.</summary>
internal sealed record PackageInspection(PackageIdentity Identity, string Authors, string Sha512, string Signature, string? Signer, string? Problem);
