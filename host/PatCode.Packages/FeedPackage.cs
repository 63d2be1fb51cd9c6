using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace PatCode.Packages;

/// <summary>One version of a package as a feed describes it, before anything is downloaded.</summary>
internal sealed record FeedPackage(SourceRepository Feed, IPackageSearchMetadata Metadata)
{
    public string Id => Metadata.Identity.Id;

    public NuGetVersion Version => Metadata.Identity.Version;

    public string FeedLocation => Feed.PackageSource.Source;
}
