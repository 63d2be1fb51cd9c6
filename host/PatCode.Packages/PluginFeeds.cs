using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace PatCode.Packages;

/// <summary>
/// The feeds a command uses: the enabled package sources of the nuget.config chain that applies in the working
/// directory (the same files `dotnet` reads, credentials included), or the one given with --source, which may be
/// a source name from that configuration, a URL or a folder. For a plugin installed from a feed, the feed it came
/// from is added to the configured ones.
/// </summary>
internal static class PluginFeeds
{
    public static IReadOnlyList<SourceRepository> Resolve(string workingDirectory, string? source, string? recordedFeed, out string? error)
    {
        error = null;
        ISettings settings;
        try
        {
            settings = Settings.LoadDefaultSettings(workingDirectory);
        }
        catch (NuGetConfigurationException e)
        {
            error = $"your NuGet configuration cannot be read: {e.Message}";
            return [];
        }

        var provider = new PackageSourceProvider(settings);
        if (source is not null)
        {
            var named = provider.GetPackageSourceByName(source);
            return [Repository.Factory.GetCoreV3(named ?? new PackageSource(AsFeedLocation(source, workingDirectory)))];
        }

        var enabled = provider.LoadPackageSources().Where(s => s.IsEnabled).ToList();
        if (recordedFeed is not null && !enabled.Any(s => string.Equals(s.Source.TrimEnd('/'), recordedFeed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            enabled.Add(new PackageSource(recordedFeed));
        }

        if (enabled.Count == 0)
        {
            error = "no package sources are configured: add one (dotnet nuget add source <url-or-folder> --name <name>) or pass --source <feed>";
        }

        return [.. enabled.Select(s => Repository.Factory.GetCoreV3(s))];
    }

    /// <summary>A URL stays as it is; anything else is a folder, relative to the working directory.</summary>
    public static string AsFeedLocation(string source, string workingDirectory) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile
            ? source
            : Path.GetFullPath(source, workingDirectory);
}
