using PatCode.Core.Commands;
using PatCode.Core.Console;
using PatCode.Core.Plugins.Installation;
using PatCode.Core.Security;

namespace PatCode.Core.Plugins.Commands;

/// <summary>
/// /plugins and <c>patcode plugins …</c>: list, info, enable, disable, isolate, reload, install, uninstall, and
/// with a feed client (<paramref name="feeds"/>) install by package id, update, outdated and search. Outside the
/// REPL nothing is loaded: enable and isolate record the choice (and the trust), and the next session loads the
/// plugin accordingly.
/// </summary>
public sealed class PluginsCommand(PluginHost host, string userPluginsFolder, PluginInstallLimits? installLimits = null, Func<IPluginFeedCommands>? feeds = null) : IHostCommand
{
    private const string UsageLine = "plugins [list | info <name> | enable <name> | disable <name> | isolate <name> process|in-process | reload | install <folder|.zip|.nupkg|id[@version]> [--replace] [--source <feed>] [--prerelease] | uninstall <name> | update [<name>|--all] | outdated | search <term>]";

    public string Name => "plugins";

    public string Summary => "list plugins with their status; enable, disable, isolate, reload, install";

    public IReadOnlyList<string> Usage =>
    [
        "plugins", "plugins list", "plugins info <name>", "plugins enable <name>", "plugins disable <name>",
        "plugins isolate <name> process|in-process", "plugins reload", "plugins install <folder|.zip|.nupkg> [--replace]", "plugins uninstall <name>",
        "plugins install <package-id>[@<version>] [--source <feed>] [--prerelease]", "plugins update [<name>|--all] [--source <feed>] [--prerelease]",
        "plugins outdated [--source <feed>] [--prerelease]", "plugins search <term> [--source <feed>] [--prerelease]",
    ];

    public bool AvailableOnCommandLine => true;

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var args = invocation.Arguments;
        var output = invocation.Output;
        var sub = args.Count == 0 ? "list" : args[0].ToLowerInvariant();
        if (sub is "enable" or "disable" or "uninstall" && args.Count == 2 && PluginName.Validate(args[1]) is { } badName)
        {
            output.WriteError($"{badName}.");
            return ExitCodes.Usage;
        }

        switch (sub, args.Count)
        {
            case ("list", 1) or ("list", 0):
                List(invocation);
                return ExitCodes.Success;
            case ("info", 2):
                return Info(args[1], output);
            case ("enable", 2):
                return await EnableAsync(args[1], invocation, cancellationToken);
            case ("disable", 2):
                return await DisableAsync(args[1], invocation, cancellationToken);
            case ("isolate", 3):
                return await IsolateAsync(args[1], args[2], invocation, cancellationToken);
            case ("reload", 1):
                await host.ReloadAsync(cancellationToken);
                var active = host.Entries.Count(e => e.Status == PluginStatus.Active);
                output.WriteLine($"Reloaded: {active} active of {host.Entries.Count} plugins.");
                return ExitCodes.Success;
            case ("install", >= 2) when feeds is not null && IsPackageRequest(args.Skip(1).ToList()):
            case ("update" or "outdated" or "search", _) when feeds is not null:
                return await feeds().RunAsync(sub, args.Skip(1).ToList(), invocation, cancellationToken);
            case ("install", 2) or ("install", 3):
                return Install(args.Skip(1).ToList(), output);
            case ("uninstall", 2):
                return await UninstallAsync(args[1], invocation, cancellationToken);
            default:
                output.WriteError($"Unknown or incomplete /plugins command '{string.Join(' ', args)}'. Usage: /{UsageLine}");
                return ExitCodes.Usage;
        }
    }

    private void List(CommandInvocation invocation)
    {
        var entries = invocation.InRepl ? host.Entries : host.Scan();
        if (entries.Count == 0)
        {
            invocation.Output.WriteLine($"No plugins found. Put plugin folders in {userPluginsFolder}, or run: patcode plugins install <folder>");
            return;
        }

        var table = new TextTable("name", "version", "priority", "status", "isolation", "source", "author", "description");
        foreach (var entry in entries.OrderBy(e => e.Priority ?? Sdk.PluginPriority.Last).ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase))
        {
            var status = entry.Status == PluginStatus.Active ? "Active" : $"{entry.Status}: {entry.Reason}";
            table.AddRow(entry.Name, entry.Version, entry.Priority?.ToString() ?? "-", status, entry.Isolation.ToName(), DisplaySource(entry), entry.Metadata?.Author ?? "", entry.Metadata?.Description ?? "");
        }

        invocation.Output.WriteTable(table);
    }

    private int Info(string name, IUserOutput output)
    {
        host.Scan();
        var details = host.Describe(name);
        if (details is null)
        {
            return UnknownPlugin(name, output);
        }

        var entry = details.Entry;
        var table = new TextTable("field", "value") { Title = entry.Name };
        table.AddRow("status", entry.Status == PluginStatus.Active ? "Active" : $"{entry.Status}: {entry.Reason}");
        table.AddRow("version", entry.Version);
        table.AddRow("priority", entry.Priority?.ToString() ?? "-");
        table.AddRow("isolation", details.RunsAs);
        table.AddRow("author", entry.Metadata?.Author ?? "");
        table.AddRow("description", entry.Metadata?.Description ?? "");
        table.AddRow("depends on", entry.Metadata is { Dependencies.Count: > 0 } m ? string.Join(", ", m.Dependencies) : "-");
        table.AddRow("source", $"{entry.Source}: {entry.Folder}");
        table.AddRow("assembly", details.AssemblyPath ?? "-");
        table.AddRow("built against", details.SdkVersion is null ? "-" : $"PatCode.Sdk {details.SdkVersion.ToString(3)}");
        table.AddRow("commands", details.Commands.Count == 0 ? "-" : string.Join("; ", details.Commands));
        if (host.ProvenanceOf(entry.Name) is { } package)
        {
            table.AddRow("package", $"{package.PackageId} {package.Version}");
            table.AddRow("feed", package.Feed);
            table.AddRow("sha512", package.Sha512);
            table.AddRow("signature", package.Signature);
        }

        foreach (var note in details.Notes)
        {
            table.AddRow("note", note);
        }

        output.WriteTable(table);
        return ExitCodes.Success;
    }

    private async Task<int> EnableAsync(string name, CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var error = await host.EnableAsync(name, load: invocation.InRepl, cancellationToken);
        var entry = host.Find(name);
        if (entry is null)
        {
            return UnknownPlugin(name, invocation.Output);
        }

        if (error is not null)
        {
            invocation.Output.WriteError(error);
            return ExitCodes.Failure;
        }

        var trusted = entry.Source is PluginSource.User or PluginSource.Configured ? " and trusted as its files are now" : "";
        if (host.ProvenanceOf(entry.Name) is { } package)
        {
            invocation.Output.WriteLine(TerminalText.Sanitize($"Package {package.PackageId} {package.Version} from {package.Feed}: {package.Signature}."));
        }

        invocation.Output.WriteLine(TerminalText.Sanitize(entry.Status == PluginStatus.Active
            ? $"{entry.Name} is enabled{trusted}{(invocation.InRepl ? " and loaded" : "; it loads in the next session")}."
            : $"{entry.Name} is enabled{trusted}, but it is {entry.Status}: {entry.Reason}"));
        return entry.Status == PluginStatus.Active ? ExitCodes.Success : ExitCodes.Failure;
    }

    private async Task<int> DisableAsync(string name, CommandInvocation invocation, CancellationToken cancellationToken)
    {
        if (!await host.DisableAsync(name, unload: invocation.InRepl, cancellationToken))
        {
            return UnknownPlugin(name, invocation.Output);
        }

        invocation.Output.WriteLine($"{host.Find(name)!.Name} is disabled{(invocation.InRepl ? " and unloaded" : "")}.");
        return ExitCodes.Success;
    }

    private async Task<int> IsolateAsync(string name, string mode, CommandInvocation invocation, CancellationToken cancellationToken)
    {
        if (!PluginIsolationNames.TryParse(mode, out var isolation))
        {
            invocation.Output.WriteError($"'{mode}' is not an isolation mode: use /plugins isolate {name} process (a worker of its own) or /plugins isolate {name} in-process.");
            return ExitCodes.Usage;
        }

        if (!await host.SetIsolationAsync(name, isolation, reload: invocation.InRepl, cancellationToken))
        {
            return UnknownPlugin(name, invocation.Output);
        }

        var entry = host.Find(name)!;
        var where = isolation == PluginIsolation.Process ? "in a worker process of its own" : "inside PatCode (in process)";
        var when = invocation.InRepl ? (entry.Status == PluginStatus.Active ? " from now on" : $" once it is active (it is {entry.Status})") : " from the next session";
        invocation.Output.WriteLine($"{entry.Name} runs {where}{when}.");
        return ExitCodes.Success;
    }

    private int Install(IReadOnlyList<string> args, IUserOutput output)
    {
        var replace = args.Contains("--replace");
        var source = args.FirstOrDefault(a => a != "--replace");
        if (source is null || args.Count(a => a != "--replace") != 1)
        {
            output.WriteError($"Usage: /plugins install <folder|.zip|.nupkg> [--replace]");
            return ExitCodes.Usage;
        }

        var result = PluginInstaller.Install(Path.GetFullPath(source), userPluginsFolder, replace, installLimits, host.Roots);
        if (!result.Succeeded)
        {
            output.WriteError(result.Error!);
            return ExitCodes.Failure;
        }

        foreach (var name in result.Plugins)
        {
            host.RecordProvenance(name, null); // From a path now, not from a feed.
        }

        host.Scan();
        var names = string.Join(", ", result.Plugins);
        output.WriteLine($"Installed {names} into {result.Folder}. It stays Untrusted until you review it and run: patcode plugins enable {result.Plugins[0]}");
        return ExitCodes.Success;
    }

    private async Task<int> UninstallAsync(string name, CommandInvocation invocation, CancellationToken cancellationToken)
    {
        host.Scan();
        var entry = host.Find(name);
        if (entry is null)
        {
            return UnknownPlugin(name, invocation.Output);
        }

        var error = PluginInstaller.Uninstall(entry, userPluginsFolder);
        if (error is not null)
        {
            invocation.Output.WriteError(error);
            return ExitCodes.Failure;
        }

        host.RecordProvenance(entry.Name, null);
        if (invocation.InRepl)
        {
            await host.ReloadAsync(cancellationToken);
        }

        invocation.Output.WriteLine($"Uninstalled {entry.Name} from {entry.Folder}.");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Whether <c>install</c> names a package on a feed rather than a path: it asks for a feed or a prerelease,
    /// or its target is no existing file or folder and reads as a NuGet package id, optionally with @version.
    /// </summary>
    private static bool IsPackageRequest(IReadOnlyList<string> args)
    {
        if (args.Any(a => a is "--source" or "--prerelease"))
        {
            return true;
        }

        var target = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        return target is not null
            && !File.Exists(target) && !Directory.Exists(target)
            && !target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && !target.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase)
            && System.Text.RegularExpressions.Regex.IsMatch(target, @"^[A-Za-z0-9_]+([.-][A-Za-z0-9_]+)*(@[0-9A-Za-z.+-]+)?$");
    }

    /// <summary>"built-in" for plugins shipped with PatCode, else the folder with the home directory shown as ~.</summary>
    private static string DisplaySource(PluginEntry entry)
    {
        if (entry.Source == PluginSource.Builtin)
        {
            return "built-in";
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length > 1 && entry.Folder.StartsWith(home + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? "~" + entry.Folder[home.Length..]
            : entry.Folder;
    }

    private int UnknownPlugin(string name, IUserOutput output)
    {
        output.WriteError($"No plugin named '{name}'.{NameSuggestions.Hint(name, host.Entries.Select(e => e.Name))} Run /plugins list to see them all.");
        return ExitCodes.Usage;
    }
}
