using System.Runtime.InteropServices;
using PatCode.Sdk;

namespace TestPlugins.Wrecker;

/// <summary>Holds on to 2 GB of native memory, which the GC's heap limit does not see, touching every page.</summary>
[PatCodePlugin("NativeHog")]
public sealed class NativeHogPlugin : Wrecking
{
    private static readonly List<IntPtr> Held = [];

    protected override unsafe void Wreck()
    {
        for (var i = 0; i < 2048; i++)
        {
            var block = Marshal.AllocHGlobal(1024 * 1024);
            new Span<byte>((void*)block, 1024 * 1024).Fill((byte)i);
            Held.Add(block);
        }
    }
}
