namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>Limits and start-up of plugin worker processes.</summary>
public sealed record WorkerOptions
{
    /// <summary>The GC heap hard limit of one worker; its resident memory may not grow much past it either.</summary>
    public int MemoryLimitMegabytes { get; init; } = 512;

    /// <summary>The largest message either side may send over the channel.</summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>How much of a worker's stdout and stderr (half each) reaches the plugin's log before the rest is dropped.</summary>
    public int MaxOutputBytes { get; init; } = 256 * 1024;

    /// <summary>After a deadline, how long a worker has to answer before it is killed.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a worker may take from spawn to ready (its plugin loaded), hooks excluded.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The worker's entry point: its executable, or its .dll to run with the host's dotnet. Beside the host by default.</summary>
    public string? Executable { get; init; }
}
