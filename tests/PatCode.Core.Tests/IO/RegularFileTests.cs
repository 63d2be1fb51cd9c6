using System.Diagnostics;
using System.Net.Sockets;
using PatCode.Core.IO;

namespace PatCode.Core.Tests.IO;

[Platform(Exclude = "Win", Reason = "FIFOs, sockets in folders, /dev and /proc are Unix things")]
[CancelAfter(30_000)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RegularFileTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Test]
    public void KindOf_TellsFilesFromFoldersFifosSocketsAndDevices()
    {
        var file = _temp.Combine("notes.txt");
        File.WriteAllText(file, "text");
        var link = _temp.Combine("link-to-fifo");
        File.CreateSymbolicLink(link, MakeFifo(_temp.Combine("pipe")));
        using var socket = MakeSocket(_temp.Combine("socket"));

        Assert.That(RegularFile.KindOf(file), Is.EqualTo(FileKind.Regular));
        Assert.That(RegularFile.KindOf(_temp.Path), Is.EqualTo(FileKind.Directory));
        Assert.That(RegularFile.KindOf(_temp.Combine("pipe")), Is.EqualTo(FileKind.Fifo));
        Assert.That(RegularFile.KindOf(link), Is.EqualTo(FileKind.Fifo), "links are followed");
        Assert.That(RegularFile.KindOf(_temp.Combine("socket")), Is.EqualTo(FileKind.Socket));
        Assert.That(RegularFile.KindOf("/dev/zero"), Is.EqualTo(FileKind.CharacterDevice));
        Assert.That(RegularFile.KindOf(_temp.Combine("missing")), Is.EqualTo(FileKind.Unknown));
    }

    [Test]
    public void Refusal_NamesWhatIsNotARegularFile_AndAcceptsOne()
    {
        var file = _temp.Combine("notes.txt");
        File.WriteAllText(file, "text");

        Assert.That(RegularFile.Refusal(file), Is.Null);
        Assert.That(RegularFile.Refusal(MakeFifo(_temp.Combine("pipe"))), Is.EqualTo("a FIFO (named pipe)"));
        Assert.That(RegularFile.Refusal("/dev/zero"), Is.EqualTo("a character device"));
        Assert.That(RegularFile.Refusal("/proc/self/maps"), Is.EqualTo("a file the kernel generates as it is read (proc)"), "a regular file to stat, but made up as it is read");
        if (File.Exists("/sys/kernel/mm/transparent_hugepage/enabled"))
        {
            Assert.That(RegularFile.Refusal("/sys/kernel/mm/transparent_hugepage/enabled"), Does.Contain("(sysfs)"));
        }
    }

    [Test]
    public void ReadAtMost_ReadsOneByteOverTheCap_AndNoMore()
    {
        var big = _temp.Combine("big.txt");
        File.WriteAllBytes(big, new byte[1_000_000]);
        var small = _temp.Combine("small.txt");
        File.WriteAllText(small, "short");

        Assert.That(RegularFile.ReadAtMost(big, 4096), Has.Length.EqualTo(4097));
        Assert.That(RegularFile.ReadAtMost(small, 4096), Is.EqualTo("short"u8.ToArray()));
        Assert.That(RegularFile.ReadAtMost(small, 5), Has.Length.EqualTo(5), "exactly at the cap is not over it");
    }

    [Test]
    public void OpenRead_ADeviceGivenAnyway_IsRefusedOnceOpen_InsteadOfReadForever()
    {
        var started = Stopwatch.StartNew();

        Assert.Throws<IOException>(() => RegularFile.ReadAtMost("/dev/zero", 1024));
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    private static string MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.EqualTo(0), "mkfifo (coreutils) is needed");
        return path;
    }

    private static Socket MakeSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }
}
