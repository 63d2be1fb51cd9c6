using System.Reflection;
using PatCode.Cli;
using PatCode.Core.Diagnostics;
using PatCode.Core.Plugins.Discovery;

// `patcode --version` alone prints what System.CommandLine would (the informational version) without building the
// command line or loading anything else: it is the figure closest to a hello world (cli.version_ms).
if (args is ["--version"])
{
    Console.Out.WriteLine(typeof(PatCodeCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
    return 0;
}

// Run by the build (plugins.builtin/PatCode.Builtins.Deploy.targets), not by users: indexes the built-ins just copied.
if (args is ["--write-builtin-index", var builtinsFolder])
{
    try
    {
        Console.Out.WriteLine($"indexed {BuiltinPluginIndex.Write(builtinsFolder)} built-in plugin assemblies in {builtinsFolder}");
        return 0;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"patcode: cannot write {BuiltinPluginIndex.FileName} in {builtinsFolder}: {e.Message}");
        return 1;
    }
}

StartupTrace.Mark("main (runtime started)");
var exitCode = await PatCodeCommandLine.RunAsync(args);
StartupTrace.Mark("exit");
return exitCode;
