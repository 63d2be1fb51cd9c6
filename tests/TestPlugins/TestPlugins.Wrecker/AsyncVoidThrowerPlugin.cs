using PatCode.Sdk;

namespace TestPlugins.Wrecker;

/// <summary>An async void method that throws: the exception goes to the thread pool, and the process dies.</summary>
[PatCodePlugin("AsyncVoidThrower")]
public sealed class AsyncVoidThrowerPlugin : Wrecking
{
    protected override void Wreck() => Boom();

    private static async void Boom()
    {
        await Task.Yield();
        throw new InvalidOperationException("thrown from async void");
    }
}
