using System.Runtime.CompilerServices;
using PatCode.Sdk;

namespace TestPlugins.Wrecker;

[PatCodePlugin("StackOverflower")]
public sealed class StackOverflowerPlugin : Wrecking
{
    protected override void Wreck() => Recurse(0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Recurse(int depth) => Recurse(depth + 1) + depth;
}
