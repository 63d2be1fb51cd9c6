namespace PatCode.Core.Plugins;

/// <summary>The words for <see cref="PluginIsolation"/> in configuration, plugins.json and the commands: "process" and "in-process".</summary>
public static class PluginIsolationNames
{
    public const string Process = "process";

    public const string InProcess = "in-process";

    public static string ToName(this PluginIsolation isolation) => isolation == PluginIsolation.Process ? Process : InProcess;

    public static bool TryParse(string? text, out PluginIsolation isolation)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case Process:
                isolation = PluginIsolation.Process;
                return true;
            case InProcess or "inprocess":
                isolation = PluginIsolation.InProcess;
                return true;
            default:
                isolation = default;
                return false;
        }
    }
}
