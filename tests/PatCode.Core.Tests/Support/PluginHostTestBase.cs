namespace PatCode.Core.Tests.Support;

/// <summary>Gives each plugin-host test a fresh <see cref="PluginHostFixture"/> and disposes it (and its host) afterwards.</summary>
public abstract class PluginHostTestBase
{
    internal PluginHostFixture Fixture { get; private set; } = null!;

    [SetUp]
    public void CreateFixture() => Fixture = new PluginHostFixture();

    [TearDown]
    public async Task DisposeFixture() => await Fixture.DisposeAsync();
}
