using System.Diagnostics;
using System.Net.Sockets;
using PatCode.Core.Commands;

namespace PatCode.Chat.Tests.Commands;

/// <summary>/load takes regular files only: what is not one is refused in one line, at once, and nothing is loaded.</summary>
[Platform(Exclude = "Win", Reason = "FIFOs, sockets in folders, /dev and /proc are Unix things")]
[Parallelizable(ParallelScope.All)]
[CancelAfter(30_000)]
public sealed class LoadSpecialFilesTests
{
    [TestCase("fifo", "is a FIFO (named pipe), not a regular file: /load reads regular files only.")]
    [TestCase("socket", "is a socket, not a regular file: /load reads regular files only.")]
    [TestCase("/dev/zero", "is a character device, not a regular file: /load reads regular files only.")]
    [TestCase("/proc/self/maps", "is a file the kernel generates as it is read (proc), not a regular file: /load reads regular files only.")]
    public async Task Load_WhatIsNotARegularFile_IsRefusedInOneLine(string name, string refusal)
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();
        var path = Path.Combine(bed.WorkingDirectory, name);
        using var socket = name == "socket" ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) : null;
        socket?.Bind(new UnixDomainSocketEndPoint(path));
        if (name == "fifo")
        {
            using var mkfifo = Process.Start("mkfifo", [path]);
            await mkfifo.WaitForExitAsync();
        }

        var started = Stopwatch.StartNew();
        var exit = await host.Commands.Single(c => c.Name == "load").ExecuteAsync(new CommandInvocation([name], bed.Output, InRepl: true), CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(bed.Output.Errors.Single(), Is.EqualTo(Path.GetFullPath(path) + " " + refusal));
        Assert.That(host.Session.Files, Is.Empty);
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "refused without waiting on it");
    }
}
