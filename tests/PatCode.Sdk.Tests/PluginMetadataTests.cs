using PatCode.Sdk;

namespace PatCode.Sdk.Tests;

public sealed class PluginMetadataTests
{
    [Test]
    public void Metadata_IsReadFromTheExportAttribute()
    {
        var metadata = new SamplePlugin().Metadata;

        Assert.That(metadata.Name, Is.EqualTo("Sample"));
        Assert.That(metadata.Version, Is.EqualTo("2.1.0"));
        Assert.That(metadata.Priority, Is.EqualTo(PluginPriority.Low));
        Assert.That(metadata.EnabledByDefault, Is.False);
        Assert.That(metadata.Dependencies, Is.EqualTo(new[] { "Other" }));
    }

    [Test]
    public void FromType_WithoutTheAttribute_SaysSo() =>
        Assert.That(() => PluginMetadata.FromType(typeof(string)), Throws.InvalidOperationException.With.Message.Contains("no [PatCodePlugin] attribute"));

    [Test]
    public void Priorities_KeepThePrototypesOrder() =>
        Assert.That(Enum.GetValues<PluginPriority>(), Is.EqualTo(new[] { PluginPriority.Critical, PluginPriority.High, PluginPriority.Normal, PluginPriority.Low, PluginPriority.Last }).AsCollection.And.Ordered);

    [Test]
    public void Results_SayWhetherTheChainGoesOn()
    {
        Assert.That(PluginResult.Ok().ShouldContinue, Is.True);
        Assert.That(PluginResult.Stop().ShouldContinue, Is.False);
        Assert.That(PluginResult.Fail("nope").Success, Is.False);
        Assert.That(PluginResult.Fail("nope").ShouldContinue, Is.True);
        Assert.That(() => PluginResult.Fail(" "), Throws.ArgumentException);
    }

    [Test]
    public void TimerScope_RecordsItsDurationOnce()
    {
        var telemetry = new Moq.Mock<IPluginTelemetry> { CallBase = true };
        using (telemetry.Object.StartTimer("parse"))
        {
        }

        telemetry.Verify(t => t.RecordDuration("parse", Moq.It.Is<TimeSpan>(d => d >= TimeSpan.Zero)), Moq.Times.Once);
    }

    [PatCodePlugin("Sample", Version = "2.1.0", Priority = PluginPriority.Low, EnabledByDefault = false, Dependencies = ["Other"])]
    private sealed class SamplePlugin : Plugin
    {
        public override Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken) => Task.FromResult(PluginResult.Ok());
    }
}
