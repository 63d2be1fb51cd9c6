namespace PatCode.Core.Plugins;

/// <summary>Where a plugin's code runs: in a worker process of its own, or inside PatCode itself.</summary>
public enum PluginIsolation
{
    /// <summary>In its own worker process: whatever it does, only the worker dies.</summary>
    Process,

    /// <summary>Inside the patcode process: fastest, but a crash takes PatCode down with it.</summary>
    InProcess,
}
