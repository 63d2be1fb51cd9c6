using PatCode.Core.Plugins.Loading.Workers;

namespace PatCode.Core.Tests.Plugins.Loading.Workers;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class WorkerExecutableTests : IDisposable
{
    // An installed patcode runs as its own apphost, not under dotnet.
    private const string InstalledHost = "/opt/patcode/patcode";

    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Test]
    public void AnExecutableApphost_IsStartedItself()
    {
        var apphost = Worker(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (fileName, prefix) = WorkerExecutable.Resolve(apphost, InstalledHost);

        Assert.That(fileName, Is.EqualTo(apphost));
        Assert.That(prefix, Is.Empty);
    }

    [Test]
    public void AnApphostWithoutItsExecuteBit_AsInADotnetToolPackage_RunsTheDllOnDotnet()
    {
        var apphost = Worker(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (fileName, prefix) = WorkerExecutable.Resolve(apphost, InstalledHost);

        Assert.That(fileName, Is.EqualTo("dotnet"));
        Assert.That(prefix, Is.EqualTo(new[] { apphost + ".dll" }));
    }

    [Test]
    public void UnderDotnet_TheDllRunsOnTheSameDotnet()
    {
        var apphost = Worker(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (fileName, prefix) = WorkerExecutable.Resolve(apphost, "/usr/share/dotnet/dotnet");

        Assert.That(fileName, Is.EqualTo("/usr/share/dotnet/dotnet"));
        Assert.That(prefix, Is.EqualTo(new[] { apphost + ".dll" }));
    }

    [Test]
    public void NoWorkerAtAll_IsAClearLoadError()
    {
        var missing = _temp.Combine(WorkerExecutable.Name);

        var error = Assert.Throws<PluginLoadException>(() => WorkerExecutable.Resolve(missing, InstalledHost));

        Assert.That(error!.Message, Does.Contain("the plugin worker is missing").And.Contain("/plugins isolate <name> in-process"));
    }

    private string Worker(UnixFileMode apphostMode)
    {
        var apphost = _temp.Combine(WorkerExecutable.Name);
        File.WriteAllText(apphost, "#!/bin/sh\n");
        File.SetUnixFileMode(apphost, apphostMode);
        File.WriteAllText(apphost + ".dll", "");
        return apphost;
    }
}
