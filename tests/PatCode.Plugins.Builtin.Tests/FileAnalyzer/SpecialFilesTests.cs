using System.Diagnostics;
using System.Net.Sockets;
using PatCode.Plugins.Builtin.Tests.Support;
using PatCode.Plugins.FileAnalyzer;
using PatCode.Sdk.Testing;

namespace PatCode.Plugins.Builtin.Tests.FileAnalyzer;

/// <summary>The analyzer opens regular files only, reads no more than its cap, and does not analyse /proc or /sys.</summary>
[Platform(Exclude = "Win", Reason = "FIFOs, sockets in folders and /proc are Unix things")]
[CancelAfter(30_000)]
public sealed class SpecialFilesTests
{
    private TemporaryDirectory _root = null!;

    [SetUp]
    public void SetUp()
    {
        _root = new TemporaryDirectory("patcode-special");
        _root.WriteFile("src/app.cs", "class App\n{\n}\n");
    }

    [TearDown]
    public void TearDown() => _root.Dispose();

    [Test]
    public async Task Analyze_ATreeWithAFifoASocketAndAFifoNamedGitIgnore_FinishesAndCountsThemAsSpecial()
    {
        MakeFifo(_root.Combine("pipe"));
        MakeFifo(_root.Combine(".gitignore"));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(_root.Combine("src", "socket")));

        var report = await RunCommandAsync();

        Assert.That(report, Does.Contain("Files: 1 in 1 directories"));
        Assert.That(report, Does.Contain("Special files (FIFOs, sockets, devices): 3, not read."));
    }

    [TestCase("/proc")]
    [TestCase("/proc/self")]
    [TestCase("/sys")]
    public async Task AnalyzeCommand_AKernelFileSystem_IsRefusedInOneLine(string folder)
    {
        var report = await RunCommandAsync(folder);

        Assert.That(report, Does.Match($@"^{folder} is in the kernel's (proc|sysfs) file system, not a project; give a project folder, e\.g\. /analyze src\.$"));
    }

    [Test]
    public void CountLines_AFileOverTheCap_IsFoundOverItWhileBeingRead()
    {
        var path = _root.WriteFile("grows.txt", new string('x', 100) + "\n");

        Assert.That(FileContentStats.CountLines(path, maxBytes: 10), Is.EqualTo(FileContentStats.OverCap));
        Assert.That(FileContentStats.CountLines(path, maxBytes: 101), Is.EqualTo(1));
    }

    private Task<string> RunCommandAsync(params string[] arguments) =>
        PluginCommandRunner.RunAsync(new FileAnalyzerPlugin(), "analyze", arguments, _root.Path);

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.EqualTo(0), "mkfifo (coreutils) is needed");
    }
}
