using NuGet.Versioning;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Trust;

namespace PatCode.Packages;

/// <summary>
/// A plugin installed from a feed, with what the feeds hold for it now: the installed version and the newest one
/// found. <see cref="Feed"/> is open for as long as the visit lasts, so an update can install from it.
/// </summary>
internal sealed record NewestOnFeeds(PluginEntry Entry, PluginProvenance Provenance, PluginPackageFeed Feed, NuGetVersion Installed, FeedLookup Lookup);
