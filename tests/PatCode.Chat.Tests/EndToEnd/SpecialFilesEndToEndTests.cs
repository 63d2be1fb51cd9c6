using System.Diagnostics;

namespace PatCode.Chat.Tests.EndToEnd;

/// <summary>A FIFO, /dev/zero and /proc/self/maps in the real REPL: refused in one line each, and the REPL goes on.</summary>
[Platform(Exclude = "Win", Reason = "FIFOs, /dev and /proc are Unix things")]
[Parallelizable(ParallelScope.All)]
[CancelAfter(120_000)]
public sealed class SpecialFilesEndToEndTests
{
    [Test]
    public async Task Repl_LoadAndAnalyze_RefuseWhatIsNotARegularFile_AndNeverHang()
    {
        await using var world = await EndToEndWorld.StartAsync();
        var fifo = Path.Combine(world.WorkingDirectory, "pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        File.WriteAllText(Path.Combine(world.WorkingDirectory, "notes.txt"), "a real file\n");

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(
            world.WorkingDirectory, world.Environment, "/load pipe\n/load /dev/zero\n/load /proc/self/maps\n/load notes.txt\n/analyze\n");

        Assert.That(exit, Is.EqualTo(0), stderr);
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(errors, Is.EqualTo(new[]
        {
            $"error: {fifo} is a FIFO (named pipe), not a regular file: /load reads regular files only.",
            "error: /dev/zero is a character device, not a regular file: /load reads regular files only.",
            "error: /proc/self/maps is a file the kernel generates as it is read (proc), not a regular file: /load reads regular files only.",
        }));
        Assert.That(stdout, Does.Contain("Loaded " + Path.Combine(world.WorkingDirectory, "notes.txt")), "the REPL went on");
        Assert.That(stdout, Does.Contain("Special files (FIFOs, sockets, devices): 1, not read."), "the FileAnalyzer built-in, loaded like any plugin");
    }
}
