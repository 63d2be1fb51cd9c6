using PatCode.Sdk;

namespace TestPlugins.Wrecker;

[PatCodePlugin("FailFaster")]
public sealed class FailFasterPlugin : Wrecking
{
    protected override void Wreck() => Environment.FailFast("the plugin gave up");
}
