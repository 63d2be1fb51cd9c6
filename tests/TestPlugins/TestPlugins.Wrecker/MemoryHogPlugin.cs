using PatCode.Sdk;

namespace TestPlugins.Wrecker;

/// <summary>Holds on to 2 GB of managed memory, 1 MB at a time, in a static list nobody frees.</summary>
[PatCodePlugin("MemoryHog")]
public sealed class MemoryHogPlugin : Wrecking
{
    private static readonly List<byte[]> Held = [];

    protected override void Wreck()
    {
        for (var i = 0; i < 2048; i++)
        {
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)i);
            Held.Add(block);
        }
    }
}
