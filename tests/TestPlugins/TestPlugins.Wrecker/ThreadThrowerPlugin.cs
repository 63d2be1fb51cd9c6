using PatCode.Sdk;

namespace TestPlugins.Wrecker;

/// <summary>Throws on a thread of its own: nobody can catch that, and the process dies.</summary>
[PatCodePlugin("ThreadThrower")]
public sealed class ThreadThrowerPlugin : Wrecking
{
    protected override void Wreck() => new Thread(() => throw new InvalidOperationException("thrown on the plugin's own thread")).Start();
}
