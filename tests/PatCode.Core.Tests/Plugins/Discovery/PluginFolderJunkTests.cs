namespace PatCode.Core.Tests.Plugins.Discovery;

public sealed class PluginFolderJunkTests : PluginHostTestBase
{
    [Test]
    public async Task EveryKindOfJunk_IsReportedWithAClearReason_AndGoodPluginsStillLoad()
    {
        var root = Fixture.TrustedRoot;
        TestPlugins.Install("TestPlugins.Alpha", root);

        Junk(root, "ZeroByte", dll: []);
        Junk(root, "TextDll", dll: "this is not an assembly"u8.ToArray());
        Junk(root, "NativeSo", dll: File.ReadAllBytes(FindNativeLibrary()));
        Directory.CreateDirectory(Path.Combine(root, "NoManifest"));
        File.WriteAllText(Path.Combine(root, "NoManifest", "Something.dll"), "x");
        Directory.CreateDirectory(Path.Combine(root, "BadJson"));
        File.WriteAllText(Path.Combine(root, "BadJson", "plugin.json"), "{ \"assembly\": ");
        Directory.CreateDirectory(Path.Combine(root, "MissingDll"));
        File.WriteAllText(Path.Combine(root, "MissingDll", "plugin.json"), "{ \"schema\": 1, \"name\": \"MissingDll\", \"assembly\": \"Gone.dll\", \"sdkVersion\": \"1.0.0\" }");
        TestPlugins.Install("TestPlugins.Alpha", root, "zz-AlphaCopy");
        File.WriteAllText(Path.Combine(root, "loose.dll"), "loose");

        var host = Fixture.Create();
        await host.StartAsync();

        var invalid = host.Entries.Where(e => e.Status == PluginStatus.Invalid).ToDictionary(e => Path.GetFileName(e.Folder), e => e.Reason);
        Assert.Multiple(() =>
        {
            Assert.That(invalid["ZeroByte"], Does.Contain("is empty (0 bytes)"));
            Assert.That(invalid["TextDll"], Does.Contain("is not a .NET assembly (it looks like text or other data)"));
            Assert.That(invalid["NativeSo"], Does.Contain("native"));
            Assert.That(invalid["NoManifest"], Does.StartWith("no plugin.json in"));
            Assert.That(invalid["BadJson"], Does.Contain("is not valid JSON"));
            Assert.That(invalid["MissingDll"], Does.Contain("names Gone.dll, which is not in"));
            Assert.That(invalid["zz-AlphaCopy"], Does.StartWith("another plugin named Alpha is already loaded from"));
            Assert.That(invalid["loose.dll"], Does.Contain("lies loose in the plugins folder"));
        });
        Assert.That(host.Entries.Single(e => e.Name == "Alpha" && e.Status != PluginStatus.Invalid).Status, Is.EqualTo(PluginStatus.Active));
        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);
        Assert.That(result.Sections.Select(s => s.Plugin), Is.EqualTo(new[] { "Alpha" }));
    }

    [Test]
    public async Task AnUnreadableFolder_IsReported_AndOthersStillLoad()
    {
        if (Environment.UserName == "root")
        {
            // Permissions do not stop root; the same case is covered end to end by the CLI tests, which run the
            // listing as an unprivileged user. Here an unreadable folder is simulated by a symlink loop.
            var loop = Path.Combine(Fixture.TrustedRoot, "Loop");
            Directory.CreateSymbolicLink(loop, loop);
        }
        else
        {
            var locked = Path.Combine(Fixture.TrustedRoot, "Locked");
            Directory.CreateDirectory(locked);
            File.SetUnixFileMode(locked, UnixFileMode.None);
        }

        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        var host = Fixture.Create();
        await host.StartAsync();

        var broken = host.Entries.Single(e => e.Status == PluginStatus.Invalid);
        Assert.That(broken.Reason, Does.StartWith("cannot read"));
        Assert.That(host.Entries.Single(e => e.Name == "Alpha").Status, Is.EqualTo(PluginStatus.Active));
    }

    private static void Junk(string root, string folder, byte[] dll)
    {
        var path = Path.Combine(root, folder);
        Directory.CreateDirectory(path);
        File.WriteAllBytes(Path.Combine(path, folder + ".dll"), dll);
        File.WriteAllText(Path.Combine(path, "plugin.json"), $"{{ \"schema\": 1, \"name\": \"{folder}\", \"assembly\": \"{folder}.dll\", \"sdkVersion\": \"1.0.0\" }}");
    }

    private static string FindNativeLibrary() =>
        Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "libSystem.Native.so").Single();
}
