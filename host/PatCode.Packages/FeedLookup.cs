namespace PatCode.Packages;

/// <summary>What looking a package up on the feeds found: the chosen version (if any), and each feed that could not be read.</summary>
internal sealed record FeedLookup(FeedPackage? Package, IReadOnlyList<FeedPackage> Versions, IReadOnlyList<string> Problems);
