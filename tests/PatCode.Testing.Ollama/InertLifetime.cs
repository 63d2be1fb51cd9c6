using Microsoft.Extensions.Hosting;

namespace PatCode.Testing.Ollama;

/// <summary>
/// Keeps the emulator's host from taking over Ctrl+C and SIGTERM (the default console lifetime would), so a
/// test process or a benchmark hosting it keeps its own signal handling.
/// </summary>
internal sealed class InertLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
