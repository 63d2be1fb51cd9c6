using System.Diagnostics;
using PatCode.Sdk;

namespace TestPlugins.Wrecker;

/// <summary>
/// Starts two processes that would run for ten minutes: a child, and an orphan (a shell's background child, left
/// behind when the shell exits at once, so no walk of the worker's process tree can find it). Their PIDs go into
/// its section. A message "hang &lt;file&gt;" writes them to that file instead and keeps the call going, ignoring its token.
/// </summary>
[PatCodePlugin("Spawner")]
public sealed class SpawnerPlugin : Plugin
{
    public override async Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "sleep 600 > /dev/null 2>&1 & echo $!"]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        var orphan = (await shell.StandardOutput.ReadToEndAsync(CancellationToken.None)).Trim();
        await shell.WaitForExitAsync(CancellationToken.None);
        var pids = $"child={child.Id} orphan={orphan}";
        if (context.Input.StartsWith("hang ", StringComparison.Ordinal))
        {
            File.WriteAllText(context.Input["hang ".Length..], pids);
            Thread.Sleep(Timeout.Infinite);
        }

        context.AddSection("Spawner", pids);
        return PluginResult.Ok();
    }
}
