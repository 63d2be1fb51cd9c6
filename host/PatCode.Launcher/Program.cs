using System.Reflection;
using PatCode.Launcher;

// What runs no plugin code is answered here; the rest goes to the managed host, which replaces this process.
if (args is ["--version"])
{
    Console.Out.WriteLine(typeof(PluginListing).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
    return 0;
}

if (PluginListing.TryParse(args) is { } flags)
{
    return await PluginListing.RunAsync(flags);
}

return HostHandOver.Exec(args);
