using PatCode.Core.Plugins.Discovery;
using PatCode.Sdk;

namespace PatCode.Core.Plugins.Trust;

/// <summary>
/// Decides every discovered plugin's status, in a fixed order of checks (invalid, incompatible, disabled,
/// untrusted, faulted, missing dependency), and the order in which active plugins run.
/// </summary>
internal static class PluginStatusResolver
{
    public static IReadOnlyList<PluginEntry> Resolve(
        IReadOnlyList<DiscoveredPlugin> plugins,
        Func<string, PluginState?> stateOf,
        bool pluginsEnabled,
        IReadOnlyDictionary<string, string> faults,
        Func<string, string> folderHash,
        IReadOnlyDictionary<string, string>? incompatible = null)
    {
        var entries = new Dictionary<DiscoveredPlugin, PluginEntry>();
        foreach (var plugin in plugins)
        {
            var (status, reason) = incompatible is not null && incompatible.TryGetValue(plugin.Name, out var why) && plugin.Problem is null
                ? (PluginStatus.Incompatible, why)
                : Evaluate(plugin, stateOf(plugin.Name), pluginsEnabled, faults, folderHash);
            entries[plugin] = new PluginEntry(plugin.Name, plugin.Metadata, plugin.Root.Source, plugin.Folder, status, reason);
        }

        ResolveDependencies(entries);
        return [.. entries.Values];
    }

    /// <summary>Active plugins in run order: by priority, then name, with every dependency before its dependents.</summary>
    public static IReadOnlyList<PluginEntry> RunOrder(IEnumerable<PluginEntry> entries)
    {
        var active = entries.Where(e => e.Status == PluginStatus.Active)
            .OrderBy(e => e.Metadata!.Priority)
            .ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var byName = active.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
        var ordered = new List<PluginEntry>(active.Count);
        var placed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void Place(PluginEntry entry)
        {
            if (!placed.Add(entry.Name))
            {
                return;
            }

            foreach (var dependency in entry.Metadata!.Dependencies)
            {
                Place(byName[dependency]);
            }

            ordered.Add(entry);
        }

        foreach (var entry in active)
        {
            Place(entry);
        }

        return ordered;
    }

    private static (PluginStatus, string) Evaluate(
        DiscoveredPlugin plugin,
        PluginState? state,
        bool pluginsEnabled,
        IReadOnlyDictionary<string, string> faults,
        Func<string, string> folderHash)
    {
        if (plugin.Problem is not null)
        {
            return (PluginStatus.Invalid, plugin.Problem);
        }

        if (plugin.SdkVersion is null)
        {
            return (PluginStatus.Incompatible, "it does not say which PatCode.Sdk it was built against: rebuild it with the PatCode.Sdk package");
        }

        if (!SdkInfo.CanHonour(plugin.SdkVersion))
        {
            return (PluginStatus.Incompatible, $"built against PatCode.Sdk {plugin.SdkVersion.ToString(3)}, but this PatCode provides PatCode.Sdk {SdkInfo.Version.ToString(3)}: " +
                (plugin.SdkVersion.Major == SdkInfo.Version.Major ? "update PatCode" : "use a version of the plugin built for SDK " + SdkInfo.Version.Major + ".x"));
        }

        if (!pluginsEnabled)
        {
            return (PluginStatus.Disabled, "plugins are turned off (PLUGINS_ENABLED / plugins.enabled)");
        }

        if (state is { Enabled: false })
        {
            return (PluginStatus.Disabled, $"disabled by you: /plugins enable {plugin.Name}");
        }

        if (!plugin.Root.IsTrusted)
        {
            if (state?.TrustedHash is null)
            {
                return (PluginStatus.Untrusted, $"from {plugin.Root.Path}, not enabled yet: review it, then /plugins enable {plugin.Name}");
            }

            string hash;
            try
            {
                hash = folderHash(plugin.Folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (PluginStatus.Untrusted, $"its files cannot be read to check them ({e.Message})");
            }

            if (!string.Equals(hash, state.TrustedHash, StringComparison.Ordinal) || !string.Equals(plugin.Folder, state.TrustedFolder, StringComparison.Ordinal))
            {
                return (PluginStatus.Untrusted, $"its files changed since you enabled it: review them, then /plugins enable {plugin.Name}");
            }
        }
        else if (state is null && !plugin.Metadata!.EnabledByDefault)
        {
            return (PluginStatus.Disabled, $"off by default: /plugins enable {plugin.Name}");
        }

        if (faults.TryGetValue(plugin.Name, out var fault))
        {
            return (PluginStatus.Faulted, $"{fault}; /plugins enable {plugin.Name} to try again");
        }

        return (PluginStatus.Active, "");
    }

    private static void ResolveDependencies(Dictionary<DiscoveredPlugin, PluginEntry> entries)
    {
        // Repeat until nothing changes: a plugin losing its dependency can cost its own dependents theirs.
        bool changed;
        do
        {
            changed = false;
            var active = entries.Values.Where(e => e.Status == PluginStatus.Active).Select(e => e.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (plugin, entry) in entries.ToList())
            {
                if (entry.Status != PluginStatus.Active)
                {
                    continue;
                }

                var missing = entry.Metadata!.Dependencies.FirstOrDefault(d => !active.Contains(d));
                if (missing is not null)
                {
                    var other = entries.Values.FirstOrDefault(e => string.Equals(e.Name, missing, StringComparison.OrdinalIgnoreCase));
                    var why = other is null ? $"needs plugin {missing}, which is not installed" : $"needs plugin {missing}, which is {(other.Status == PluginStatus.MissingDependency ? "missing a dependency itself" : other.Status.ToString().ToLowerInvariant())}";
                    entries[plugin] = entry with { Status = PluginStatus.MissingDependency, Reason = why };
                    changed = true;
                }
            }

            changed |= BreakCycles(entries);
        }
        while (changed);
    }

    private static bool BreakCycles(Dictionary<DiscoveredPlugin, PluginEntry> entries)
    {
        var active = entries.Where(e => e.Value.Status == PluginStatus.Active).ToDictionary(e => e.Value.Name, e => e.Key, StringComparer.OrdinalIgnoreCase);
        var state = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase); // 1 = visiting, 2 = done
        string? cycleAt = null;

        bool Visit(string name)
        {
            if (state.TryGetValue(name, out var s))
            {
                return s == 1;
            }

            state[name] = 1;
            foreach (var dependency in entries[active[name]].Metadata!.Dependencies)
            {
                if (active.ContainsKey(dependency) && Visit(dependency))
                {
                    cycleAt ??= name;
                    return true;
                }
            }

            state[name] = 2;
            return false;
        }

        foreach (var name in active.Keys)
        {
            if (Visit(name) && cycleAt is not null)
            {
                var plugin = active[cycleAt];
                entries[plugin] = entries[plugin] with { Status = PluginStatus.MissingDependency, Reason = "its dependencies form a cycle" };
                return true;
            }
        }

        return false;
    }
}
