using PatCode.Sdk;

namespace TestPlugins.Wrecker;

[PatCodePlugin("Exiter")]
public sealed class ExiterPlugin : Wrecking
{
    protected override void Wreck() => Environment.Exit(3);
}
