using System.Reflection;
using PatCode.Core.Diagnostics;
using PatCode.Launcher;

// What runs no plugin code is answered here; the rest goes to the managed host, which replaces this process.
if (args is ["--version"])
{
    Console.Out.WriteLine(typeof(PluginListing).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
    return 0;
}

if (PluginListing.TryParse(args) is { } flags)
{
    // PATCODE_TRACE_STARTUP=1 traces the front end's listing with the managed host's marks.
    StartupTrace.Mark("main (runtime started)");
    var exitCode = await PluginListing.RunAsync(flags);
    StartupTrace.Mark("exit");
    return exitCode;
}

return HostHandOver.Exec(args);
