using Microsoft.Extensions.Logging;
using NuGet.Configuration;
using NuGet.Protocol.Core.Types;
using PatCode.Core;
using PatCode.Core.Commands;
using PatCode.Core.Console;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Commands;
using PatCode.Core.Plugins.Installation;
using PatCode.Core.Plugins.Trust;

namespace PatCode.Packages;

/// <summary>
/// <c>plugins install &lt;id&gt;[@version]</c>, <c>update</c>, <c>outdated</c> and <c>search</c>: NuGet feeds as the
/// plugin registry. A package is looked up and checked from the feed's metadata, downloaded, checked again
/// (package type, identity, SDK, signatures), then handed to <see cref="PluginInstaller"/> like a .nupkg file,
/// and its provenance is recorded. What it installs is Untrusted until the user enables it, updates included.
/// </summary>
public sealed class PluginFeedCommands(PluginHost host, string userPluginsFolder, string workingDirectory, ILoggerFactory loggers) : IPluginFeedCommands
{
    private const int SearchResults = 20;
    private readonly ILogger _logger = loggers.CreateLogger("PatCode.Packages");

    public async Task<int> RunAsync(string verb, IReadOnlyList<string> arguments, CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var options = FeedOptions.Parse(arguments, out var error);
        if (options is null)
        {
            invocation.Output.WriteError($"{error}. Usage: /plugins {Usage(verb)}");
            return ExitCodes.Usage;
        }

        try
        {
            return verb switch
            {
                "install" => await InstallAsync(options, invocation, cancellationToken),
                "update" => await UpdateAsync(options, invocation, cancellationToken),
                "outdated" => await OutdatedAsync(options, invocation.Output, cancellationToken),
                "search" => await SearchAsync(options, invocation.Output, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "not a feed verb"),
            };
        }
        catch (Exception e) when (PluginPackageFeed.IsFeedFailure(e) || e is NuGetConfigurationException)
        {
            _logger.LogError(e, "plugins {Verb} failed", verb);
            invocation.Output.WriteError($"plugins {verb} failed: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failure;
        }
    }

    private static string Usage(string verb) => verb switch
    {
        "install" => "install <package-id>[@<version>] [--source <feed>] [--prerelease] [--replace]",
        "update" => "update [<name>|--all] [--source <feed>] [--prerelease]",
        "outdated" => "outdated [--source <feed>] [--prerelease]",
        _ => "search <term> [--source <feed>] [--prerelease]",
    };

    private async Task<int> InstallAsync(FeedOptions options, CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        if (options.Arguments.Count != 1 || options.All)
        {
            output.WriteError($"Usage: /plugins {Usage("install")}");
            return ExitCodes.Usage;
        }

        var request = PackageRequest.Parse(options.Arguments[0], out var error);
        if (request is null)
        {
            output.WriteError(error!);
            return ExitCodes.Usage;
        }

        host.Scan();
        var installed = InstalledFromFeeds().FirstOrDefault(p => string.Equals(p.Provenance.PackageId, request.Id, StringComparison.OrdinalIgnoreCase));
        if (installed.Entry is not null && request.Version is null && !options.Replace)
        {
            output.WriteError($"{installed.Entry.Name} is already installed from {installed.Provenance.PackageId} {installed.Provenance.Version}: " +
                $"run 'patcode plugins update {installed.Entry.Name}' for a newer version, or 'patcode plugins install {request.Id}@<version>' for a given one");
            return ExitCodes.Failure;
        }

        using var feed = OpenFeed(options.Source, extraFeed: null, output);
        if (feed is null)
        {
            return ExitCodes.Failure;
        }

        var lookup = await feed.FindAsync(request.Id, request.Version, options.Prerelease, cancellationToken);
        if (lookup.Package is null)
        {
            output.WriteError(NotFound(request, options.Prerelease, feed, lookup));
            return ExitCodes.Failure;
        }

        return await InstallPackageAsync(feed, lookup.Package, installed.Entry, replace: options.Replace, invocation, cancellationToken) is null
            ? ExitCodes.Failure
            : ExitCodes.Success;
    }

    private async Task<int> UpdateAsync(FeedOptions options, CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        if (options.Arguments.Count > 1 || (options.All && options.Arguments.Count > 0))
        {
            output.WriteError($"Usage: /plugins {Usage("update")}");
            return ExitCodes.Usage;
        }

        host.Scan();
        var targets = InstalledFromFeeds();
        if (options.Arguments.Count == 1)
        {
            var name = options.Arguments[0];
            var entry = host.Find(name);
            if (entry is null)
            {
                output.WriteError($"No plugin named '{name}'.{NameSuggestions.Hint(name, host.Entries.Select(e => e.Name))} Run /plugins list to see them all.");
                return ExitCodes.Usage;
            }

            targets = [.. targets.Where(t => t.Entry == entry)];
            if (targets.Count == 0)
            {
                output.WriteError($"{entry.Name} was not installed from a feed, so there is nothing to update it from: install it by package id (patcode plugins install <id>)");
                return ExitCodes.Failure;
            }
        }

        if (targets.Count == 0)
        {
            output.WriteLine("No plugins were installed from a feed; nothing to update.");
            return ExitCodes.Success;
        }

        return await VisitNewestAsync(options, targets, output, async newest =>
        {
            var (entry, provenance, lookup) = (newest.Entry, newest.Provenance, newest.Lookup);
            if (lookup.Package is null)
            {
                output.WriteError(NotFound(new PackageRequest(provenance.PackageId, null), options.Prerelease, newest.Feed, lookup));
                return false;
            }

            if (lookup.Package.Version <= newest.Installed)
            {
                // An update never goes back: an older version is installed only when asked for by number.
                output.WriteLine(lookup.Package.Version == newest.Installed
                    ? $"{entry.Name} is up to date ({provenance.PackageId} {provenance.Version})."
                    : $"{entry.Name} stays at {provenance.Version}: the newest on the feeds is {lookup.Package.Version.ToNormalizedString()}; to go back, run: patcode plugins install {provenance.PackageId}@{lookup.Package.Version.ToNormalizedString()}");
                return true;
            }

            return await InstallPackageAsync(newest.Feed, lookup.Package, entry, replace: true, invocation, cancellationToken) is not null;
        }, cancellationToken) ?? ExitCodes.Failure;
    }

    private async Task<int> OutdatedAsync(FeedOptions options, IUserOutput output, CancellationToken cancellationToken)
    {
        if (options.Arguments.Count > 0)
        {
            output.WriteError($"Usage: /plugins {Usage("outdated")}");
            return ExitCodes.Usage;
        }

        host.Scan();
        var installed = InstalledFromFeeds();
        if (installed.Count == 0)
        {
            output.WriteLine("No plugins were installed from a feed.");
            return ExitCodes.Success;
        }

        var table = new TextTable("name", "package", "installed", "latest", "feed");
        var upToDate = 0;
        var visited = await VisitNewestAsync(options, installed, output, newest =>
        {
            var (entry, provenance, lookup) = (newest.Entry, newest.Provenance, newest.Lookup);
            foreach (var problem in lookup.Problems)
            {
                output.WriteWarning(problem);
            }

            if (lookup.Package is null)
            {
                output.WriteWarning($"{entry.Name}: {provenance.PackageId} is on none of the feeds now");
                return Task.FromResult(false);
            }

            if (lookup.Package.Version > newest.Installed)
            {
                table.AddRow(entry.Name, provenance.PackageId, provenance.Version, lookup.Package.Version.ToNormalizedString(), lookup.Package.FeedLocation);
            }
            else
            {
                upToDate++;
            }

            return Task.FromResult(true);
        }, cancellationToken);
        if (visited is not { } status)
        {
            return ExitCodes.Failure;
        }

        if (table.Rows.Count > 0)
        {
            output.WriteTable(table);
        }

        output.WriteLine(table.Rows.Count == 0
            ? $"All {upToDate} plugins installed from feeds are up to date."
            : $"{table.Rows.Count} outdated, {upToDate} up to date. Run: patcode plugins update --all");
        return status;
    }

    private async Task<int> SearchAsync(FeedOptions options, IUserOutput output, CancellationToken cancellationToken)
    {
        if (options.Arguments.Count == 0)
        {
            output.WriteError($"Usage: /plugins {Usage("search")}");
            return ExitCodes.Usage;
        }

        using var feed = OpenFeed(options.Source, extraFeed: null, output);
        if (feed is null)
        {
            return ExitCodes.Failure;
        }

        var term = string.Join(' ', options.Arguments);
        var table = new TextTable("package", "version", "description", "feed");
        var answered = 0;
        foreach (var source in feed.Feeds)
        {
            IReadOnlyList<IPackageSearchMetadata>? found;
            try
            {
                found = await feed.SearchAsync(source, term, options.Prerelease, SearchResults, cancellationToken);
            }
            catch (Exception e) when (PluginPackageFeed.IsFeedFailure(e))
            {
                _logger.LogWarning(e, "Search on {Feed} failed", source.PackageSource.Source);
                output.WriteWarning(PluginPackageFeed.FeedProblem(source, e));
                continue;
            }

            if (found is null)
            {
                output.WriteWarning($"{source.PackageSource.Source} does not support search; install from it by package id: patcode plugins install <id> --source {source.PackageSource.Name}");
                continue;
            }

            answered++;
            foreach (var package in found)
            {
                table.AddRow(package.Identity.Id, package.Identity.Version.ToNormalizedString(), FirstLine(package.Description), source.PackageSource.Source);
            }
        }

        if (table.Rows.Count > 0)
        {
            output.WriteTable(table);
            output.WriteLine($"Install one with: patcode plugins install <package>");
        }
        else if (answered > 0)
        {
            output.WriteLine($"No plugin packages match '{term}'.");
        }

        return answered > 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// Checks the package from its metadata, downloads it into a private staging folder, checks it again and installs
    /// it. Returns the provenance recorded, or null after writing the one line that says why not.
    /// </summary>
    private async Task<PluginProvenance?> InstallPackageAsync(PluginPackageFeed feed, FeedPackage package, PluginEntry? previous, bool replace, CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        var label = $"{package.Id} {package.Version.ToNormalizedString()}";
        if (PluginPackageInspector.SdkProblem(package.Metadata) is { } sdkProblem)
        {
            output.WriteError($"refused before download: {sdkProblem}");
            return null;
        }

        PatCodePaths.EnsurePrivateDirectory(userPluginsFolder);
        var staging = Directory.CreateDirectory(Path.Combine(userPluginsFolder, $".download-{Guid.NewGuid():N}")).FullName;
        try
        {
            var file = Path.Combine(staging, $"{package.Id}.{package.Version.ToNormalizedString()}.nupkg".ToLowerInvariant());
            if (!await feed.DownloadAsync(package, file, cancellationToken))
            {
                output.WriteError($"{package.FeedLocation} listed {label} but did not deliver it; try again, or pick another version with {package.Id}@<version>");
                return null;
            }

            var inspection = await PluginPackageInspector.InspectAsync(file, package.Metadata.Identity, new NuGetLogAdapter(_logger), cancellationToken);
            if (inspection.Problem is not null)
            {
                output.WriteError($"refused {label} from {package.FeedLocation}: {inspection.Problem}");
                return null;
            }

            var before = previous is null ? null : InstalledSnapshot.Of(previous);
            var result = PluginInstaller.Install(file, userPluginsFolder, replace: replace || previous is not null);
            if (!result.Succeeded)
            {
                output.WriteError(result.Error!.Replace(file, label, StringComparison.Ordinal));
                return null;
            }

            var provenance = new PluginProvenance(package.Id, package.Version.ToNormalizedString(), package.FeedLocation, inspection.Sha512, inspection.Signature, inspection.Signer);
            foreach (var name in result.Plugins)
            {
                host.RecordProvenance(name, provenance);
            }

            host.Scan();
            var name0 = result.Plugins[0];
            var entry = host.Find(name0);
            if (before is not null && entry is not null)
            {
                output.WriteLine($"Installed {name0} {entry.Version} from {label} ({package.FeedLocation}; {inspection.Signature}), replacing {before.Version}:");
                foreach (var line in before.Changes(entry))
                {
                    output.WriteLine(line);
                }

                output.WriteLine($"It is Untrusted until you review it and run: patcode plugins enable {name0}");
            }
            else
            {
                output.WriteLine($"Installed {string.Join(", ", result.Plugins)} from {label} ({package.FeedLocation}; {inspection.Signature}) into {result.Folder}. It stays Untrusted until you review it and run: patcode plugins enable {name0}");
            }

            _logger.LogInformation("Installed {Package} {Version} from {Feed} (sha512 {Hash}, {Signature})", package.Id, provenance.Version, provenance.Feed, provenance.Sha512, provenance.Signature);
            return provenance;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The plugins in the user's folder that were installed from a feed, with where they came from.</summary>
    private List<(PluginEntry Entry, PluginProvenance Provenance)> InstalledFromFeeds() =>
        [.. host.Entries
            .Where(e => e.Source == PluginSource.User)
            .Select(e => (Entry: e, Provenance: host.ProvenanceOf(e.Name)))
            .Where(p => p.Provenance is not null)
            .Select(p => (p.Entry, p.Provenance!))];

    /// <summary>
    /// Looks up the newest version of each plugin installed from a feed (prereleases too where the installed one is
    /// one) and hands it to <paramref name="visit"/>, which says whether that plugin went well. The exit code, or null
    /// when feeds could not be opened (said to the user), which ends the visit.
    /// </summary>
    private async Task<int?> VisitNewestAsync(
        FeedOptions options,
        IEnumerable<(PluginEntry Entry, PluginProvenance Provenance)> installed,
        IUserOutput output,
        Func<NewestOnFeeds, Task<bool>> visit,
        CancellationToken cancellationToken)
    {
        var status = ExitCodes.Success;
        foreach (var (entry, provenance) in installed)
        {
            using var feed = OpenFeed(options.Source, provenance.Feed, output);
            if (feed is null)
            {
                return null;
            }

            var version = NuGet.Versioning.NuGetVersion.Parse(provenance.Version);
            var lookup = await feed.FindAsync(provenance.PackageId, null, options.Prerelease || version.IsPrerelease, cancellationToken);
            if (!await visit(new NewestOnFeeds(entry, provenance, feed, version, lookup)))
            {
                status = ExitCodes.Failure;
            }
        }

        return status;
    }

    /// <summary>The feeds for one command: --source, or the configured ones plus the feed a plugin came from; null when there are none (said to the user).</summary>
    private PluginPackageFeed? OpenFeed(string? source, string? extraFeed, IUserOutput output)
    {
        var feeds = PluginFeeds.Resolve(workingDirectory, source, extraFeed, out var error);
        if (error is not null)
        {
            output.WriteError(error);
            return null;
        }

        return new PluginPackageFeed(feeds, _logger);
    }

    private static string NotFound(PackageRequest request, bool prerelease, PluginPackageFeed feed, FeedLookup lookup)
    {
        var where = string.Join(", ", feed.Feeds.Select(f => f.PackageSource.Source));
        var problems = lookup.Problems.Count == 0 ? "" : $" ({string.Join("; ", lookup.Problems)})";
        if (request.Version is null && !prerelease && lookup.Versions.Count > 0)
        {
            return $"{request.Id} has only prerelease versions on {where} (newest {lookup.Versions.Max(v => v.Version)!.ToNormalizedString()}): add --prerelease";
        }

        if (request.Version is not null && lookup.Versions.Count > 0)
        {
            return $"{request.Id} has no version {request.Version.ToNormalizedString()} on {where}; it has {string.Join(", ", lookup.Versions.Select(v => v.Version).Distinct().OrderDescending().Take(5).Select(v => v.ToNormalizedString()))}";
        }

        return $"no package '{request.Id}' on {where}{problems}: check the id (patcode plugins search <term>) or pass --source <feed>";
    }

    private static string FirstLine(string? text)
    {
        var line = (text ?? "").ReplaceLineEndings("\n").Split('\n')[0];
        return line.Length > 80 ? line[..77] + "..." : line;
    }
}
