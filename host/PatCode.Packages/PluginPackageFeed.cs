using Microsoft.Extensions.Logging;
using NuGet.Common;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace PatCode.Packages;

/// <summary>
/// Looks plugin packages up on NuGet feeds and downloads them, through NuGet's own client: package metadata to
/// choose a version (and to check the SDK before downloading), the find-by-id resource to copy the .nupkg, and the
/// search resource where the feed has one.
/// </summary>
internal sealed class PluginPackageFeed(IReadOnlyList<SourceRepository> feeds, Microsoft.Extensions.Logging.ILogger logger) : IDisposable
{
    public const string PackageType = "PatCodePlugin";

    private readonly NuGetLogAdapter _nugetLogger = new(logger);

    // Fresh answers every time: update and outdated must see what the feed holds now.
    private readonly SourceCacheContext _cache = new() { NoCache = true, DirectDownload = true };

    public IReadOnlyList<SourceRepository> Feeds => feeds;

    /// <summary>
    /// Every listed version of <paramref name="id"/> on every feed (unlisted ones too when a version is asked for),
    /// and the one to install: <paramref name="version"/> exactly, or the highest (stable unless
    /// <paramref name="prerelease"/>); the first feed in configuration order wins a tie.
    /// </summary>
    public async Task<FeedLookup> FindAsync(string id, NuGetVersion? version, bool prerelease, CancellationToken cancellationToken)
    {
        var versions = new List<FeedPackage>();
        var problems = new List<string>();
        foreach (var feed in feeds)
        {
            try
            {
                var resource = await feed.GetResourceAsync<PackageMetadataResource>(cancellationToken);
                if (resource is null)
                {
                    problems.Add($"{feed.PackageSource.Source} gives no package metadata");
                    continue;
                }

                // Prereleases are always fetched, so a feed with only prereleases can be told apart from one without the package.
                var found = await resource.GetMetadataAsync(id, includePrerelease: true, includeUnlisted: version is not null, _cache, _nugetLogger, cancellationToken);
                versions.AddRange(found.Select(m => new FeedPackage(feed, m)));
            }
            catch (Exception e) when (IsFeedFailure(e))
            {
                problems.Add(FeedProblem(feed, e));
            }
        }

        var chosen = version is not null
            ? versions.FirstOrDefault(p => p.Version == version)
            : versions.Where(p => prerelease || !p.Version.IsPrerelease).OrderByDescending(p => p.Version).FirstOrDefault();
        return new FeedLookup(chosen, versions, problems);
    }

    /// <summary>Copies the package's .nupkg to <paramref name="path"/>; false when the feed no longer has it.</summary>
    public async Task<bool> DownloadAsync(FeedPackage package, string path, CancellationToken cancellationToken)
    {
        var resource = await package.Feed.GetResourceAsync<FindPackageByIdResource>(cancellationToken);
        if (resource is null)
        {
            return false;
        }

        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        return await resource.CopyNupkgToStreamAsync(package.Id, package.Version, file, _cache, _nugetLogger, cancellationToken);
    }

    /// <summary>
    /// Searches one feed for plugin packages. Null when the feed has no search; otherwise the newest version of each
    /// match. Feeds that know package types are asked for PatCodePlugin only; a local folder feed is filtered here,
    /// from each package's manifest.
    /// </summary>
    public async Task<IReadOnlyList<IPackageSearchMetadata>?> SearchAsync(SourceRepository feed, string term, bool prerelease, int take, CancellationToken cancellationToken)
    {
        // A V3 feed whose service index names no search service still gets a search resource; it has nothing to ask.
        var index = await feed.GetResourceAsync<ServiceIndexResourceV3>(cancellationToken);
        var search = await feed.GetResourceAsync<PackageSearchResource>(cancellationToken);
        if (search is null || index?.GetServiceEntryUris(ServiceTypes.SearchQueryService).Count == 0)
        {
            return null;
        }

        List<IPackageSearchMetadata> results;
        try
        {
            var filter = new SearchFilter(prerelease, SearchFilterType.IsLatestVersion) { PackageType = PackageType };
            results = [.. await search.SearchAsync(term, filter, 0, take, _nugetLogger, cancellationToken)];
        }
        catch (NotSupportedException)
        {
            // Older search services cannot filter by package type: search all, and install refuses what is no plugin.
            results = [.. await search.SearchAsync(term, new SearchFilter(prerelease, SearchFilterType.IsLatestVersion), 0, take, _nugetLogger, cancellationToken)];
        }

        var local = await feed.GetResourceAsync<FindLocalPackagesResource>(cancellationToken);
        if (local is null)
        {
            return results;
        }

        return [.. results.Where(r => local.GetPackage(r.Identity, _nugetLogger, cancellationToken)?.Nuspec.GetPackageTypes()
            .Any(t => string.Equals(t.Name, PackageType, StringComparison.OrdinalIgnoreCase)) == true)];
    }

    public static bool IsFeedFailure(Exception e) =>
        e is FatalProtocolException or NuGetProtocolException or HttpRequestException or IOException or UnauthorizedAccessException or InvalidOperationException;

    public static string FeedProblem(SourceRepository feed, Exception e)
    {
        var message = (e.InnerException is { } inner && e is FatalProtocolException ? $"{e.Message} ({inner.Message})" : e.Message).ReplaceLineEndings(" ");
        return $"{feed.PackageSource.Source} could not be read: {message}";
    }

    public void Dispose() => _cache.Dispose();
}
